import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import { InstrumentTitle } from "./instrument-title";
import { minutesFor, type SittingInstrument } from "./steps";

/**
 * The first page: who asks, what it involves, and that answers are kept as the client goes. One
 * instrument shows its instructions here; several are named here and introduced on their own parts.
 */
export function QuestionnaireIntro({
  instruments,
  practiceName,
  clinicianName,
  totalSteps,
  totalItems,
  answered,
  resumeStep,
}: {
  instruments: SittingInstrument[];
  practiceName: string;
  clinicianName: string;
  totalSteps: number;
  /** Required items across the sitting. */
  totalItems: number;
  answered: number;
  resumeStep: number | null;
}) {
  const t = useTranslations("questionnaire");
  const items = totalItems;
  const only = instruments.length === 1 ? instruments[0]! : null;
  const noun = only ? only.noun : "question";
  const minutes = minutesFor(items);
  const started = answered > 0;
  // A finished draft goes to the review page, where it is sent.
  const href = resumeStep === null ? "?step=review" : `?step=${resumeStep}`;
  return (
    <section aria-labelledby="intro-title" className="rounded-2xl border border-slate-200 bg-white px-5 py-7 shadow-sm sm:px-10 sm:py-10">
      <h1 id="intro-title" className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">
        {only ? t("introOne") : t("introMany")}
      </h1>
      {only ? (
        <>
          <p className="mt-4 text-base leading-relaxed text-slate-700">
            {t(only.noun === "statement" ? "askedStatements" : "askedQuestions", { clinician: clinicianName, practice: practiceName, items, ...minutes })}
          </p>
          <div className="mt-4 space-y-3 text-base leading-relaxed text-slate-700">
            {(only.instructions.length > 0 ? only.instructions : [only.stem]).map((paragraph) => (
              <p key={paragraph}>{paragraph}</p>
            ))}
          </div>
        </>
      ) : (
        <>
          <p className="mt-4 text-base leading-relaxed text-slate-700">
            {t("askedMany", { clinician: clinicianName, practice: practiceName, count: instruments.length, items, ...minutes })}
          </p>
          <ol aria-label={t("listLabel")} className="mt-4 list-decimal space-y-1 pl-6 text-base text-slate-800">
            {instruments.map((instrument) => (
              <li key={instrument.key}>
                <InstrumentTitle title={instrument.title} />
              </li>
            ))}
          </ol>
          <p className="mt-4 text-base leading-relaxed text-slate-700">{t("eachStarts")}</p>
        </>
      )}
      <ul className="mt-5 space-y-2 rounded-lg bg-slate-50 p-4 text-sm leading-relaxed text-slate-700">
        <li>{t("parts", { count: totalSteps })}</li>
        <li>{t("goesTo", { practice: practiceName })}</li>
      </ul>
      {started ? (
        <p className="mt-5 text-base text-slate-700">{t("welcomeBack", { answered, items, noun })}</p>
      ) : null}
      <a href={href} className={buttonClass("primary", "mt-6 min-h-12 w-full px-6 text-base sm:w-auto")}>
        {started ? t("continue") : t("start")}
      </a>
    </section>
  );
}
