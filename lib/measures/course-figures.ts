// The practice's expected course of change (issue 28), computed and kept off the request path:
// the percentile rows by week (overall and by starting band) in `practice_course_figures`, per
// practice and instrument version. Recording assessments marks them changed (one bump per batch,
// lib/assessments/record.ts); the background job (`runCourseFigureRefreshes`, queue
// "course-figures") recomputes changed ones, at most every REFRESH_EVERY_MS per practice; the
// practice rebuild (lib/assessments/rebuild-derived.ts) recomputes them so restored rows count.
// Pages read the stored rows (lib/measures/course.ts), computing inline only for a small practice.
// Deliberately no `server-only`: the write path, the rebuild and the e2e fixtures run in plain Node.
import { and, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { parseRows } from "@/db/rows";
import { practiceCourseFigures, type CourseFigureRow } from "@/db/schema";
import { clock } from "@/lib/core/clock";
import { INSTRUMENTS, getInstrument, isProfileInstrument, type AnyInstrument } from "@/lib/instruments";

export const COURSE_WEEKS = [2, 4, 6, 8, 12, 16, 24] as const;
export const COURSE_WINDOW_DAYS = 7;

/**
 * A practice with at most this many assessments of an instrument has its figures computed inline by
 * the request that finds them missing or changed (tens of milliseconds; measured in decision 0042);
 * a larger one is left to the background job.
 */
export const INLINE_MAX_ASSESSMENTS = 5_000;

/** A changed practice's figures are recomputed at most this often by the job: percentiles of thousands barely move. */
export const REFRESH_EVERY_MS = 5 * 60_000;

/** A computation over a whole large practice may need more than a request's 30 s. */
const REFRESH_STATEMENT_TIMEOUT = "10min";

export const scoreOf = (instrument: AnyInstrument) => (isProfileInstrument(instrument) ? sql`a.overall` : sql`a.total`);

/** The band a first score falls in, as SQL: the instrument's own bands, never restated by hand. */
export function bandSql(instrument: AnyInstrument, score: SQL): SQL {
  if (isProfileInstrument(instrument)) {
    const { growthBelow, strengthFrom } = instrument.scoring.bands;
    return sql`case when ${score} < ${growthBelow} then 'Growth area' when ${score} < ${strengthFrom} then 'Developing' else 'Strength' end`;
  }
  const cases = instrument.scoring.bands.map((band) => sql`when ${score} <= ${band.to} then ${band.label}::text`);
  return sql`case ${sql.join(cases, sql` `)} else 'Other' end`;
}

/** The target week whose window (a week either side) holds `days` since the first, as SQL; null for none. */
function weekOfSql(days: SQL): SQL {
  const cases = COURSE_WEEKS.map(
    (week) => sql`when ${days} >= ${week * 7 - COURSE_WINDOW_DAYS} and ${days} < ${week * 7 + COURSE_WINDOW_DAYS} then ${week}::int`,
  );
  return sql`case ${sql.join(cases, sql` `)} end`;
}

const figureRow = z.object({
  week: z.coerce.number().int(),
  band: z.string().nullable(),
  n: z.coerce.number().int(),
  p: z.array(z.coerce.number()).nullable(),
});

/**
 * The percentiles of change since the first assessment by week (and by starting band), computed by
 * the database from every assessment of the practice (percentile_cont): the one definition, run by
 * the job, the rebuild and a small practice's request; never by a large practice's page.
 */
export async function computeCourseFigures(executor: Executor, practiceId: string, instrument: AnyInstrument): Promise<CourseFigureRow[]> {
  const result = await executor.execute(sql`
    with scored as (
      select a.client_id, a.completed_at, a.id, ${scoreOf(instrument)}::float8 as score
      from assessments a
      where a.practice_id = ${practiceId} and a.instrument_key = ${instrument.key} and a.instrument_version = ${instrument.version}
    ),
    firsts as (
      select distinct on (s.client_id) s.client_id, s.completed_at as first_at, s.score as first_score
      from scored s order by s.client_id, s.completed_at, s.id
    ),
    -- Each assessment is in at most one target's window (they do not overlap): the week by arithmetic, no cross join.
    timed as (
      select s.client_id, s.score - f.first_score as change, ${bandSql(instrument, sql`f.first_score`)} as band,
        extract(epoch from (s.completed_at - f.first_at)) / 86400 as days
      from scored s inner join firsts f on f.client_id = s.client_id
      where s.completed_at > f.first_at
    ),
    weeked as (
      select t.*, ${weekOfSql(sql`t.days`)} as week from timed t
    ),
    near as (
      select distinct on (w.client_id, w.week) w.week, w.change, w.band
      from weeked w where w.week is not null
      order by w.client_id, w.week, abs(w.days - w.week * 7), w.days
    )
    select week, band, count(*)::int as n,
      percentile_cont(array[0.1, 0.5, 0.9]::float8[]) within group (order by change) as p
    from near
    group by grouping sets ((week), (week, band))
    order by week, band nulls first
  `);
  return parseRows(figureRow, result);
}

/** How many assessments of the instrument the practice has, counted no further than `upTo` (an index-only, bounded count). */
export async function countCourseAssessments(executor: Executor, practiceId: string, instrument: AnyInstrument, upTo: number): Promise<number> {
  const result = await executor.execute(sql`
    select count(*)::int as n from (
      select 1 from assessments a
      where a.practice_id = ${practiceId} and a.instrument_key = ${instrument.key} and a.instrument_version = ${instrument.version}
      limit ${upTo}
    ) bounded
  `);
  return parseRows(z.object({ n: z.coerce.number().int() }), result)[0]!.n;
}

export type StoredCourseFigures = typeof practiceCourseFigures.$inferSelect;

const key = (practiceId: string, instrument: AnyInstrument) =>
  and(
    eq(practiceCourseFigures.practiceId, practiceId),
    eq(practiceCourseFigures.instrumentKey, instrument.key),
    eq(practiceCourseFigures.instrumentVersion, instrument.version),
  );

/** The stored row (figures possibly null or out of date), or undefined where none was ever made. */
export async function readCourseFigures(executor: Executor, practiceId: string, instrument: AnyInstrument): Promise<StoredCourseFigures | undefined> {
  const [row] = await executor.select().from(practiceCourseFigures).where(key(practiceId, instrument));
  return row;
}

/** Whether stored figures take in every batch recorded so far. */
export const isCurrent = (row: StoredCourseFigures | undefined): boolean => !!row?.figures && row.computedChanges >= row.changes;

/**
 * Recomputes and stores one practice's figures. The change count is read first, so the figures
 * stored take in at least the batches counted (a batch recorded meanwhile leaves them changed for
 * the next run); a slower run never overwrites a newer one's figures.
 */
export async function refreshCourseFigures(executor: Executor, practiceId: string, instrument: AnyInstrument): Promise<StoredCourseFigures> {
  const seen = (await readCourseFigures(executor, practiceId, instrument))?.changes ?? 0;
  const started = performance.now();
  const figures = await computeCourseFigures(executor, practiceId, instrument);
  const computedMs = Math.round(performance.now() - started);
  const assessments = await countCourseAssessments(executor, practiceId, instrument, 2_000_000_000);
  const values = { figures, computedAt: clock.now(), computedMs, assessments, computedChanges: seen };
  await executor
    .insert(practiceCourseFigures)
    .values({ practiceId, instrumentKey: instrument.key, instrumentVersion: instrument.version, changes: seen, ...values })
    .onConflictDoUpdate({
      target: [practiceCourseFigures.practiceId, practiceCourseFigures.instrumentKey, practiceCourseFigures.instrumentVersion],
      set: values,
      setWhere: sql`${practiceCourseFigures.computedChanges} <= ${seen}`,
    });
  return (await readCourseFigures(executor, practiceId, instrument))!;
}

/**
 * Marks the figures of each practice and instrument version in a batch of recorded assessments as
 * changed (the write path, in its transaction): one bump per pair, in a fixed order.
 */
export async function markCourseFiguresChanged(
  executor: Executor,
  inputs: readonly { practiceId: string; instrument: { key: string; version: number } }[],
): Promise<void> {
  const pairs = [...new Map(inputs.map((i) => [`${i.practiceId}|${i.instrument.key}|${i.instrument.version}`, i])).entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, i]) => ({ practiceId: i.practiceId, instrumentKey: i.instrument.key, instrumentVersion: i.instrument.version, changes: 1 }));
  if (pairs.length === 0) return;
  await executor
    .insert(practiceCourseFigures)
    .values(pairs)
    .onConflictDoUpdate({
      target: [practiceCourseFigures.practiceId, practiceCourseFigures.instrumentKey, practiceCourseFigures.instrumentVersion],
      set: { changes: sql`${practiceCourseFigures.changes} + 1` },
    });
}

/** Asks for the figures without computing them (a large practice's page found none): the job makes them. */
export async function requestCourseFigures(executor: Executor, practiceId: string, instrument: AnyInstrument): Promise<void> {
  await executor
    .insert(practiceCourseFigures)
    .values({ practiceId, instrumentKey: instrument.key, instrumentVersion: instrument.version })
    .onConflictDoNothing();
}

/** Every instrument version the practice has assessments of, recomputed (the practice rebuild: restored rows count). */
export async function refreshPracticeCourseFigures(executor: Executor, practiceId: string, instruments: readonly AnyInstrument[] = INSTRUMENTS): Promise<void> {
  const present = parseRows(
    z.object({ instrument_key: z.string(), instrument_version: z.coerce.number().int() }),
    await executor.execute(sql`select distinct instrument_key, instrument_version from assessments where practice_id = ${practiceId}`),
  );
  for (const instrument of instruments) {
    if (present.some((p) => p.instrument_key === instrument.key && p.instrument_version === instrument.version)) {
      await refreshCourseFigures(executor, practiceId, instrument);
    }
  }
}

/**
 * The job: recomputes every practice's figures that are missing or changed, the longest-waiting
 * first, leaving one computed less than REFRESH_EVERY_MS ago for a later run (the job is scheduled
 * every minute). Safe to run twice or at once (a slower run never overwrites a newer one).
 */
export async function runCourseFigureRefreshes(executor: Executor): Promise<{ refreshed: number }> {
  const before = new Date(clock.now().getTime() - REFRESH_EVERY_MS);
  const due = await executor
    .select({ practiceId: practiceCourseFigures.practiceId, key: practiceCourseFigures.instrumentKey, version: practiceCourseFigures.instrumentVersion })
    .from(practiceCourseFigures)
    .where(
      sql`(${practiceCourseFigures.figures} is null or ${practiceCourseFigures.computedChanges} < ${practiceCourseFigures.changes})
        and (${practiceCourseFigures.computedAt} is null or ${practiceCourseFigures.computedAt} < ${before})`,
    )
    .orderBy(sql`${practiceCourseFigures.computedAt} nulls first`)
    .limit(20);
  let refreshed = 0;
  for (const row of due) {
    const instrument = getInstrument(row.key, row.version);
    if (!instrument) continue;
    await executor.transaction(async (tx) => {
      await tx.execute(sql`select set_config('statement_timeout', ${REFRESH_STATEMENT_TIMEOUT}, true)`);
      await refreshCourseFigures(tx, row.practiceId, instrument);
    });
    refreshed++;
  }
  return { refreshed };
}
