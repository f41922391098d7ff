import { Cell, ColumnHeader, RowHeader, Table, TableBody, TableCaption, TableFrame, TableHead, TableRow } from "@/components/ui/table";
import { formatDate } from "@/lib/core/format";
import { formatChange, formatScore } from "@/lib/instruments/scoring";
import type { ScoreChange } from "@/lib/scores/score-summary";
import type { ClientScores } from "@/lib/scores/scores";
import { ReliableChangeNote } from "./reliable-change-note";
import { BandBadge, ChangeBadge } from "./score-badges";

/**
 * Reliable change per dimension (a change bigger than measurement noise) of the latest assessment
 * against the first and against the previous one; the statistics are behind "How this is calculated".
 */
export function ReliableChange({ scores, timeZone, compact = false }: { scores: ClientScores; timeZone: string; compact?: boolean }) {
  const summary = scores.summary;
  const previous = summary?.previous ?? null;
  const cell = compact ? "px-2 py-1.5" : "px-3 py-2";

  return (
    <div className="space-y-3">
      {!summary || !previous ? (
        <p className="text-sm text-slate-600">
          No change yet: reliable change compares two assessments, so it appears after the{" "}
          {summary ? "next one" : "second one is completed"}.
        </p>
      ) : (
        <>
          {/* Phones: one card per dimension; the four-column table does not fit. */}
          <ul aria-label="Reliable change per dimension" className="divide-y divide-slate-100 rounded-md border border-slate-200 sm:hidden">
            {summary.dimensions.map((d) => (
              <li key={d.key} className="px-3 py-3">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium text-slate-900">{d.label}</span>
                  <span className="flex items-center gap-2">
                    <span className="tabular-nums text-slate-900">{formatScore(d.latest)}</span>
                    <BandBadge band={d.band} />
                  </span>
                </div>
                <dl className="mt-2 grid grid-cols-2 gap-3 text-sm">
                  <div>
                    <dt className="text-xs text-slate-500">Since first, {formatDate(summary.first.completedAt, timeZone)}</dt>
                    <dd className="mt-1">{d.sinceFirst ? <Change change={d.sinceFirst} /> : "—"}</dd>
                  </div>
                  <div>
                    <dt className="text-xs text-slate-500">Since previous, {formatDate(previous.completedAt, timeZone)}</dt>
                    <dd className="mt-1">{d.sincePrevious ? <Change change={d.sincePrevious} /> : "—"}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
          <TableFrame labelledBy="reliable-change-caption" print className="hidden sm:block">
            <Table>
              <TableCaption id="reliable-change-caption">
                Reliable change per dimension: the latest assessment ({formatDate(summary.latest.completedAt, timeZone)}) against the first (
                {formatDate(summary.first.completedAt, timeZone)}) and against the previous ({formatDate(previous.completedAt, timeZone)}).
              </TableCaption>
              <TableHead>
                <TableRow>
                  <ColumnHeader className={cell}>Dimension</ColumnHeader>
                  <ColumnHeader className={cell}>Latest</ColumnHeader>
                  <ColumnHeader className={cell}>
                    Since first <span className="block font-normal normal-case tracking-normal">{formatDate(summary.first.completedAt, timeZone)}</span>
                  </ColumnHeader>
                  <ColumnHeader className={cell}>
                    Since previous <span className="block font-normal normal-case tracking-normal">{formatDate(previous.completedAt, timeZone)}</span>
                  </ColumnHeader>
                </TableRow>
              </TableHead>
              <TableBody>
                {summary.dimensions.map((d) => (
                  <TableRow key={d.key} className="align-top">
                    <RowHeader className={`${cell} text-slate-900`}>{d.label}</RowHeader>
                    <Cell className={`${cell} whitespace-nowrap`}>
                      <span className="mr-2 tabular-nums text-slate-900">{formatScore(d.latest)}</span>
                      <BandBadge band={d.band} />
                    </Cell>
                    <Cell className={cell}>{d.sinceFirst ? <Change change={d.sinceFirst} /> : "—"}</Cell>
                    <Cell className={cell}>{d.sincePrevious ? <Change change={d.sincePrevious} /> : "—"}</Cell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableFrame>
        </>
      )}
      <ReliableChangeNote parameters={scores.reliableChange} open={compact} />
    </div>
  );
}

function Change({ change }: { change: ScoreChange }) {
  return (
    <div className="flex flex-col items-start gap-1">
      <span className="whitespace-nowrap tabular-nums text-slate-900">
        <span className="font-medium">{formatChange(change.change)}</span>{" "}
        <span className="text-xs text-slate-500">
          ({formatScore(change.before)} → {formatScore(change.after)})
        </span>
      </span>
      <ChangeBadge status={change.status} />
    </div>
  );
}
