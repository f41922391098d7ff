import type { TotalInstrumentInfo, TotalPoint } from "@/lib/scores/instrument-totals";
import { formatDate } from "@/lib/core/format";
import { Cell, ColumnHeader, RowHeader, Table, TableBody, TableCaption, TableFrame, TableHead, TableRow } from "@/components/ui/table";
import { BandBadge } from "./band-badge";
import { SEVERITY_STYLES } from "./severity-palette";
import { clinicalRange, describeChange, formatChange, formatTotal, totalOutOf } from "./total-format";
import type { TotalSeries } from "./total-trend-chart";

// The parts every total card is made of (one client's card, the couple's, the report's), so the
// three read alike. Server components; only the chart itself runs in the browser.

/** The card's heading line: short title, full title, and which way is good, in words. */
export function TotalCardHeading({ instrument, headingId }: { instrument: TotalInstrumentInfo; headingId: string }) {
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
      <div>
        <h3 id={headingId} className="text-base font-semibold text-slate-900">
          {instrument.shortTitle}
        </h3>
        <p className="text-xs text-slate-500">{instrument.title}</p>
      </div>
      <p className="rounded-md bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
        {instrument.directionLabel}
        <span className="sr-only"> on the {instrument.shortTitle}</span>
      </p>
    </div>
  );
}

/** The latest total, its band and clinical range, and its change since the first and the previous one. */
export function LatestTotal({ instrument, points, timeZone, name }: { instrument: TotalInstrumentInfo; points: TotalPoint[]; timeZone: string; name?: string }) {
  const latest = points.at(-1);
  if (!latest) {
    return <p className="text-sm text-slate-600">{name ? `${name} has not answered the ${instrument.shortTitle} yet.` : "Not answered yet."}</p>;
  }
  const first = points[0]!;
  const previous = points.at(-2);
  return (
    <div className="space-y-2">
      {name ? <p className="text-sm font-medium text-slate-800">{name}</p> : null}
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="text-2xl font-semibold tabular-nums tracking-tight text-slate-900">{totalOutOf(latest.total, instrument)}</span>
        <BandBadge label={latest.band.label} severity={latest.band.severity} />
      </p>
      <p className="text-xs text-slate-600">
        Latest, {formatDate(latest.completedAt, timeZone)}.{" "}
        {latest.clinical ? (
          <span className="font-medium text-slate-900">In the clinical range ({clinicalRange(instrument)}).</span>
        ) : (
          <>Not in the clinical range ({clinicalRange(instrument)}).</>
        )}
      </p>
      {latest.sinceFirst && previous ? (
        <dl className="grid gap-1 text-sm">
          <ChangeLine label={`Since the first, ${formatDate(first.completedAt, timeZone)}`} text={describeChange(latest.sinceFirst)} status={latest.sinceFirst.status} />
          {points.length > 2 && latest.sincePrevious ? (
            <ChangeLine label={`Since the previous, ${formatDate(previous.completedAt, timeZone)}`} text={describeChange(latest.sincePrevious)} status={latest.sincePrevious.status} />
          ) : null}
        </dl>
      ) : (
        <p className="text-xs text-slate-600">One answer so far: change shows from the next one.</p>
      )}
    </div>
  );
}

const STATUS_TONE = { improved: "text-emerald-800", deteriorated: "text-red-800", no_change: "text-slate-700" } as const;

function ChangeLine({ label, text, status }: { label: string; text: string; status: keyof typeof STATUS_TONE }) {
  return (
    <div className="flex flex-wrap gap-x-2">
      <dt className="text-slate-600">{label}:</dt>
      <dd className={`font-medium ${STATUS_TONE[status]}`}>{text}</dd>
    </div>
  );
}

const SHORT_CHANGE = { improved: "reliably better", deteriorated: "reliably worse", no_change: "not reliable" } as const;

/**
 * Every total in a table, newest first: the chart's values for keyboard and screen-reader users.
 * On screen it scrolls within a fixed height beside the chart; on paper (`print`) it runs in full.
 */
export function TotalsTable({
  instrument,
  rows,
  captionId,
  print = false,
}: {
  instrument: TotalInstrumentInfo;
  /** Oldest first (shown newest first); `who` only on the couple page. */
  rows: { key: string; date: string; who?: string; point: TotalPoint }[];
  captionId: string;
  print?: boolean;
}) {
  const withWho = rows.some((row) => row.who);
  const cell = "px-2 py-1";
  return (
    <TableFrame labelledBy={captionId} className={print ? undefined : "max-h-64 overflow-y-auto"}>
      <Table className="text-xs">
        <TableCaption id={captionId}>
          {instrument.shortTitle} totals, newest first{withWho ? "" : ", with the change since the one before"}
        </TableCaption>
        <TableHead className="sticky top-0 text-left text-xs font-medium text-slate-600">
          <tr>
            <ColumnHeader className={cell}>Date</ColumnHeader>
            {withWho ? <ColumnHeader className={cell}>Who</ColumnHeader> : null}
            <ColumnHeader numeric className={cell}>
              Total
            </ColumnHeader>
            <ColumnHeader className={cell}>Band</ColumnHeader>
            {/* Side by side, each partner's change is in their summary above: interleaved here it would mislead. */}
            {withWho ? null : <ColumnHeader className={cell}>Change</ColumnHeader>}
          </tr>
        </TableHead>
        <TableBody>
          {[...rows].reverse().map(({ key, date, who, point }) => (
            <TableRow key={key}>
              <RowHeader className={`whitespace-nowrap font-normal ${cell}`}>{date}</RowHeader>
              {withWho ? <Cell className={`whitespace-nowrap ${cell}`}>{who}</Cell> : null}
              <Cell numeric className={`font-medium ${cell}`}>
                {formatTotal(point.total)}
              </Cell>
              <Cell className={cell}>
                <span className="inline-flex items-center gap-1.5">
                  <span aria-hidden className="inline-block h-2.5 w-2.5 shrink-0 rounded-sm ring-1 ring-black/20" style={{ backgroundColor: SEVERITY_STYLES[point.band.severity].fill }} />
                  {point.band.label}
                </span>
              </Cell>
              {withWho ? null : (
                <Cell className={`whitespace-nowrap ${cell}`}>
                  {!point.sincePrevious ? "first" : point.sincePrevious.change === 0 ? "no change" : `${formatChange(point.sincePrevious.change)}, ${SHORT_CHANGE[point.sincePrevious.status]}`}
                </Cell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableFrame>
  );
}

/** The figures behind the reading, with their sources, "provisional" where they are not from a publication. */
export function HowThisIsRead({ instrument, open = false }: { instrument: TotalInstrumentInfo; open?: boolean }) {
  const { cutOff, reliableChange } = instrument;
  return (
    <details open={open} className="text-xs leading-relaxed text-slate-600">
      <summary className="cursor-pointer font-medium text-brand-700" data-print="hide">
        How this is read
      </summary>
      <div className="mt-2 space-y-2">
        <p>
          Totals run from {formatTotal(instrument.min)} to {formatTotal(instrument.max)}. {instrument.directionLabel}.
        </p>
        <ul aria-label={`${instrument.shortTitle} bands`} className="flex flex-wrap gap-1.5">
          {instrument.bands.map((band) => (
            <li key={band.from} className="inline-flex items-center gap-1">
              <BandBadge label={band.label} severity={band.severity} />
              <span className="tabular-nums">
                {band.from === band.to ? band.from : `${band.from}–${band.to}`}
              </span>
            </li>
          ))}
        </ul>
        <p>
          <span className="font-medium text-slate-800">
            {cutOff.label}: {clinicalRange(instrument)} is the clinical range.
          </span>
          {cutOff.provisional ? <ProvisionalTag /> : null} {cutOff.source}
        </p>
        <p>
          <span className="font-medium text-slate-800">
            Reliable change: a change of {formatTotal(reliableChange.value)} points or more, either way.
          </span>
          {reliableChange.provisional ? <ProvisionalTag /> : null} Smaller changes can be real, but one questionnaire cannot tell them from the
          ups and downs of answering on a given day. {reliableChange.source}
        </p>
        {instrument.attribution ? <p className="text-slate-500">{instrument.attribution}</p> : null}
      </div>
    </details>
  );
}

function ProvisionalTag() {
  return (
    <span className="ml-1 rounded bg-amber-50 px-1.5 py-0.5 font-medium text-amber-900 ring-1 ring-inset ring-amber-200">
      Provisional: not from a publication
    </span>
  );
}

/** The chart's summary in words: first and latest, and where the cut-off is. */
export function trendSummary(instrument: TotalInstrumentInfo, who: string | null, points: TotalPoint[], timeZone: string): string {
  const first = points[0];
  const latest = points.at(-1);
  const prefix = who ? `${who}'s ${instrument.shortTitle}` : instrument.shortTitle;
  if (!first || !latest) return `${prefix}: no answers yet.`;
  const at = (p: TotalPoint) => `${formatTotal(p.total)} (${p.band.label}) on ${formatDate(p.completedAt, timeZone)}`;
  return first === latest ? `${prefix}: ${at(first)}.` : `${prefix}: from ${at(first)} to ${at(latest)}, over ${points.length} answers.`;
}

/** Chart points for one series. */
export function seriesPoints(points: TotalPoint[], timeZone: string): TotalSeries["points"] {
  return points.map((p) => ({ t: new Date(p.completedAt).getTime(), date: formatDate(p.completedAt, timeZone), total: p.total }));
}
