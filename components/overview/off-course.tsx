import Link from "next/link";
import { Cell, ColumnHeader, RowHeader, Table, TableBody, TableCaption, TableFrame, TableHead, TableRow } from "@/components/ui/table";
import { formatChange } from "@/lib/instruments";
import type { ExpectedCourse, OffCourseClient } from "@/lib/measures/course";
import { courseAsOf } from "@/lib/pre-session/course";

const points = (x: number | null) => (x === null ? "—" : formatChange(x));

/** The usual course of change per week: the 10th, 50th and 90th percentiles (the band a chart would draw). */
function CourseTable({ course }: { course: ExpectedCourse }) {
  return (
    <TableFrame labelledBy="usual-course-caption" className="mt-3">
      <Table className="text-sm [&_td]:whitespace-nowrap [&_td]:px-2 [&_td]:py-1 [&_th]:whitespace-nowrap [&_th]:px-2 [&_th]:py-1">
        <TableCaption id="usual-course-caption">Usual change in overall closeness since the first assessment, by week</TableCaption>
        <TableHead>
          <TableRow>
            <ColumnHeader>Week</ColumnHeader>
            <ColumnHeader numeric>People</ColumnHeader>
            <ColumnHeader numeric>10th percentile</ColumnHeader>
            <ColumnHeader numeric>Median</ColumnHeader>
            <ColumnHeader numeric>90th percentile</ColumnHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {course.weeks.map((w) => (
            <TableRow key={w.week}>
              <RowHeader>{`Week ${w.week}`}</RowHeader>
              <Cell numeric>{w.n}</Cell>
              <Cell numeric>{points(w.p10)}</Cell>
              <Cell numeric>{points(w.p50)}</Cell>
              <Cell numeric>{points(w.p90)}</Cell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableFrame>
  );
}

/**
 * A large practice's overview: the list is read on Needs attention (it judges every client's latest
 * assessment), so the overview says where it is. Nothing below the threshold, as OffCourse.
 */
export function OffCourseOnAttention({ course }: { course: ExpectedCourse }) {
  if (course.weeks.every((w) => w.p10 === null)) return null;
  return (
    <section aria-labelledby="off-course-heading">
      <h3 id="off-course-heading" className="text-base font-semibold text-slate-900">
        Off the usual course
      </h3>
      <p className="mt-2 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">
        Clients whose overall closeness has changed since their first assessment less well than nine in ten of the practice&apos;s people by the same
        week are listed on{" "}
        <Link href="/overview/attention#off-course-heading" className="font-medium text-brand-700 hover:underline">
          the full Needs attention page
        </Link>
        : in a practice this size they are worked out when you open it.
      </p>
    </section>
  );
}

/**
 * Clients whose overall closeness has moved less well than nine in ten of the practice's people by
 * the same week: "off the usual course". Shown only once the practice has enough people at a week.
 * `shown` keeps it short (the overview: the first few, a link to the rest and to how it is calculated).
 */
export function OffCourse({ course, clients, shown, timeZone }: { course: ExpectedCourse; clients: OffCourseClient[]; shown?: number; timeZone: string }) {
  if (course.weeks.every((w) => w.p10 === null)) return null;
  const listed = shown === undefined ? clients : clients.slice(0, shown);
  const Heading = shown === undefined ? "h2" : "h3";
  return (
    // On the overview it looks like the lists beside it: heading and words outside, the list in a card.
    <section aria-labelledby="off-course-heading" className={shown === undefined ? "rounded-lg border border-slate-200 bg-white p-6" : ""}>
      <Heading id="off-course-heading" className="text-base font-semibold text-slate-900">
        Off the usual course
      </Heading>
      {shown !== undefined ? (
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Clients whose overall closeness has changed since their first assessment less well than nine in ten of the practice&apos;s people by the same week.
        </p>
      ) : null}
      {clients.length === 0 ? (
        <p className={`mt-2 text-sm text-slate-600 ${shown !== undefined ? "rounded-lg border border-slate-200 bg-white px-4 py-3" : ""}`}>
          Nobody&apos;s latest closeness assessment is off the usual course for its week.
        </p>
      ) : (
        <ul className={`mt-2 space-y-1 text-sm ${shown !== undefined ? "rounded-lg border border-slate-200 bg-white px-4 py-3" : ""}`}>
          {listed.map((c) => (
            <li key={c.id}>
              <Link href={`/clients/${c.id}`} className="font-medium text-sky-800 underline">
                {c.name}
              </Link>{" "}
              <span className="text-slate-600">
                {`week ${c.judgement.week}: ${formatChange(c.judgement.change)} points since their first; usually ${points(c.judgement.expected.p10)} to ${points(c.judgement.expected.p90)}`}
                {c.judgement.band ? ` for people who started in "${c.judgement.band}"` : ""}
                {` (${c.judgement.expected.n} people)`}
              </span>
            </li>
          ))}
        </ul>
      )}
      {clients.length > listed.length ? (
        <p className="mt-2 text-sm">
          <Link href="/overview/attention#off-course-heading" className="font-medium text-brand-700 hover:underline">
            {`All ${clients.length} off the usual course`}
          </Link>
        </p>
      ) : null}
      <details className="mt-3 text-sm text-slate-700">
        <summary className="cursor-pointer font-medium">How this is calculated</summary>
        <p className="mt-2">
          From this practice&apos;s people with two or more Closeness Inventory assessments: the change in overall closeness from their
          first assessment to the one nearest 2, 4, 6, 8, 12, 16 and 24 weeks later (within a week either side). A client is off the usual
          course when their latest change is below the 10th percentile for its week — lower than nine in ten people by then — using the
          figures of people who started in the same band where there are enough of them. A week with fewer than 100 people shows nothing.
          It is a prompt to look, not a judgement: the reliable-change figures still say whether a change is real.
        </p>
        {courseAsOf(course, timeZone) ? <p className="mt-2">{courseAsOf(course, timeZone)}</p> : null}
        <CourseTable course={course} />
      </details>
    </section>
  );
}
