import { DEFAULT_INSTRUMENT_KEYS, SENDABLE_INSTRUMENTS } from "@/lib/instruments";

/** One questionnaire the clinician can choose: its key, title and one line for clinicians. */
export type InstrumentChoice = { value: string; label: string; description: string };

/** Every questionnaire Attune can send, in the order a sitting answers them. */
export const SENDABLE_CHOICES: readonly InstrumentChoice[] = SENDABLE_INSTRUMENTS.map((instrument) => ({
  value: instrument.key,
  label: instrument.title,
  description: instrument.description,
}));

/** Ticked on a fresh form: sending as before (the Closeness Inventory alone) stays one click. */
export const DEFAULT_CHOICES: readonly string[] = DEFAULT_INSTRUMENT_KEYS;

/**
 * The questionnaires a link (or a plan's links) carries: a group of checkboxes, one per instrument
 * Attune can send, answered by the client in one sitting in the listed order. Used by the send form
 * and the plan form alike. The refusal (nothing ticked, an unknown key) is shown beside the group
 * and announced through its description. Locked (`disabled`), the ticks cannot change but still
 * post, since a disabled checkbox posts nothing.
 */
export function InstrumentPicker({
  choices,
  selected,
  errors,
  disabled = false,
  name = "instruments",
  idPrefix,
  legend = "Questionnaires",
  hint,
}: {
  choices: readonly InstrumentChoice[];
  /** Keys ticked when the form is drawn. */
  selected: readonly string[];
  errors?: string[];
  disabled?: boolean;
  name?: string;
  /** Unique on the page: the client page can show the send form and the plan form together. */
  idPrefix: string;
  legend?: string;
  hint?: string;
}) {
  const errorId = `${idPrefix}-error`;
  const hintId = `${idPrefix}-hint`;
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset aria-describedby={describedBy}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {hint ? (
        <p id={hintId} className="mt-1 text-sm text-slate-500">
          {hint}
        </p>
      ) : null}
      <div className={`mt-2 grid gap-2 sm:grid-cols-2 ${errors?.length ? "rounded-md ring-1 ring-red-500 ring-offset-4" : ""}`}>
        {choices.map((choice) => {
          const id = `${idPrefix}-${choice.value}`;
          const checked = selected.includes(choice.value);
          return (
            <div key={choice.value} className="flex items-start gap-3 rounded-md border border-slate-200 p-3 has-checked:border-brand-600 has-checked:bg-brand-50">
              <input
                id={id}
                name={disabled ? undefined : name}
                type="checkbox"
                value={choice.value}
                defaultChecked={checked}
                disabled={disabled}
                aria-describedby={`${id}-description`}
                className="mt-0.5 h-5 w-5 shrink-0 accent-brand-700"
              />
              <div className="min-w-0">
                <label htmlFor={id} className="text-sm font-medium text-slate-900">
                  {choice.label}
                </label>
                <p id={`${id}-description`} className="text-xs leading-snug text-slate-600">
                  {choice.description}
                </p>
              </div>
              {disabled && checked ? <input type="hidden" name={name} value={choice.value} /> : null}
            </div>
          );
        })}
      </div>
      {errors?.length ? (
        <p id={errorId} className="mt-2 text-sm font-medium text-red-700">
          {errors[0]}
        </p>
      ) : null}
    </fieldset>
  );
}
