import { BandBadge } from "@/components/scores/score-badges";
import { formatScore } from "@/lib/instruments/scoring";
import type { DimensionSummary } from "@/lib/scores/score-summary";
import type { AttentionItem, Movement } from "@/lib/scores/session-summary";

export const summaryCard = "rounded-lg border border-slate-200 bg-white p-4 sm:p-5";

/** A small titled block of the summary. */
export function SummaryBlock({ id, title, children, className = "" }: { id: string; title: string; children: React.ReactNode; className?: string }) {
  return (
    <section aria-labelledby={id} className={`${summaryCard} ${className}`}>
      <h2 id={id} className="text-sm font-semibold text-slate-900">
        {title}
      </h2>
      <div className="mt-2">{children}</div>
    </section>
  );
}

/** What needs a look, or a plain "nothing" so the absence is a statement, not a gap. */
export function AttentionList({ items }: { items: AttentionItem[] }) {
  if (items.length === 0) return <p className="text-sm text-slate-600">Nothing needs attention: no reliable deterioration, no link waiting or expired.</p>;
  return (
    <ul className="space-y-1.5 text-sm">
      {items.map((item) => (
        <li key={item.text} className="flex gap-2">
          <span aria-hidden className={item.kind === "deterioration" ? "text-red-700" : "text-amber-700"}>
            {item.kind === "deterioration" ? "▼" : "●"}
          </span>
          <span className="text-slate-800">{item.text}</span>
        </li>
      ))}
    </ul>
  );
}

const MOVE_MARK = {
  improved: { mark: "▲", className: "text-emerald-700" },
  deteriorated: { mark: "▼", className: "text-red-700" },
  no_change: { mark: "–", className: "text-slate-400" },
} as const;

export function MovedList({ moves, empty }: { moves: Movement[]; empty: string }) {
  if (moves.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="space-y-1 text-sm">
      {moves.map((move) => (
        <li key={move.dimension} className="flex gap-2" data-reliable={move.status !== "no_change"}>
          {/* Colour and an arrow only for a reliable change; a move within measurement noise stays neutral. */}
          <span aria-hidden className={MOVE_MARK[move.status].className}>
            {MOVE_MARK[move.status].mark}
          </span>
          <span className={move.status === "no_change" ? "text-slate-600" : "text-slate-800"}>{move.sentence}.</span>
        </li>
      ))}
    </ul>
  );
}

/** The latest score of each dimension with its band, and a bar on 0–100 as a glance. */
export function LatestScores({ dimensions }: { dimensions: DimensionSummary[] }) {
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Latest score per dimension, 0 to 100, with its band.</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">Dimension</th>
          <th scope="col">Score</th>
          <th scope="col">Band</th>
        </tr>
      </thead>
      <tbody>
        {dimensions.map((d) => (
          <tr key={d.key} className="align-middle">
            <th scope="row" className="py-1 pr-2 text-left font-medium text-slate-900" title={d.description}>
              {d.label}
            </th>
            <td className="w-full py-1 pr-2">
              <div className="flex items-center gap-2">
                <div aria-hidden className="relative hidden h-2 flex-1 rounded-full bg-slate-100 sm:block">
                  <div className="absolute inset-y-0 left-0 rounded-full bg-brand-600" style={{ width: `${Math.max(1, d.latest)}%` }} />
                </div>
                <span className="w-10 text-right tabular-nums text-slate-900">{formatScore(d.latest)}</span>
              </div>
            </td>
            <td className="py-1 text-right">
              <BandBadge band={d.band} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
