import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import { FocusOnMount } from "./focus-on-mount";
import { InstrumentTitle } from "./instrument-title";

/**
 * Before sending: the statements still without an answer, each a link to its question, or — when
 * every one is answered — the button that sends them. Shown after a send that found gaps. A sitting
 * of several instruments lists what is missing under each instrument's title. Optional questions
 * are never listed.
 */
type MissingItem = { id: string; text: string; number: number | null; step: number };

export function QuestionnaireReview({
  action,
  sealedRef,
  missing,
  totalItems,
  noun = "statement",
  several = false,
}: {
  action: (formData: FormData) => Promise<void>;
  sealedRef: string;
  /** Per instrument with something missing, in the sitting's order. */
  missing: { title: string; items: MissingItem[] }[];
  /** Required items in the whole sitting. */
  totalItems: number;
  noun?: "statement" | "question";
  /** More than one instrument: each group is headed by its instrument's title. */
  several?: boolean;
}) {
  const t = useTranslations("questionnaire");
  const count = missing.reduce((sum, group) => sum + group.items.length, 0);
  return (
    <section aria-labelledby="review-title" className="rounded-2xl border border-slate-200 bg-white px-5 py-7 shadow-sm sm:px-10 sm:py-10">
      <FocusOnMount targetId="review-title" />
      {count > 0 ? (
        <>
          <h1 id="review-title" tabIndex={-1} className="text-2xl font-semibold tracking-tight text-slate-900 focus:outline-none">
            {t("reviewMissing", { count, noun })}
          </h1>
          <p className="mt-3 text-base leading-relaxed text-slate-700">{t("reviewEvery", { noun, answered: totalItems - count })}</p>
          {missing.map((group) => (
            <div key={group.title} className="mt-5">
              {several ? <h2 className="mb-2 text-base font-semibold text-slate-900">
                  <InstrumentTitle title={group.title} />
                </h2> : null}
              <ul className="space-y-2 border-l-4 border-amber-400 pl-4">
                {group.items.map((item) => (
                  <li key={item.id}>
                    <a
                      href={`?step=${item.step}&missing=1#q-${item.id}`}
                      className="text-base font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800"
                    >
                      {item.number}. {item.text}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </>
      ) : (
        <>
          <h1 id="review-title" tabIndex={-1} className="text-2xl font-semibold tracking-tight text-slate-900 focus:outline-none">
            {t("readyTitle")}
          </h1>
          <p className="mt-3 text-base leading-relaxed text-slate-700">{t("readyAll", { items: totalItems, noun })}</p>
          <form action={action} className="mt-6 flex flex-col gap-3 sm:flex-row sm:items-center">
            <input type="hidden" name="ref" value={sealedRef} />
            <input type="hidden" name="step" value="review" />
            <button type="submit" name="intent" value="submit" className={buttonClass("primary", "min-h-12 w-full px-6 text-base sm:w-auto")}>
              {t("submit")}
            </button>
            <a href="?step=1" className={buttonClass("secondary", "min-h-12 w-full px-6 text-base sm:w-auto")}>
              {t("lookOver")}
            </a>
          </form>
        </>
      )}
    </section>
  );
}
