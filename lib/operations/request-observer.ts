import { randomUUID } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { enterRequest, isAcceptableRequestId, REQUEST_ID_HEADER } from "@/config/request-context";
import { metrics } from "./metrics";
import { routeLabel } from "./route-label";

/*
 * Every request the server takes, seen from Node's HTTP server (its diagnostics channels, before
 * Next.js and after the last byte): an id for the logs, the response (X-Request-Id) and the error
 * page; and its duration by route for /api/metrics. Installed once by instrumentation.ts.
 *
 * The id a trusted proxy sends (nginx's $request_id) is kept, so its access log and ours agree;
 * with no proxy trusted, the client's own header is replaced.
 */

const INSTALLED = Symbol.for("attune.request-observer");
const state = globalThis as typeof globalThis & { [INSTALLED]?: boolean };

type ServerMessage = { request: IncomingMessage; response: ServerResponse };

const started = new WeakMap<ServerResponse, bigint>();

export function observeRequests(options: { trustProxy: boolean }): void {
  if (state[INSTALLED]) return;
  const { requestDuration } = metrics();
  subscribe("http.server.request.start", (message) => {
    const { request, response } = message as ServerMessage;
    const offered = request.headers[REQUEST_ID_HEADER];
    const requestId = options.trustProxy && isAcceptableRequestId(offered) ? offered : randomUUID();
    request.headers[REQUEST_ID_HEADER] = requestId;
    response.setHeader("X-Request-Id", requestId);
    started.set(response, process.hrtime.bigint());
    enterRequest(requestId);
  });
  subscribe("http.server.response.finish", (message) => {
    const { request, response } = message as ServerMessage;
    const start = started.get(response);
    if (start === undefined) return;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    requestDuration.observe({ method: request.method ?? "GET", route: routeLabel(request.url), status: String(response.statusCode) }, seconds);
  });
  state[INSTALLED] = true;
}
