import { Cell, ColumnHeader, RowHeader, Table, TableBody, TableCaption, TableFrame, TableHead, TableRow } from "@/components/ui/table";
import { closenessV1 } from "@/lib/instruments/closeness-v1";
import { formatScore } from "@/lib/instruments/scoring";
import type { OverviewGranularity } from "@/lib/overview/params";
import type { OverviewPeriod } from "@/lib/overview/overview";
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
      <TableFrame labelledBy="period-table-caption" surface="card">
        <Table>
          <TableCaption id="period-table-caption" className="px-4 pt-3 pb-2 text-left text-sm font-medium text-slate-800">
            <span className="sticky left-4">Mean score per {granularity} (0–100)</span>
          </TableCaption>
          <TableHead className="border-y border-slate-200 text-left text-xs font-medium text-slate-600">
            <TableRow>
              <ColumnHeader className="sticky left-0 whitespace-nowrap bg-slate-50 px-4 py-2">
                {granularity === "month" ? "Month" : "Week starting"}
              </ColumnHeader>
              <ColumnHeader numeric className="px-3 py-2">
                Assessments
              </ColumnHeader>
              {closenessV1.dimensions.map((dimension) => (
                <ColumnHeader key={dimension.key} numeric className="px-3 py-2">
                  {dimension.label}
                </ColumnHeader>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {periods
              .filter((period) => period.assessments > 0)
              .map((period) => (
                <TableRow key={period.start} className="text-slate-800">
                  <RowHeader className="sticky left-0 whitespace-nowrap bg-white px-4 py-2">{periodRowLabel(period.start, granularity)}</RowHeader>
                  <Cell numeric className="px-3 py-2">
                    {period.assessments}
                  </Cell>
                  {closenessV1.dimensions.map((dimension) => {
                    const mean = period.means[dimension.key];
                    return (
                      <Cell key={dimension.key} numeric className="px-3 py-2">
                        {mean === null ? "—" : formatScore(mean)}
                      </Cell>
                    );
                  })}
                </TableRow>
              ))}
          </TableBody>
        </Table>
      </TableFrame>
      <p className="text-xs text-slate-500">
        Periods are in the practice&rsquo;s time zone ({timeZone}){granularity === "week" ? "; weeks start on Monday" : ""}.
        {empty > 0 ? ` ${empty === 1 ? `One ${granularity}` : `${empty} ${granularity}s`} without assessments ${empty === 1 ? "is" : "are"} left out.` : ""}
      </p>
    </div>
  );
}
