import type { ClientInstrumentTotals, CoupleInstrumentTotals } from "@/lib/scores/instrument-totals";
import { CoupleTotalScoreCard, TotalScoreCard } from "./total-score-card";

/**
 * The client page's (and report's) section of total-scored instruments, after the closeness
 * summary: a card per instrument the client has answered. Nothing at all when there is none, so a
 * closeness-only client's page reads as before.
 */
export function InstrumentTotalsSection({
  totals,
  timeZone,
  print = false,
  downloads = false,
}: {
  totals: ClientInstrumentTotals;
  timeZone: string;
  print?: boolean;
  /** Offer each instrument's CSV. */
  downloads?: boolean;
}) {
  if (totals.instruments.length === 0) return null;
  const headingId = print ? "report-instruments-heading" : "instruments-heading";
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <div>
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          Other measures
        </h2>
        <p className="mt-0.5 text-sm text-slate-600">Each questionnaire&apos;s total, read against its published bands and cut-off.</p>
      </div>
      <div className="space-y-4">
        {totals.instruments.map((entry) => (
          <TotalScoreCard
            key={`${entry.instrument.key}-${entry.instrument.version}`}
            totals={entry}
            timeZone={timeZone}
            print={print}
            csvHref={downloads ? `/api/clients/${totals.client.id}/scores.csv?instrument=${entry.instrument.key}` : undefined}
          />
        ))}
      </div>
    </section>
  );
}

/** The couple page's section: per instrument either partner has answered, both side by side. */
export function CoupleInstrumentTotalsSection({ entries, timeZone }: { entries: CoupleInstrumentTotals[]; timeZone: string }) {
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="couple-instruments-heading" className="space-y-3">
      <div>
        <h2 id="couple-instruments-heading" className="text-base font-semibold text-slate-900">
          Other measures, side by side
        </h2>
        <p className="mt-0.5 text-sm text-slate-600">Each partner answers on their own; their totals are read against the same published bands.</p>
      </div>
      <div className="space-y-4">
        {entries.map((entry) => (
          <CoupleTotalScoreCard key={`${entry.instrument.key}-${entry.instrument.version}`} entry={entry} timeZone={timeZone} />
        ))}
      </div>
    </section>
  );
}
