import fs from "node:fs";
import path from "node:path";

/*
 * The route a request went to, as the app names it (`/clients/[id]`), for the metrics' labels: a
 * path with its ids or tokens would make a new series per client and put link tokens in the
 * metrics. Read from the build's routes manifest (`next build` writes it); a path that matches no
 * route is "unmatched", so made-up paths cannot grow the series either.
 */

type Route = { page: string; regex: RegExp };

let routes: Route[] | null = null;

function loadRoutes(): Route[] {
  if (routes) return routes;
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), ".next", "routes-manifest.json"), "utf8")) as {
      staticRoutes?: { page: string; regex: string }[];
      dynamicRoutes?: { page: string; regex: string }[];
    };
    routes = [...(manifest.staticRoutes ?? []), ...(manifest.dynamicRoutes ?? [])].map((route) => ({ page: route.page, regex: new RegExp(route.regex) }));
  } catch {
    routes = [];
  }
  return routes;
}

/** `routes` for tests; the build's manifest otherwise. */
export function routeLabel(url: string | undefined, known: Route[] = loadRoutes()): string {
  const pathname = (url ?? "/").split("?")[0]!.replace(/\/+$/, "") || "/";
  if (pathname.startsWith("/_next/static/")) return "/_next/static";
  if (pathname.startsWith("/_next/")) return "/_next";
  for (const route of known) if (route.regex.test(pathname)) return route.page;
  return "unmatched";
}
