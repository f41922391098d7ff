/*
 * Issue 24, probe 10: a malformed `callbackUrl` (`javascript:…`, a look-alike host, `//evil`) on
 * next-auth's routes gave a 500. The auth route drops such a value before next-auth sees it: only
 * a path on this site, or a URL of this very origin, may say where to go after signing in.
 */

/** Whether `value` names a place on this site (`/clients`, or an absolute URL of `origin`). */
export function isSafeCallbackUrl(value: string, origin: string): boolean {
  if (value.length > 2000 || /[\u0000-\u001f\u007f\\]/.test(value)) return false;
  if (value.startsWith("/")) return !value.startsWith("//");
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === new URL(origin).origin;
  } catch {
    return false;
  }
}

/** The request's URL without an unsafe `callbackUrl` query parameter; null when nothing needs dropping. */
export function withoutUnsafeCallbackUrl(requestUrl: string, origin: string): URL | null {
  const url = new URL(requestUrl);
  const values = url.searchParams.getAll("callbackUrl");
  if (values.length === 0 || (values.length === 1 && isSafeCallbackUrl(values[0]!, origin))) return null;
  url.searchParams.delete("callbackUrl");
  return url;
}
