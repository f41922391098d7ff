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

const CALLBACK_COOKIE = /^(__Secure-)?authjs\.callback-url=(.*)$/;

/**
 * The Cookie header without a callback-url cookie that is unsafe (next-auth reads it as a fallback,
 * and a hand-made one gave a 500 too); null when nothing needs dropping. `force` drops it anyway
 * (the query's value was unsafe, and next-auth may have stored it).
 */
export function withoutUnsafeCallbackCookie(cookieHeader: string | null, origin: string, force = false): string | null {
  if (!cookieHeader) return null;
  const parts = cookieHeader.split(/;\s*/);
  const unsafe = (part: string) => {
    const match = CALLBACK_COOKIE.exec(part);
    if (!match) return false;
    if (force) return true;
    try {
      return !isSafeCallbackUrl(decodeURIComponent(match[2]!), origin);
    } catch {
      return true;
    }
  };
  if (!parts.some(unsafe)) return null;
  return parts.filter((part) => !unsafe(part)).join("; ");
}

/** A form body (application/x-www-form-urlencoded) without an unsafe `callbackUrl` field; null when nothing needs dropping. */
export function withoutUnsafeCallbackField(body: string, origin: string): string | null {
  const form = new URLSearchParams(body);
  const values = form.getAll("callbackUrl");
  if (values.length === 0 || (values.length === 1 && isSafeCallbackUrl(values[0]!, origin))) return null;
  form.delete("callbackUrl");
  return form.toString();
}
