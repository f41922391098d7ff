import "server-only";
import { sql } from "drizzle-orm";
import { cache } from "react";
import { z } from "zod";
import { getDb, type Executor } from "@/db/client";
import { parseRows } from "@/db/rows";
import type { CourseFigureRow } from "@/db/schema";
import type { Actor } from "@/lib/core/actor-types";
import { clientScope, getAccessibleClient } from "@/lib/core/client-access";
import { clock } from "@/lib/core/clock";
import { displayName } from "@/lib/core/display-name";
import { NotFoundError } from "@/lib/core/errors";
import { QUEUES, requestJobIfRunning } from "@/lib/core/jobs";
import { getInstrument, isProfileInstrument, type AnyInstrument } from "@/lib/instruments";
import {
  COURSE_WEEKS,
  COURSE_WINDOW_DAYS,
  INLINE_MAX_ASSESSMENTS,
  bandSql,
  computeCourseFigures,
  countCourseAssessments,
  isCurrent,
  readCourseFigures,
  refreshCourseFigures,
  requestCourseFigures,
  scoreOf,
} from "./course-figures";
import { MIN_PEOPLE, measuredInstrument } from "./reliability";

/*
 * The expected course of change (issue 28): from the practice's people with two or more
 * assessments of an instrument, the 10th, 50th and 90th percentiles of their change since their
 * first at 2, 4, 6, 8, 12, 16 and 24 weeks — overall, and by the band they started in where that
 * band has enough people. A person counts at a week with their assessment nearest to it, within a
 * week either side. Nothing is shown from fewer than MIN_PEOPLE people. Computed by the database
 * (percentile_cont over the practice's assessments) off the request path and kept per practice
 * (./course-figures.ts, decision 0042): pages read the stored figures, once per request.
 */

export { COURSE_WEEKS };

export type CoursePoint = { week: number; n: number; p10: number | null; p50: number | null; p90: number | null; reason?: string };

/**
 * Whether the figures take in every assessment recorded: "current"; "recalculating" (newer
 * assessments since `computedAt`, a background job is on it); "calculating" (none yet for a large
 * practice: nothing is shown until the job has made them).
 */
export type CourseFreshness = "current" | "recalculating" | "calculating";

export type ExpectedCourse = {
  instrument: string;
  version: number;
  /** What "change" is measured on: the overall score (0–100) or the total. */
  measure: "overall" | "total";
  /** Whether a rise is good (closeness, CSI-4) or bad (PHQ-9, GAD-7): which tail is "off the usual course". */
  higherIsBetter: boolean;
  weeks: CoursePoint[];
  byStartingBand: { band: string; weeks: CoursePoint[] }[];
  /** When the figures were computed (null while being calculated). */
  computedAt: Date | null;
  freshness: CourseFreshness;
  /** How many assessments of the instrument the practice had when they were computed (null while being calculated). */
  assessments: number | null;
};

/** The figures as the pages use them, from the stored percentile rows: nothing from fewer than MIN_PEOPLE people. */
export function shapeExpectedCourse(
  instrument: AnyInstrument,
  rows: readonly CourseFigureRow[],
  stamp: { computedAt: Date | null; freshness: CourseFreshness; assessments: number | null },
): ExpectedCourse {
  const point = (week: number, row: CourseFigureRow | undefined): CoursePoint => {
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
    ...stamp,
  };
}

/**
 * The percentiles of change by week (and by starting band), for a practice, computed now from every
 * assessment: the definition the stored figures are kept by. Not for a page (see `loadPracticeCourse`).
 */
export async function loadExpectedCourse(executor: Executor, practiceId: string, instrument: AnyInstrument): Promise<ExpectedCourse> {
  const figures = await computeCourseFigures(executor, practiceId, instrument);
  const assessments = await countCourseAssessments(executor, practiceId, instrument, 2_000_000_000);
  return shapeExpectedCourse(instrument, figures, { computedAt: clock.now(), freshness: "current", assessments });
}

/**
 * The practice's expected course as a page uses it: the stored figures when they take in every
 * recorded assessment. Missing or behind, a small practice's (INLINE_MAX_ASSESSMENTS) are computed
 * and stored here; a large one's stored figures are used as they are ("recalculating", with when
 * they were computed) or, when there are none yet, nothing is shown ("calculating"), and the
 * background job is asked for them. Once per request (React `cache`): the couple page's partners
 * and the page's parts share one read.
 */
export const loadPracticeCourse = cache(async (practiceId: string, instrumentKey: string, instrumentVersion: number): Promise<ExpectedCourse> => {
  const instrument = getInstrument(instrumentKey, instrumentVersion);
  if (!instrument) throw new NotFoundError("instrument");
  const db = await getDb();
  let stored = await readCourseFigures(db, practiceId, instrument);
  if (!isCurrent(stored)) {
    // Figures computed over more than the limit mark a large practice: nothing is counted on its views.
    // Otherwise counted now, no further than the limit (an index range of a few thousand rows at most):
    // a practice may have grown since.
    const storedSize = stored?.figures ? (stored.assessments ?? 0) : 0;
    const size = storedSize > INLINE_MAX_ASSESSMENTS ? storedSize : await countCourseAssessments(db, practiceId, instrument, INLINE_MAX_ASSESSMENTS + 1);
    if (size <= INLINE_MAX_ASSESSMENTS) {
      stored = await refreshCourseFigures(db, practiceId, instrument);
    } else {
      // Figures behind are taken in by the job's schedule (every minute, at most every 5 minutes per
      // practice); only a practice without any asks for a run now.
      if (!stored) {
        await requestCourseFigures(db, practiceId, instrument);
        requestJobIfRunning(QUEUES.courseFigures);
      }
      const freshness = stored?.figures ? "recalculating" : "calculating";
      return shapeExpectedCourse(instrument, stored?.figures ?? [], {
        computedAt: stored?.computedAt ?? null,
        freshness,
        assessments: stored?.figures ? stored.assessments : null,
      });
    }
  }
  return shapeExpectedCourse(instrument, stored!.figures!, { computedAt: stored!.computedAt, freshness: "current", assessments: stored!.assessments });
});

/** The target week a span since the first assessment counts for (within a week either side), or null. */
export function courseWeekOf(daysSinceFirst: number): number | null {
  const week = COURSE_WEEKS.find((w) => daysSinceFirst >= w * 7 - COURSE_WINDOW_DAYS && daysSinceFirst < w * 7 + COURSE_WINDOW_DAYS);
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
  const course = await loadPracticeCourse(actor.practiceId, instrument.key, instrument.version);
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

/**
 * Whether the overview may judge every client's latest assessment on each view (findOffCourseClients
 * reads all of the scope's assessments of the instrument): only for a practice of up to `limit` of
 * them when its figures were computed (at most a few minutes ago: the stored count, no count on the
 * view). Above it, or before any figures, the overview links to Needs attention, which lists them on
 * demand, so the overview's cost does not grow with the practice (decision 0042).
 */
export function overviewMayListOffCourse(course: ExpectedCourse, limit = INLINE_MAX_ASSESSMENTS): boolean {
  return course.assessments !== null && course.assessments <= limit;
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
  const course = await loadPracticeCourse(actor.practiceId, instrument.key, instrument.version);
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
