import Link from "next/link";
import type { ReactNode } from "react";
import { formatDate } from "@/lib/core/format";
import type { ClientScores } from "@/lib/scores/scores";
import { dateRange, trendDescription, trendPoints } from "./chart-data";
import { countAssessments } from "./describe";
import { DimensionGlossary } from "./dimension-glossary";
import { PrintButton } from "./print-button";
import { Profile } from "./profile";
import { ReliableChange } from "./reliable-change-table";
import { ScoresTable } from "./scores-table";
import { StrengthsAndGrowthAreas } from "./strengths-growth";
import { TrendSmallMultiples } from "./trend-small-multiples";

// 680 CSS pixels fits the printable width of both A4 and Letter with 12 mm margins (186 mm ≈ 703
// px), so the printed charts never depend on a measurement of the screen.
const PRINT_CHART = { width: 680, height: 280 };

/** The printable report of a client's scores: one column, sized for A4 and Letter paper. */
export function ScoresReport({
  scores,
  timeZone,
  practiceName,
  preparedBy,
  preparedAt,
  preSession = null,
  otherMeasures = null,
}: {
  scores: ClientScores;
  timeZone: string;
  practiceName: string;
  preparedBy: string;
  preparedAt: Date;
  /** The pre-session summary (components/summary/pre-session-summary.tsx, print), first after the header. */
  preSession?: ReactNode;
  /** Sections for the client's other instruments (PHQ-9, GAD-7, CSI-4), after the closeness ones. */
  otherMeasures?: ReactNode;
}) {
  const list = scores.assessments;
  const summary = scores.summary;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/clients/${scores.client.id}`} className="text-brand-700 hover:underline">
          ← {scores.client.name}
        </Link>
      </nav>
      <article aria-labelledby="report-heading" className="report space-y-6 rounded-lg border border-slate-200 bg-white p-4 sm:p-8">
        <ReportTitle kind={scores.instrument.title} name={scores.client.name} />
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">Assessments</dt>
            <dd className="font-medium text-slate-900">{list.length ? `${countAssessments(list.length)}, ${dateRange(list, timeZone)}` : otherMeasures ? "No Closeness Inventory yet" : "None yet"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Prepared</dt>
            <dd className="font-medium text-slate-900">
              {formatDate(preparedAt, timeZone)} by {preparedBy}, {practiceName}
            </dd>
          </div>
        </dl>
        {preSession}

        {list.length === 0 && otherMeasures ? null : list.length === 0 ? (
          <div className="rounded-md border border-dashed border-slate-300 px-4 py-8 text-center">
            <p className="text-sm font-medium text-slate-900">No Closeness Inventory yet</p>
            <p className="mt-1 text-sm text-slate-600">The report fills in once {scores.client.name} completes the closeness assessment.</p>
          </div>
        ) : (
          <>
            <section aria-labelledby="report-trend-heading" data-print="section">
              <h2 id="report-trend-heading" className="text-base font-semibold">
                Scores over time
              </h2>
              <p className="mt-1 text-xs text-slate-600">Scores from 0 to 100. Higher means more closeness on that dimension.</p>
              {list.length > 1 ? (
                // On a narrow screen the fixed-size charts scale down with their viewBox; on paper they keep their size.
                <div className="mt-3 [&_.recharts-wrapper]:h-auto! [&_.recharts-wrapper]:max-w-full! [&_svg]:h-auto [&_svg]:max-w-full">
                  <TrendSmallMultiples points={trendPoints(list, timeZone)} dimensions={scores.dimensions} width={PRINT_CHART.width} />
                  <p id="report-trend-description" className="sr-only">
                    {trendDescription(scores)}
                  </p>
                </div>
              ) : summary ? (
                <div className="mt-2 space-y-2 [&_.recharts-wrapper]:h-auto! [&_.recharts-wrapper]:max-w-full! [&_svg]:h-auto [&_svg]:max-w-full">
                  <p className="text-sm text-slate-700">
                    One assessment so far, on {formatDate(list[0]!.completedAt, timeZone)}: no change over time to chart yet. Its profile:
                  </p>
                  <Profile summary={summary} timeZone={timeZone} size={{ width: PRINT_CHART.width, height: 300 }} />
                </div>
              ) : null}
            </section>

            <section aria-labelledby="report-table-heading">
              <h2 id="report-table-heading" className="mb-2 text-base font-semibold">
                Scores at each assessment
              </h2>
              <ScoresTable assessments={list} dimensions={scores.dimensions} timeZone={timeZone} captionId="report-scores-caption" compact />
              <div className="mt-3">
                <DimensionGlossary dimensions={scores.dimensions} open />
              </div>
            </section>

            {summary ? (
              <section aria-labelledby="report-strengths-heading" data-print="section">
                <h2 id="report-strengths-heading" className="text-base font-semibold">
                  Strengths and growth areas
                </h2>
                <p className="mb-3 mt-1 text-xs text-slate-600">At the latest assessment, {formatDate(summary.latest.completedAt, timeZone)}.</p>
                <StrengthsAndGrowthAreas summary={summary} />
              </section>
            ) : null}

            <section aria-labelledby="report-change-heading" data-print="section">
              <h2 id="report-change-heading" className="text-base font-semibold">
                Reliable change
              </h2>
              <p className="mb-3 mt-1 text-xs text-slate-600">
                Per dimension, whether the latest assessment differs from the first and from the previous one by more than measurement noise.
              </p>
              <ReliableChange scores={scores} timeZone={timeZone} compact />
            </section>
          </>
        )}
        {otherMeasures}
        <p className="border-t border-slate-200 pt-3 text-xs text-slate-500">
          Confidential: contains health information about {scores.client.name}. Keep and share it only as your practice&apos;s policies allow.
        </p>
      </article>
    </div>
  );
}

/** The report's title: what it is, whose, and the print button (hidden on paper). */
function ReportTitle({ kind, name }: { kind: string; name: string }) {
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
      <div>
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{kind} · Confidential health information</p>
        <h1 id="report-heading" className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">
          {name}
        </h1>
      </div>
      <PrintButton />
    </div>
  );
}
