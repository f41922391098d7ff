import type { DimensionInfo } from "@/lib/scores/score-summary";

/**
 * What each dimension captures, from the instrument definition, beside the scores it explains.
 * A disclosure on screen (open on paper): readable by keyboard and screen reader, not hover-only.
 */
export function DimensionGlossary({ dimensions, open = false }: { dimensions: DimensionInfo[]; open?: boolean }) {
  return (
    <details className="text-sm" open={open}>
      <summary className="cursor-pointer text-brand-700" data-print="hide">
        What the {dimensions.length} dimensions mean
      </summary>
      <dl className="mt-2 grid gap-x-6 gap-y-2 sm:grid-cols-2">
        {dimensions.map((d) => (
          <div key={d.key}>
            <dt className="font-medium text-slate-900">{d.label}</dt>
            <dd className="text-slate-600">{d.description}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
