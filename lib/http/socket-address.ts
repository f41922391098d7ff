import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

/**
 * The proxy sees headers, never the socket: Next.js removed `request.ip` in v15, and its server
 * only fills in `X-Forwarded-For` with the socket's address when the client sent none — so a
 * client that sends its own can be anyone. Node's HTTP server announces every request on a
 * diagnostics channel before any handler (Next.js's included) sees it; there we write the socket's
 * address into a header of our own, replacing whatever a client put under that name.
 *
 * The header is believed only in a process where the stamp is installed (instrumentation.ts does
 * it at start-up): anywhere else, a client could have written it.
 */
export const SOCKET_ADDRESS_HEADER = "x-attune-socket-address";

const INSTALLED = Symbol.for("attune.socket-address-stamp");
const state = globalThis as typeof globalThis & { [INSTALLED]?: boolean };

type RequestStart = { request: IncomingMessage; socket: Socket };

export function stampSocketAddresses(): void {
  if (state[INSTALLED]) return;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as RequestStart;
    request.headers[SOCKET_ADDRESS_HEADER] = socket.remoteAddress ?? "";
  });
  state[INSTALLED] = true;
}

/** The socket's address as stamped on this request, or null where no stamp vouches for it. */
export function socketAddressOf(headers: Pick<Headers, "get">): string | null {
  if (!state[INSTALLED]) return null;
  return headers.get(SOCKET_ADDRESS_HEADER) || null;
}
