import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { clients, couples, practices, users } from "@/db/schema";
import { recordAudit } from "@/lib/core/audit";
import type { Actor } from "@/lib/core/actor-types";
import { isOwner } from "@/lib/core/owner";
import { displayName } from "@/lib/core/display-name";
import { DomainError, isUniqueViolation } from "@/lib/core/errors";
import { checkImportFile, parseImportCsv, type ImportRecord } from "./csv";
import { planImport, type ImportContext, type ImportPlan, type PreviewRow } from "./plan";
import { openPreview, planFingerprint, sealPreview, type SealedPreview } from "./sealed";
import { clock } from "@/lib/core/clock";

/*
 * Importing a client list: a preview, then the import (docs/decisions/0020). The preview keeps
 * nothing on the server: the parsed rows travel back to the browser sealed (lib/core/seal.ts), and the
 * import opens them, plans again against the database as it is then, and refuses if the plan
 * differs from the one previewed. All rows or none, in one transaction.
 */

/** How long a preview can be confirmed; after that, upload the file again. */
const PREVIEW_VALID_MS = 60 * 60 * 1000;
/** Rows per INSERT: well under PostgreSQL's 65,535 parameters (10 columns a row). */
const CHUNK = 1000;
/** Preview rows sent back to the page: every problem row first, then new rows, up to this many. */
const PREVIEW_ROWS_SHOWN = 500;

export type ImportPreview = {
  counts: ImportPlan["counts"];
  /** The rows to show: problems first, then new ones; `counts` has the whole file. */
  rows: PreviewRow[];
  /** What the import button posts back. */
  sealed: string;
};

/** Loads what the plan needs to know, for the emails the file mentions. `lock` keeps existing partners as they are until commit. */
async function loadContext(executor: Executor, actor: Actor, records: ImportRecord[], lock = false): Promise<ImportContext> {
  const emails = new Set<string>();
  for (const { values } of records) {
    for (const value of [values.email, values.partnerEmail]) if (value?.trim()) emails.add(value.trim().toLowerCase());
  }
  const staff = await executor
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.practiceId, actor.practiceId), eq(users.active, true)));
  const existing: ImportContext["existing"] extends ReadonlyMap<string, infer V> ? Map<string, V> : never = new Map();
  const all = [...emails];
  for (let start = 0; start < all.length; start += 5000) {
    const query = executor
      .select()
      .from(clients)
      .where(and(eq(clients.practiceId, actor.practiceId), eq(clients.status, "active"), inArray(sql`lower(${clients.email})`, all.slice(start, start + 5000))));
    for (const client of lock ? await query.for("update") : await query) {
      existing.set(client.email.toLowerCase(), { id: client.id, clinicianId: client.clinicianId, coupleId: client.coupleId, name: displayName(client) });
    }
  }
  return {
    owner: isOwner(actor),
    actorUserId: actor.userId,
    actorEmail: actor.email,
    clinicians: new Map(staff.map((user) => [user.email.toLowerCase(), user.id])),
    existing,
  };
}

/**
 * Reads an uploaded file and says what importing it would do. File-level problems (too large, not
 * CSV, unknown columns) are a DomainError on the `file` field; row problems are in the preview.
 */
export async function previewImport(actor: Actor, file: { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> }): Promise<ImportPreview> {
  // Checked before a byte is read: the size is known from the upload's headers.
  const refused = checkImportFile(file);
  if (refused) throw new DomainError(refused, "file");
  const parsed = parseImportCsv(new Uint8Array(await file.arrayBuffer()));
  if (!parsed.ok) throw new DomainError(parsed.message, "file");
  const plan = planImport(parsed.records, await loadContext(await getDb(), actor, parsed.records));
  const payload: SealedPreview = { v: 1, userId: actor.userId, practiceId: actor.practiceId, at: clock.ms(), records: parsed.records, expect: planFingerprint(plan.clients) };
  const sealed = sealPreview(payload);
  const problems = plan.rows.filter((row) => row.status !== "new");
  const fresh = plan.rows.filter((row) => row.status === "new");
  return { counts: plan.counts, rows: [...problems, ...fresh].slice(0, PREVIEW_ROWS_SHOWN), sealed };
}

const STALE = "This preview was not found: it is out of date or was made for someone else. Upload the file again.";

function openPreviewFor(actor: Actor, sealed: string): SealedPreview {
  const payload = openPreview(sealed);
  if (!payload || payload.userId !== actor.userId || payload.practiceId !== actor.practiceId || clock.ms() - payload.at > PREVIEW_VALID_MS) {
    throw new DomainError(STALE);
  }
  return payload;
}

export type ImportResult = ImportPlan["counts"];

/**
 * Imports the previewed rows: every new row, with the couples the file names, in one transaction,
 * or nothing. Audited as one `client.import` event with the counts (no names or emails).
 */
export async function importClients(actor: Actor, sealed: string): Promise<ImportResult> {
  const preview = openPreviewFor(actor, sealed);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const plan = planImport(preview.records, await loadContext(tx, actor, preview.records, true));
      if (planFingerprint(plan.clients) !== preview.expect) {
        throw new DomainError("Your caseload changed since the preview (a client was added, archived or linked). Upload the file again to see the new preview.");
      }
      if (plan.clients.length === 0) throw new DomainError("There is nothing to import: no row of the file is new and valid.");

      const idOf = new Map(plan.clients.map((c) => [c.line, randomUUID()]));
      const coupleOf = new Map<number, string>();
      const existingLinks: { clientId: string; coupleId: string }[] = [];
      for (const c of plan.clients) {
        if (!c.partner || coupleOf.has(c.line)) continue;
        const coupleId = randomUUID();
        coupleOf.set(c.line, coupleId);
        if ("line" in c.partner) coupleOf.set(c.partner.line, coupleId);
        else existingLinks.push({ clientId: c.partner.clientId, coupleId });
      }
      const coupleIds = [...new Set(coupleOf.values())];
      for (let start = 0; start < coupleIds.length; start += CHUNK) {
        await tx.insert(couples).values(coupleIds.slice(start, start + CHUNK).map((id) => ({ id, practiceId: actor.practiceId })));
      }
      const [practice] = await tx.select({ language: practices.language }).from(practices).where(eq(practices.id, actor.practiceId));
      for (let start = 0; start < plan.clients.length; start += CHUNK) {
        await tx.insert(clients).values(
          plan.clients.slice(start, start + CHUNK).map((c) => ({
            id: idOf.get(c.line)!,
            practiceId: actor.practiceId,
            clinicianId: c.clinicianId,
            ...c.fields,
            // No language in the file: the practice's (Settings).
            language: c.fields.language ?? practice?.language ?? "en",
            coupleId: coupleOf.get(c.line) ?? null,
          })),
        );
      }
      if (existingLinks.length) {
        const pairs = sql.join(
          existingLinks.map((link) => sql`(${link.clientId}::uuid, ${link.coupleId}::uuid)`),
          sql`, `,
        );
        await tx.execute(
          sql`update ${clients} set couple_id = v.couple_id, updated_at = now() from (values ${pairs}) as v(id, couple_id)
              where ${clients.id} = v.id and ${clients.practiceId} = ${actor.practiceId} and ${clients.coupleId} is null`,
        );
      }
      await recordAudit(tx, actor, {
        action: "client.import",
        subjectType: "practice",
        subjectId: actor.practiceId,
        details: { ...plan.counts },
      });
      return plan.counts;
    });
  } catch (error) {
    if (isUniqueViolation(error, "clients_active_email_unique")) {
      throw new DomainError("A client with one of these emails was added while importing; nothing was imported. Upload the file again.");
    }
    throw error;
  }
}
