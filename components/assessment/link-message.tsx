import { useTranslations } from "next-intl";

/*
 * The questionnaire's end states, in the client's language (messages/, namespaces link and thanks;
 * the help after a critical answer is crisis-message.tsx, which the parts also show in the browser).
 * None of them names a practice, clinician or client: whoever holds an expired, revoked, used or
 * mistyped link learns nothing about whose it was. The one exception is the thank-you just after
 * sending, which says where the answers went.
 */

function MessageCard({ title, icon, children }: { title: string; icon?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section aria-labelledby="message-title" className="rounded-2xl border border-slate-200 bg-white px-6 py-8 shadow-sm sm:px-10 sm:py-12">
      {icon}
      <h1 id="message-title" className="text-2xl font-semibold tracking-tight text-slate-900">
        {title}
      </h1>
      <div className="mt-4 space-y-3 text-base leading-relaxed text-slate-700">{children}</div>
    </section>
  );
}

export function InvalidLinkMessage() {
  const t = useTranslations("link");
  return (
    <MessageCard title={t("invalidTitle")}>
      <p>{t("invalidWhy")}</p>
      <p>{t("invalidAsk")}</p>
    </MessageCard>
  );
}

/** A used link. With `help` (one of its answers was critical; the help box stands above), it never says there is nothing more to do. */
export function AlreadyCompletedMessage({ help = false }: { help?: boolean }) {
  const t = useTranslations("link");
  return (
    <MessageCard title={t("completedTitle")}>
      <p>{help ? t("completedHelpReceived") : t("completedReceived")}</p>
      <p>{help ? t("completedHelpDoNotWait") : t("completedMistake")}</p>
    </MessageCard>
  );
}

type SentTo = { practiceName: string; clinicianName: string };

/**
 * After sending. `sentTo` names who received the answers, only just after they were sent. With
 * `help` (a critical answer: the help box stands above), the page speaks with it: it says who has
 * been told and when they will see it, and never that there is nothing more to do.
 */
export function ThankYouMessage({ sentTo, help = false }: { sentTo?: SentTo | null; help?: boolean }) {
  const t = useTranslations("thanks");
  const icon = (
    <div aria-hidden="true" className="mb-5 flex h-12 w-12 items-center justify-center rounded-full bg-brand-100 text-brand-700">
      <svg viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth={2.5} strokeLinecap="round" strokeLinejoin="round">
        <path d="M5 12.5l4.5 4.5L19 7.5" />
      </svg>
    </div>
  );
  const names = sentTo ? { clinician: sentTo.clinicianName, practice: sentTo.practiceName } : null;
  const contact = sentTo ? sentTo.practiceName : t("yourTherapist");
  if (help) {
    return (
      <MessageCard title={t("titleHelp")} icon={icon}>
        <p>{names ? t("wentTo", names) : t("sentToAsker")}</p>
        <div className="rounded-lg bg-slate-50 p-4 text-sm">
          <h2 className="font-semibold text-slate-900">{t("nextTitle")}</h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            <li>{t("helpMessaged", { clinician: sentTo ? sentTo.clinicianName : t("yourTherapist") })}</li>
            <li>{t("helpDoNotWait")}</li>
            <li>{t("helpContact", { contact })}</li>
            <li>{t("savedClosed")}</li>
          </ul>
        </div>
      </MessageCard>
    );
  }
  return (
    <MessageCard title={t("title")} icon={icon}>
      <p>{names ? t("wentToTalk", names) : t("sentToAskerTalk")}</p>
      <div className="rounded-lg bg-slate-50 p-4 text-sm">
        <h2 className="font-semibold text-slate-900">{t("nextTitle")}</h2>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>{t("nothingMore")}</li>
          <li>{t("contactBefore", { contact })}</li>
          <li>{t("closePage")}</li>
        </ul>
      </div>
    </MessageCard>
  );
}
