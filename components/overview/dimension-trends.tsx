import type { Overview } from "@/lib/overview/overview";
import { DimensionMeans } from "./dimension-means";
import { DimensionTrendChart } from "./dimension-trend-chart";
import { periodLabel, rangePhrase } from "./labels";
import { PeriodTable } from "./period-table";

/** Per-period means of each dimension: a chart, and the same numbers as a table. */
export function DimensionTrends({ overview }: { overview: Overview }) {
  const withData = overview.periods.filter((period) => period.assessments > 0);
  const inRange = withData.reduce((sum, period) => sum + period.assessments, 0);
  const unit = overview.granularity;
  const first = overview.periods[0];
  const since = overview.periodsClipped && first ? ` Starting with the first assessment, in ${periodLabel(first.start, unit).replace(/^W/, "the w")}.` : "";
  return (
    <section aria-labelledby="trends-heading" className="space-y-3">
      <div>
        <h3 id="trends-heading" className="text-base font-semibold text-slate-900">
          Dimensions over time
        </h3>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          The mean of each of the seven dimensions per {unit}
          {inRange === 0 ? "." : `, over the ${inRange === 1 ? "one assessment" : `${inRange} assessments`} completed ${rangePhrase(overview.range)}.`}
          {since}
        </p>
      </div>
      {inRange === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">
          {overview.totals.assessments === 0
            ? "No assessments have been completed yet. Means appear here once clients answer their invitations."
            : `No assessments were completed ${rangePhrase(overview.range)}. Choose a longer range to see earlier ones.`}
        </p>
      ) : withData.length === 1 ? (
        // One period with assessments: a line needs two points, so show the means themselves.
        <DimensionMeans
          means={withData[0]!.means}
          caption={`Mean score per dimension, ${periodLabel(withData[0]!.start, unit)} (0–100). Lines over time appear once a second ${unit} has assessments.`}
        />
      ) : (
        <>
          <div className="rounded-lg border border-slate-200 bg-white p-2 sm:p-4">
            <DimensionTrendChart periods={overview.periods} granularity={overview.granularity} />
          </div>
          <PeriodTable periods={overview.periods} granularity={overview.granularity} timeZone={overview.timeZone} />
        </>
      )}
    </section>
  );
}
