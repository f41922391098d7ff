import { formatDateTime } from "@/lib/core/format";

export type HistoryAlert = {
  id: string;
  item: string;
  raisedAt: Date;
  acknowledgedAt: Date;
  acknowledgedByName: string | null;
  note: string;
  /** "From an unfinished questionnaire, saved …" (lib/alerts describeAlertSource); null for a sent one. */
  source: string | null;
};

/** A client's acknowledged critical answers: what was answered, who cleared it, when, and their note. */
export function AlertHistory({ alerts, timeZone }: { alerts: readonly HistoryAlert[]; timeZone: string }) {
  return (
    <section id="alert-history" aria-labelledby="alert-history-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <h2 id="alert-history-heading" className="text-base font-semibold">
        Past critical answers
      </h2>
      {alerts.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">None acknowledged. Open ones are shown at the top of the page until someone acknowledges them.</p>
      ) : (
        <ol className="mt-3 divide-y divide-slate-100 text-sm">
          {alerts.map((alert) => (
            <li key={alert.id} className="py-3">
              <p className="font-medium text-slate-900">{alert.item}</p>
              {alert.source ? <p className="mt-0.5 text-slate-700">{alert.source}</p> : null}
              <p className="mt-0.5 text-slate-600">
                Answered {formatDateTime(alert.raisedAt, timeZone)}; acknowledged by {alert.acknowledgedByName ?? "a former member"} on{" "}
                {formatDateTime(alert.acknowledgedAt, timeZone)}
              </p>
              <p className="mt-1 whitespace-pre-line break-words text-slate-800">{alert.note}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
