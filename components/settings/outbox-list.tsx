import { emailKindWords } from "@/lib/core/email-kinds";
import type { OutboxEntry } from "@/lib/email/outbox-list";

type Props = {
  entries: OutboxEntry[];
  /** The practice's time zone: times are shown as the practice's clock reads them. */
  timeZone: string;
  /** SMTP_URL is set: a dispatcher delivers what is queued. */
  deliveryConfigured: boolean;
  /** How many entries were asked for, to say when older ones are not shown. */
  limit: number;
};


/**
 * The practice's outgoing email for the owner. A stacked list rather than a table, so it reads on a
 * phone; long addresses, errors and links wrap instead of widening the page.
 */
export function OutboxList({ entries, timeZone, deliveryConfigured, limit }: Props) {
  return (
    <section aria-labelledby="outbox-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="outbox-heading" className="text-base font-semibold">
        Outgoing email
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Email the practice sends, newest first. Only you, as the owner, can see this list. Messages carry one-time links, so
        their text is kept encrypted until it is sent, erased afterwards, and never shown here.
      </p>
      {deliveryConfigured ? null : (
        <div className="mt-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p className="font-medium">Email is not set up, so nothing is being sent.</p>
          <p className="mt-1">
            Copy a link when you make it — sending an assessment or a new set-password link shows it once — and pass it on yourself.
          </p>
          <p className="mt-2 text-xs text-amber-800">
            For whoever runs Attune: set <code className="font-mono">SMTP_URL</code> to your mail server to send email.
          </p>
        </div>
      )}
      {entries.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">No email yet. Questionnaire invitations and team invitations will appear here.</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-200 border-t border-slate-200">
          {entries.map((entry) => (
            <OutboxItem key={entry.id} entry={entry} timeZone={timeZone} deliveryConfigured={deliveryConfigured} />
          ))}
        </ul>
      )}
      {entries.length >= limit ? (
        <p className="mt-4 text-xs text-slate-500">Showing the {limit} most recent messages.</p>
      ) : null}
    </section>
  );
}

function OutboxItem({ entry, timeZone, deliveryConfigured }: { entry: OutboxEntry; timeZone: string; deliveryConfigured: boolean }) {
  return (
    <li className="py-4">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between sm:gap-4">
        <div className="min-w-0">
          <p className="text-xs font-medium text-slate-500">{emailKindWords(entry.kind)}</p>
          <p className="mt-0.5 font-medium text-slate-900 wrap-anywhere">{entry.subject}</p>
          <p className="mt-0.5 text-sm text-slate-600 wrap-anywhere">To {entry.toAddress}</p>
        </div>
        <StatusBadge entry={entry} deliveryConfigured={deliveryConfigured} />
      </div>
      <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-xs text-slate-500">
        <div>
          <dt className="inline">Queued </dt>
          <dd className="inline">
            <Time date={entry.createdAt} timeZone={timeZone} />
          </dd>
        </div>
        {entry.sentAt ? (
          <div>
            <dt className="inline">Sent </dt>
            <dd className="inline">
              <Time date={entry.sentAt} timeZone={timeZone} />
            </dd>
          </div>
        ) : null}
        {entry.status === "pending" && entry.attempts > 0 ? (
          <div>
            <dt className="inline">Next try </dt>
            <dd className="inline">
              <Time date={entry.nextAttemptAt} timeZone={timeZone} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt className="inline">Attempts: </dt>
          <dd className="inline">{entry.attempts}</dd>
        </div>
      </dl>
      {entry.lastError ? (
        <p className={`mt-2 text-sm wrap-anywhere ${entry.status === "sent" ? "text-slate-600" : "text-red-700"}`}>
          <span className="font-medium">{entry.status === "sent" ? "Error before delivery: " : "Last error: "}</span>
          {entry.lastError}
        </p>
      ) : null}
    </li>
  );
}

const BADGE = {
  neutral: "border-slate-200 bg-slate-100 text-slate-700",
  waiting: "border-amber-200 bg-amber-50 text-amber-900",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
  danger: "border-red-200 bg-red-50 text-red-800",
};

function StatusBadge({ entry, deliveryConfigured }: { entry: OutboxEntry; deliveryConfigured: boolean }) {
  const [label, tone] =
    entry.status === "sent"
      ? (["Sent", BADGE.success] as const)
      : entry.status === "failed"
        ? (["Failed", BADGE.danger] as const)
        : !deliveryConfigured
          ? (["Not sent", BADGE.neutral] as const)
          : entry.attempts > 0
            ? (["Retrying", BADGE.waiting] as const)
            : (["Queued", BADGE.neutral] as const);
  return (
    <span className={`inline-flex w-fit shrink-0 items-center rounded-full border px-2 py-0.5 text-xs font-medium ${tone}`}>
      {label}
    </span>
  );
}

function Time({ date, timeZone }: { date: Date; timeZone: string }) {
  return <time dateTime={date.toISOString()}>{formatDateTime(date, timeZone)}</time>;
}

function formatDateTime(date: Date, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short", hourCycle: "h23" };
  try {
    return new Intl.DateTimeFormat("en-GB", { ...options, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" }).format(date);
  }
}
