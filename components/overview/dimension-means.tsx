import { DIMENSION_COLOURS } from "@/components/scores/palette";
import { closenessV1 } from "@/lib/instruments/closeness-v1";
import { formatScore } from "@/lib/instruments/scoring";
import type { DimensionMeans as Means } from "@/lib/overview/overview";

/**
 * The mean of each dimension as plain bars, for when only one period has assessments: a line
 * chart of one point per dimension shows nothing over time. A list with its numbers as text, so it
 * needs no other alternative.
 */
export function DimensionMeans({ means, caption }: { means: Means; caption: string }) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="text-sm font-medium text-slate-800">{caption}</figcaption>
      <ul className="mt-3 space-y-2">
        {closenessV1.dimensions.map((dimension) => {
          const mean = means[dimension.key];
          return (
            <li key={dimension.key} className="grid grid-cols-[8.5rem_1fr_3rem] items-center gap-3 text-sm">
              <span className="text-slate-800">{dimension.label}</span>
              <span aria-hidden="true" className="h-3 rounded-sm bg-slate-100">
                {mean === null ? null : (
                  <span className="block h-3 rounded-sm" style={{ width: `${mean}%`, backgroundColor: DIMENSION_COLOURS[dimension.key] }} />
                )}
              </span>
              <span className="text-right tabular-nums text-slate-900">{mean === null ? "—" : formatScore(mean)}</span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
