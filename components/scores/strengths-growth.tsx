import { formatScore } from "@/lib/instruments/scoring";
import { BAND_KEY, LIST_NAMES } from "@/lib/instruments/vocabulary";
import type { ScoreDimension, ScoresSummary } from "@/lib/scores/score-summary";
import { BandBadge } from "./score-badges";

/** DESIGN §2: the two highest and the two lowest (below 70) dimensions of the latest assessment, with their bands. */
export function StrengthsAndGrowthAreas({ summary, stacked = false }: { summary: ScoresSummary; stacked?: boolean }) {
  const byKey = new Map(summary.dimensions.map((d) => [d.key, d]));
  const list = (keys: ScoreDimension[]) => (
    <ol className="mt-2 space-y-2">
      {keys.map((key) => {
        const d = byKey.get(key);
        if (!d) return null;
        return (
          <li key={key} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            <span className="font-medium text-slate-900">{d.label}</span>
            <span className="tabular-nums text-slate-700">{formatScore(d.latest)}</span>
            <BandBadge band={d.band} />
            <span className="basis-full text-xs leading-relaxed text-slate-600">{d.description}</span>
          </li>
        );
      })}
    </ol>
  );
  return (
    // Stacked in a narrow side column, where two lists side by side would wrap every line.
    <div className={stacked ? "grid gap-4" : "grid gap-4 sm:grid-cols-2"}>
      <div data-print="section">
        <h3 className="text-sm font-semibold text-slate-900">{LIST_NAMES.strengths}</h3>
        <p className="text-xs text-slate-500">The two highest dimensions at the latest assessment.</p>
        {list(summary.strengths)}
      </div>
      <div data-print="section">
        <h3 className="text-sm font-semibold text-slate-900">{LIST_NAMES.growthAreas}</h3>
        <p className="text-xs text-slate-500">The two lowest dimensions below 70 at the latest assessment, strengths aside.</p>
        {summary.growthAreas.length ? (
          list(summary.growthAreas)
        ) : (
          <p className="mt-2 text-sm text-slate-700">None: every dimension is 70 or above, in the strength band.</p>
        )}
      </div>
      <p className={stacked ? "text-xs text-slate-500" : "text-xs text-slate-500 sm:col-span-2"}>
        {BAND_KEY} Ties are broken in the order of the dimensions, and a strength is never also named a growth area.
      </p>
    </div>
  );
}
