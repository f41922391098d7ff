import { formatDateTime } from "@/lib/core/format";
import { formatChange, formatScore } from "@/lib/instruments";
import { COURSE_WEEKS, courseWeekOf, expectedAt, type ClientCourse, type CourseJudgement, type ExpectedCourse } from "@/lib/measures/course";
import { MIN_PEOPLE } from "@/lib/measures/reliability";

/*
 * The pre-session summary's "Usual course of change" (issue 28): each person's latest closeness
 * change since their first assessment against the practice's usual course at that week, in words,
 * and what their chart draws (the band they are judged against by week, and their own line). A
 * couple is off the usual course when either partner is (each named). Pure: the page, the copied
 * text and the tests read the same value.
 */

export type CourseStatus = "off" | "within" | "not-judged";

/** One week of the band a person is judged against: null figures where too few people were seen. */
export type CourseBandPoint = { week: number; n: number; p10: number | null; p50: number | null; p90: number | null; startedIn: string | null };

export type CoursePerson = {
  personId: string;
  name: string;
  status: CourseStatus;
  /** The sentence shown and copied. */
  text: string;
  /** Their assessments: weeks since their first (0 for it) and change in overall closeness since it. */
  line: { week: number; change: number }[];
  band: CourseBandPoint[];
  /** The change counted at each course week (their assessment nearest it, within a week), as the practice's people are counted. */
  atWeek: { week: number; change: number | null }[];
};

export type CourseSummary =
  | { shown: false; /** Why nothing is shown, in plain words. */ text: string }
  | {
      shown: true;
      people: CoursePerson[];
      /** The couple's line (either partner off the usual course), or null for one client or when nobody can be judged. */
      couple: string | null;
      offCourse: boolean;
      higherIsBetter: boolean;
      /** When the practice's figures were computed, and whether newer assessments are still to be taken in; null when not known. */
      asOf: string | null;
    };

export type CourseInput = { personId: string; name: string; course: ClientCourse };

const WINDOW_DAYS = 7;

/** When the practice's figures were computed, in words (the summary, its copy and the overview say it); null when not known. */
export function courseAsOf(practice: ExpectedCourse, timeZone: string): string | null {
  if (!practice.computedAt) return null;
  const when = `The practice's figures were computed ${formatDateTime(practice.computedAt, timeZone)}`;
  return practice.freshness === "recalculating" ? `${when}; newer assessments are being taken in.` : `${when}.`;
}

/** The summary's course part, from each summarised person's course (the same practice's figures for all). */
export function buildCourseSummary(inputs: readonly CourseInput[], timeZone = "UTC"): CourseSummary | null {
  const practice = inputs[0]?.course.course;
  if (!practice) return null;
  if (practice.freshness === "calculating") {
    return {
      shown: false,
      text: "The usual course of change is being calculated from the practice's assessments, in the background; it is shown here once ready (usually within minutes).",
    };
  }
  if (practice.weeks.every((w) => w.p10 === null)) {
    const most = Math.max(0, ...practice.weeks.map((w) => w.n));
    return {
      shown: false,
      text: `The usual course of change is shown once ${MIN_PEOPLE} of the practice's people have a second Closeness assessment around the same week (2, 4, 6, 8, 12, 16 or 24 weeks after their first); the most at any week so far is ${most}.`,
    };
  }
  const people = inputs.map((input) => coursePerson(input));
  return {
    shown: true,
    people,
    couple: coupleLine(people),
    offCourse: people.some((p) => p.status === "off"),
    higherIsBetter: practice.higherIsBetter,
    asOf: courseAsOf(practice, timeZone),
  };
}

function coursePerson({ personId, name, course }: CourseInput): CoursePerson {
  const { line, judgement, startingBand } = course;
  const band = COURSE_WEEKS.map((week) => {
    const { expected, band: startedIn } = expectedAt(course.course, week, startingBand);
    return { week, n: expected.n, p10: expected.p10, p50: expected.p50, p90: expected.p90, startedIn };
  });
  const atWeek = COURSE_WEEKS.map((week) => {
    const near = line
      .slice(1)
      .filter((point) => point.days >= week * 7 - WINDOW_DAYS && point.days < week * 7 + WINDOW_DAYS)
      .sort((a, b) => Math.abs(a.days - week * 7) - Math.abs(b.days - week * 7) || a.days - b.days)[0];
    return { week, change: near ? near.change : null };
  });
  const status: CourseStatus = judgement ? (judgement.offCourse ? "off" : "within") : "not-judged";
  return {
    personId,
    name,
    status,
    text: courseText(name, course, judgement, course.course.higherIsBetter),
    line: line.map((point) => ({ week: point.days / 7, change: point.change })),
    band,
    atWeek,
  };
}

function whose(judgement: CourseJudgement): string {
  const people = `${judgement.expected.n} people`;
  return judgement.band ? `${people} who started in "${judgement.band}"` : `${people} of the practice`;
}

function courseText(name: string, course: ClientCourse, judgement: CourseJudgement | null, higherIsBetter: boolean): string {
  if (judgement) {
    const { week, change, expected } = judgement;
    const since = `${formatChange(change)} points in overall closeness since their first assessment, at week ${week}`;
    if (judgement.offCourse) {
      const tail = higherIsBetter ? `below the 10th percentile (${formatChange(expected.p10!)})` : `above the 90th percentile (${formatChange(expected.p90!)})`;
      return `${name}: off the usual course — ${since}, ${tail} of ${whose(judgement)}.`;
    }
    return `${name}: within the usual course — ${since}; usually ${formatChange(expected.p10!)} to ${formatChange(expected.p90!)} (10th to 90th percentile of ${whose(judgement)}).`;
  }
  const { line } = course;
  if (line.length === 0) return `${name}: no Closeness assessment yet.`;
  if (line.length === 1) return `${name}: one Closeness assessment so far; the course is judged from the second.`;
  const latest = line.at(-1)!;
  const week = courseWeekOf(latest.days);
  if (week === null) {
    return `${name}: not judged — their latest Closeness assessment was ${formatScore(latest.days / 7)} weeks after their first, outside the weeks the usual course is measured at (2, 4, 6, 8, 12, 16 and 24, a week either side).`;
  }
  const n = expectedAt(course.course, week, course.startingBand).expected.n;
  return `${name}: not judged — week ${week} has ${n} of the practice's people so far; the usual course is shown from ${MIN_PEOPLE}.`;
}

/** A couple is off the usual course when either partner is; both are named when both are. */
function coupleLine(people: readonly CoursePerson[]): string | null {
  if (people.length < 2) return null;
  const off = people.filter((p) => p.status === "off").map((p) => p.name);
  const judged = people.filter((p) => p.status !== "not-judged");
  if (off.length > 0) return `The couple is off the usual course: ${off.join(" and ")} ${off.length > 1 ? "are" : "is"}.`;
  if (judged.length === people.length) return "The couple is within the usual course: both partners are.";
  if (judged.length > 0) return `The couple is not off the usual course so far: ${judged.map((p) => p.name).join(" and ")} is within it; the other partner cannot be judged yet.`;
  return null;
}

/** The lines of the course part, as shown and copied: the couple's first, then each person's. */
export function courseLines(summary: CourseSummary | null): string[] {
  if (!summary) return [];
  if (!summary.shown) return [summary.text];
  return [...(summary.couple ? [summary.couple] : []), ...summary.people.map((p) => p.text), ...(summary.asOf ? [summary.asOf] : [])];
}
