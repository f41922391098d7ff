import Link from "next/link";
import { DownloadScoresLink } from "@/components/exports/download-scores-link";
import { buttonClass } from "@/components/ui/button";
import { formatDate } from "@/lib/core/format";
import type { ScoresSummary } from "@/lib/scores/score-summary";
import type { ClientScores } from "@/lib/scores/scores";
import { chooseTrendDimension, dateRange, trendDescription, trendPoints } from "./chart-data";
import { countAssessments } from "./describe";
import { DimensionGlossary } from "./dimension-glossary";
import { Profile } from "./profile";
import { ReliableChange } from "./reliable-change-table";
import { ScoreTrendChart } from "./score-trend-chart";
import { ScoresTable } from "./scores-table";
import { StrengthsAndGrowthAreas } from "./strengths-growth";

const card = "rounded-lg border border-slate-200 bg-white p-4 sm:p-6";

/**
 * The client page's scores: over time, the latest profile with strengths and growth areas, and
 * reliable change. `dimension` is the page's `?dimension=` search parameter: the dimension the
 * trend chart shows beside overall (else the one that moved most).
 */
export function ScoresSection({
  scores,
  timeZone,
  reportHref,
  dimension,
  keepParams,
}: {
  scores: ClientScores;
  timeZone: string;
  reportHref: string;
  dimension?: string | string[];
  /** Search parameters the page needs to keep when the dimension is chosen without JavaScript. */
  keepParams?: Record<string, string>;
}) {
  const list = scores.assessments;
  const summary = scores.summary;
  const shown = chooseTrendDimension(dimension, list);

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
            <p className="text-sm font-medium text-slate-900">No Closeness Inventory yet</p>
            <p className="mx-auto mt-1 max-w-prose text-sm text-slate-600">
              Scores, charts, strengths and growth areas, and reliable change appear here once {scores.client.name} completes the closeness
              assessment. You can send it from the Send questionnaires panel.
            </p>
          </div>
        ) : (
          <div className="mt-4 space-y-5">
            {list.length > 1 ? (
              <>
                <ScoreTrendChart
                  // A new choice from the server (a GET without JavaScript) starts the chart afresh.
                  key={shown}
                  points={trendPoints(list, timeZone)}
                  dimensions={scores.dimensions}
                  dimension={shown}
                  keepParams={keepParams}
                  describedBy="trend-description"
                />
                <p id="trend-description" className="sr-only">
                  {trendDescription(scores)}
                </p>
              </>
            ) : summary ? (
              // One assessment has no change to draw: its profile says more than a line of one dot.
              <div className="space-y-3">
                <p className="rounded-md bg-slate-50 px-4 py-3 text-sm text-slate-700">
                  One assessment so far, on {formatDate(list[0]!.completedAt, timeZone)}. Here is its profile; the chart of scores over time
                  and reliable change appear after the next one.
                </p>
                <Profile summary={summary} timeZone={timeZone} />
              </div>
            ) : null}
            <div>
              <h3 className="mb-2 text-sm font-semibold text-slate-900">Scores at each assessment</h3>
              <ScoresTable assessments={list} dimensions={scores.dimensions} timeZone={timeZone} captionId="scores-table-caption" />
              <div className="mt-3">
                <DimensionGlossary dimensions={scores.dimensions} />
              </div>
            </div>
          </div>
        )}
      </section>

      {summary ? <LatestProfile summary={summary} timeZone={timeZone} /> : null}

      {summary ? (
        <section aria-labelledby="change-heading" className={card}>
          <h2 id="change-heading" className="text-base font-semibold">
            Reliable change
          </h2>
          <p className="mb-3 mt-1 text-sm text-slate-600">
            Per dimension, whether the latest assessment differs from the first and from the previous one by more than measurement noise.
          </p>
          <ReliableChange scores={scores} timeZone={timeZone} />
        </section>
      ) : null}
    </>
  );
}

/** The latest profile against the first, with strengths and growth areas (only these when there is one assessment). */
function LatestProfile({ summary, timeZone }: { summary: ScoresSummary; timeZone: string }) {
  return (
    <section aria-labelledby="profile-heading" className={card}>
      <h2 id="profile-heading" className="text-base font-semibold">
        Latest profile
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {summary.previous
          ? `The latest assessment (${formatDate(summary.latest.completedAt, timeZone)}) against the first (${formatDate(summary.first.completedAt, timeZone)}).`
          : `Strengths and growth areas of the only assessment so far (${formatDate(summary.latest.completedAt, timeZone)}); its profile is above.`}
      </p>
      {summary.previous ? (
        <div className="mt-4 grid gap-6 lg:grid-cols-5">
          <div className="lg:col-span-3">
            <Profile summary={summary} timeZone={timeZone} />
          </div>
          <div className="lg:col-span-2">
            <StrengthsAndGrowthAreas summary={summary} stacked />
          </div>
        </div>
      ) : (
        <div className="mt-4">
          <StrengthsAndGrowthAreas summary={summary} />
        </div>
      )}
    </section>
  );
}
