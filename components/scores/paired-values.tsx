import type { NamedValue } from "@/lib/core/display-name";

/**
 * Two partners' values side by side, each after the name of whose it is — visibly, not only for
 * screen readers: "Lee 86.6 · Morgan 94.6". Names come from lib/clients/display-name.ts
 * (`partnerLabels`), so the same two people are labelled alike on every page.
 */
export function PairedValues({ values, stacked = false, className = "" }: { values: readonly NamedValue[]; stacked?: boolean; className?: string }) {
  return (
    <span className={`${stacked ? "inline-flex flex-col" : "inline-flex flex-wrap items-baseline gap-x-1.5"} ${className}`}>
      {values.map((v, i) => (
        <span key={`${v.name}-${i}`} className="whitespace-nowrap">
          {i > 0 && !stacked ? (
            <span aria-hidden className="mr-1.5 text-slate-400">
              ·
            </span>
          ) : null}
          <span className="text-slate-600">{v.name}</span> <span className="font-medium tabular-nums text-slate-900">{v.value}</span>
          {i < values.length - 1 ? <span className="sr-only">,</span> : null}
        </span>
      ))}
    </span>
  );
}
