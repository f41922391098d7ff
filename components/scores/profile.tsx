import { formatDate } from "@/lib/format";
import { formatScore } from "@/lib/instruments/scoring";
import type { ScoresSummary } from "@/lib/score-summary";
import { ProfileChart } from "./profile-chart";
import { BAND_WORD } from "./score-badges";

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
        <div role="region" aria-label="Profile table" tabIndex={0} data-print="scroll" className="mt-2 overflow-x-auto rounded-md border border-slate-200">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Dimension scores at the {compare ? "first and the latest assessment" : "only assessment"}, with the latest band.</caption>
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-1.5">
                  Dimension
                </th>
                {compare ? (
                  <th scope="col" className="px-3 py-1.5 text-right">
                    First, {firstDate}
                  </th>
                ) : null}
                <th scope="col" className="px-3 py-1.5 text-right">
                  Latest, {latestDate}
                </th>
                <th scope="col" className="px-3 py-1.5">
                  Band
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row, i) => (
                <tr key={row.key}>
                  <th scope="row" className="px-3 py-1.5 text-left font-medium">
                    {row.label}
                  </th>
                  {compare ? <td className="px-3 py-1.5 text-right tabular-nums">{row.first === null ? "—" : formatScore(row.first)}</td> : null}
                  <td className="px-3 py-1.5 text-right tabular-nums">{formatScore(row.latest)}</td>
                  <td className="px-3 py-1.5">{BAND_WORD[summary.dimensions[i]!.band]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
