import { and, asc, eq, gt, isNotNull } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { emailOutbox, users } from "@/db/schema";
import { seal, secretRing, unsealWithAge, type SealPurpose } from "@/lib/core/seal";

/*
 * After AUTH_SECRET is rotated (the new one in AUTH_SECRET, the old one in AUTH_SECRET_1), what the
 * database keeps sealed under the old one still opens, but only while the old one stays set.
 * This seals it again under the current one, so that the old secret can then be dropped.
 *
 * What is stored sealed: queued outbox bodies and two-step secrets. Everything else sealed lives in
 * a page or a link for minutes (form references, import previews, two-step set-ups, sign-up links)
 * and needs only the ring, not this.
 *
 * Each row is rewritten only if it still holds the value read (compare-and-set), so a dispatcher
 * sending and erasing a body meanwhile, or a person turning two-step off, wins. Safe to run again,
 * and while the app runs.
 */

type SealedColumn = {
  label: string;
  purpose: SealPurpose;
  table: PgTable;
  id: PgColumn;
  value: PgColumn;
  /** Writes `next` where the row still holds `previous`. */
  replace: (db: Database, id: string, previous: string, next: string) => Promise<unknown>;
};

const SEALED_COLUMNS: SealedColumn[] = [
  {
    label: "outbox emails",
    purpose: "email-outbox",
    table: emailOutbox,
    id: emailOutbox.id,
    value: emailOutbox.sealedBody,
    replace: (db, id, previous, next) =>
      db.update(emailOutbox).set({ sealedBody: next }).where(and(eq(emailOutbox.id, id), eq(emailOutbox.sealedBody, previous))),
  },
  {
    label: "two-step secrets",
    purpose: "two-step-secret",
    table: users,
    id: users.id,
    value: users.totpSecretSealed,
    replace: (db, id, previous, next) =>
      db.update(users).set({ totpSecretSealed: next }).where(and(eq(users.id, id), eq(users.totpSecretSealed, previous))),
  },
];

export type ResealCount = { label: string; current: number; resealed: number; unreadable: number };

const BATCH = 500;

/** Re-seals, under the current AUTH_SECRET, every stored value that an earlier one sealed. */
export async function resealStoredValues(db: Database): Promise<ResealCount[]> {
  if (secretRing().length === 0) throw new Error("AUTH_SECRET is not set: nothing can be sealed.");
  const counts: ResealCount[] = [];
  for (const column of SEALED_COLUMNS) counts.push(await resealColumn(db, column));
  return counts;
}

async function resealColumn(db: Database, column: SealedColumn): Promise<ResealCount> {
  const count: ResealCount = { label: column.label, current: 0, resealed: 0, unreadable: 0 };
  let after: string | null = null;
  for (;;) {
    const rows = (await db
      .select({ id: column.id, value: column.value })
      .from(column.table)
      .where(and(isNotNull(column.value), after === null ? undefined : gt(column.id, after)))
      .orderBy(asc(column.id))
      .limit(BATCH)) as { id: string; value: string | null }[];
    if (rows.length === 0) return count;
    after = rows[rows.length - 1]!.id;
    for (const row of rows) {
      const opened = unsealWithAge(column.purpose, row.value);
      if (!opened) count.unreadable++;
      else if (opened.secretIndex === 0) count.current++;
      else {
        await column.replace(db, row.id, row.value!, seal(column.purpose, opened.plaintext));
        count.resealed++;
      }
    }
  }
}
