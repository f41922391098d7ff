import type { CoupleInstrumentTotals, InstrumentTotals } from "@/lib/scores/instrument-totals";
import { formatDate } from "@/lib/core/format";
import { OVERALL_COLOUR } from "./palette";
import { COUPLE_SERIES } from "./series";
import { HowThisIsRead, LatestTotal, TotalCardHeading, TotalsTable, seriesPoints, trendSummary } from "./total-score-parts";
import { TotalTrendChart, type TotalSeries } from "./total-trend-chart";

// 680 CSS pixels is the report's printable width (scores-report.tsx); the chart takes most of it
// and the table sits below it on paper.
const PRINT_CHART = { width: 680, height: 200 };

/**
 * One client's total-scored instrument (PHQ-9, GAD-7, CSI-4): the latest total "12 of 27" with its
 * band in colour and words, whether it is in the clinical range, its change since the first and the
 * previous answer with whether that change is reliable, "higher is worse/better", a small chart with
 * the cut-off and the table of every total beside it, and the figures behind all that in "How this
 * is read". `print` for the report: fixed chart size, disclosure open, table under the chart.
 */
export function TotalScoreCard({
  totals,
  timeZone,
  csvHref,
  print = false,
}: {
  totals: InstrumentTotals;
  timeZone: string;
  /** This instrument's CSV, when the page offers downloads. */
  csvHref?: string;
  print?: boolean;
}) {
  const { instrument, points } = totals;
  const id = `total-${instrument.key}-${instrument.version}`;
  const series: TotalSeries[] = [
    { key: "a", label: instrument.shortTitle, color: OVERALL_COLOUR, marker: "circle", points: seriesPoints(points, timeZone) },
  ];
  return (
    <article aria-labelledby={`${id}-heading`} className="min-w-0 space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-5" data-print="section">
      <TotalCardHeading instrument={instrument} headingId={`${id}-heading`} />
      <LatestTotal instrument={instrument} points={points} timeZone={timeZone} />
      <div
        className={
          print
            ? // On a narrow screen the fixed-size chart scales down with its viewBox; on paper it keeps its size.
              "space-y-3 [&_.recharts-wrapper]:h-auto! [&_.recharts-wrapper]:max-w-full! [&_svg]:h-auto [&_svg]:max-w-full"
            : "grid items-start gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]"
        }
      >
        <TotalTrendChart instrument={instrument} series={series} summary={trendSummary(instrument, null, points, timeZone)} size={print ? PRINT_CHART : undefined} />
        <TotalsTable
          instrument={instrument}
          captionId={`${id}-caption`}
          rows={points.map((point) => ({ key: point.assessmentId, date: formatDate(point.completedAt, timeZone), point }))}
          print={print}
        />
      </div>
      <HowThisIsRead instrument={instrument} open={print} />
      {csvHref ? (
        <p className="text-xs" data-print="hide">
          <a href={csvHref} className="font-medium text-brand-700 hover:underline" download>
            Download {instrument.shortTitle} answers (CSV)
          </a>
        </p>
      ) : null}
    </article>
  );
}

/**
 * One instrument for a couple: each partner's latest total and changes side by side, both in one
 * chart (partner colours and markers as on every couple chart) and one table.
 */
export function CoupleTotalScoreCard({ entry, timeZone }: { entry: CoupleInstrumentTotals; timeZone: string }) {
  const { instrument, partners } = entry;
  const id = `couple-total-${instrument.key}-${instrument.version}`;
  const styles = [COUPLE_SERIES.client, COUPLE_SERIES.partner];
  const series: TotalSeries[] = partners
    .map((partner, index) => ({ key: index === 0 ? "a" : "b", label: partner.client.name, ...styles[index]!, points: seriesPoints(partner.points, timeZone) }))
    .filter((s) => s.points.length > 0);
  const rows = partners
    .flatMap((partner) => partner.points.map((point) => ({ key: point.assessmentId, date: formatDate(point.completedAt, timeZone), who: partner.client.name, point, at: point.completedAt })))
    .sort((a, b) => a.at.localeCompare(b.at));
  return (
    <article aria-labelledby={`${id}-heading`} className="min-w-0 space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <TotalCardHeading instrument={instrument} headingId={`${id}-heading`} />
      <div className="grid gap-4 sm:grid-cols-2">
        {partners.map((partner) => (
          <LatestTotal key={partner.client.id} instrument={instrument} points={partner.points} timeZone={timeZone} name={partner.client.name} />
        ))}
      </div>
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <TotalTrendChart
          instrument={instrument}
          series={series}
          summary={partners.map((partner) => trendSummary(instrument, partner.client.name, partner.points, timeZone)).join(" ")}
        />
        <TotalsTable instrument={instrument} captionId={`${id}-caption`} rows={rows} />
      </div>
      <HowThisIsRead instrument={instrument} />
    </article>
  );
}
