import { COUPLE_SERIES } from "@/components/scores/series";
import { OVERALL_COLOUR } from "@/components/scores/palette";
import { Cell, ColumnHeader, RowHeader, Table, TableBody, TableCaption, TableFrame, TableHead, TableRow } from "@/components/ui/table";
import { formatChange, formatScore } from "@/lib/instruments";
import type { CoursePerson, CourseSummary } from "@/lib/pre-session/course";
import { changeTicks, courseValues } from "./course-axis";
import { CourseChart } from "./course-chart";

const points = (x: number | null) => (x === null ? "—" : formatChange(x));

const MARK = {
  off: { mark: "▼", className: "text-red-700" },
  within: { mark: "●", className: "text-slate-400" },
  "not-judged": { mark: "●", className: "text-slate-400" },
} as const;

/** What a person's chart shows, in words: read out in place of the image. */
function chartSummary(person: CoursePerson): string {
  const latest = person.line.at(-1);
  const theirs = latest && person.line.length > 1 ? `${person.name}: ${formatChange(latest.change)} points at week ${formatScore(latest.week)}.` : `${person.name}: one assessment or none so far.`;
  const shown = person.band.filter((w) => w.p10 !== null);
  const usual = shown.length ? ` Usual range ${shown.map((w) => `week ${w.week} ${points(w.p10)} to ${points(w.p90)}`).join("; ")}.` : "";
  return `Change in overall closeness since the first assessment, beside the practice's usual course. ${theirs}${usual} Every value is in the table.`;
}

function CourseTable({ person, id }: { person: CoursePerson; id: string }) {
  // The weeks with figures or an assessment of theirs; the rest are named below, not drawn as rows of dashes.
  const rows = person.band.map((w, index) => ({ w, change: person.atWeek[index]!.change })).filter(({ w, change }) => w.p10 !== null || change !== null);
  const empty = person.band.filter((w, index) => w.p10 === null && person.atWeek[index]!.change === null).map((w) => w.week);
  return (
    <div>
      <TableFrame labelledBy={id} className="mt-2">
        <Table className="text-sm [&_td]:whitespace-nowrap [&_td]:px-2 [&_td]:py-1 [&_th]:whitespace-nowrap [&_th]:px-2 [&_th]:py-1">
          <TableCaption id={id}>{`${person.name}: change since the first assessment beside the usual course, by week`}</TableCaption>
          <TableHead>
            <TableRow>
              <ColumnHeader>Week</ColumnHeader>
              <ColumnHeader numeric>{person.name}</ColumnHeader>
              <ColumnHeader numeric>10th percentile</ColumnHeader>
              <ColumnHeader numeric>Median</ColumnHeader>
              <ColumnHeader numeric>90th percentile</ColumnHeader>
              <ColumnHeader numeric>People</ColumnHeader>
              <ColumnHeader>Compared with</ColumnHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(({ w, change }) => (
              <TableRow key={w.week}>
                <RowHeader>{`Week ${w.week}`}</RowHeader>
                <Cell numeric>{points(change)}</Cell>
                <Cell numeric>{points(w.p10)}</Cell>
                <Cell numeric>{points(w.p50)}</Cell>
                <Cell numeric>{points(w.p90)}</Cell>
                <Cell numeric>{w.n}</Cell>
                <Cell>{w.p10 === null ? "too few people" : w.startedIn ? `started in "${w.startedIn}"` : "everyone"}</Cell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableFrame>
      <p className="mt-1 text-xs text-slate-600">
        {empty.length ? `Weeks ${empty.join(", ")}: fewer than 100 people, and no assessment of ${person.name}. ` : ""}
        {`Every assessment of ${person.name}, weeks after the first and change since it: `}
        {person.line.map((p, i) => (i === 0 ? "the first (week 0)" : `week ${formatScore(p.week)}, ${formatChange(p.change)}`)).join("; ") || "none yet"}.
      </p>
    </div>
  );
}

/**
 * The summary's "Usual course of change" (issue 28): who is off the usual course, in the same
 * words the copied text carries; then each person's chart of their line in the practice's usual
 * band, its table, and how this is calculated, one click away. Below the threshold, only why not.
 */
export function CourseSection({ course }: { course: CourseSummary }) {
  if (!course.shown) return <p className="text-sm text-slate-600">{course.text}</p>;
  const styles = [COUPLE_SERIES.client, COUPLE_SERIES.partner];
  const several = course.people.length > 1;
  const yTicks = changeTicks(course.people.flatMap(courseValues));
  return (
    <div className="space-y-3">
      <ul className="space-y-1 text-sm">
        {course.couple ? (
          <li className={course.offCourse ? "font-semibold text-red-900" : "text-slate-800"}>{course.couple}</li>
        ) : null}
        {course.people.map((person) => (
          <li key={person.personId} className="flex gap-2">
            <span aria-hidden className={MARK[person.status].className}>
              {MARK[person.status].mark}
            </span>
            <span className={person.status === "off" ? "font-medium text-red-900" : "text-slate-800"}>{person.text}</span>
          </li>
        ))}
        {course.asOf ? <li className="text-xs text-slate-600">{course.asOf}</li> : null}
      </ul>
      <div className={several ? "grid gap-4 lg:grid-cols-2" : "max-w-2xl"}>
        {course.people.map((person, index) => (
          <figure key={person.personId} className="min-w-0">
            <CourseChart person={person} style={several ? styles[index]! : { color: OVERALL_COLOUR, marker: "circle" }} summary={chartSummary(person)} yTicks={yTicks} />
          </figure>
        ))}
      </div>
      <details className="text-sm text-slate-700">
        <summary className="cursor-pointer font-medium text-brand-700">{several ? "The charts as tables" : "The chart as a table"}</summary>
        {course.people.map((person) => (
          <CourseTable key={person.personId} person={person} id={`course-table-${person.personId}`} />
        ))}
      </details>
      <details className="text-sm text-slate-700">
        <summary className="cursor-pointer font-medium text-brand-700">How this is calculated</summary>
        <div className="mt-2 max-w-3xl space-y-2">
          <p>
            From this practice&apos;s people with two or more Closeness Inventory assessments: the change in overall closeness from their first
            assessment to the one nearest 2, 4, 6, 8, 12, 16 and 24 weeks later (within a week either side). The grey band runs from the 10th to
            the 90th percentile of those changes at each week, the dashed line is the median, and the line with markers is this person&apos;s own
            change since their first assessment.
          </p>
          <p>
            Someone is <strong>off the usual course</strong> when their latest change is below the 10th percentile for its week — lower than nine in
            ten people by then. Exactly at the 10th percentile is not off it. They are compared with people who started in the same band (growth
            area, developing, strength) where 100 or more of those were seen at that week, otherwise with everyone; the table says which. A
            week with fewer than 100 people shows nothing, and an assessment between the measured weeks is not judged.
          </p>
          {several ? (
            <p>
              A couple is off the usual course when either partner is: each partner is judged on their own, against their own starting band, and
              named. There is no separate couple score.
            </p>
          ) : null}
          <p>It is a prompt to look, not a judgement: the reliable-change figures still say whether a change is real.</p>
        </div>
      </details>
    </div>
  );
}
