// Server actions and routes as the built app exposes them, and a way to call an action as a
// browser would — but with any arguments at all. Specs use it to prove that every action refuses
// the wrong caller and survives hostile input.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

const BUILD_DIR = path.join(process.cwd(), ".next");

export type BuiltAction = { id: string; module: string; name: string };

/**
 * Every server action the build can run, from `.next/server/server-reference-manifest.json`
 * (Next 16: `{ node: { [actionId]: { workers, filename, exportedName } }, edge: {...} }`). An
 * exported function that no page imports is not in it — and cannot be called.
 */
export function builtActions(): BuiltAction[] {
  const manifest = JSON.parse(readFileSync(path.join(BUILD_DIR, "server", "server-reference-manifest.json"), "utf8")) as Record<
    "node" | "edge",
    Record<string, { filename?: string; exportedName?: string }>
  >;
  return Object.entries({ ...manifest.node, ...manifest.edge }).map(([id, entry]) => ({
    id,
    module: entry.filename ?? "(unknown module)",
    name: entry.exportedName ?? "(unknown export)",
  }));
}

/**
 * Every page and route handler of the build, as app-router paths with their groups
 * (`/(dashboard)/clients/[id]/page`, `/api/health/route`), from `.next/server/app-paths-manifest.json`.
 */
export function builtRoutes(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(BUILD_DIR, "server", "app-paths-manifest.json"), "utf8")) as Record<string, string>;
  return Object.keys(manifest);
}

/** A FormData argument, as entries (so a value may be raw bytes that are not valid UTF-8). */
export class FormArg {
  constructor(readonly entries: [string, string | Buffer][]) {}
  static of(fields: Record<string, string | Buffer>): FormArg {
    return new FormArg(Object.entries(fields));
  }
}

export type Arg = FormArg | string | number | boolean | null | Arg[] | { [key: string]: Arg };

/**
 * The request body React's `encodeReply` makes for these arguments: a multipart form whose field
 * `0` is the JSON of the argument list, with each FormData argument replaced by `$K<n>` and its
 * entries sent as fields named `_<n>_<name>` ahead of it. Strings that start with `$` are escaped
 * as `$$`, as React does.
 */
function encodeArguments(args: Arg[]): { body: Buffer; contentType: string } {
  const parts: [string, string | Buffer][] = [];
  let nextPart = 1;
  const encode = (value: Arg): unknown => {
    if (value instanceof FormArg) {
      const part = nextPart++;
      for (const [name, entry] of value.entries) parts.push([`_${part}_${name}`, entry]);
      return `$K${part.toString(16)}`;
    }
    if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
    if (Array.isArray(value)) return value.map(encode);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, encode(item)]));
    return value;
  };
  const root = JSON.stringify(args.map(encode));
  parts.push(["0", root]);
  const boundary = `----attune${randomBytes(12).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`, "utf8"));
    chunks.push(typeof value === "string" ? Buffer.from(value, "utf8") : value);
    chunks.push(Buffer.from("\r\n", "utf8"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, "utf8"));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Rows of a React Flight response: `<id>:<json>\n`, or `<id>:T<hex byte length>,<text>` for long
 * text, which has no newline after it. Only what is needed to find an action's result.
 */
function parseFlight(body: Buffer): Map<string, string> {
  const rows = new Map<string, string>();
  let at = 0;
  while (at < body.length) {
    const colon = body.indexOf(0x3a, at);
    if (colon < 0) break;
    const id = body.subarray(at, colon).toString("utf8");
    if (body[colon + 1] === 0x54 /* T */) {
      const comma = body.indexOf(0x2c, colon);
      const length = parseInt(body.subarray(colon + 2, comma).toString("utf8"), 16);
      rows.set(id, JSON.stringify(body.subarray(comma + 1, comma + 1 + length).toString("utf8")));
      at = comma + 1 + length;
      continue;
    }
    const newline = body.indexOf(0x0a, colon);
    const end = newline < 0 ? body.length : newline;
    rows.set(id, body.subarray(colon + 1, end).toString("utf8"));
    at = end + 1;
  }
  return rows;
}

/** Resolves `$@<id>` / `$<id>` references one level deep; enough for `{ ok, message, fieldErrors }`. */
function resultOf(rows: Map<string, string>): unknown {
  const root = rows.get("0");
  if (!root) return undefined;
  let reference: unknown;
  try {
    reference = (JSON.parse(root) as { a?: unknown }).a;
  } catch {
    return undefined;
  }
  const id = typeof reference === "string" ? /^\$@?([0-9a-f]+)$/.exec(reference)?.[1] : undefined;
  if (id === undefined) return reference;
  const row = rows.get(id);
  if (row === undefined) return undefined;
  try {
    return JSON.parse(row.startsWith("E") ? row.slice(1) : row);
  } catch {
    return row;
  }
}

export type ActionResponse = {
  status: number;
  /** Where the action sent the browser (`x-action-redirect`), without the push/replace suffix. */
  redirect: string | null;
  /** The action's return value, when it returned one. */
  result: unknown;
  /** The whole response as text, to check that nothing confidential was sent back. */
  text: string;
};

/**
 * Calls a server action the way Next's client router does: a POST to a page that can run it,
 * with the action's id in `Next-Action` and the arguments encoded as React encodes them.
 * `body` replaces the encoded arguments, for hand-made requests.
 */
export async function callAction(
  request: APIRequestContext,
  action: { id: string; page: string },
  args: Arg[],
  options: { body?: Buffer; contentType?: string } = {},
): Promise<ActionResponse> {
  const encoded = options.body ? { body: options.body, contentType: options.contentType ?? "text/plain;charset=UTF-8" } : encodeArguments(args);
  const response = await request.post(action.page, {
    headers: {
      "Next-Action": action.id,
      Accept: "text/x-component",
      "Content-Type": encoded.contentType,
      Origin: new URL(action.page, requestOrigin(request)).origin,
    },
    data: encoded.body,
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  const body = await response.body();
  const redirect = response.headers()["x-action-redirect"]?.split(";")[0] ?? null;
  const isFlight = (response.headers()["content-type"] ?? "").startsWith("text/x-component");
  return { status: response.status(), redirect, result: isFlight ? resultOf(parseFlight(body)) : undefined, text: body.toString("utf8") };
}

const origins = new WeakMap<APIRequestContext, string>();

/** Request contexts made by `actorContext` remember their base URL; Origin must name it. */
export function rememberOrigin(request: APIRequestContext, baseURL: string) {
  origins.set(request, baseURL);
}

function requestOrigin(request: APIRequestContext): string {
  const origin = origins.get(request);
  if (!origin) throw new Error("Make request contexts for actions with rememberOrigin(context, baseURL).");
  return origin;
}
