import type { StopOutcome } from "@/lib/plans/stop-reminders";

/** What the stop link says: calm, and nothing about whose plan it was beyond the practice. */
export function ReminderStopMessage({ outcome }: { outcome: StopOutcome }) {
  return (
    <section aria-labelledby="message-title" className="rounded-2xl border border-slate-200 bg-white px-6 py-8 shadow-sm sm:px-10 sm:py-12">
      <h1 id="message-title" className="text-2xl font-semibold tracking-tight text-slate-900">
        {outcome ? "Reminders stopped" : "This link can’t be used"}
      </h1>
      <div className="mt-4 space-y-3 text-base leading-relaxed text-slate-700">
        {outcome ? (
          <>
            <p>You will get no more reminder emails for these questionnaires from {outcome.practiceName}.</p>
            <p>
              The questionnaires themselves still arrive on their dates, and your links keep working. Your clinician can see that you
              stopped the reminders; talk to them if you would rather not receive the questionnaires at all.
            </p>
          </>
        ) : (
          <p>It may have been copied only in part. If you want to stop reminders, please use the link in the latest reminder email.</p>
        )}
      </div>
    </section>
  );
}
