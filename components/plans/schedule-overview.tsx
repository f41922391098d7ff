import Link from "next/link";
import { formatCalendarDate, formatDateTime } from "@/lib/core/format";
import type { ScheduleOverview } from "@/lib/plans/schedule-overview";

/** The overview's "Measurement plans" part: due soon, about to expire unfinished, completion rate. */
export function ScheduleOverviewSection({ schedule, timeZone, rangeLabel }: { schedule: ScheduleOverview; timeZone: string; rangeLabel: string }) {
  const { dueSoon, overdue, completion } = schedule;
  return (
    <section aria-labelledby="plans-overview-heading" className="space-y-4 border-t border-slate-200 pt-8">
      <div>
        <h2 id="plans-overview-heading" className="text-lg font-semibold text-slate-900">
          Measurement plans
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {schedule.activePlans === 0
            ? "No active plans. Start one from a client's page, under “Measurement plan”, and each assessment goes out on its date."
            : `${schedule.activePlans} active ${schedule.activePlans === 1 ? "plan" : "plans"}.`}
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <article aria-labelledby="due-soon-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h3 id="due-soon-heading" className="text-sm font-semibold text-slate-800">
            Due in the next 7 days
          </h3>
          {dueSoon.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">Nothing due.</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm">
              {dueSoon.map((due) => (
                <li key={`${due.planId}-${due.date}`} className="flex flex-wrap gap-x-2">
                  <span className="tabular-nums text-slate-600">{formatCalendarDate(due.date)}</span>
                  <span>
                    {due.clients.map((client, i) => (
                      <span key={client.id}>
                        {i > 0 ? " and " : ""}
                        <Link href={`/clients/${client.id}/plan`} className="font-medium text-brand-700 hover:underline">
                          {client.name}
                        </Link>
                      </span>
                    ))}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </article>
        <article aria-labelledby="overdue-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h3 id="overdue-heading" className="text-sm font-semibold text-slate-800">
            Overdue: not finished, expiring soon
          </h3>
          {overdue.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">None.</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm">
              {overdue.map((item) => (
                <li key={item.invitationId} className="flex flex-wrap gap-x-2">
                  <Link href={`/clients/${item.clientId}/links`} className="font-medium text-brand-700 hover:underline">
                    {item.clientName}
                  </Link>
                  <span className="text-slate-600">expires {formatDateTime(item.expiresAt, timeZone)}</span>
                </li>
              ))}
            </ul>
          )}
        </article>
        <article aria-labelledby="completion-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h3 id="completion-heading" className="text-sm font-semibold text-slate-800">
            Completed, {rangeLabel}
          </h3>
          {completion.rate === null ? (
            <p className="mt-2 text-sm text-slate-600">No planned assessment has come due yet.</p>
          ) : (
            <p className="mt-2 text-sm text-slate-700">
              <span className="text-2xl font-semibold tabular-nums text-slate-900">{Math.round(completion.rate * 100)}%</span>{" "}
              <span>
                ({completion.completed} of {completion.settled} planned assessments whose links have closed)
              </span>
            </p>
          )}
        </article>
      </div>
    </section>
  );
}
