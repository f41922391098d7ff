import { NextResponse, type NextRequest } from "next/server";
import { escapeHtml } from "@/lib/escape-html";
import { limitAnswerPosts, limitLinkViews } from "@/lib/invitations/limits";
import { clientIp, type RateLimitResult } from "@/lib/rate-limit";
import { isWellFormedToken } from "@/lib/tokens";

/*
 * Runs only for the client's questionnaire (`/a/...`), for what a page cannot do: answer with a
 * status other than 200 or 404, and act on a request before Next.js parses it.
 * - Opening a link, and posting answers, are limited per IP; over a limit the answer is a real 429
 *   with Retry-After.
 * - Posts larger than any form we render, or whose body does not parse, get a calm 413/400 page.
 *   Left to the framework they would be a bare "Internal Server Error" (a 1 MB action body limit
 *   and a form-data parse error, both raised before any of our code runs).
 * - Form posts made without JavaScript get their Origin back (see passOrigin).
 * Authorization never lives here; every lib/ function checks its own.
 */

export const config = { matcher: "/a/:path*" };

// Our largest form — one part of the questionnaire with its sealed reference — is about 2 KB.
const MAX_BODY_BYTES = 64 * 1024;
const LINK_PATH = /^\/a\/([^/]+)(?:\/done)?\/?$/;

export async function proxy(request: NextRequest) {
  if (request.method === "GET" || request.method === "HEAD") return limitView(request);
  if (request.method === "POST") return guardBody(request);
  return calmPage(405, "This page cannot do that", ["Please open the link you were sent again."], { Allow: "GET, HEAD, POST" });
}

async function limitView(request: NextRequest) {
  const token = LINK_PATH.exec(request.nextUrl.pathname)?.[1];
  // Malformed tokens cost nothing: the page shows them the invalid-link state without a query.
  if (!token || !isWellFormedToken(token)) return NextResponse.next();
  return refuseOverLimit(await limitLinkViews(clientIp(request.headers))) ?? NextResponse.next();
}

function refuseOverLimit(limit: RateLimitResult): NextResponse | null {
  if (limit.allowed) return null;
  const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
  return calmPage(
    429,
    "Too many attempts",
    [
      `This page has been opened too many times from your network in a short while. Please try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`,
      "Any answers you have already given are saved.",
    ],
    { "Retry-After": String(limit.retryAfterSeconds) },
  );
}

async function guardBody(request: NextRequest) {
  // Browsers send a length with every form post; a body without one is not from our forms.
  const declared = request.headers.get("content-length");
  const length = declared === null ? Number.NaN : Number(declared);
  if (!Number.isFinite(length) || length > MAX_BODY_BYTES) {
    return calmPage(413, "Your answers could not be sent", [
      "The form arrived larger than expected. Please go back to the link you were sent and try again; answers saved earlier are kept.",
    ]);
  }
  const type = request.headers.get("content-type") ?? "";
  try {
    if (type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded")) {
      await request.clone().formData();
    } else if (request.headers.has("next-action")) {
      // An action called from script posts its arguments as JSON text.
      JSON.parse(await request.clone().text());
    }
  } catch {
    return calmPage(400, "Your answers could not be read", [
      "The form arrived damaged. Please go back to the link you were sent and try again; answers saved earlier are kept.",
    ]);
  }
  const limited = refuseOverLimit(await limitAnswerPosts(clientIp(request.headers)));
  if (limited) return limited;
  return passOrigin(request);
}

/**
 * Under `Referrer-Policy: no-referrer` a browser sends `Origin: null` with a plain form post, and
 * Next.js then refuses every server action as cross-site — so without JavaScript no answer could
 * be sent. Sec-Fetch-Site is set by the browser itself (pages cannot forge it): when it says the
 * post came from our own origin, we restore the Origin that the referrer policy withheld. Any
 * other opaque-origin post is refused here, calmly, as Next.js would have refused it with a 500.
 */
function passOrigin(request: NextRequest) {
  if (request.headers.get("origin") !== "null") return NextResponse.next();
  if (request.headers.get("sec-fetch-site") !== "same-origin") {
    return calmPage(403, "This form could not be sent", [
      "It was sent from somewhere other than its own page. Please open the link you were sent and try again.",
    ]);
  }
  const headers = new Headers(request.headers);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? request.nextUrl.host;
  headers.set("origin", `${request.nextUrl.protocol}//${host}`);
  return NextResponse.next({ request: { headers } });
}

/** A page in the questionnaire's calm style, without React: no names, no practice, no link. */
function calmPage(status: number, title: string, paragraphs: string[], headers: Record<string, string> = {}) {
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title>
<style>
body{margin:0;background:#f8fafc;color:#0f172a;font-family:ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-font-smoothing:antialiased}
main{max-width:42rem;margin:0 auto;padding:1.5rem 1rem}
section{background:#fff;border:1px solid #e2e8f0;border-radius:1rem;padding:2rem 1.5rem;box-shadow:0 1px 2px rgb(0 0 0/.05)}
h1{margin:0;font-size:1.5rem;line-height:2rem;font-weight:600;letter-spacing:-.025em}
p{margin:1rem 0 0;font-size:1rem;line-height:1.625;color:#334155}
@media (min-width:640px){main{padding:3rem 1.5rem}section{padding:3rem 2.5rem}}
</style></head>
<body><main><section aria-labelledby="t"><h1 id="t">${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("")}</section></main></body></html>`;
  return new NextResponse(body, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
      "X-Robots-Tag": "noindex, nofollow, noarchive",
      ...headers,
    },
  });
}
