import { closenessV1 } from "@/lib/instruments/closeness-v1";
import { formatScore } from "@/lib/instruments/scoring";
import type { OverviewGranularity } from "@/lib/overview-params";
import type { OverviewPeriod } from "@/lib/overview";
import { periodRowLabel } from "./labels";

/**
 * The chart's numbers as a table: the periods with assessments. Empty ones are counted in a note
 * rather than listed as rows of dashes; the chart shows them as gaps.
 */
export function PeriodTable({
  periods,
  granularity,
  timeZone,
}: {
  periods: OverviewPeriod[];
  granularity: OverviewGranularity;
  timeZone: string;
}) {
  const empty = periods.filter((period) => period.assessments === 0).length;
  return (
    <div className="space-y-2">
      {/* Scrolls sideways on its own on a phone, and is focusable so a keyboard can scroll it too.
          It is positioned so that the screen-reader-only text inside stays inside it: absolutely
          placed children of an unpositioned scroller would widen the whole page. */}
      <div
        role="region"
        aria-labelledby="period-table-caption"
        tabIndex={0}
        className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
      >
        <table className="min-w-full text-sm">
          <caption id="period-table-caption" className="px-4 pt-3 pb-2 text-left text-sm font-medium text-slate-800">
            <span className="sticky left-4">Mean score per {granularity} (0–100)</span>
          </caption>
          <thead className="border-y border-slate-200 bg-slate-50 text-left text-xs font-medium text-slate-600">
            <tr>
              <th scope="col" className="sticky left-0 whitespace-nowrap bg-slate-50 px-4 py-2">
                {granularity === "month" ? "Month" : "Week starting"}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Assessments
              </th>
              {closenessV1.dimensions.map((dimension) => (
                <th key={dimension.key} scope="col" className="px-3 py-2 text-right">
                  {dimension.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {periods
              .filter((period) => period.assessments > 0)
              .map((period) => (
                <tr key={period.start} className="text-slate-800">
                  <th scope="row" className="sticky left-0 whitespace-nowrap bg-white px-4 py-2 text-left font-medium">
                    {periodRowLabel(period.start, granularity)}
                  </th>
                  <td className="px-3 py-2 text-right tabular-nums">{period.assessments}</td>
                  {closenessV1.dimensions.map((dimension) => {
                    const mean = period.means[dimension.key];
                    return (
                      <td key={dimension.key} className="px-3 py-2 text-right tabular-nums">
                        {mean === null ? "—" : formatScore(mean)}
                      </td>
                    );
                  })}
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-500">
        Periods are in the practice&rsquo;s time zone ({timeZone}){granularity === "week" ? "; weeks start on Monday" : ""}.
        {empty > 0 ? ` ${empty === 1 ? `One ${granularity}` : `${empty} ${granularity}s`} without assessments ${empty === 1 ? "is" : "are"} left out.` : ""}
      </p>
    </div>
  );
}
