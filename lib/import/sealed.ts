import { gunzipSync, gzipSync } from "node:zlib";
// Relative imports: the end-to-end tests load this file outside the app's module resolution.
import { seal, unseal } from "@/lib/core/seal";
import type { ImportRecord } from "./csv";
import type { PlannedClient } from "./plan";

/*
 * The preview as it travels through the browser between upload and import (docs/decisions/0020):
 * the parsed rows, who they were read for, when, and what the plan was, compressed and sealed
 * (lib/core/seal.ts), so the page holds nothing it can read or alter. Not `server-only`, like lib/core/seal.ts:
 * the end-to-end tests make previews as the server does.
 */

export type SealedPreview = { v: 1; userId: string; practiceId: string; at: number; records: ImportRecord[]; expect: string };

/** A sealed preview of the largest file stays well under the server action body limit (next.config.js). */
const SEALED_MAX_LENGTH = 6 * 1024 * 1024;

export function sealPreview(payload: SealedPreview, secret?: string): string {
  return seal("client-import", gzipSync(JSON.stringify(payload)).toString("base64"), secret);
}

/** The preview, or null for anything not sealed by this server for a preview. */
export function openPreview(value: unknown): SealedPreview | null {
  const opened = unseal("client-import", value, { maxLength: SEALED_MAX_LENGTH });
  if (opened === null) return null;
  const payload = JSON.parse(gunzipSync(Buffer.from(opened, "base64")).toString("utf8")) as SealedPreview;
  return payload.v === 1 ? payload : null;
}

/** What a plan will write, as a string: the import refuses to run when it differs from what the preview showed. */
export function planFingerprint(clients: readonly (Pick<PlannedClient, "line" | "clinicianId" | "partner"> & { fields: { email: string } })[]): string {
  return clients
    .map((c) => `${c.line}:${c.fields.email}:${c.clinicianId}:${c.partner ? ("line" in c.partner ? `L${c.partner.line}` : c.partner.clientId) : ""}`)
    .join("|");
}
