import { CoupleProfileChart, type CoupleProfileRow } from "@/components/scores/couple-profile-chart";
import { LargeGapFlag } from "@/components/scores/score-badges";
import { formatDate } from "@/lib/core/format";
import { formatScore } from "@/lib/instruments/scoring";
import type { CouplePair } from "@/lib/scores/couple-pairs";
import type { DimensionInfo, ScoredAssessment } from "@/lib/scores/score-summary";

/**
 * Both partners' latest profiles side by side, as a chart and as a table. With a pair of
 * assessments within the couple window, the pair's scores and gaps; otherwise each partner's
 * latest, uncompared (a gap between assessments months apart would mislead).
 */
export function CoupleProfile({
  names,
  dimensions,
  latest,
  pair,
  windowDays,
  timeZone,
}: {
  names: { a: string; b: string };
  dimensions: DimensionInfo[];
  latest: { a: ScoredAssessment | null; b: ScoredAssessment | null };
  pair: CouplePair | null;
  windowDays: number;
  timeZone: string;
}) {
  const rows: CoupleProfileRow[] = pair
    ? pair.gaps.map((g) => ({ key: g.key, label: g.label, a: g.client, b: g.partner, gap: g.gap, flagged: g.flagged }))
    : dimensions.map((d) => ({ key: d.key, label: d.label, a: latest.a?.dimensions[d.key] ?? null, b: latest.b?.dimensions[d.key] ?? null, gap: null, flagged: false }));
  const dates = pair
    ? { a: pair.clientCompletedAt, b: pair.partnerCompletedAt }
    : { a: latest.a?.completedAt ?? null, b: latest.b?.completedAt ?? null };
  const when = (name: string, date: string | null) => (date ? `${name} on ${formatDate(date, timeZone)}` : `${name}: no assessment yet`);
  const flagged = rows.filter((row) => row.flagged).length;
  const label =
    `Both partners' scores on the seven dimensions: ${when(names.a, dates.a)}, ${when(names.b, dates.b)}. ` +
    (pair ? `${flagged} of 7 gaps are 25 points or more. ` : "") +
    "The values are in the table that follows.";
  return (
    <div>
      <p className="text-sm text-slate-600">
        {when(names.a, dates.a)}; {when(names.b, dates.b)}.{" "}
        {pair
          ? flagged
            ? `${flagged} dimension${flagged === 1 ? " differs" : "s differ"} by 25 points or more.`
            : "No dimension differs by 25 points or more."
          : latest.a && latest.b
            ? `Not compared: the assessments were not completed within ${windowDays} days of each other.`
            : null}
      </p>
      <div className="mt-3">
        <CoupleProfileChart rows={rows} names={names} label={label} />
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-brand-700">Profiles as a table</summary>
        <div role="region" aria-label="Both partners' profiles" tabIndex={0} className="mt-2 overflow-x-auto rounded-md border border-slate-200">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Both partners&apos; latest scores per dimension{pair ? ", with the gap; gaps of 25 points or more are flagged" : ""}.</caption>
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-2 py-1.5 sm:px-3">
                  Dimension
                </th>
                <th scope="col" className="px-2 py-1.5 text-right normal-case sm:px-3">
                  {names.a}
                </th>
                <th scope="col" className="px-2 py-1.5 text-right normal-case sm:px-3">
                  {names.b}
                </th>
                {pair ? (
                  <th scope="col" className="px-2 py-1.5 text-right sm:px-3">
                    Gap
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row" className="px-2 py-1.5 text-left font-medium sm:px-3">
                    {row.label}
                  </th>
                  <td className="px-2 py-1.5 text-right tabular-nums sm:px-3">{row.a === null ? "—" : formatScore(row.a)}</td>
                  <td className="px-2 py-1.5 text-right tabular-nums sm:px-3">{row.b === null ? "—" : formatScore(row.b)}</td>
                  {pair ? (
                    <td className="px-2 py-1.5 sm:px-3">
                      <div className="flex flex-row-reverse items-center gap-2">
                        <span className="tabular-nums">{row.gap === null ? "—" : formatScore(row.gap)}</span>
                        {row.flagged ? <LargeGapFlag /> : null}
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
