/**
 * Next.js calls `register()` once when a server instance starts (Node.js and Edge runtimes alike),
 * before it serves a request. On Node.js it checks TRUSTED_PROXY_HOPS (with a wrong value the
 * server answers only an error naming it, rather than guess whose address to trust), stamps each
 * request with its socket's address for the proxy's per-IP limits (lib/http/socket-address.ts),
 * and starts the email dispatcher, which does nothing unless SMTP_URL is set and never runs during
 * `next build`. Imported inside the function so the Edge bundle leaves them out.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { parseTrustedProxyHops } = await import("./lib/http/client-ip");
    parseTrustedProxyHops(process.env.TRUSTED_PROXY_HOPS);
    const { stampSocketAddresses } = await import("./lib/http/socket-address");
    stampSocketAddresses();
    const { startEmailDispatcher } = await import("./lib/email/dispatcher");
    startEmailDispatcher();
  }
}
