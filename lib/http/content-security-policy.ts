/**
 * The Content-Security-Policy of every page, after the Next.js guide for nonces in proxy.ts.
 * Scripts run only with this response's nonce ('strict-dynamic' lets those load the chunks they
 * import), so an injected <script> or event handler does nothing. Next.js reads the nonce from this
 * header on the request and puts it on its own scripts and styles; that is why every page renders
 * per request (app/layout.tsx).
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean }): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // React's development build evaluates code for its error overlays and server stack traces.
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(options.dev ? ["'unsafe-eval'"] : [])],
    // Style elements need the nonce; in development Next.js injects styles that carry none.
    ["style-src", "'self'", ...(options.dev ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`])],
    // Style *attributes* (the questionnaire's progress bar, recharts' SVG) cannot carry a nonce and,
    // without JavaScript, cannot be set any other way. An attribute cannot select other elements or
    // read the page, and img-src bounds where a url() could point.
    ["style-src-attr", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map((directive) => directive.join(" ")).join("; ");
}

/** 128 random bits, base64: a fresh one for every response. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
