import { getEnv } from "@/config/env";

/** The public origin for links that leave the app (emails, copied links). */
export function appUrl(path = "/"): string {
  const base = getEnv().APP_URL.replace(/\/+$/, "");
  return `${base}${path.startsWith("/") ? path : `/${path}`}`;
}
