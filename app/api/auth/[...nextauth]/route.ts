import { NextRequest } from "next/server";
import { getEnv } from "@/config/env";
import { withoutUnsafeCallbackCookie, withoutUnsafeCallbackField, withoutUnsafeCallbackUrl } from "@/lib/auth/callback-url";
import { handlers } from "@/lib/auth/config";

/**
 * next-auth's routes, never given a callbackUrl that leads off this site (lib/auth/callback-url.ts):
 * not in the query, not in a posted form, not in its callback-url cookie. Each of them, malformed,
 * used to be a 500 (issue 24, probe 10).
 */
function guarded(handler: (request: NextRequest) => Promise<Response>) {
  return async (request: NextRequest) => {
    const origin = getEnv().APP_URL;
    const safeUrl = withoutUnsafeCallbackUrl(request.url, origin);
    const cookie = withoutUnsafeCallbackCookie(request.headers.get("cookie"), origin, safeUrl !== null);
    const isForm = request.method === "POST" && (request.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded");
    const text = isForm ? await request.text() : null;
    const safeBody = text === null ? null : withoutUnsafeCallbackField(text, origin);
    if (!safeUrl && cookie === null && text === null) return handler(request);
    const headers = new Headers(request.headers);
    if (cookie !== null) headers.set("cookie", cookie);
    const body = text === null ? request.body : (safeBody ?? text);
    if (text !== null) headers.delete("content-length");
    const init = { method: request.method, headers, body, duplex: "half" };
    return handler(new NextRequest(safeUrl ?? request.url, init as unknown as ConstructorParameters<typeof NextRequest>[1]));
  };
}

export const GET = guarded(handlers.GET);
export const POST = guarded(handlers.POST);
