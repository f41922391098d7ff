import { NextResponse, type NextRequest } from "next/server";
import { log } from "@/config/log";
import { escapeHtml } from "@/lib/core/escape-html";
import { limitResultsPosts, limitResultsViews } from "@/lib/feedback/limits";
import { limitAnswerPosts, limitLinkViews } from "@/lib/invitations/limits";
import { limitStopLinkViews } from "@/lib/plans/limits";
import { contentSecurityPolicy, createNonce } from "@/lib/http/content-security-policy";
import { clientIp, type RateLimitResult } from "@/lib/http/rate-limit";
import { isWellFormedToken } from "@/lib/core/tokens";

/*
 * Runs for every page and API answer (not for static files), for what a page cannot do itself.
 * - Every response gets a Content-Security-Policy with a fresh nonce (lib/http/content-security-policy.ts),
 *   and `Cache-Control: no-store`: a page carries this response's nonce and, signed in, client data,
 *   so no copy of it may be kept.
 * For the client's questionnaire (`/a/...`), it also acts on a request before Next.js parses it:
 * - Opening a link, and posting answers, are limited per IP; over a limit the answer is a real 429
 *   with Retry-After. The IP is never one the client chose (lib/http/client-ip.ts). If the limit
 *   cannot be checked (the database is down), a calm 503 with Retry-After, not a bare 500.
 * - Posts larger than any form we render, or whose body does not parse, get a calm 413/400 page.
 *   Left to the framework they would be a bare "Internal Server Error" (a 1 MB action body limit
 *   and a form-data parse error, both raised before any of our code runs).
 * - Form posts made without JavaScript get their Origin back (see passOrigin).
 * A client's results link (`/results/...`) gets the same guard, with limits of its own, and so does
 * a reminder's stop link (`/r/...`: views only, a page without a form).
 * Everywhere else, a post over the framework's 1 MB action body limit gets a calm 413 rather than
 * the bare 500 the framework answers it with.
 * Authorization never lives here; every lib/ function checks its own.
 */

export const config = { matcher: "/((?!_next/static|_next/image|favicon.ico).*)" };

// Our largest form — one part of the questionnaire with its sealed reference — is about 2 KB.
const MAX_BODY_BYTES = 64 * 1024;
const LINK_PATH = /^\/a\/([^/]+)(?:\/done)?\/?$/;
const RESULTS_PATH = /^\/results\/([^/]+)\/?$/;
const STOP_REMINDERS_PATH = /^\/r\/([^/]+)\/?$/;
/** Next.js's default `serverActions.bodySizeLimit`; past it an action fails with a 500. */
const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;
/** The client import alone posts more: a CSV of up to 5 MB (lib/import/csv.ts); next.config.js allows 6 MB. */
const IMPORT_PATH = "/clients/import";
const IMPORT_BODY_LIMIT_BYTES = 6 * 1024 * 1024;
/** Seconds a client is asked to wait when the database does not answer. */
const UNAVAILABLE_RETRY_SECONDS = 30;

/** What every response of this request shares. */
type Policy = { nonce: string; csp: string };

export async function proxy(request: NextRequest) {
  const nonce = createNonce();
  const policy = { nonce, csp: contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" }) };
  const { pathname } = request.nextUrl;
  const response =
    pathname === "/a" || pathname.startsWith("/a/")
      ? await guardClientLink(request, policy)
      : pathname === "/results" || pathname.startsWith("/results/")
        ? await guardClientLink(request, policy, RESULTS_LINK)
        : pathname === "/r" || pathname.startsWith("/r/")
          ? await guardClientLink(request, policy, STOP_REMINDERS_LINK)
          : pathname === IMPORT_PATH && declaredLength(request) > IMPORT_BODY_LIMIT_BYTES
          ? calmPage(policy, 413, "This file is too large", ["A client list can be at most 5 MB (about 10,000 clients). Please go back, split the file and upload each part."])
          : pathname !== IMPORT_PATH && declaredLength(request) > ACTION_BODY_LIMIT_BYTES
            ? calmPage(policy, 413, "This form could not be sent", ["It arrived larger than any form here can be. Please go back and try again."])
            : forward(request, policy);
  response.headers.set("Content-Security-Policy", policy.csp);
  response.headers.set("Cache-Control", "no-store");
  return response;
}

/** Lets the request on to Next.js, which reads the nonce from the policy on the request. */
function forward(request: NextRequest, policy: Policy, origin?: string) {
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy.csp);
  // The page's language follows the client its link belongs to (lib/next/i18n-request.ts).
  headers.set("x-attune-path", request.nextUrl.pathname);
  if (origin) headers.set("origin", origin);
  return NextResponse.next({ request: { headers } });
}

/**
 * What differs between the kinds of client link: where the token sits, which limits count, and
 * whether the page holds answers (its calm refusals then say they are kept).
 */
type LinkKind = {
  path: RegExp;
  limitViews: (ip: string) => Promise<RateLimitResult>;
  limitPosts: (ip: string) => Promise<RateLimitResult>;
  answers: boolean;
};
const QUESTIONNAIRE_LINK: LinkKind = { path: LINK_PATH, limitViews: limitLinkViews, limitPosts: limitAnswerPosts, answers: true };
const RESULTS_LINK: LinkKind = { path: RESULTS_PATH, limitViews: limitResultsViews, limitPosts: limitResultsPosts, answers: true };
// No form on it: a post counts as a view.
const STOP_REMINDERS_LINK: LinkKind = { path: STOP_REMINDERS_PATH, limitViews: limitStopLinkViews, limitPosts: limitStopLinkViews, answers: false };
const ANSWERS_KEPT = "Any answers you have already given are saved.";

async function guardClientLink(request: NextRequest, policy: Policy, kind: LinkKind = QUESTIONNAIRE_LINK) {
  if (request.method === "GET" || request.method === "HEAD") return limitView(request, policy, kind);
  if (request.method === "POST") return guardBody(request, policy, kind);
  return calmPage(policy, 405, "This page cannot do that", ["Please open the link you were sent again."], { Allow: "GET, HEAD, POST" });
}

async function limitView(request: NextRequest, policy: Policy, kind: LinkKind) {
  const token = kind.path.exec(request.nextUrl.pathname)?.[1];
  // Malformed tokens cost nothing: the page shows them the invalid-link state without a query.
  if (!token || !isWellFormedToken(token)) return forward(request, policy);
  return (await refuseOverLimit(policy, kind, () => kind.limitViews(clientIp(request.headers)))) ?? forward(request, policy);
}

/** A calm refusal when over the limit or when the limit cannot be checked; null to go on. */
async function refuseOverLimit(policy: Policy, kind: LinkKind, check: () => Promise<RateLimitResult>): Promise<NextResponse | null> {
  const kept = kind.answers ? [ANSWERS_KEPT] : [];
  let limit: RateLimitResult;
  try {
    limit = await check();
  } catch (error) {
    // Without the database the page could not load either; say so calmly rather than let a
    // bare 500 escape, and ask the browser to come back.
    log.error({ module: "proxy", err: error }, "rate limit check failed; answering 503");
    return calmPage(
      policy,
      503,
      "This page is not available just now",
      ["We could not reach our records for a moment. Please try again in a minute or two.", ...kept],
      { "Retry-After": String(UNAVAILABLE_RETRY_SECONDS) },
    );
  }
  if (limit.allowed) return null;
  const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
  return calmPage(
    policy,
    429,
    "Too many attempts",
    [`This page has been opened too many times from your network in a short while. Please try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`, ...kept],
    { "Retry-After": String(limit.retryAfterSeconds) },
  );
}

/** The body length the request declares; NaN when it declares none (or nonsense). */
function declaredLength(request: NextRequest): number {
  const declared = request.headers.get("content-length");
  return declared === null ? Number.NaN : Number(declared);
}

async function guardBody(request: NextRequest, policy: Policy, kind: LinkKind) {
  // Browsers send a length with every form post; a body without one is not from our forms.
  const length = declaredLength(request);
  if (!Number.isFinite(length) || length > MAX_BODY_BYTES) {
    return calmPage(policy, 413, "Your answers could not be sent", [
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
    return calmPage(policy, 400, "Your answers could not be read", [
      "The form arrived damaged. Please go back to the link you were sent and try again; answers saved earlier are kept.",
    ]);
  }
  const limited = await refuseOverLimit(policy, kind, () => kind.limitPosts(clientIp(request.headers)));
  if (limited) return limited;
  return passOrigin(request, policy);
}

/**
 * Under `Referrer-Policy: no-referrer` a browser sends `Origin: null` with a plain form post, and
 * Next.js then refuses every server action as cross-site — so without JavaScript no answer could
 * be sent. Sec-Fetch-Site is set by the browser itself (pages cannot forge it): when it says the
 * post came from our own origin, we restore the Origin that the referrer policy withheld. Any
 * other opaque-origin post is refused here, calmly, as Next.js would have refused it with a 500.
 */
function passOrigin(request: NextRequest, policy: Policy) {
  if (request.headers.get("origin") !== "null") return forward(request, policy);
  if (request.headers.get("sec-fetch-site") !== "same-origin") {
    return calmPage(policy, 403, "This form could not be sent", [
      "It was sent from somewhere other than its own page. Please open the link you were sent and try again.",
    ]);
  }
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? request.nextUrl.host;
  return forward(request, policy, `${request.nextUrl.protocol}//${host}`);
}

/** A page in the questionnaire's calm style, without React: no names, no practice, no link. */
function calmPage(policy: Policy, status: number, title: string, paragraphs: string[], headers: Record<string, string> = {}) {
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title>
<style nonce="${policy.nonce}">
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
