import "server-only";
import { dashboardDb } from "@/lib/core/read-db";
import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { csvText } from "@/lib/core/csv-write";
import { Zip, ZipDeflate } from "fflate";
import { getDb, type Database } from "@/db/client";
import { assessmentScores, assessments, auditEvents, clients, couples, invitations, users } from "@/db/schema";
import { recordAudit } from "@/lib/core/audit";
import type { Actor } from "@/lib/core/actor-types";
import { isOwner } from "@/lib/core/owner";
import { loadFhirAssessments, fhirBase } from "@/lib/fhir/client-bundle";
import { assessmentEntries, patientEntry, questionnaireResource, type FhirAssessment } from "@/lib/fhir/resources";
import { getInstrument, INSTRUMENTS } from "@/lib/instruments";
import { NotFoundError } from "@/lib/core/errors";
import { EXPORT_FILES, exportReadme } from "./readme";
import { clock } from "@/lib/core/clock";

/*
 * The practice export (docs/decisions/0020): one zip with every table a practice has as CSV, a
 * README that describes every column, and the same clinical data as one FHIR R4 Bundle. Streamed:
 * rows are read in pages by key (never the whole table at once), each page is written into the
 * zip as it comes, and the next page is read only when the download has taken the last one.
 */

/** Rows per page: small enough to hold, large enough that a big practice is a few hundred queries. */
const PAGE = 1000;
/** Clients per page of the FHIR bundle; each brings its assessments and scores. */
const FHIR_PAGE = 200;

const iso = (value: Date | null) => (value ? value.toISOString() : "");
const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));

/** Pages of a practice's rows by a unique, ordered key, until a page comes back short. */
async function* pages<K extends string | number, R extends Record<string, unknown>>(
  read: (after: K | null) => Promise<R[]>,
  keyOf: (row: R) => K,
): AsyncGenerator<R[]> {
  let after: K | null = null;
  for (;;) {
    const rows = await read(after);
    if (rows.length) yield rows;
    if (rows.length < PAGE) return;
    after = keyOf(rows[rows.length - 1]!);
  }
}

/** A table's rows of one practice as CSV text, a page at a time (header first). */
async function* csvOf<R extends Record<string, unknown>>(columns: readonly string[], source: AsyncGenerator<R[]>, toRecord: (row: R) => string[]) {
  yield csvText([], { columns });
  for await (const rows of source) yield csvText(rows.map(toRecord));
}

function keyset<T extends PgTable>(db: Database, table: T, practiceColumn: PgColumn, key: PgColumn, practiceId: string) {
  return (after: string | number | null, extra?: SQL) =>
    db
      .select()
      .from(table as PgTable)
      .where(and(eq(practiceColumn, practiceId), after === null ? undefined : gt(key, after), extra))
      .orderBy(asc(key))
      .limit(PAGE) as unknown as Promise<T["$inferSelect"][]>;
}

function sources(db: Database, practiceId: string): Record<(typeof EXPORT_FILES)[number]["name"], () => AsyncGenerator<string>> {
  const columns = (name: string) => EXPORT_FILES.find((file) => file.name === name)!.columns.map((column) => column.name);
  return {
    "clinicians.csv": () =>
      csvOf(columns("clinicians.csv"), pages(keyset(db, users, users.practiceId, users.id, practiceId), (u) => u.id), (u) => [
        u.id,
        u.name,
        u.email,
        u.role,
        String(u.active),
        iso(u.createdAt),
      ]),
    "clients.csv": () =>
      csvOf(columns("clients.csv"), pages(keyset(db, clients, clients.practiceId, clients.id, practiceId), (c) => c.id), (c) => [
        c.id,
        c.firstName,
        c.lastName,
        text(c.preferredName),
        c.email,
        text(c.phone),
        text(c.dateOfBirth),
        c.status,
        c.clinicianId,
        text(c.coupleId),
        iso(c.createdAt),
        iso(c.archivedAt),
      ]),
    "couples.csv": () =>
      csvOf(
        columns("couples.csv"),
        pages(
          (after: string | null) =>
            db
              .select({
                id: couples.id,
                createdAt: couples.createdAt,
                unlinkedAt: couples.unlinkedAt,
                // Spelled out: inside a subquery drizzle leaves column names unqualified, and "id" would be the client's.
                members: sql<string | null>`(select string_agg(m.id::text, ' ' order by m.id) from clients m where m.couple_id = "couples"."id")`,
              })
              .from(couples)
              .where(and(eq(couples.practiceId, practiceId), after === null ? undefined : gt(couples.id, after)))
              .orderBy(asc(couples.id))
              .limit(PAGE),
          (c) => c.id,
        ),
        (c) => [c.id, iso(c.createdAt), iso(c.unlinkedAt), text(c.members)],
      ),
    "invitations.csv": () =>
      csvOf(columns("invitations.csv"), pages(keyset(db, invitations, invitations.practiceId, invitations.id, practiceId), (i) => i.id), (i) => [
        i.id,
        i.clientId,
        i.createdBy,
        i.instruments.map((ref) => ref.key).join(" "),
        i.instruments.map((ref) => String(ref.version)).join(" "),
        i.status,
        iso(i.createdAt),
        iso(i.expiresAt),
        iso(i.openedAt),
        iso(i.completedAt),
        iso(i.revokedAt),
        iso(i.lastSentAt),
        String(i.sendCount),
      ]),
    "assessments.csv": () =>
      csvOf(columns("assessments.csv"), pages(keyset(db, assessments, assessments.practiceId, assessments.id, practiceId), (a) => a.id), (a) => [
        a.id,
        a.clientId,
        text(a.invitationId),
        a.instrumentKey,
        String(a.instrumentVersion),
        iso(a.completedAt),
        a.overall === null ? "" : String(a.overall),
        a.total === null ? "" : String(a.total),
      ]),
    "assessment_answers.csv": async function* () {
      yield csvText([], { columns: columns("assessment_answers.csv") });
      for await (const page of pages(keyset(db, assessments, assessments.practiceId, assessments.id, practiceId), (a) => a.id)) {
        const records = page.flatMap((a) => {
          const order = getInstrument(a.instrumentKey, a.instrumentVersion)?.items.map((item) => item.id) ?? Object.keys(a.answers).sort();
          return order.filter((item) => a.answers[item] !== undefined).map((item) => [a.id, item, String(a.answers[item])]);
        });
        yield csvText(records);
      }
    },
    "scores.csv": () =>
      csvOf(
        columns("scores.csv"),
        pages(
          (after: string | null) =>
            db
              .select()
              .from(assessmentScores)
              .where(
                and(
                  eq(assessmentScores.practiceId, practiceId),
                  after === null ? undefined : sql`(${assessmentScores.assessmentId}::text || '/' || ${assessmentScores.dimension}) > ${after}`,
                ),
              )
              .orderBy(sql`(${assessmentScores.assessmentId}::text || '/' || ${assessmentScores.dimension})`)
              .limit(PAGE),
          (s) => `${s.assessmentId}/${s.dimension}`,
        ),
        (s) => [s.assessmentId, s.clientId, s.dimension, String(s.score), iso(s.completedAt)],
      ),
    "audit_events.csv": () =>
      csvOf(columns("audit_events.csv"), pages(keyset(db, auditEvents, auditEvents.practiceId, auditEvents.id, practiceId), (e) => e.id), (e) => [
        String(e.id),
        iso(e.createdAt),
        text(e.actorUserId),
        e.action,
        e.subjectType,
        text(e.subjectId),
        text(e.clientId),
        e.details ? JSON.stringify(e.details) : "",
      ]),
    "fhir-bundle.json": async function* () {
      const base = fhirBase();
      // Written by hand around the entries, so the bundle never has to be whole in memory.
      yield `{"resourceType":"Bundle","id":"${randomUUID()}","type":"collection","timestamp":"${clock.now().toISOString()}","entry":[\n`;
      // Every questionnaire the bundle's responses can refer to (the commas lead each later entry).
      yield INSTRUMENTS.map((instrument) => questionnaireResource(base, instrument))
        .map((questionnaire) => JSON.stringify({ fullUrl: questionnaire.url, resource: questionnaire }))
        .join(",\n");
      for await (const page of pages(keyset(db, clients, clients.practiceId, clients.id, practiceId), (c) => c.id)) {
        for (let start = 0; start < page.length; start += FHIR_PAGE) {
          const group = page.slice(start, start + FHIR_PAGE);
          const byClient = new Map<string, FhirAssessment[]>();
          for (const a of await loadFhirAssessments(db, practiceId, group.map((c) => c.id))) byClient.set(a.clientId, [...(byClient.get(a.clientId) ?? []), a]);
          const entries = group.flatMap((client) => [
            patientEntry(client),
            ...(byClient.get(client.id) ?? []).flatMap((a) => assessmentEntries(base, a, getInstrument(a.instrumentKey, a.instrumentVersion))),
          ]);
          yield entries.map((entry) => `,\n${JSON.stringify(entry)}`).join("");
        }
      }
      yield "\n]}\n";
    },
  };
}

/** The export's file name: the date in the practice's time zone. */
export function practiceExportFilename(actor: Pick<Actor, "practiceTimeZone">, now = clock.now()): string {
  return `attune-export-${new Intl.DateTimeFormat("en-CA", { timeZone: actor.practiceTimeZone }).format(now)}.zip`;
}

/**
 * The practice's export as a stream of zip bytes. Owners only (a clinician is told "not found",
 * as for any owner page). Audit-logged as `practice.export` before the first byte is sent.
 */
export async function practiceExportStream(actor: Actor): Promise<ReadableStream<Uint8Array>> {
  if (!isOwner(actor)) throw new NotFoundError("Export");
  const db = await getDb();
  await recordAudit(db, actor, { action: "practice.export", subjectType: "practice", subjectId: actor.practiceId, details: { format: "zip" } });
  // Audited on the primary before the first byte; the tables are read where dashboards read.
  const files = sources(await dashboardDb(), actor.practiceId);
  const encoder = new TextEncoder();

  async function* zipBytes(): AsyncGenerator<Uint8Array> {
    const ready: Uint8Array[] = [];
    let failure: Error | null = null;
    const zip = new Zip((error, chunk) => {
      if (error) failure = error;
      else ready.push(chunk);
    });
    const drain = function* () {
      if (failure) throw failure;
      while (ready.length) yield ready.shift()!;
    };
    const add = (name: string) => {
      const file = new ZipDeflate(name, { level: 6 });
      file.mtime = clock.now();
      zip.add(file);
      return file;
    };
    const readme = add("README.md");
    readme.push(encoder.encode(exportReadme()), true);
    yield* drain();
    for (const { name } of EXPORT_FILES) {
      const file = add(name);
      for await (const part of files[name]()) {
        file.push(encoder.encode(part));
        yield* drain();
      }
      file.push(new Uint8Array(0), true);
      yield* drain();
    }
    zip.end();
    yield* drain();
  }

  const bytes = zipBytes();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await bytes.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await bytes.return(undefined);
    },
  });
}
