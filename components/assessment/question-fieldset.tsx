import type { ItemDefinition, ScaleOption } from "@/lib/instruments";

/**
 * One statement as a radio group: the fieldset's legend is the statement, each option a large
 * labelled tap target. Native radios keep arrow-key navigation and screen-reader announcements.
 */
export function QuestionFieldset({
  item,
  number,
  scale,
  answer,
  flagMissing,
}: {
  item: Pick<ItemDefinition, "id" | "text">;
  number: number;
  scale: readonly ScaleOption[];
  answer: number | undefined;
  flagMissing: boolean;
}) {
  const missing = flagMissing && answer === undefined;
  const hintId = `q-${item.id}-missing`;
  return (
    <div
      id={`q-${item.id}`}
      className={`scroll-mt-4 rounded-xl border bg-white p-4 shadow-sm target:ring-2 target:ring-brand-600 sm:p-5 ${
        missing ? "border-amber-400" : "border-slate-200"
      }`}
    >
      <fieldset aria-describedby={missing ? hintId : undefined}>
        <legend className="text-base font-medium leading-snug text-slate-900 sm:text-lg">
          <span className="mr-1 text-slate-500">{number}.</span> {item.text}
        </legend>
        {missing ? (
          <p id={hintId} className="mt-2 text-sm font-medium text-amber-800">
            This statement still needs an answer.
          </p>
        ) : null}
        <div className="mt-4 grid gap-2 sm:grid-cols-5">
          {scale.map((option) => {
            const id = `${item.id}-${option.value}`;
            return (
              <label
                key={option.value}
                htmlFor={id}
                className="flex min-h-12 cursor-pointer items-center gap-3 rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-base text-slate-800 hover:border-brand-600 hover:bg-brand-50 has-checked:border-brand-600 has-checked:bg-brand-50 has-checked:font-medium has-checked:text-brand-800 sm:flex-col sm:justify-start sm:gap-2 sm:px-2 sm:py-3 sm:text-center sm:text-sm"
              >
                <input
                  id={id}
                  type="radio"
                  name={item.id}
                  value={option.value}
                  defaultChecked={answer === option.value}
                  className="h-5 w-5 shrink-0 accent-brand-700"
                />
                <span>{option.label}</span>
              </label>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
