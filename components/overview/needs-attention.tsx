import { ReliableChangeNote } from "@/components/scores/reliable-change-note";
import type { NeedsAttentionData } from "@/lib/overview/overview";
import { DeteriorationList } from "./deterioration-list";
import { WideningGaps } from "./widening-gaps";

/** At the top of the overview: the first few of each list; the rest on /overview/attention. */
export const SHOWN_ON_OVERVIEW = { drops: 8, couples: 4 } as const;

/** One sentence: how many clients dropped and how many couples are moving apart. */
export function attentionSummary(attention: NeedsAttentionData): string {
  if (attention.deteriorationTotal + attention.wideningGaps.length === 0) return "Nothing stands out right now.";
  const dropped = attention.deteriorationTotalExact
    ? attention.deteriorationTotal === 1
      ? "1 client"
      : `${attention.deteriorationTotal} clients`
    : `More than ${attention.deteriorationTotal.toLocaleString("en-GB")} clients`;
  const apart = attention.wideningGaps.length === 1 ? "1 couple" : `${attention.wideningGaps.length} couples`;
  return `${dropped} with a reliable drop; ${apart} moving apart.`;
}

/**
 * What a couples therapist would want to act on first: clients who dropped, couples moving apart.
 * `shown` keeps it short, under its own heading (the overview), each list linking to the whole of
 * it; without, everything, under the page's heading (/overview/attention). `children` follow the lists.
 */
export function NeedsAttention({ attention, shown, children }: { attention: NeedsAttentionData; shown?: { drops: number; couples: number }; children?: React.ReactNode }) {
  return (
    <section aria-labelledby={shown ? "attention-heading" : undefined} aria-label={shown ? undefined : "Needs attention"} className="space-y-5">
      {shown ? (
        <div>
          <h2 id="attention-heading" className="text-lg font-semibold text-slate-900">
            Needs attention
          </h2>
          <p className="mt-1 text-sm text-slate-600">{attentionSummary(attention)}</p>
        </div>
      ) : null}
      {/* Under the overview's "Needs attention" (h2), or straight under the page's title. */}
      <DeteriorationList overview={attention} shown={shown?.drops} heading={shown ? "h3" : "h2"} />
      <WideningGaps overview={attention} shown={shown?.couples} heading={shown ? "h3" : "h2"} />
      {/* The overview's "Off the usual course", streamed in by the page. */}
      {children}
      <div className="max-w-3xl">
        <ReliableChangeNote parameters={attention.reliableChange} />
      </div>
    </section>
  );
}
