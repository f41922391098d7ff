import { Cell, ColumnHeader, RowHeader, Table, TableBody, TableCaption, TableFrame, TableHead, TableRow } from "@/components/ui/table";
import { formatDate } from "@/lib/core/format";
import { formatScore } from "@/lib/instruments/scoring";
import type { ScoresSummary } from "@/lib/scores/score-summary";
import { ProfileChart } from "./profile-chart";
import { bandName } from "@/lib/instruments/vocabulary";

/** The latest profile against the first, as a chart with its data table (in a disclosure on screen). */
export function Profile({
  summary,
  timeZone,
  size,
  tableOpen = false,
}: {
  summary: ScoresSummary;
  timeZone: string;
  size?: { width: number; height: number };
  tableOpen?: boolean;
}) {
  const compare = summary.previous !== null;
  const firstDate = compare ? formatDate(summary.first.completedAt, timeZone) : null;
  const latestDate = formatDate(summary.latest.completedAt, timeZone);
  const rows = summary.dimensions.map((d) => ({ key: d.key, label: d.label, first: compare ? summary.first.dimensions[d.key] : null, latest: d.latest }));
  const label = compare
    ? `Bar chart of the seven dimensions at the latest assessment (${latestDate}) beside the first (${firstDate}). The values are in the table that follows.`
    : `Bar chart of the seven dimensions at the only assessment so far (${latestDate}). The values are in the table that follows.`;
  return (
    <div>
      <ProfileChart rows={rows} firstDate={firstDate} latestDate={latestDate} label={label} size={size} />
      <details className="mt-2 text-sm" open={tableOpen}>
        <summary className="cursor-pointer text-brand-700" data-print="hide">
          Profile as a table
        </summary>
        <TableFrame label="Profile table" print className="mt-2">
          <Table>
            <TableCaption>Dimension scores at the {compare ? "first and the latest assessment" : "only assessment"}, with the latest band.</TableCaption>
            <TableHead>
              <TableRow>
                <ColumnHeader className="px-3 py-1.5">Dimension</ColumnHeader>
                {compare ? (
                  <ColumnHeader numeric className="px-3 py-1.5">
                    First, {firstDate}
                  </ColumnHeader>
                ) : null}
                <ColumnHeader numeric className="px-3 py-1.5">
                  Latest, {latestDate}
                </ColumnHeader>
                <ColumnHeader className="px-3 py-1.5">Band</ColumnHeader>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row, i) => (
                <TableRow key={row.key}>
                  <RowHeader className="px-3 py-1.5">{row.label}</RowHeader>
                  {compare ? (
                    <Cell numeric className="px-3 py-1.5">
                      {row.first === null ? "—" : formatScore(row.first)}
                    </Cell>
                  ) : null}
                  <Cell numeric className="px-3 py-1.5">
                    {formatScore(row.latest)}
                  </Cell>
                  <Cell className="px-3 py-1.5">{bandName(summary.dimensions[i]!.band)}</Cell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableFrame>
      </details>
    </div>
  );
}
