import { AsyncLocalStorage } from "node:async_hooks";

/*
 * The request a log line belongs to. Each request the server takes gets an id
 * (lib/operations/request-observer.ts), entered here before Next.js sees the request, so every line
 * logged while serving it carries `requestId` (config/log.ts), and the response and the error
 * page show the same id (X-Request-Id; app/error.tsx): what a person reads out from the error
 * page finds the server's lines. Lives below db/ with the logger that reads it.
 */

export const REQUEST_ID_HEADER = "x-request-id";

type RequestContext = { requestId: string };

// On globalThis: Next.js bundles this module into more than one layer; there must be one store.
const state = globalThis as typeof globalThis & { __attuneRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (state.__attuneRequestContext ??= new AsyncLocalStorage<RequestContext>());

/** Makes `requestId` the current request for this call and everything it starts. */
export function enterRequest(requestId: string): void {
  storage.enterWith({ requestId });
}

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** An id a proxy in front may pass on (nginx's $request_id is 32 hex digits): short, plain characters only. */
export function isAcceptableRequestId(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9._-]{8,64}$/.test(value);
}
