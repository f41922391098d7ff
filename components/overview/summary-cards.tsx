import type { Overview } from "@/lib/overview/overview";
import { rangePhrase } from "./labels";

const percent = new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 0 });
const days = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The four headline numbers, each saying exactly what it counts. */
export function SummaryCards({ overview }: { overview: Overview }) {
  const { invitations } = overview;
  const when = rangePhrase(overview.range);
  const median = invitations.medianDaysToComplete;
  return (
    <dl className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
      <Card label="Active clients" value={String(overview.activeClients)}>
        {overview.scope === "practice" ? "Across the practice" : "In your caseload"}; archived clients are not counted.
      </Card>
      <Card label="Assessments, last 30 days" value={String(overview.assessmentsLast30Days)}>
        Completed in the 30 days up to now.
      </Card>
      <Card label="Invitation completion" value={invitations.completionRate === null ? "—" : percent.format(invitations.completionRate)}>
        {invitations.sent === 0
          ? `No invitations sent ${when}.`
          : `${invitations.completed} of ${plural(invitations.sent, "invitation")} sent ${when} completed (revoked ones not counted)` +
            (invitations.open || invitations.expired ? `; ${invitations.open} still open, ${invitations.expired} expired.` : ".")}
      </Card>
      <Card label="Median time to complete" value={median === null ? "—" : `${days.format(median)} ${median === 1 ? "day" : "days"}`}>
        {invitations.completed === 0
          ? `No invitations sent ${when} have been completed yet.`
          : `From sending to completion, over the ${plural(invitations.completed, "completed invitation")} sent ${when}.`}
      </Card>
    </dl>
  );
}

function Card({ label, value, children }: { label: string; value: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col rounded-lg border border-slate-200 bg-white p-3 sm:p-4">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums tracking-tight text-slate-900 sm:text-3xl">{value}</dd>
      <dd className="mt-1 text-xs leading-relaxed text-slate-500">{children}</dd>
    </div>
  );
}
