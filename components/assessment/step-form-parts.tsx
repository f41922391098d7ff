import { useTranslations } from "next-intl";
import { forwardRef } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass } from "@/components/ui/button";
import { InstrumentTitle } from "./instrument-title";
import type { SaveStatus } from "./autosave-queue";
import { listNumbers, type SittingInstrument, type SittingItem } from "./steps";

/** In a sitting of several instruments: which one this part belongs to, with its instructions on its first part. */
export function InstrumentHeading({ instrument, index, count, first }: { instrument: SittingInstrument; index: number; count: number; first: boolean }) {
  const t = useTranslations("questionnaire");
  return (
    <div className="mt-5 border-l-4 border-brand-600 pl-4">
      <p className="text-sm text-slate-600">
        {t("instrumentOf", { index: index + 1, count })}
      </p>
      <h2 className="text-lg font-semibold text-slate-900">
        <InstrumentTitle title={instrument.title} />
      </h2>
      {first && instrument.instructions.length > 0 ? (
        <div className="mt-2 space-y-2 text-base leading-relaxed text-slate-700">
          {instrument.instructions.map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** The part's unanswered statements, named and linked, shown once before moving on. Focused when it appears. */
export const PartGaps = forwardRef<HTMLDivElement, { gaps: SittingItem[]; noun: "statement" | "question"; buttonLabel: string }>(function PartGaps(
  { gaps, noun, buttonLabel },
  ref,
) {
  const t = useTranslations("questionnaire");
  return (
    <div
      ref={ref}
      id="part-gaps"
      tabIndex={-1}
      className="mt-4 scroll-mt-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950 focus:outline-2 focus:outline-amber-500"
    >
      <p className="font-medium">
        {gaps.length === 1
          ? t("gapsOne", { noun, number: gaps[0]!.number ?? 0 })
          : t("gapsMany", { noun, numbers: listNumbers(gaps.map((item) => item.number ?? 0), t("and")) })}
      </p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
        {gaps.map((item) => (
          <li key={item.id}>
            <a href={`#q-${item.id}`} className="underline underline-offset-2 hover:text-amber-800">
              {item.number}. {item.text}
            </a>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm">
        {t("gapsHint", { button: buttonLabel, count: gaps.length, noun })}
      </p>
    </div>
  );
});

export function StepButton({ intent, primary = false, children }: { intent: string; primary?: boolean; children: React.ReactNode }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      name="intent"
      value={intent}
      disabled={pending}
      className={buttonClass(primary ? "primary" : "secondary", "min-h-12 w-full px-6 text-base sm:w-auto")}
    >
      {children}
    </button>
  );
}

/**
 * What a part posts besides its answers: the sealed reference, the part, which statements it shows
 * (so the server can flag the unanswered ones without JavaScript), whether its gaps were shown, and
 * the answers chosen on other parts in the browser.
 */
export function PartHiddenFields({
  sealedRef,
  step,
  items,
  gapsShown,
  elsewhere,
}: {
  sealedRef: string;
  step: number;
  items: SittingItem[];
  gapsShown: boolean;
  elsewhere: [string, number][];
}) {
  return (
    <>
      <input type="hidden" name="ref" value={sealedRef} />
      <input type="hidden" name="step" value={step} />
      <input type="hidden" name="items" value={items.filter((item) => item.required).map((item) => item.id).join(" ")} />
      {gapsShown ? <input type="hidden" name="gaps" value="shown" /> : null}
      {elsewhere.map(([id, value]) => (
        <input key={id} type="hidden" name={id} value={value} />
      ))}
    </>
  );
}

/** The background saving's state, read out politely. */
export function SaveStatusLine({ status }: { status: SaveStatus }) {
  const t = useTranslations("questionnaire");
  return (
    <p className="text-sm text-slate-600 sm:ml-auto" aria-live="polite">
      {status === "saving"
        ? t("saving")
        : status === "saved"
          ? t("saved")
          : status === "error"
            ? t("saveError")
            : ""}
    </p>
  );
}
