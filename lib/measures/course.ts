import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Executor } from "@/db/client";
import { parseRows } from "@/db/rows";
import type { Actor } from "@/lib/core/actor-types";
import { clientScope, getAccessibleClient } from "@/lib/core/client-access";
import { displayName } from "@/lib/core/display-name";
import { isProfileInstrument, type AnyInstrument } from "@/lib/instruments";
import { MIN_PEOPLE, measuredInstrument } from "./reliability";

/*
 * The expected course of change (issue 28): from the practice's people with two or more
 * assessments of an instrument, the 10th, 50th and 90th percentiles of their change since their
 * first at 2, 4, 6, 8, 12, 16 and 24 weeks — overall, and by the band they started in where that
 * band has enough people. A person counts at a week with their assessment nearest to it, within a
 * week either side. Nothing is shown from fewer than MIN_PEOPLE people. Computed by the database
 * on demand (percentile_cont over the practice's assessments), so restored rows count at once.
 */

export const COURSE_WEEKS = [2, 4, 6, 8, 12, 16, 24] as const;
const WINDOW_DAYS = 7;

export type CoursePoint = { week: number; n: number; p10: number | null; p50: number | null; p90: number | null; reason?: string };

export type ExpectedCourse = {
  instrument: string;
  version: number;
  /** What "change" is measured on: the overall score (0–100) or the total. */
  measure: "overall" | "total";
  /** Whether a rise is good (closeness, CSI-4) or bad (PHQ-9, GAD-7): which tail is "off the usual course". */
  higherIsBetter: boolean;
  weeks: CoursePoint[];
  byStartingBand: { band: string; weeks: CoursePoint[] }[];
};

const scoreOf = (instrument: AnyInstrument) => (isProfileInstrument(instrument) ? sql`a.overall` : sql`a.total`);

/** The band a first score falls in, as SQL: the instrument's own bands, never restated by hand. */
function bandSql(instrument: AnyInstrument, score: SQL): SQL {
  if (isProfileInstrument(instrument)) {
    const { growthBelow, strengthFrom } = instrument.scoring.bands;
    return sql`case when ${score} < ${growthBelow} then 'Growth area' when ${score} < ${strengthFrom} then 'Developing' else 'Strength' end`;
  }
  const cases = instrument.scoring.bands.map((band) => sql`when ${score} <= ${band.to} then ${band.label}::text`);
  return sql`case ${sql.join(cases, sql` `)} else 'Other' end`;
}

/** The target week whose window (a week either side) holds `days` since the first, as SQL; null for none. */
function weekOfSql(days: SQL): SQL {
  const cases = COURSE_WEEKS.map((week) => sql`when ${days} >= ${week * 7 - WINDOW_DAYS} and ${days} < ${week * 7 + WINDOW_DAYS} then ${week}::int`);
  return sql`case ${sql.join(cases, sql` `)} end`;
}

const courseRow = z.object({
  week: z.coerce.number().int(),
  band: z.string().nullable(),
  n: z.coerce.number().int(),
  p: z.array(z.coerce.number()).nullable(),
});

/** The percentiles of change by week (and by starting band), for a practice. */
export async function loadExpectedCourse(executor: Executor, practiceId: string, instrument: AnyInstrument): Promise<ExpectedCourse> {
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
  `);
  const rows = parseRows(courseRow, result);
  const point = (week: number, row: z.output<typeof courseRow> | undefined): CoursePoint => {
    const n = row?.n ?? 0;
    if (n < MIN_PEOPLE || !row?.p) return { week, n, p10: null, p50: null, p90: null, reason: `Shown from ${MIN_PEOPLE} people or more; ${n} so far.` };
    return { week, n, p10: row.p[0]!, p50: row.p[1]!, p90: row.p[2]! };
  };
  const overall = new Map(rows.filter((r) => r.band === null).map((r) => [r.week, r]));
  const bands = [...new Set(rows.filter((r) => r.band !== null).map((r) => r.band!))];
  return {
    instrument: instrument.key,
    version: instrument.version,
    measure: isProfileInstrument(instrument) ? "overall" : "total",
    higherIsBetter: isProfileInstrument(instrument) || instrument.scoring.direction === "higher_is_better",
    weeks: COURSE_WEEKS.map((week) => point(week, overall.get(week))),
    byStartingBand: bands
      .map((band) => ({ band, weeks: COURSE_WEEKS.map((week) => point(week, rows.find((r) => r.band === band && r.week === week))) }))
      .filter((entry) => entry.weeks.some((w) => w.p10 !== null)),
  };
}

/** The target week a span since the first assessment counts for (within a week either side), or null. */
export function courseWeekOf(daysSinceFirst: number): number | null {
  const week = COURSE_WEEKS.find((w) => daysSinceFirst >= w * 7 - WINDOW_DAYS && daysSinceFirst < w * 7 + WINDOW_DAYS);
  return week ?? null;
}

export type CourseJudgement = { week: number; change: number; expected: CoursePoint; band: string | null; offCourse: boolean };

/**
 * Whether a change since the first assessment is off the usual course at its week: below the 10th
 * percentile where a rise is good, above the 90th where a rise is bad. The starting band's figures
 * when that band has enough people, else everyone's. Null when the week is not one of the course's
 * or nothing is shown there (too few people).
 */
export function judgeCourse(course: ExpectedCourse, daysSinceFirst: number, change: number, startingBand: string | null): CourseJudgement | null {
  const week = courseWeekOf(daysSinceFirst);
  if (week === null) return null;
  const { expected, band } = expectedAt(course, week, startingBand);
  if (expected.p10 === null || expected.p90 === null) return null;
  const offCourse = course.higherIsBetter ? change < expected.p10 : change > expected.p90;
  return { week, change, expected, band, offCourse };
}

/**
 * The figures a person is judged against at a course week: those of people who started in the
 * same band when that band has enough people at the week, else everyone's (`band` null). The one
 * choice both the judgement and the chart of a person's expected band make.
 */
export function expectedAt(course: ExpectedCourse, week: number, startingBand: string | null): { expected: CoursePoint; band: string | null } {
  const banded = course.byStartingBand.find((entry) => entry.band === startingBand)?.weeks.find((w) => w.week === week);
  if (banded && banded.p10 !== null) return { expected: banded, band: startingBand };
  return { expected: course.weeks.find((w) => w.week === week) ?? { week, n: 0, p10: null, p50: null, p90: null }, band: null };
}

export type OffCourseClient = { id: string; name: string; instrument: string; judgement: CourseJudgement };

const latestRow = z.object({
  client_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  preferred_name: z.string().nullable(),
  days: z.coerce.number(),
  change: z.coerce.number(),
  band: z.string(),
});

/**
 * The actor's active clients (their scope: the practice for the owner, the caseload otherwise)
 * whose latest closeness assessment is off the usual course for its week, with the figures used.
 */
export async function findOffCourseClients(actor: Actor, instrumentKey = "closeness"): Promise<{ course: ExpectedCourse; clients: OffCourseClient[] }> {
  const instrument = measuredInstrument(instrumentKey);
  const db = await getDb();
  const course = await loadExpectedCourse(db, actor.practiceId, instrument);
  if (course.weeks.every((w) => w.p10 === null)) return { course, clients: [] };
  const score = scoreOf(instrument);
  const result = await db.execute(sql`
    with ordered as (
      select a.client_id, a.completed_at, ${score}::float8 as score,
        first_value(${score}::float8) over w as first_score, first_value(a.completed_at) over w as first_at,
        row_number() over (partition by a.client_id order by a.completed_at desc, a.id desc) as from_latest
      from assessments a inner join clients on clients.id = a.client_id
      where a.practice_id = ${actor.practiceId} and ${clientScope(actor)} and clients.status = 'active'
        and a.instrument_key = ${instrument.key} and a.instrument_version = ${instrument.version}
      window w as (partition by a.client_id order by a.completed_at, a.id)
    )
    select o.client_id, c.first_name, c.last_name, c.preferred_name, extract(epoch from (o.completed_at - o.first_at)) / 86400 as days,
      o.score - o.first_score as change, ${bandSql(instrument, sql`o.first_score`)} as band
    from ordered o inner join clients c on c.id = o.client_id
    where o.from_latest = 1 and o.completed_at > o.first_at
  `);
  const clients: OffCourseClient[] = [];
  for (const row of parseRows(latestRow, result)) {
    const judgement = judgeCourse(course, row.days, row.change, row.band);
    if (judgement?.offCourse) {
      clients.push({ id: row.client_id, name: displayName({ firstName: row.first_name, lastName: row.last_name, preferredName: row.preferred_name }), instrument: instrument.key, judgement });
    }
  }
  clients.sort((a, b) => a.judgement.change - b.judgement.change || a.name.localeCompare(b.name));
  return { course, clients };
}

export type ClientCourse = {
  course: ExpectedCourse;
  /** The client's own line: days since their first and change since it, oldest first (the first is 0, 0). */
  line: { days: number; change: number }[];
  /** Their latest assessment against the usual course; null when it cannot be judged (no target week, too few people). */
  judgement: CourseJudgement | null;
  /** The band their first assessment fell in (null before any): whose figures they are judged against where enough. */
  startingBand: string | null;
};

/**
 * One client's course beside the practice's usual one, for the pre-session summary and its chart
 * (the expected band from `course`, their line from `line`). NotFoundError for a client the actor
 * may not see. A couple is off the usual course when either partner is.
 */
export async function getClientCourse(actor: Actor, clientId: string, instrumentKey = "closeness"): Promise<ClientCourse> {
  const instrument = measuredInstrument(instrumentKey);
  const db = await getDb();
  const client = await getAccessibleClient(db, actor, clientId);
  const course = await loadExpectedCourse(db, actor.practiceId, instrument);
  const rows = parseRows(
    z.object({ completed_at: z.coerce.date(), score: z.coerce.number() }),
    await db.execute(sql`
      select a.completed_at, ${scoreOf(instrument)}::float8 as score from assessments a
      where a.practice_id = ${actor.practiceId} and a.client_id = ${client.id}
        and a.instrument_key = ${instrument.key} and a.instrument_version = ${instrument.version}
      order by a.completed_at, a.id
    `),
  );
  const first = rows[0];
  if (!first) return { course, line: [], judgement: null, startingBand: null };
  const line = rows.map((row) => ({ days: (row.completed_at.getTime() - first.completed_at.getTime()) / 86_400_000, change: row.score - first.score }));
  const latest = line.at(-1)!;
  const band = parseRows(z.object({ band: z.string() }), await db.execute(sql`select ${bandSql(instrument, sql`${first.score}::float8`)} as band`))[0]!.band;
  const judgement = line.length > 1 ? judgeCourse(course, latest.days, latest.change, band) : null;
  return { course, line, judgement, startingBand: band };
}
