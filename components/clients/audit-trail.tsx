import { groupAuditTrail } from "@/lib/core/audit-groups";
import type { AuditEntry } from "@/lib/clients/clients";
import { ALERT_AUDIT_LABELS } from "@/lib/alerts/audit-labels";
import { isClientOwnEvent, RESULTS_AUDIT_LABELS } from "@/lib/feedback/audit-labels";
import { formatDate, formatDateTime } from "@/lib/core/format";

const LABELS: Record<string, string> = {
  "client.create": "Created the record",
  "client.update": "Edited",
  "client.view": "Viewed the record",
  "couple.view": "Viewed the couple's page",
  "client.archive": "Archived",
  "client.restore": "Restored",
  "client.link_partner": "Linked a partner",
  "client.unlink_partner": "Unlinked the partner",
  "client.reassign": "Reassigned to another clinician",
  "client.export_scores": "Downloaded the scores",
  "client.view_report": "Opened the printable report",
  "client.access_refused": "Was refused access (not on their caseload)",
  "invitation.create": "Sent an assessment invitation",
  "invitation.resend": "Resent an assessment invitation",
  "invitation.revoke": "Revoked an assessment invitation",
  "invitation.open_here": "Opened the questionnaire on this device for the client",
  "invitation.remind": "Sent a reminder (measurement plan)",
  "plan.create": "Started a measurement plan",
  "plan.update": "Changed the measurement plan",
  "plan.pause": "Paused the measurement plan",
  "plan.resume": "Resumed the measurement plan",
  "plan.end": "Ended the measurement plan",
  "plan.reminders_stopped_by_client": "Reminders stopped by client (their link in a reminder)",
  ...RESULTS_AUDIT_LABELS,
  ...ALERT_AUDIT_LABELS,
};

function describe(entry: AuditEntry): string {
  const label =
    entry.action === "invitation.create" && entry.details?.planId ? "Sent an assessment invitation (measurement plan)" : (LABELS[entry.action] ?? entry.action);
  const fields = entry.details?.fields;
  return Array.isArray(fields) && fields.length ? `${label}: ${fields.join(", ")}` : label;
}

export function AuditTrail({ entries, timeZone }: { entries: AuditEntry[]; timeZone: string }) {
  return (
    <section aria-labelledby="audit-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <h2 id="audit-heading" className="text-base font-semibold">
        Audit trail
      </h2>
      <p className="mt-1 text-sm text-slate-600">Who opened or changed this record, newest first; repeats in a row are counted on one line. Visible to the practice owner only.</p>
      <ol className="mt-4 divide-y divide-slate-100 text-sm">
        {groupAuditTrail(
          entries.map((entry) => ({ ...entry, actorName: entry.actorName ?? (isClientOwnEvent(entry.action) ? "The client" : null), text: describe(entry) })),
        ).map((group) => (
          <li key={group.id} className="flex flex-col gap-0.5 py-2 sm:flex-row sm:gap-4">
            <time className="shrink-0 text-slate-500 sm:w-44" dateTime={new Date(group.last).toISOString()}>
              {formatDateTime(group.last, timeZone)}
            </time>
            <span>
              <span className="font-medium">{group.actorName ?? "Someone"}</span> — {group.text}
              {group.count > 1 ? (
                <span className="text-slate-600">
                  {" "}
                  ×{group.count}, last {formatDate(group.last, timeZone)}
                  {formatDate(group.first, timeZone) === formatDate(group.last, timeZone) ? "" : `, first ${formatDate(group.first, timeZone)}`}
                </span>
              ) : null}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
