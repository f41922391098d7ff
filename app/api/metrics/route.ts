import { createHash, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/config/env";
import { renderMetrics } from "@/lib/operations/metrics";

export const dynamic = "force-dynamic";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Whether the Authorization header carries METRICS_TOKEN, compared in constant time. */
function authorized(header: string | null, token: string): boolean {
  const offered = /^Bearer (.+)$/.exec(header ?? "")?.[1];
  return offered !== undefined && timingSafeEqual(digest(offered), digest(token));
}

/**
 * Prometheus metrics (lib/operations/metrics.ts), only for `Authorization: Bearer $METRICS_TOKEN`.
 * Without the token set, or with a wrong one, the route does not exist (404), as for any unknown path.
 */
export async function GET(request: Request) {
  const token = getEnv().METRICS_TOKEN;
  if (!token || !authorized(request.headers.get("authorization"), token)) {
    return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" } });
  }
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
}
