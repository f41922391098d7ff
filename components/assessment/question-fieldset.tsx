import { useTranslations } from "next-intl";
import type { ScaleOption } from "@/lib/instruments";

// Whole class names, so Tailwind sees them: one row of choices, however many the item's scale has.
const COLUMNS: Record<number, string> = {
  2: "grid-cols-2",
  3: "grid-cols-3",
  4: "grid-cols-4",
  5: "grid-cols-5",
  6: "grid-cols-6",
  7: "grid-cols-7",
};

/**
 * One statement as a compact radio group: the legend is the statement, its answers one row of tap
 * targets (on a phone just the choices, with the two ends named beneath; from `sm` up each choice
 * shows its label). Every radio keeps its full label ("Strongly disagree"…) as its accessible
 * name, and native radios keep arrow-key navigation and screen-reader announcements. Each item
 * brings its own scale (four choices on PHQ-9, seven on CSI-4's first item). An optional item says
 * so and is never flagged.
 */
export function QuestionFieldset({
  item,
  number,
  scale,
  answer,
  flagMissing,
  noun = "statement",
  showChoice = false,
}: {
  item: { id: string; text: string; required?: boolean; prompt?: string };
  /** Null for an unnumbered (optional) question. */
  number: number | null;
  scale: readonly ScaleOption[];
  answer: number | undefined;
  flagMissing: boolean;
  /** How the hint names the item: "statement" (Closeness Inventory) or "question". */
  noun?: "statement" | "question";
  /** `answer` follows every change (JavaScript is running), so a phone can name the choice in words. */
  showChoice?: boolean;
}) {
  const t = useTranslations("questionnaire");
  const optional = item.required === false;
  const missing = flagMissing && !optional && answer === undefined;
  const hintId = `q-${item.id}-missing`;
  const first = scale[0];
  const last = scale.at(-1);
  const chosen = showChoice ? scale.find((option) => option.value === answer) : undefined;
  const chosenClass = "font-semibold text-brand-800";
  return (
    <div
      id={`q-${item.id}`}
      data-question={item.id}
      className={`scroll-mt-4 rounded-xl border bg-white px-4 py-4 shadow-sm target:ring-2 target:ring-brand-600 sm:px-5 ${
        missing ? "border-amber-400 ring-1 ring-amber-400" : "border-slate-200"
      }`}
    >
      {item.prompt ? <p className="mb-2 text-sm font-medium text-slate-700">{item.prompt}</p> : null}
      <fieldset aria-describedby={missing ? hintId : undefined}>
        <legend className="text-base font-medium leading-snug text-slate-900 sm:text-lg">
          {number !== null ? <span className="mr-1 text-slate-500">{number}.</span> : null} {item.text}
          {optional ? <span className="ml-2 align-middle text-sm font-normal text-slate-600">{t("optional")}</span> : null}
        </legend>
        {missing ? (
          <p id={hintId} className="mt-2 text-sm font-medium text-amber-800">
            {t("needsAnswer", { noun })}
          </p>
        ) : null}
        <div className={`mt-3 grid ${COLUMNS[scale.length] ?? "grid-cols-5"} gap-1.5 sm:gap-2`}>
          {scale.map((option) => {
            const id = `${item.id}-${option.value}`;
            return (
              <label
                key={option.value}
                htmlFor={id}
                className="group flex min-h-11 cursor-pointer flex-col items-center justify-center gap-1.5 rounded-lg border border-slate-300 bg-white px-1 py-2 text-center transition-colors hover:border-brand-600 hover:bg-brand-50 has-checked:border-brand-700 has-checked:bg-brand-100 sm:justify-start"
              >
                <input
                  id={id}
                  type="radio"
                  name={item.id}
                  value={option.value}
                  defaultChecked={answer === option.value}
                  className="h-5 w-5 shrink-0 cursor-pointer accent-brand-700"
                />
                <span className="sr-only text-xs leading-tight text-slate-700 group-has-checked:font-semibold group-has-checked:text-brand-800 sm:not-sr-only">
                  {option.label}
                </span>
              </label>
            );
          })}
        </div>
        {first && last ? (
          // The ends (and, between them, the choice made), for the eye on a narrow screen; each radio
          // already carries its own full label for assistive technology.
          <div aria-hidden="true" className="mt-1.5 grid grid-cols-[auto_1fr_auto] gap-3 text-xs text-slate-600 sm:hidden">
            <span className={chosen === first ? chosenClass : ""}>{first.label}</span>
            <span className={`text-center ${chosenClass}`}>{chosen && chosen !== first && chosen !== last ? chosen.label : ""}</span>
            <span className={`text-right ${chosen === last ? chosenClass : ""}`}>{last.label}</span>
          </div>
        ) : null}
      </fieldset>
    </div>
  );
}
