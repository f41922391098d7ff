import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { csvText } from "@/lib/core/csv-write";
import { getDb } from "@/db/client";
import { dashboardDb } from "@/lib/core/read-db";
import { assessmentScores, assessments } from "@/db/schema";
import { recordAudit } from "@/lib/core/audit";
import type { Actor } from "@/lib/core/actor-types";
import { getAccessibleClient } from "@/lib/core/client-access";
import { DomainError } from "@/lib/core/errors";
import {
  CLOSENESS_DIMENSIONS,
  closenessV1,
  formatScore,
  getInstrument,
  INSTRUMENTS,
  isTotalInstrument,
  totalBandOf,
  type TotalInstrument,
} from "@/lib/instruments";
import { clock } from "@/lib/core/clock";

/*
 * The client scores export, a stable contract (DESIGN.md §4) that users' own tools read:
 * - header `completed_at,instrument,version,<the seven dimensions in definition order>,overall`;
 * - one row per completed assessment, oldest first (ties by assessment id, so the order is stable);
 * - `completed_at` in ISO 8601, UTC, with milliseconds: `2026-03-01T09:30:00.000Z`;
 * - scores to one decimal, half away from zero (`formatScore`: 62.5, 70.0, 31.3);
 * - Closeness Inventory assessments only (as ever: until other instruments existed there were no
 *   others); `?instrument=closeness` gives the same bytes. Other instruments have their own columns,
 *   below (`instrumentScoresCsv`);
 * - records end with CRLF (RFC 4180), the last one included; UTF-8 without a byte-order mark (every
 *   field is ASCII); no field needs quoting.
 */
const CLIENT_SCORES_COLUMNS = ["completed_at", "instrument", "version", ...CLOSENESS_DIMENSIONS, "overall"] as const;

/**
 * The client's scores as CSV. Throws NotFoundError for a client that is not the actor's (or a
 * malformed id). Every export is audit-logged as `client.export_scores` (on the primary, after the
 * read and before the CSV is returned), so no export leaves without its audit row.
 */
export async function clientScoresCsv(actor: Actor, clientId: string, instrumentKey: string = closenessV1.key): Promise<string> {
  const key = parseScoresInstrument(instrumentKey);
  if (!key.ok) throw new DomainError(key.message, "instrument");
  if (key.key !== closenessV1.key) return instrumentScoresCsv(actor, clientId, key.key);
  const read = await dashboardDb();
  const client = await getAccessibleClient(read, actor, clientId);
  const rows = await read
    .select({
      completedAt: assessments.completedAt,
      instrument: assessments.instrumentKey,
      version: assessments.instrumentVersion,
      overall: assessments.overall,
      // One column per dimension, pivoted by the database.
      ...Object.fromEntries(
        CLOSENESS_DIMENSIONS.map((dimension) => [
          dimension,
          sql<string | null>`max(${assessmentScores.score}) filter (where ${assessmentScores.dimension} = ${dimension})`,
        ]),
      ),
    })
    .from(assessments)
    .leftJoin(assessmentScores, eq(assessmentScores.assessmentId, assessments.id))
    .where(and(eq(assessments.practiceId, actor.practiceId), eq(assessments.clientId, client.id), eq(assessments.instrumentKey, closenessV1.key)))
    .groupBy(assessments.id)
    .orderBy(asc(assessments.completedAt), asc(assessments.id));
  // Audited on the primary before anything leaves; the rows may come from a read replica.
  await recordAudit(await getDb(), actor, {
    action: "client.export_scores",
    subjectType: "client",
    subjectId: client.id,
    details: { format: "csv", assessments: rows.length },
  });

  const score = (value: unknown) => (value === null || value === undefined ? "" : formatScore(Number(value)));
  return csvText(
    rows.map((row) => {
      const record = row as typeof row & Record<string, unknown>;
      return [
        row.completedAt.toISOString(),
        row.instrument,
        String(row.version),
        ...CLOSENESS_DIMENSIONS.map((dimension) => score(record[dimension])),
        score(row.overall),
      ];
    }),
    { columns: CLIENT_SCORES_COLUMNS },
  );
}

/**
 * The download's file name: the export date in the practice's time zone, never the client's name,
 * which would otherwise sit in download folders and browser histories.
 */
export function clientScoresFilename(actor: Pick<Actor, "practiceTimeZone">, now = clock.now()): string {
  const parts = new Intl.DateTimeFormat("en", { timeZone: actor.practiceTimeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `client-scores-${part("year")}-${part("month")}-${part("day")}.csv`;
}

/** Every instrument key the export knows, in the order clinicians see them. */
export const SCORES_CSV_INSTRUMENTS: readonly string[] = [...new Set(INSTRUMENTS.map((def) => def.key))];

/**
 * The `?instrument=` parameter of the scores export: absent (null) or empty means the Closeness
 * Inventory, the contract from before there were other instruments; an unknown key is refused with
 * a message that says which keys there are.
 */
export function parseScoresInstrument(value: string | null | undefined): { ok: true; key: string } | { ok: false; message: string } {
  if (value === null || value === undefined || value === "") return { ok: true, key: closenessV1.key };
  if (SCORES_CSV_INSTRUMENTS.includes(value)) return { ok: true, key: value };
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return { ok: false, message: `There is no instrument "${shown}". Use one of: ${SCORES_CSV_INSTRUMENTS.join(", ")}.` };
}

/*
 * A total-scored instrument's export (`?instrument=phq9`, `gad7`, `csi4`), as stable as the
 * closeness one:
 * - header `completed_at,instrument,version,<every item id of the instrument, in presentation order,
 *   unscored ones included (PHQ-9's and GAD-7's difficulty question)>,total,band`; item ids are
 *   the instrument's own (`phq9_1` … `phq9_9`, `phq9_difficulty`); an item only a later version has
 *   follows the earlier version's items;
 * - one row per completed assessment of that instrument, oldest first (ties by assessment id);
 * - `completed_at` in ISO 8601, UTC, with milliseconds;
 * - item columns: the answer's value as stored (0–3 for PHQ-9; CSI-4's first item 0–6), empty for an
 *   unscored item left unanswered; `total`: the sum of the scored items, a whole number; `band`: the
 *   band's published label ("Moderately severe");
 * - records end with CRLF, UTF-8 without a byte-order mark; a field is quoted only if it would need it
 *   (none does today).
 */
export async function instrumentScoresCsv(actor: Actor, clientId: string, key: string): Promise<string> {
  const versions = INSTRUMENTS.filter((def): def is TotalInstrument => def.key === key && isTotalInstrument(def)).sort((a, b) => a.version - b.version);
  if (versions.length === 0) throw new DomainError(`There is no total-scored instrument "${key}".`, "instrument");
  const itemIds = [...new Set(versions.flatMap((def) => def.items.map((item) => item.id)))];
  const read = await dashboardDb();
  const client = await getAccessibleClient(read, actor, clientId);
  const rows = await read
    .select({
      completedAt: assessments.completedAt,
      version: assessments.instrumentVersion,
      answers: assessments.answers,
      total: assessments.total,
    })
    .from(assessments)
    .where(and(eq(assessments.practiceId, actor.practiceId), eq(assessments.clientId, client.id), eq(assessments.instrumentKey, key)))
    .orderBy(asc(assessments.completedAt), asc(assessments.id));
  // Audited on the primary before anything leaves; the rows may come from a read replica.
  await recordAudit(await getDb(), actor, {
    action: "client.export_scores",
    subjectType: "client",
    subjectId: client.id,
    details: { format: "csv", instrument: key, assessments: rows.length },
  });

  return csvText(
    rows.map((row) => {
      const def = getInstrument(key, row.version);
      const total = row.total === null ? null : Number(row.total);
      const band = def && isTotalInstrument(def) && total !== null ? totalBandOf(def, total).label : "";
      return [
        row.completedAt.toISOString(),
        key,
        String(row.version),
        ...itemIds.map((id) => (typeof row.answers[id] === "number" ? String(row.answers[id]) : "")),
        total === null ? "" : String(total),
        band,
      ];
    }),
    { columns: ["completed_at", "instrument", "version", ...itemIds, "total", "band"] },
  );
}

/** The file name of an instrument's export: `client-scores-phq9-2026-06-01.csv`; the closeness one keeps its name. */
export function instrumentScoresFilename(actor: Pick<Actor, "practiceTimeZone">, key: string, now = clock.now()): string {
  const name = clientScoresFilename(actor, now);
  return key === closenessV1.key ? name : name.replace(/^client-scores-/, `client-scores-${key}-`);
}
