import Link from "next/link";
import { DownloadScoresLink } from "@/components/exports/download-scores-link";
import { buttonClass } from "@/components/ui/button";
import { formatDate } from "@/lib/format";
import type { ClientScores } from "@/lib/scores";
import { dateRange, trendDescription, trendLabel, trendPoints } from "./chart-data";
import { countAssessments } from "./describe";
import { Profile } from "./profile";
import { ReliableChange } from "./reliable-change-table";
import { ScoreTrendChart } from "./score-trend-chart";
import { ScoresTable } from "./scores-table";
import { StrengthsAndGrowthAreas } from "./strengths-growth";

const card = "rounded-lg border border-slate-200 bg-white p-4 sm:p-6";

/** The client page's scores: over time, the latest profile with strengths and growth areas, and reliable change. */
export function ScoresSection({ scores, timeZone, reportHref }: { scores: ClientScores; timeZone: string; reportHref: string }) {
  const list = scores.assessments;
  const summary = scores.summary;

  return (
    <>
      <section aria-labelledby="scores-heading" className={card}>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
          <div>
            <h2 id="scores-heading" className="text-base font-semibold">
              Scores over time
            </h2>
            <p className="mt-1 text-sm text-slate-600">
              {list.length
                ? `${scores.instrument.title}: ${countAssessments(list.length)}, ${dateRange(list, timeZone)}. Scores from 0 to 100.`
                : `${scores.instrument.title}. Scores from 0 to 100.`}
            </p>
          </div>
          {list.length ? (
            <div className="flex shrink-0 flex-wrap gap-2">
              <Link href={reportHref} className={buttonClass("secondary")}>
                Printable report
              </Link>
              <DownloadScoresLink clientId={scores.client.id} />
            </div>
          ) : null}
        </div>

        {list.length === 0 ? (
          <div className="mt-4 rounded-md border border-dashed border-slate-300 px-4 py-8 text-center">
            <p className="text-sm font-medium text-slate-900">No assessments yet</p>
            <p className="mx-auto mt-1 max-w-prose text-sm text-slate-600">
              Scores, charts, strengths and growth areas, and reliable change appear here once {scores.client.name} completes the closeness
              assessment. You can send it from the Closeness assessment panel.
            </p>
          </div>
        ) : (
          <div className="mt-4 space-y-5">
            {list.length > 1 ? (
              <>
                <ScoreTrendChart points={trendPoints(list, timeZone)} label={trendLabel(scores, timeZone)} describedBy="trend-description" />
                <p id="trend-description" className="sr-only">
                  {trendDescription(scores)}
                </p>
              </>
            ) : (
              <p className="rounded-md bg-slate-50 px-4 py-3 text-sm text-slate-700">
                One assessment so far, on {formatDate(list[0]!.completedAt, timeZone)}. The chart of scores over time and reliable change
                appear after the next one.
              </p>
            )}
            <div>
              <h3 className="mb-2 text-sm font-semibold text-slate-900">Scores at each assessment</h3>
              <ScoresTable assessments={list} dimensions={scores.dimensions} timeZone={timeZone} captionId="scores-table-caption" />
            </div>
          </div>
        )}
      </section>

      {summary ? (
        <section aria-labelledby="profile-heading" className={card}>
          <h2 id="profile-heading" className="text-base font-semibold">
            Latest profile
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            {summary.previous
              ? `The latest assessment (${formatDate(summary.latest.completedAt, timeZone)}) against the first (${formatDate(summary.first.completedAt, timeZone)}).`
              : `The only assessment so far (${formatDate(summary.latest.completedAt, timeZone)}).`}
          </p>
          <div className="mt-4 grid gap-6 lg:grid-cols-5">
            <div className="lg:col-span-3">
              <Profile summary={summary} timeZone={timeZone} />
            </div>
            <div className="lg:col-span-2">
              <StrengthsAndGrowthAreas summary={summary} />
            </div>
          </div>
        </section>
      ) : null}

      {summary ? (
        <section aria-labelledby="change-heading" className={card}>
          <h2 id="change-heading" className="text-base font-semibold">
            Reliable change
          </h2>
          <p className="mb-3 mt-1 text-sm text-slate-600">Per dimension, the latest assessment against the first and against the previous one.</p>
          <ReliableChange scores={scores} timeZone={timeZone} />
        </section>
      ) : null}
    </>
  );
}
