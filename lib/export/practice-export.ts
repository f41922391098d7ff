import "server-only";
import { dashboardDb } from "@/lib/core/read-db";
import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { csvText } from "@/lib/core/csv-write";
import { Zip, ZipDeflate } from "fflate";
import { getDb, type Database } from "@/db/client";
import {
  assessmentScores,
  assessments,
  auditEvents,
  clients,
  clinicalAlerts,
  couples,
  invitations,
  planMembers,
  plans,
  practices,
  resultLinks,
  resultSharing,
  teamInvitations,
  users,
} from "@/db/schema";
import { crisisTextOf } from "@/lib/alerts/crisis";
import { displayName } from "@/lib/core/display-name";
import { recordAudit } from "@/lib/core/audit";
import type { Actor } from "@/lib/core/actor-types";
import { isOwner } from "@/lib/core/owner";
import { loadFhirAssessments, fhirBase } from "@/lib/fhir/client-bundle";
import { allCodeSystems } from "@/lib/fhir/code-systems";
import { assessmentEntries, patientEntry, questionnaireResource, type FhirAssessment } from "@/lib/fhir/resources";
import { getInstrument, INSTRUMENTS, isTotalInstrument } from "@/lib/instruments";
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

type ExportFileName = (typeof EXPORT_FILES)[number]["name"];
type RecordFileName = "clinical_alerts.csv" | "plans.csv" | "plan_members.csv" | "plan_occurrences.csv" | "result_sharing.csv" | "result_links.csv" | "practice_settings.csv";
const columns = (name: ExportFileName) => EXPORT_FILES.find((file) => file.name === name)!.columns.map((column) => column.name);

/**
 * Each page's rows with the client's name as the practice knows them (`clientName`), read for the
 * page's clients only, so a per-client file names its client without holding every client at once.
 */
async function* named<R extends { clientId: string }>(db: Database, practiceId: string, source: AsyncGenerator<R[]>): AsyncGenerator<(R & { clientName: string })[]> {
  for await (const rows of source) {
    const names = await clientNames(db, practiceId, rows.map((row) => row.clientId));
    yield rows.map((row) => ({ ...row, clientName: names.get(row.clientId) ?? "" }));
  }
}

async function clientNames(db: Database, practiceId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const found = await db
    .select({ id: clients.id, firstName: clients.firstName, lastName: clients.lastName, preferredName: clients.preferredName })
    .from(clients)
    .where(and(eq(clients.practiceId, practiceId), inArray(clients.id, unique)));
  return new Map(found.map((client) => [client.id, displayName(client)]));
}

function sources(db: Database, practiceId: string): Record<ExportFileName, () => AsyncGenerator<string>> {
  return { ...recordSources(db, practiceId), ...tableSources(db, practiceId) };
}

/**
 * The team as the owner's list shows it: the accounts and, alike and in the same id order, the
 * addresses held by an account elsewhere (lib/team/invited-elsewhere.ts), so the export does not
 * tell them apart either (issue 24, probe 8). A team is small: one page.
 */
async function* teamOf(db: Database, practiceId: string) {
  const accounts = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.practiceId, practiceId));
  const held = await db
    .select({ id: teamInvitations.id, name: teamInvitations.name, email: teamInvitations.email, active: teamInvitations.active, createdAt: teamInvitations.createdAt })
    .from(teamInvitations)
    .where(eq(teamInvitations.practiceId, practiceId));
  yield [...accounts, ...held.map((row) => ({ ...row, role: "clinician" as const }))].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function tableSources(db: Database, practiceId: string): Record<Exclude<ExportFileName, RecordFileName>, () => AsyncGenerator<string>> {
  return {
    "clinicians.csv": () =>
      csvOf(columns("clinicians.csv"), teamOf(db, practiceId), (u) => [
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
      csvOf(columns("invitations.csv"), named(db, practiceId, pages(keyset(db, invitations, invitations.practiceId, invitations.id, practiceId), (i) => i.id)), (i) => [
        i.id,
        i.clientId,
        i.clientName,
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
        text(i.planId),
        text(i.planOccurrence),
      ]),
    "assessments.csv": () =>
      csvOf(columns("assessments.csv"), named(db, practiceId, pages(keyset(db, assessments, assessments.practiceId, assessments.id, practiceId), (a) => a.id)), (a) => [
        a.id,
        a.clientId,
        a.clientName,
        text(a.invitationId),
        a.instrumentKey,
        String(a.instrumentVersion),
        iso(a.completedAt),
        a.overall === null ? "" : String(a.overall),
        a.total === null ? "" : String(a.total),
        a.language,
      ]),
    "assessment_answers.csv": () => assessmentAnswersCsv(db, practiceId, columns("assessment_answers.csv")),
    "scores.csv": () =>
      csvOf(
        columns("scores.csv"),
        named(db, practiceId, pages(
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
        )),
        (s) => [s.assessmentId, s.clientId, s.clientName, s.dimension, String(s.score), iso(s.completedAt)],
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
    "fhir-bundle.json": () => fhirBundleJson(db, practiceId),
  };
}

/** One row per answer, in each instrument's item order (pages of assessments, never the whole table). */
async function* assessmentAnswersCsv(db: Database, practiceId: string, columns: string[]): AsyncGenerator<string> {
  yield csvText([], { columns });
  for await (const page of pages(keyset(db, assessments, assessments.practiceId, assessments.id, practiceId), (a) => a.id)) {
    const records = page.flatMap((a) => {
      const order = getInstrument(a.instrumentKey, a.instrumentVersion)?.items.map((item) => item.id) ?? Object.keys(a.answers).sort();
      return order.filter((item) => a.answers[item] !== undefined).map((item) => [a.id, item, String(a.answers[item])]);
    });
    yield csvText(records);
  }
}

/** The practice as one FHIR Bundle: the questionnaires and code systems, then each client and their responses and observations. */
async function* fhirBundleJson(db: Database, practiceId: string): AsyncGenerator<string> {
  const base = fhirBase();
  // Written by hand around the entries, so the bundle never has to be whole in memory.
  yield `{"resourceType":"Bundle","id":"${randomUUID()}","type":"collection","timestamp":"${clock.now().toISOString()}","entry":[\n`;
  // Every questionnaire the bundle's responses can refer to (the commas lead each later entry).
  yield INSTRUMENTS.map((instrument) => questionnaireResource(base, instrument))
    .map((questionnaire) => JSON.stringify({ fullUrl: questionnaire.url, resource: questionnaire }))
    .join(",\n");
  // And every code system their answers and the scores use, so the bundle explains its own codes.
  yield allCodeSystems(base)
    .map((system) => `,\n${JSON.stringify({ fullUrl: system.url, resource: system })}`)
    .join("");
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
}

/** What the clinical record holds beyond the answers: alerts and their acknowledgement, plans, consents, results links, settings. */
function recordSources(db: Database, practiceId: string): Record<RecordFileName, () => AsyncGenerator<string>> {
  return { ...alertSources(db, practiceId), ...planSources(db, practiceId), ...sharingAndSettingsSources(db, practiceId) };
}

function alertSources(db: Database, practiceId: string): Record<"clinical_alerts.csv", () => AsyncGenerator<string>> {
  return {
    "clinical_alerts.csv": () =>
      csvOf(
        columns("clinical_alerts.csv"),
        named(
          db,
          practiceId,
          pages(
            (after: string | null) =>
              db
                .select({ alert: clinicalAlerts, acknowledgedByName: users.name })
                .from(clinicalAlerts)
                .leftJoin(users, eq(users.id, clinicalAlerts.acknowledgedBy))
                .where(and(eq(clinicalAlerts.practiceId, practiceId), after === null ? undefined : gt(clinicalAlerts.id, after)))
                .orderBy(asc(clinicalAlerts.id))
                .limit(PAGE)
                .then((rows) => rows.map((row) => ({ ...row.alert, acknowledgedByName: row.acknowledgedByName }))),
            (a) => a.id,
          ),
        ),
        (a) => {
          const def = getInstrument(a.instrumentKey, a.instrumentVersion);
          const item = def && isTotalInstrument(def) ? def.items.find((candidate) => candidate.id === a.itemId) : undefined;
          return [
            a.id,
            a.clientId,
            a.clientName,
            a.instrumentKey,
            String(a.instrumentVersion),
            a.itemId,
            text(item?.text),
            iso(a.createdAt),
            String(a.assessmentId === null),
            iso(a.draftSavedAt),
            text(a.assessmentId),
            text(a.invitationId),
            iso(a.acknowledgedAt),
            text(a.acknowledgedBy),
            text(a.acknowledgedByName),
            text(a.acknowledgementNote),
          ];
        },
      ),
  };
}

function planSources(db: Database, practiceId: string): Record<"plans.csv" | "plan_members.csv" | "plan_occurrences.csv", () => AsyncGenerator<string>> {
  return {
    "plans.csv": () =>
      csvOf(
        columns("plans.csv"),
        (async function* () {
          for await (const page of pages(keyset(db, plans, plans.practiceId, plans.id, practiceId), (p) => p.id)) {
            const members = await db
              .select({ planId: planMembers.planId, clientId: planMembers.clientId })
              .from(planMembers)
              .where(and(eq(planMembers.practiceId, practiceId), inArray(planMembers.planId, page.map((p) => p.id))))
              .orderBy(asc(planMembers.clientId));
            const names = await clientNames(db, practiceId, members.map((m) => m.clientId));
            yield page.map((p) => {
              const ids = members.filter((m) => m.planId === p.id).map((m) => m.clientId);
              return { ...p, clientIds: ids.join(" "), clientNames: ids.map((id) => names.get(id) ?? "").join(" & ") };
            });
          }
        })(),
        (p) => [
          p.id,
          text(p.coupleId),
          p.clientIds,
          p.clientNames,
          p.createdBy,
          p.instruments.map((ref) => ref.key).join(" "),
          p.instruments.map((ref) => String(ref.version)).join(" "),
          p.cadence,
          p.startDate,
          String(p.firstOccurrence),
          p.endKind,
          text(p.endCount),
          text(p.endDate),
          String(p.expiryDays),
          p.reminderDays.join(" "),
          p.status,
          iso(p.pausedAt),
          iso(p.endedAt),
          iso(p.createdAt),
        ],
      ),
    "plan_members.csv": () =>
      csvOf(
        columns("plan_members.csv"),
        named(
          db,
          practiceId,
          pages(
            (after: string | null) =>
              db
                .select()
                .from(planMembers)
                .where(and(eq(planMembers.practiceId, practiceId), after === null ? undefined : sql`(${planMembers.planId}::text || '/' || ${planMembers.clientId}::text) > ${after}`))
                .orderBy(sql`(${planMembers.planId}::text || '/' || ${planMembers.clientId}::text)`)
                .limit(PAGE),
            (m) => `${m.planId}/${m.clientId}`,
          ),
        ),
        (m) => [m.planId, m.clientId, m.clientName, iso(m.remindersStoppedAt)],
      ),
    "plan_occurrences.csv": () =>
      csvOf(
        columns("plan_occurrences.csv"),
        named(
          db,
          practiceId,
          pages(
            (after: string | null) =>
              db
                .select({
                  id: invitations.id,
                  planId: invitations.planId,
                  occurrence: invitations.planOccurrence,
                  clientId: invitations.clientId,
                  sentAt: invitations.createdAt,
                  status: invitations.status,
                  completedAt: invitations.completedAt,
                  reminders: sql<number>`(select count(*) from plan_reminders r where r.invitation_id = "invitations"."id")`.mapWith(Number),
                })
                .from(invitations)
                .where(and(eq(invitations.practiceId, practiceId), sql`${invitations.planId} is not null`, after === null ? undefined : gt(invitations.id, after)))
                .orderBy(asc(invitations.id))
                .limit(PAGE),
            (o) => o.id,
          ),
        ),
        (o) => [text(o.planId), text(o.occurrence), o.id, o.clientId, o.clientName, iso(o.sentAt), o.status, iso(o.completedAt), String(o.reminders)],
      ),
  };
}

function sharingAndSettingsSources(db: Database, practiceId: string): Record<"result_sharing.csv" | "result_links.csv" | "practice_settings.csv", () => AsyncGenerator<string>> {
  return {
    "result_sharing.csv": () =>
      csvOf(
        columns("result_sharing.csv"),
        named(
          db,
          practiceId,
          pages(
            (after: string | null) =>
              db
                .select()
                .from(resultSharing)
                .where(and(eq(resultSharing.practiceId, practiceId), after === null ? undefined : gt(resultSharing.clientId, after)))
                .orderBy(asc(resultSharing.clientId))
                .limit(PAGE),
            (r) => r.clientId,
          ),
        ),
        (r) => [r.clientId, r.clientName, r.shared === null ? "" : String(r.shared), text(r.coupleConsentCoupleId), iso(r.coupleConsentAt), iso(r.updatedAt)],
      ),
    "result_links.csv": () =>
      csvOf(
        columns("result_links.csv"),
        named(db, practiceId, pages(keyset(db, resultLinks, resultLinks.practiceId, resultLinks.id, practiceId), (l) => l.id)),
        // Never the token's hash: the export holds no credential, usable or not.
        (l) => [l.id, l.clientId, l.clientName, l.createdBy, iso(l.createdAt), iso(l.expiresAt), iso(l.revokedAt)],
      ),
    "practice_settings.csv": () =>
      csvOf(
        columns("practice_settings.csv"),
        (async function* () {
          yield await db.select().from(practices).where(eq(practices.id, practiceId));
        })(),
        (p) => [
          p.id,
          p.name,
          p.timeZone,
          String(p.defaultLinkExpiryDays),
          text(p.emailSenderName),
          String(p.requireTwoStep),
          String(p.shareResultsByDefault),
          text(p.crisisText),
          crisisTextOf(p.crisisText),
          iso(p.createdAt),
        ],
      ),
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
