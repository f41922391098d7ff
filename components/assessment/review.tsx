import { buttonClass } from "@/components/ui/button";
import type { ItemDefinition } from "@/lib/instruments";
import { FocusOnMount } from "./focus-on-mount";

/**
 * Before sending: the statements still without an answer, each a link to its question, or — when
 * every one is answered — the button that sends them. Shown after a send that found gaps.
 */
export function QuestionnaireReview({
  action,
  sealedRef,
  missing,
  totalItems,
}: {
  action: (formData: FormData) => Promise<void>;
  sealedRef: string;
  missing: { item: Pick<ItemDefinition, "id" | "text">; number: number; step: number }[];
  totalItems: number;
}) {
  return (
    <section aria-labelledby="review-title" className="rounded-2xl border border-slate-200 bg-white px-5 py-7 shadow-sm sm:px-10 sm:py-10">
      <FocusOnMount targetId="review-title" />
      {missing.length > 0 ? (
        <>
          <h1 id="review-title" tabIndex={-1} className="text-2xl font-semibold tracking-tight text-slate-900 focus:outline-none">
            {missing.length === 1 ? "One statement still needs an answer" : `${missing.length} statements still need an answer`}
          </h1>
          <p className="mt-3 text-base leading-relaxed text-slate-700">
            Every statement needs an answer before your answers can be sent. The {totalItems - missing.length} you have
            answered are saved.
          </p>
          <ul className="mt-5 space-y-2 border-l-4 border-amber-400 pl-4">
            {missing.map(({ item, number, step }) => (
              <li key={item.id}>
                <a
                  href={`?step=${step}&missing=1#q-${item.id}`}
                  className="text-base font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800"
                >
                  {number}. {item.text}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <h1 id="review-title" tabIndex={-1} className="text-2xl font-semibold tracking-tight text-slate-900 focus:outline-none">
            Ready to send
          </h1>
          <p className="mt-3 text-base leading-relaxed text-slate-700">You have answered all {totalItems} statements.</p>
          <form action={action} className="mt-6 flex flex-col gap-3 sm:flex-row sm:items-center">
            <input type="hidden" name="ref" value={sealedRef} />
            <input type="hidden" name="step" value="review" />
            <button type="submit" name="intent" value="submit" className={buttonClass("primary", "min-h-12 w-full px-6 text-base sm:w-auto")}>
              Send my answers
            </button>
            <a href="?step=1" className={buttonClass("secondary", "min-h-12 w-full px-6 text-base sm:w-auto")}>
              Look over my answers
            </a>
          </form>
        </>
      )}
    </section>
  );
}
