import Link from "next/link";
import type { PreSessionSummary as Summary, SummaryLine } from "@/lib/pre-session/summary";
import { CopySummary } from "./copy-summary";
import { CourseSection } from "./course-section";

const TONE = {
  worse: { mark: "▼", className: "text-red-700", words: "worse" },
  better: { mark: "▲", className: "text-emerald-700", words: "better" },
  neutral: { mark: "●", className: "text-slate-400", words: "" },
} as const;

/**
 * The top of a couple's or a client's summary page (issue 23): built by buildPreSessionSummary, the
 * same value the copied text is made of, so the copy carries exactly what is shown. Alerts are shown
 * above it (the record's banner, with the acknowledgement forms); a partner's alert is named here
 * without its content.
 */
export function PreSessionSummary({
  summary,
  text,
  reportHref,
  print = false,
}: {
  summary: Summary;
  text: string;
  reportHref?: string;
  /** In the printable report: no buttons, and the open alerts in the summary itself (no banner there). */
  print?: boolean;
}) {
  const several = summary.instruments.length > 1;
  return (
    <section aria-labelledby="pre-session-heading" className={print ? "" : "rounded-lg border border-slate-200 bg-white p-4 sm:p-5"} data-print={print ? "section" : undefined}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h2 id="pre-session-heading" className="text-base font-semibold text-slate-900">
          Before the session
        </h2>
        <div className={print ? "hidden" : "flex flex-wrap items-start gap-2"}>
          {print ? null : <CopySummary text={text} />}
          {reportHref && !print ? (
            <Link href={reportHref} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
              Printable report
            </Link>
          ) : null}
        </div>
      </div>
      {print && summary.alerts.length > 0 ? (
        <Block id="pre-alerts" title="Open safety alerts">
          <Plain items={summary.alerts.map((alert) => alert.text)} empty="None." />
        </Block>
      ) : null}
      {summary.partnerAlertNote ? (
        <p role="note" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm font-medium text-red-900">
          {summary.partnerAlertNote}
        </p>
      ) : null}
      <Block id="pre-attention" title="Changes on every questionnaire">
        <Lines lines={summary.attention} empty="Nothing on any questionnaire: no reliable change and no band crossed since last time." />
      </Block>
      {summary.course ? (
        <Block id="pre-course" title="Usual course of change">
          <CourseSection course={summary.course} />
        </Block>
      ) : null}
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Block id="pre-latest" title={several ? "Latest on every questionnaire, both partners" : "Latest on every questionnaire"}>
          <div className={several ? "grid gap-3 sm:grid-cols-2" : ""}>
            {summary.instruments.map((person) => (
              <div key={person.personId}>
                {several ? <h4 className="text-sm font-semibold text-slate-800">{person.name}</h4> : null}
                <ul className="space-y-0.5 text-sm text-slate-800">
                  {person.lines.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </Block>
        <Block id="pre-moved" title="Moved since last time, in words">
          <Lines lines={summary.moved} empty="Nothing to compare yet: changes show after the next assessment." />
        </Block>
        {several ? (
          <Block id="pre-gaps" title="Largest gaps between partners">
            <Plain items={summary.gaps} empty="No large gap in the latest pair of assessments." />
          </Block>
        ) : null}
        <Block id="pre-links" title="Links still open">
          <Plain items={summary.openLinks} empty="None." />
          {summary.nextSend ? <p className="mt-2 text-sm text-slate-700">{summary.nextSend}</p> : null}
        </Block>
      </div>
    </section>
  );
}

function Block({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-4">
      <h3 id={id} className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        {title}
      </h3>
      <div className="mt-1.5">{children}</div>
    </section>
  );
}

function Lines({ lines, empty }: { lines: SummaryLine[]; empty: string }) {
  if (lines.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="space-y-1 text-sm">
      {lines.map((line) => (
        <li key={line.text} className="flex gap-2">
          <span aria-hidden className={TONE[line.tone].className}>
            {TONE[line.tone].mark}
          </span>
          <span className="text-slate-800">{line.text}</span>
        </li>
      ))}
    </ul>
  );
}

function Plain({ items, empty }: { items: string[]; empty: string }) {
  if (items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="space-y-1 text-sm text-slate-800">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}
