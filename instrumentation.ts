/**
 * Next.js calls `register()` once when a server instance starts (Node.js and Edge runtimes alike),
 * before it serves a request. On Node.js it first validates the environment: a missing or
 * malformed variable (TRUSTED_PROXY_HOPS among them, rather than guess whose address to trust)
 * stops the server with a message naming it, where a throw would only be logged while Next.js
 * went on serving errors. Then it stamps each request with its socket's address for the proxy's
 * per-IP limits (lib/http/socket-address.ts), registers the job handlers (lib/jobs/handlers.ts)
 * and starts the job engine (lib/core/jobs.ts: email delivery and measurement plans; only queueing
 * when JOBS_IN_APP=false), never during `next build`. Imported inside the function so the Edge
 * bundle leaves them out.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { EnvError, getEnv } = await import("./config/env");
    try {
      getEnv();
    } catch (error) {
      if (!(error instanceof EnvError)) throw error;
      const { log } = await import("./config/log");
      log.fatal({ module: "env", problems: error.problems }, error.message);
      process.exit(1);
    }
    const { stampSocketAddresses } = await import("./lib/http/socket-address");
    stampSocketAddresses();
    // A request id for every request (logs, X-Request-Id, the error page) and its duration for /api/metrics.
    const { observeRequests } = await import("./lib/operations/request-observer");
    observeRequests({ trustProxy: getEnv().TRUSTED_PROXY_HOPS > 0 });
    // The engine knows no handlers of its own: an instance that works jobs registers them first.
    // One that only queues (JOBS_IN_APP=false) never loads them, nor nodemailer with them.
    if (getEnv().JOBS_IN_APP) {
      const { registerJobHandlers } = await import("./lib/jobs/handlers");
      registerJobHandlers();
    }
    const { startJobEngine } = await import("./lib/core/jobs");
    // Its failure is logged and retried on the next request for a job; the app serves meanwhile.
    startJobEngine()?.catch(() => undefined);
  }
}

/**
 * Next.js calls this for an error thrown while rendering or in a route handler or server action:
 * one log line with the request's id (which the error page shows) and the digest Next.js gives
 * the browser, so either finds it.
 */
export async function onRequestError(
  error: unknown,
  request: { path: string; method: string; headers: Record<string, string | string[] | undefined> },
  context: { routePath: string; routeType: string },
) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { log } = await import("./config/log");
  const requestId = request.headers["x-request-id"];
  log.error(
    { module: "request", err: error, digest: (error as { digest?: string }).digest, requestId, route: context.routePath, routeType: context.routeType, method: request.method },
    "request failed",
  );
}
