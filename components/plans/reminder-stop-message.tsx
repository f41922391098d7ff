import { useTranslations } from "next-intl";
import type { StopOutcome } from "@/lib/plans/stop-reminders";

/** What the stop link says: calm, and nothing about whose plan it was beyond the practice. */
export function ReminderStopMessage({ outcome }: { outcome: StopOutcome }) {
  const t = useTranslations("reminders");
  return (
    <section aria-labelledby="message-title" className="rounded-2xl border border-slate-200 bg-white px-6 py-8 shadow-sm sm:px-10 sm:py-12">
      <h1 id="message-title" className="text-2xl font-semibold tracking-tight text-slate-900">
        {outcome ? t("stoppedTitle") : t("invalidTitle")}
      </h1>
      <div className="mt-4 space-y-3 text-base leading-relaxed text-slate-700">
        {outcome ? (
          <>
            <p>{t("stopped", { practice: outcome.practiceName })}</p>
            <p>{t("stoppedStill")}</p>
          </>
        ) : (
          <p>{t("invalid")}</p>
        )}
      </div>
    </section>
  );
}
