import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { stringify } from "csv-stringify/sync";
import { getDb } from "@/db/client";
import { assessmentScores, assessments } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor-types";
import { getAccessibleClient } from "@/lib/clients/access";
import { CLOSENESS_DIMENSIONS, formatScore } from "@/lib/instruments";

/*
 * The client scores export, a stable contract (DESIGN.md §4) that users' own tools read:
 * - header `completed_at,instrument,version,<the seven dimensions in definition order>,overall`;
 * - one row per completed assessment, oldest first (ties by assessment id, so the order is stable);
 * - `completed_at` in ISO 8601, UTC, with milliseconds: `2026-03-01T09:30:00.000Z`;
 * - scores to one decimal, half away from zero (`formatScore`: 62.5, 70.0, 31.3); an assessment of
 *   another instrument leaves the closeness dimension columns empty;
 * - records end with CRLF (RFC 4180), the last one included; UTF-8 without a byte-order mark (every
 *   field is ASCII); no field needs quoting.
 */
const CLIENT_SCORES_COLUMNS = ["completed_at", "instrument", "version", ...CLOSENESS_DIMENSIONS, "overall"] as const;

/**
 * The client's scores as CSV. Throws NotFoundError for a client that is not the actor's (or a
 * malformed id). Every export is audit-logged as `client.export_scores`, in the same transaction as
 * the read, so no export leaves without its audit row.
 */
export async function clientScoresCsv(actor: Actor, clientId: string): Promise<string> {
  const db = await getDb();
  const rows = await db.transaction(async (tx) => {
    const client = await getAccessibleClient(tx, actor, clientId);
    const rows = await tx
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
      .where(and(eq(assessments.practiceId, actor.practiceId), eq(assessments.clientId, client.id)))
      .groupBy(assessments.id)
      .orderBy(asc(assessments.completedAt), asc(assessments.id));
    await recordAudit(tx, actor, {
      action: "client.export_scores",
      subjectType: "client",
      subjectId: client.id,
      details: { format: "csv", assessments: rows.length },
    });
    return rows;
  });

  const score = (value: unknown) => (value === null || value === undefined ? "" : formatScore(Number(value)));
  return stringify(
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
    { header: true, columns: [...CLIENT_SCORES_COLUMNS], record_delimiter: "\r\n", eof: true },
  );
}

/**
 * The download's file name: the export date in the practice's time zone, never the client's name,
 * which would otherwise sit in download folders and browser histories.
 */
export function clientScoresFilename(actor: Pick<Actor, "practiceTimeZone">, now = new Date()): string {
  const parts = new Intl.DateTimeFormat("en", { timeZone: actor.practiceTimeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `client-scores-${part("year")}-${part("month")}-${part("day")}.csv`;
}
