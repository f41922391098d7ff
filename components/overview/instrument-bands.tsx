import { BandBadge } from "@/components/scores/band-badge";
import { SEVERITY_STYLES } from "@/components/scores/severity-palette";
import { clinicalRange } from "@/components/scores/total-format";
import type { InstrumentBandCounts } from "@/lib/overview/instrument-bands";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The overview's instrument panel: per total-scored instrument, how the active clients' latest
 * totals spread over its bands (a stacked bar in the bands' colours, then every band with its
 * count in words) and how many are in the clinical range. Nothing when no client has one.
 */
export function InstrumentBands({ counts, scope }: { counts: InstrumentBandCounts[]; scope: "practice" | "caseload" }) {
  if (counts.length === 0) return null;
  return (
    <section aria-labelledby="instrument-bands-heading" className="space-y-4">
      <div>
        <h2 id="instrument-bands-heading" className="text-lg font-semibold text-slate-900">
          Latest totals by band
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Active clients {scope === "practice" ? "across the practice" : "in your caseload"}, by the band of their latest total on each
          questionnaire.
        </p>
      </div>
      <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {counts.map((entry) => {
          const { instrument } = entry;
          const id = `bands-${instrument.key}-${instrument.version}`;
          return (
            <li key={id} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 id={`${id}-heading`} className="text-base font-semibold text-slate-900">
                  {instrument.shortTitle}
                </h3>
                <p className="text-xs font-medium text-slate-600">{instrument.directionLabel}</p>
              </div>
              <p className="mt-1 text-sm text-slate-700">
                <span className="text-2xl font-semibold tabular-nums text-slate-900">{entry.clinical}</span> of {plural(entry.clients, "client")} in
                the clinical range ({clinicalRange(instrument)}).
              </p>
              <div aria-hidden className="mt-3 flex h-3 overflow-hidden rounded-full ring-1 ring-inset ring-black/10">
                {entry.bands
                  .filter((band) => band.count > 0)
                  .map((band) => (
                    <span key={band.from} style={{ width: `${(band.count / entry.clients) * 100}%`, backgroundColor: SEVERITY_STYLES[band.severity].fill }} />
                  ))}
              </div>
              <dl className="mt-3 grid grid-cols-[1fr_auto] gap-x-3 gap-y-1.5 text-sm">
                {entry.bands.map((band) => (
                  <div key={band.from} className="contents">
                    <dt className="flex items-center gap-2">
                      <BandBadge label={band.label} severity={band.severity} />
                      <span className="text-xs tabular-nums text-slate-500">{band.from === band.to ? band.from : `${band.from}–${band.to}`}</span>
                    </dt>
                    <dd className="text-right font-medium tabular-nums text-slate-900">{band.count}</dd>
                  </div>
                ))}
              </dl>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
