import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/submit-button";
import { Cell, ColumnHeader, RowHeader, Table, TableBody, TableCaption, TableFrame, TableHead, TableRow } from "@/components/ui/table";
import type { ActionResult } from "@/lib/core/action-result";
import type { ReliabilityReport, ScaleEstimate } from "@/lib/measures/reliability";
import type { ScaleFigures } from "@/lib/reliable-change/figures";

type Action = (state: ActionResult | null, formData: FormData) => Promise<ActionResult>;

const two = (x: number | null | undefined) => (x === null || x === undefined ? "—" : x.toFixed(2));
const one = (x: number | null | undefined) => (x === null || x === undefined ? "—" : x.toFixed(1));

const SOURCE_WORDS: Record<ScaleFigures["source"], string> = {
  published: "Published",
  provisional: "Provisional",
  estimated: "This practice's estimate",
};

function SourceBadge({ source }: { source: ScaleFigures["source"] }) {
  return <Badge tone={source === "estimated" ? "green" : source === "provisional" ? "amber" : "slate"}>{SOURCE_WORDS[source]}</Badge>;
}

function dateOf(iso: string | null, timeZone: string) {
  return iso ? new Date(iso).toLocaleDateString("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric" }) : null;
}

/** The reliable change the estimate would give: 1.96 · √2 · SD · √(1 − r), r from test–retest (else α). */
function estimatedChange(e: ScaleEstimate): string {
  const r = e.testRetest?.r ?? e.alpha;
  if (e.sd === null || r === null || r <= 0 || r >= 1) return "—";
  return one(1.96 * Math.SQRT2 * e.sd * Math.sqrt(1 - r));
}

function EstimateRow({ name, label, e, timeZone, points }: { name: string; label: string; e: ScaleEstimate; timeZone: string; points: string }) {
  const since = dateOf(e.inUse.since, timeZone);
  return (
    <TableRow>
      <RowHeader>
        {label}
        {e.reason ? <span className="block text-xs font-normal text-slate-500">{e.reason}</span> : null}
      </RowHeader>
      <Cell numeric>{e.n}</Cell>
      <Cell numeric>
        {two(e.alpha)}
        {e.alphaCi ? <span className="block text-xs text-slate-500">{`${two(e.alphaCi[0])}–${two(e.alphaCi[1])}`}</span> : null}
      </Cell>
      <Cell numeric>{one(e.sd)}</Cell>
      <Cell numeric>
        {two(e.testRetest?.r)}
        <span className="block text-xs text-slate-500">{`${e.testRetest?.pairs ?? 0} pairs`}</span>
      </Cell>
      <Cell numeric>{estimatedChange(e)}</Cell>
      <Cell numeric>
        {one(e.inUse.reliableChange)}
        <span className="block text-xs text-slate-500">
          {e.inUse.sd !== null ? `SD ${one(e.inUse.sd)}, r ${two(e.inUse.r)}` : points}
        </span>
      </Cell>
      <Cell>
        <SourceBadge source={e.inUse.source} />
        {since ? <span className="block text-xs text-slate-500">{`since ${since}`}</span> : null}
        <span className="sr-only">{name}</span>
      </Cell>
    </TableRow>
  );
}

/**
 * One instrument's figures: what the practice's own answers estimate beside what is in use, with
 * the owner's buttons to adopt the estimates or go back to the instrument's own figures.
 */
export function InstrumentMeasures({
  title,
  report,
  labels,
  timeZone,
  adoptable,
  owner,
  adoptAction,
  revertAction,
}: {
  title: string;
  report: ReliabilityReport;
  labels: Record<string, string>;
  timeZone: string;
  /** Why adopting is not possible yet, or null when it is. */
  adoptable: string | null;
  owner: boolean;
  adoptAction: Action;
  revertAction: Action;
}) {
  const rows = report.dimensions ? Object.entries(report.dimensions) : report.total ? [["total", report.total] as const] : [];
  const anyEstimated = rows.some(([, e]) => e.inUse.source === "estimated");
  const headingId = `measures-${report.instrument}`;
  return (
    <section aria-labelledby={headingId} className="mt-6 rounded-lg border border-slate-200 bg-white p-6">
      <h2 id={headingId} className="text-base font-semibold">
        {title}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {report.n === 1 ? "1 person has" : `${report.n} people have`} answered it in this practice (version {report.version}).
      </p>
      <TableFrame labelledBy={`${headingId}-caption`} className="mt-3">
        <Table className="text-sm">
          <TableCaption id={`${headingId}-caption`}>{`${title}: reliability estimated from this practice's answers, and the figures in use`}</TableCaption>
          <TableHead>
            <TableRow>
              <ColumnHeader>{report.dimensions ? "Dimension" : "Scale"}</ColumnHeader>
              <ColumnHeader numeric>People</ColumnHeader>
              <ColumnHeader numeric>α (95% interval)</ColumnHeader>
              <ColumnHeader numeric>SD</ColumnHeader>
              <ColumnHeader numeric>Test–retest r</ColumnHeader>
              <ColumnHeader numeric>Reliable change, estimated</ColumnHeader>
              <ColumnHeader numeric>Reliable change in use</ColumnHeader>
              <ColumnHeader>Figures in use</ColumnHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(([key, e]) => (
              <EstimateRow key={key} name={key} label={labels[key] ?? key} e={e} timeZone={timeZone} points="in points, as published" />
            ))}
          </TableBody>
        </Table>
      </TableFrame>
      {owner ? (
        <div className="mt-4 flex flex-wrap items-start gap-3">
          {adoptable === null ? (
            <ActionForm
              action={adoptAction}
              confirm={{
                label: anyEstimated ? "Adopt today's estimates" : "Adopt these estimates",
                question: `Reliable change on ${title} will be judged with this practice's estimated SD and r from now on. Scores stay as they are; each judgement names the figures it used. You can go back at any time.`,
              }}
            >
              <input type="hidden" name="instrument" value={report.instrument} />
              <SubmitButton pendingLabel="Adopting…">Adopt the estimates</SubmitButton>
            </ActionForm>
          ) : (
            <p className="text-sm text-slate-600">{adoptable}</p>
          )}
          {anyEstimated ? (
            <ActionForm action={revertAction}>
              <input type="hidden" name="instrument" value={report.instrument} />
              <SubmitButton variant="secondary" pendingLabel="Going back…">
                Go back to the instrument&apos;s own figures
              </SubmitButton>
            </ActionForm>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
