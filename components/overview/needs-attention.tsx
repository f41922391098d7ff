import { ReliableChangeNote } from "@/components/scores/reliable-change-note";
import type { Overview } from "@/lib/overview";
import { DeteriorationList } from "./deterioration-list";
import { WideningGaps } from "./widening-gaps";

/** What a couples therapist would want to act on first: clients who dropped, couples moving apart. */
export function NeedsAttention({ overview }: { overview: Overview }) {
  const count = overview.deteriorationTotal + overview.wideningGaps.length;
  const dropped = overview.deteriorationTotalExact
    ? overview.deteriorationTotal === 1
      ? "1 client"
      : `${overview.deteriorationTotal} clients`
    : `More than ${overview.deteriorationTotal.toLocaleString("en-GB")} clients`;
  return (
    <section aria-labelledby="attention-heading" className="space-y-5">
      <div>
        <h2 id="attention-heading" className="text-lg font-semibold text-slate-900">
          Needs attention
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {count === 0
            ? "Nothing stands out right now."
            : `${dropped} with a reliable drop; ${
                overview.wideningGaps.length === 1 ? "1 couple" : `${overview.wideningGaps.length} couples`
              } moving apart.`}
        </p>
      </div>
      <DeteriorationList overview={overview} />
      <WideningGaps overview={overview} />
      <div className="max-w-3xl">
        <ReliableChangeNote parameters={overview.reliableChange} />
      </div>
    </section>
  );
}
