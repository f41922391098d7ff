import Link from "next/link";
import { formatDateTime } from "@/lib/core/format";

/** One open alert as the banner shows it: plain data, so the banner never fetches. */
export type BannerAlert = {
  id: string;
  clientId: string;
  clientName: string;
  /** "PHQ-9 item 9: “Thoughts that you would be better off dead…”" (lib/alerts describeAlertItem). */
  item: string;
  raisedAt: Date;
  /** "From an unfinished questionnaire, saved …" (lib/alerts describeAlertSource); null for a sent one. */
  source: string | null;
};

/**
 * The alert at the top of the client page, the overview and the caseload while a critical answer
 * waits for a clinician. Red, and says so in words: a warning sign, a heading and what to do.
 * The words sit in a live region; what acts on them (`children`: the acknowledgement forms on the
 * client page) follows it, outside the region, so a screen reader announces the alert once.
 */
export function AlertBanner({
  alerts,
  timeZone,
  linkToClient,
  compact = false,
  actionOf,
  children,
}: {
  alerts: readonly BannerAlert[];
  timeZone: string;
  /** On the overview and the caseload, each alert links to its client's page. */
  linkToClient: boolean;
  /**
   * Above the couple's summary (issue 23): one short line of what to do, each alert on one line
   * (who, the answer, when) with its own `actionOf` beside it (the folded acknowledgement).
   */
  compact?: boolean;
  actionOf?: (alert: BannerAlert) => React.ReactNode;
  children?: React.ReactNode;
}) {
  if (alerts.length === 0) return null;
  if (compact) return <CompactAlertBanner alerts={alerts} timeZone={timeZone} actionOf={actionOf} named={linkToClient} />;
  const clients = new Set(alerts.map((alert) => alert.clientId)).size;
  return (
    <section aria-labelledby="critical-alert-heading" className="mb-6 rounded-lg border-2 border-red-700 bg-red-50 p-4 text-red-950 sm:p-5">
      <div role="alert" aria-labelledby="critical-alert-heading">
        <h2 id="critical-alert-heading" className="flex items-start gap-2 text-base font-semibold text-red-900 sm:text-lg">
          <span aria-hidden="true" className="mt-0.5 inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-red-700 text-sm font-bold text-white">
            !
          </span>
          <span>Critical answer — needs a clinician today</span>
        </h2>
        <p className="mt-2 text-sm">
          {linkToClient
            ? clients === 1
              ? "A client gave an answer that may mean thoughts of self-harm. Open their page, contact them today, then record what you did or decided."
              : `${clients} clients gave answers that may mean thoughts of self-harm. Open each page, contact them today, then record what you did or decided.`
            : "This client gave an answer that may mean thoughts of self-harm. Contact them today, then record below what you did or decided."}
        </p>
        <ul className="mt-3 space-y-2 text-sm">
          {alerts.map((alert) => (
            <li key={alert.id} className="rounded-md border border-red-200 bg-white px-3 py-2">
              {linkToClient ? <AlertClientName alert={alert} /> : null}
              <span className="break-words">{alert.item}</span>
              <span className="block text-red-800">
                Answered <time dateTime={alert.raisedAt.toISOString()}>{formatDateTime(alert.raisedAt, timeZone)}</time>
              </span>
              {alert.source ? <span className="block font-medium text-red-900">{alert.source}</span> : null}
            </li>
          ))}
        </ul>
      </div>
      {children}
    </section>
  );
}

function CompactAlertBanner({
  alerts,
  timeZone,
  actionOf,
  named,
}: {
  alerts: readonly BannerAlert[];
  timeZone: string;
  actionOf?: (alert: BannerAlert) => React.ReactNode;
  /** Each alert names and links its client (the couple's page); on the client's own page, not. */
  named: boolean;
}) {
  return (
    <section aria-labelledby="critical-alert-heading" className="rounded-lg border-2 border-red-700 bg-red-50 px-4 py-3 text-red-950">
      {/* The actions (folded acknowledgements) sit inside the items: the one-line "Acknowledge…" is all they add to what is announced. */}
      <div role="alert" aria-labelledby="critical-alert-heading">
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <h2 id="critical-alert-heading" className="flex items-center gap-2 text-base font-semibold text-red-900">
            <span aria-hidden="true" className="inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-red-700 text-sm font-bold text-white">
              !
            </span>
            <span>Critical answer — needs a clinician today</span>
          </h2>
          <p className="text-sm text-red-900">Contact them today, then record what you did or decided.</p>
        </div>
        <ul className="mt-2 space-y-2 text-sm">
          {alerts.map((alert) => (
            <li key={alert.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 rounded-md border border-red-200 bg-white px-3 py-2">
              {/* On a phone the answer takes the whole line and "Acknowledge…" goes under it, not beside it in a narrow column. */}
              <p className="min-w-0 basis-full sm:basis-0 sm:flex-1">
                {named ? <AlertClientName alert={alert} /> : null}
                <span className="break-words">{alert.item}</span>
                <span className="text-red-800">
                  {" "}
                  · answered <time dateTime={alert.raisedAt.toISOString()}>{formatDateTime(alert.raisedAt, timeZone)}</time>
                </span>
                {alert.source ? <span className="block font-medium text-red-900">{alert.source}</span> : null}
              </p>
              {actionOf?.(alert)}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

/** Said after an acknowledgement, where the banner was. */
/** Whose answer it is, linked to their page, where a banner lists several people's alerts. */
function AlertClientName({ alert }: { alert: BannerAlert }) {
  return (
    <>
      <Link href={`/clients/${alert.clientId}`} className="font-semibold text-red-900 underline underline-offset-2 hover:text-red-700">
        {alert.clientName}
      </Link>
      <span aria-hidden="true"> · </span>
      <span className="sr-only">: </span>
    </>
  );
}

export function AlertAcknowledged({ historyHref }: { historyHref: string }) {
  return (
    <div role="status" className="mb-6 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
      Acknowledged. Your note is kept with the alert:{" "}
      <Link href={historyHref} className="font-medium underline underline-offset-2">
        past critical answers
      </Link>
      .
    </div>
  );
}
