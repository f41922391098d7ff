import { NextRequest } from "next/server";
import { getEnv } from "@/config/env";
import { withoutUnsafeCallbackUrl } from "@/lib/auth/callback-url";
import { handlers } from "@/lib/auth/config";

/** next-auth's routes, never given a callbackUrl that leads off this site (lib/auth/callback-url.ts). */
function guarded(handler: (request: NextRequest) => Promise<Response>) {
  return (request: NextRequest) => {
    const safe = withoutUnsafeCallbackUrl(request.url, getEnv().APP_URL);
    if (!safe) return handler(request);
    const headers = new Headers(request.headers);
    // The callback-url cookie next-auth may have set from the bad value goes too.
    headers.set("cookie", (headers.get("cookie") ?? "").split(/;\s*/).filter((part) => !/^(__Secure-)?authjs\.callback-url=/.test(part)).join("; "));
    const init = { method: request.method, headers, body: request.body, duplex: "half" };
    return handler(new NextRequest(safe, init as unknown as ConstructorParameters<typeof NextRequest>[1]));
  };
}

export const GET = guarded(handlers.GET);
export const POST = guarded(handlers.POST);
