import { useTranslations } from "next-intl";

/*
 * The calm states of a results link. None names a practice, clinician or client: whoever holds an
 * expired, revoked, replaced or mistyped link learns nothing about whose it was.
 */

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby="message-title" className="rounded-2xl border border-slate-200 bg-white px-6 py-8 shadow-sm sm:px-10 sm:py-12">
      <h1 id="message-title" className="text-2xl font-semibold tracking-tight text-slate-900">
        {title}
      </h1>
      <div className="mt-4 space-y-3 text-base leading-relaxed text-slate-700">{children}</div>
    </section>
  );
}

export function ResultsUnavailableMessage() {
  const t = useTranslations("results");
  return (
    <Card title={t("unavailableTitle")}>
      <p>{t("unavailableWhy")}</p>
      <p>{t("unavailableAsk")}</p>
    </Card>
  );
}

export function ResultsPausedMessage() {
  const t = useTranslations("results");
  return (
    <Card title={t("pausedTitle")}>
      <p>{t("pausedTalk")}</p>
      <p>{t("pausedAsk")}</p>
    </Card>
  );
}

export function NothingToShowYetMessage() {
  const t = useTranslations("results");
  return (
    <Card title={t("nothingTitle")}>
      <p>{t("nothingAppear")}</p>
      <p>{t("nothingDo")}</p>
    </Card>
  );
}
