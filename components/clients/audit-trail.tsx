import type { AuditEntry } from "@/lib/clients/clients";
import { formatDateTime } from "@/lib/format";

const LABELS: Record<string, string> = {
  "client.create": "Created the record",
  "client.update": "Edited",
  "client.view": "Viewed the record",
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
};

function describe(entry: AuditEntry): string {
  const label = LABELS[entry.action] ?? entry.action;
  const fields = entry.details?.fields;
  return Array.isArray(fields) && fields.length ? `${label}: ${fields.join(", ")}` : label;
}

export function AuditTrail({ entries, timeZone }: { entries: AuditEntry[]; timeZone: string }) {
  return (
    <section aria-labelledby="audit-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <h2 id="audit-heading" className="text-base font-semibold">
        Audit trail
      </h2>
      <p className="mt-1 text-sm text-slate-600">Who opened or changed this record, newest first. Visible to the practice owner only.</p>
      <ol className="mt-4 divide-y divide-slate-100 text-sm">
        {entries.map((entry) => (
          <li key={entry.id} className="flex flex-col gap-0.5 py-2 sm:flex-row sm:gap-4">
            <time className="shrink-0 text-slate-500 sm:w-44" dateTime={new Date(entry.createdAt).toISOString()}>
              {formatDateTime(entry.createdAt, timeZone)}
            </time>
            <span>
              <span className="font-medium">{entry.actorName ?? "Someone"}</span> — {describe(entry)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
