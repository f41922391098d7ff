import { ReliableChangeNote } from "@/components/scores/reliable-change-note";
import type { NeedsAttentionData } from "@/lib/overview/overview";
import { DeteriorationList } from "./deterioration-list";
import { WideningGaps } from "./widening-gaps";

/** One sentence: how many clients dropped and how many couples are moving apart. */
export function attentionSummary(attention: NeedsAttentionData): string {
  if (attention.deteriorationTotal + attention.wideningTotal === 0) return "Nothing stands out right now.";
  const count = (total: number, exact: boolean, one: string, many: string) =>
    exact ? (total === 1 ? `1 ${one}` : `${total.toLocaleString("en-GB")} ${many}`) : `more than ${total.toLocaleString("en-GB")} ${many}`;
  const dropped = count(attention.deteriorationTotal, attention.deteriorationTotalExact, "client", "clients");
  const apart = count(attention.wideningTotal, attention.wideningTotalExact, "couple", "couples");
  return `${dropped.charAt(0).toUpperCase()}${dropped.slice(1)} with a reliable drop; ${apart} moving apart.`;
}

/**
 * What a couples therapist would want to act on first: clients who dropped, couples moving apart.
 * On the overview, the first few under its own heading, each list linking to Needs attention
 * (lib/overview/overview.ts reads as many as each page shows); there, under the page's heading.
 * `children` follow the lists.
 */
export function NeedsAttention({ attention, onOverview = false, children }: { attention: NeedsAttentionData; onOverview?: boolean; children?: React.ReactNode }) {
  return (
    <section aria-labelledby={onOverview ? "attention-heading" : undefined} aria-label={onOverview ? undefined : "Needs attention"} className="space-y-5">
      {onOverview ? (
        <div>
          <h2 id="attention-heading" className="text-lg font-semibold text-slate-900">
            Needs attention
          </h2>
          <p className="mt-1 text-sm text-slate-600">{attentionSummary(attention)}</p>
        </div>
      ) : null}
      {/* Under the overview's "Needs attention" (h2), or straight under the page's title. */}
      <DeteriorationList overview={attention} onOverview={onOverview} heading={onOverview ? "h3" : "h2"} />
      <WideningGaps overview={attention} onOverview={onOverview} heading={onOverview ? "h3" : "h2"} />
      {/* The overview's "Off the usual course", streamed in by the page. */}
      {children}
      <div className="max-w-3xl">
        <ReliableChangeNote parameters={attention.reliableChange} />
      </div>
    </section>
  );
}
