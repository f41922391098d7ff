import { describe, expect, it } from "vitest";
import { COURSE_WEEKS, judgeCourse, type ClientCourse, type CoursePoint, type ExpectedCourse } from "@/lib/measures/course";
import { buildCourseSummary, courseLines } from "./course";
import { buildPreSessionSummary, preSessionText, type SummaryPerson } from "./summary";

/*
 * The "off the usual course" flag on the pre-session summary (issue 28). The practice's figures are
 * worked by hand here, not by the code under test: 100 people whose changes at week 4 are −10, −9,
 * …, 89 (one each). percentile_cont's 10th: position 0.1 × 99 = 9.9 between the 10th value (−1)
 * and the 11th (0): −1 + 0.9 × 1 = −0.1. Median: position 49.5, 39 + 0.5 = 39.5. 90th: position
 * 89.1, 79 + 0.1 = 79.1. People who started in "Growth area" (100 of them at week 4) changed −30 …
 * 69: 10th −20.1, median 19.5, 90th 59.1. "Strength" had only 40 people at week 4: not used there.
 */

const NONE = (week: number, n: number): CoursePoint => ({ week, n, p10: null, p50: null, p90: null, reason: `Shown from 100 people or more; ${n} so far.` });

const course: ExpectedCourse = {
  instrument: "closeness",
  version: 1,
  measure: "overall",
  higherIsBetter: true,
  weeks: COURSE_WEEKS.map((week) => (week === 4 ? { week, n: 100, p10: -0.1, p50: 39.5, p90: 79.1 } : NONE(week, week === 2 ? 60 : 0))),
  byStartingBand: [
    { band: "Growth area", weeks: COURSE_WEEKS.map((week) => (week === 4 ? { week, n: 100, p10: -20.1, p50: 19.5, p90: 59.1 } : NONE(week, 0))) },
    { band: "Strength", weeks: COURSE_WEEKS.map((week) => NONE(week, week === 4 ? 40 : 0)) },
  ],
  computedAt: null,
  freshness: "current",
  assessments: 400,
};

const tooFew: ExpectedCourse = { ...course, weeks: COURSE_WEEKS.map((week) => NONE(week, week === 4 ? 99 : 12)), byStartingBand: [] };

/** A client's course as getClientCourse gives it: their line, and the judgement of their latest. */
function courseOf(line: [number, number][], startingBand: string | null, practice = course): ClientCourse {
  const points = line.map(([days, change]) => ({ days, change }));
  const latest = points.at(-1);
  return { course: practice, line: points, startingBand, judgement: latest && points.length > 1 ? judgeCourse(practice, latest.days, latest.change, startingBand) : null };
}

describe("the flag rule at the 10th percentile", () => {
  it("flags a change below the 10th percentile for its week, not one exactly at it", () => {
    expect(judgeCourse(course, 27, -0.1, "Developing")).toMatchObject({ week: 4, offCourse: false, band: null });
    expect(judgeCourse(course, 27, -0.11, "Developing")).toMatchObject({ week: 4, offCourse: true, band: null });
    expect(judgeCourse(course, 27, 80, "Developing")?.offCourse).toBe(false);
  });

  it("counts an assessment at the week whose window (a week either side) holds it, and none between", () => {
    // Week 4 is 28 days: from 21 days up to (not including) 35.
    expect(judgeCourse(course, 21, -5, null)?.week).toBe(4);
    expect(judgeCourse(course, 34.99, -5, null)?.week).toBe(4);
    // 20.99 days is week 2's, where only 60 people were seen: not judged.
    expect(judgeCourse(course, 20.99, -50, null)).toBeNull();
    // 35 days is week 6's, where nobody was: not judged.
    expect(judgeCourse(course, 35, -50, null)).toBeNull();
  });

  it("uses the starting band's figures where that band has enough people, else everyone's", () => {
    // −10 is below everyone's 10th (−0.1) but not the growth area's (−20.1).
    expect(judgeCourse(course, 28, -10, "Growth area")).toMatchObject({ offCourse: false, band: "Growth area", expected: { p10: -20.1 } });
    expect(judgeCourse(course, 28, -20.2, "Growth area")).toMatchObject({ offCourse: true, band: "Growth area" });
    // Strength has 40 people at week 4: everyone's figures.
    expect(judgeCourse(course, 28, -10, "Strength")).toMatchObject({ offCourse: true, band: null, expected: { p10: -0.1, n: 100 } });
  });

  it("where a rise is bad (PHQ-9, GAD-7), flags a change above the 90th percentile instead", () => {
    const worse = { ...course, higherIsBetter: false };
    expect(judgeCourse(worse, 28, 79.1, null)?.offCourse).toBe(false);
    expect(judgeCourse(worse, 28, 79.2, null)?.offCourse).toBe(true);
    expect(judgeCourse(worse, 28, -50, null)?.offCourse).toBe(false);
  });
});

describe("the summary's usual course", () => {
  it("names each partner, and flags the couple when either partner is off the usual course", () => {
    const summary = buildCourseSummary([
      { personId: "lee", name: "Lee Hart", course: courseOf([[0, 0], [27, -12.5]], "Developing") },
      { personId: "morgan", name: "Morgan Hart", course: courseOf([[0, 0], [29, -10]], "Growth area") },
    ]);
    expect(summary).toMatchObject({ shown: true, offCourse: true, couple: "The couple is off the usual course: Lee Hart is." });
    expect(courseLines(summary)).toEqual([
      "The couple is off the usual course: Lee Hart is.",
      'Lee Hart: off the usual course — −12.5 points in overall closeness since their first assessment, at week 4, below the 10th percentile (−0.1) of 100 people of the practice.',
      'Morgan Hart: within the usual course — −10.0 points in overall closeness since their first assessment, at week 4; usually −20.1 to +59.1 (10th to 90th percentile of 100 people who started in "Growth area").',
    ]);
  });

  it("names both partners when both are off it, says within when both are, and judges only who can be", () => {
    const both = buildCourseSummary([
      { personId: "lee", name: "Lee Hart", course: courseOf([[0, 0], [27, -0.2]], null) },
      { personId: "morgan", name: "Morgan Hart", course: courseOf([[0, 0], [25, -25]], "Growth area") },
    ]);
    expect(both).toMatchObject({ couple: "The couple is off the usual course: Lee Hart and Morgan Hart are." });
    const within = buildCourseSummary([
      { personId: "lee", name: "Lee Hart", course: courseOf([[0, 0], [27, -0.1]], null) },
      { personId: "morgan", name: "Morgan Hart", course: courseOf([[0, 0], [25, 3]], null) },
    ]);
    expect(within).toMatchObject({ offCourse: false, couple: "The couple is within the usual course: both partners are." });
    const one = buildCourseSummary([
      { personId: "lee", name: "Lee Hart", course: courseOf([[0, 0], [27, 5]], null) },
      { personId: "morgan", name: "Morgan Hart", course: courseOf([[0, 0]], null) },
    ]);
    expect(courseLines(one)).toEqual([
      "The couple is not off the usual course so far: Lee Hart is within it; the other partner cannot be judged yet.",
      "Lee Hart: within the usual course — +5.0 points in overall closeness since their first assessment, at week 4; usually −0.1 to +79.1 (10th to 90th percentile of 100 people of the practice).",
      "Morgan Hart: one Closeness assessment so far; the course is judged from the second.",
    ]);
  });

  it("says why a person is not judged: between the measured weeks, or too few people at their week", () => {
    const summary = buildCourseSummary([{ personId: "lee", name: "Lee Hart", course: courseOf([[0, 0], [70, -40]], null) }]);
    expect(summary).toMatchObject({ shown: true, offCourse: false, couple: null });
    expect(courseLines(summary)).toEqual([
      "Lee Hart: not judged — their latest Closeness assessment was 10.0 weeks after their first, outside the weeks the usual course is measured at (2, 4, 6, 8, 12, 16 and 24, a week either side).",
    ]);
    const early = buildCourseSummary([{ personId: "lee", name: "Lee Hart", course: courseOf([[0, 0], [14, -40]], null) }]);
    expect(courseLines(early)).toEqual(["Lee Hart: not judged — week 2 has 60 of the practice's people so far; the usual course is shown from 100."]);
  });

  it("draws the band each person is judged against by week, and their line in weeks", () => {
    const summary = buildCourseSummary([{ personId: "m", name: "Morgan Hart", course: courseOf([[0, 0], [14, 4], [27, -10], [30, -12]], "Growth area") }]);
    if (!summary?.shown) throw new Error("expected the course to be shown");
    const [person] = summary.people;
    expect(person!.band.find((w) => w.week === 4)).toEqual({ week: 4, n: 100, p10: -20.1, p50: 19.5, p90: 59.1, startedIn: "Growth area" });
    expect(person!.band.find((w) => w.week === 2)).toEqual({ week: 2, n: 60, p10: null, p50: null, p90: null, startedIn: null });
    expect(person!.line.map((p) => p.week)).toEqual([0, 2, 27 / 7, 30 / 7]);
    // At week 4 the assessment nearest 28 days counts (27 days, not 30), as the practice's people are counted.
    expect(person!.atWeek.find((w) => w.week === 4)).toEqual({ week: 4, change: -10 });
    expect(person!.atWeek.find((w) => w.week === 2)).toEqual({ week: 2, change: 4 });
  });

  it("below the threshold shows nothing but why, in plain words", () => {
    const summary = buildCourseSummary([{ personId: "lee", name: "Lee Hart", course: courseOf([[0, 0], [27, -60]], null, tooFew) }]);
    expect(summary).toEqual({
      shown: false,
      text: "The usual course of change is shown once 100 of the practice's people have a second Closeness assessment around the same week (2, 4, 6, 8, 12, 16 or 24 weeks after their first); the most at any week so far is 99.",
    });
    expect(buildCourseSummary([])).toBeNull();
  });

  it("says when the practice's figures were computed, whether newer assessments are still being taken in, and when none exist yet", () => {
    const computedAt = new Date("2026-12-07T08:15:00Z");
    const at = (freshness: ExpectedCourse["freshness"]) => ({ ...course, computedAt, freshness });
    const current = buildCourseSummary([{ personId: "lee", name: "Lee Hart", course: courseOf([[0, 0], [27, -12.5]], null, at("current")) }], "Europe/London");
    expect(courseLines(current).at(-1)).toMatch(/^The practice's figures were computed .*8:15.*\.$/);
    const behind = buildCourseSummary([{ personId: "lee", name: "Lee Hart", course: courseOf([[0, 0], [27, -12.5]], null, at("recalculating")) }], "Europe/London");
    expect(courseLines(behind).at(-1)).toMatch(/; newer assessments are being taken in\.$/);
    const none = { ...tooFew, computedAt: null, freshness: "calculating" as const };
    const calculating = buildCourseSummary([{ personId: "lee", name: "Lee Hart", course: courseOf([[0, 0], [27, -60]], null, none) }]);
    expect(calculating).toEqual({ shown: false, text: expect.stringMatching(/^The usual course of change is being calculated/) });
  });
});

describe("the pre-session summary with the usual course", () => {
  const person = (id: string, name: string): SummaryPerson => ({ id, name, closeness: null, totals: [], invitations: [], alerts: [] });

  it("carries the course lines in its value and in the copied text, after the changes", () => {
    const summary = buildPreSessionSummary({
      people: [person("lee", "Lee Hart"), person("morgan", "Morgan Hart")],
      courses: [
        { personId: "lee", name: "Lee Hart", course: courseOf([[0, 0], [27, -12.5]], null) },
        { personId: "morgan", name: "Morgan Hart", course: courseOf([[0, 0], [29, 1]], null) },
      ],
      timeZone: "Europe/London",
    });
    expect(summary.course).toMatchObject({ shown: true, offCourse: true });
    const text = preSessionText("Lee & Morgan Hart", summary);
    expect(text).toContain(
      [
        "Changes on every questionnaire:",
        "- nothing on any questionnaire",
        "Usual course of change:",
        "- The couple is off the usual course: Lee Hart is.",
        "- Lee Hart: off the usual course — −12.5 points in overall closeness since their first assessment, at week 4, below the 10th percentile (−0.1) of 100 people of the practice.",
        "- Morgan Hart: within the usual course — +1.0 points in overall closeness since their first assessment, at week 4; usually −0.1 to +79.1 (10th to 90th percentile of 100 people of the practice).",
        "Latest scores, Lee Hart:",
      ].join("\n"),
    );
  });

  it("below the threshold the copy says why, as the page does; without courses loaded there is no such section", () => {
    const below = buildPreSessionSummary({ people: [person("lee", "Lee Hart")], courses: [{ personId: "lee", name: "Lee Hart", course: courseOf([[0, 0], [27, -60]], null, tooFew) }], timeZone: "UTC" });
    expect(preSessionText("Lee Hart", below)).toContain("Usual course of change:\n- The usual course of change is shown once 100 of the practice's people");
    const none = buildPreSessionSummary({ people: [person("lee", "Lee Hart")], timeZone: "UTC" });
    expect(none.course).toBeNull();
    expect(preSessionText("Lee Hart", none)).not.toContain("Usual course");
  });
});
