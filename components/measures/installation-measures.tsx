import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/core/action-result";
import type { ReliabilityReport } from "@/lib/measures/reliability";

type Action = (state: ActionResult | null, formData: FormData) => Promise<ActionResult>;

const two = (x: number | null | undefined) => (x === null || x === undefined ? "—" : x.toFixed(2));

function Summary({ title, report }: { title: string; report: ReliabilityReport }) {
  const scales = report.dimensions ? Object.entries(report.dimensions) : report.total ? [["total", report.total] as const] : [];
  return (
    <li>
      <span className="font-medium">{title}</span>{" "}
      {report.reason ? (
        <span className="text-slate-600">{report.reason}</span>
      ) : (
        <span className="text-slate-600">
          {`${report.practices} practices, ${report.n} people: α `}
          {scales.map(([key, e]) => `${key} ${two(e.alpha)}`).join(", ")}
        </span>
      )}
    </li>
  );
}

/** The installation-wide figures (labelled as such) and the owner's consent to contribute to them. */
export function InstallationMeasures({
  contributes,
  changedAt,
  timeZone,
  installation,
  owner,
  action,
}: {
  contributes: boolean;
  changedAt: string | null;
  timeZone: string;
  installation: { title: string; report: ReliabilityReport }[];
  owner: boolean;
  action: Action;
}) {
  const since = changedAt ? new Date(changedAt).toLocaleDateString("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric" }) : null;
  return (
    <section aria-labelledby="installation-measures-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-6 text-sm">
      <h2 id="installation-measures-heading" className="text-base font-semibold">
        Installation-wide figures
      </h2>
      <p className="mt-1 text-slate-600">
        {contributes ? <Badge tone="green">Contributing</Badge> : <Badge tone="slate">Not contributing</Badge>}{" "}
        {since ? `Since ${since}. ` : null}
        Practices that agree contribute counts, sums, sums of squares and cross-products of their answers — never an answer, a score or
        a person. Figures pooled from them appear here from 5 practices and 200 people, and always beside this practice&apos;s own.
      </p>
      <ul className="mt-3 space-y-1">
        {installation.map((entry) => (
          <Summary key={entry.report.instrument} title={entry.title} report={entry.report} />
        ))}
      </ul>
      {owner ? (
        <ActionForm action={action} className="mt-3">
          <input type="hidden" name="contribute" value={contributes ? "off" : "on"} />
          <SubmitButton variant="secondary" pendingLabel="Saving…">
            {contributes ? "Stop contributing" : "Contribute this practice's sums"}
          </SubmitButton>
        </ActionForm>
      ) : null}
    </section>
  );
}
