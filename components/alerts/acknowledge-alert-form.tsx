"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/core/action-result";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

/**
 * Clears one alert with a note of what was done or decided. Works without JavaScript (a plain
 * post); the error sits under the field and what was typed stays in it.
 */
export function AcknowledgeAlertForm({
  action,
  alertId,
  item,
  noteMax,
  returnTo,
  folded = false,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  alertId: string;
  /** Which answer this form clears, for its accessible name when there are several. */
  item: string;
  noteMax: number;
  /** Where to go back to afterwards, when not the client's page (the couple's page). */
  returnTo?: string;
  /**
   * Behind a one-line "Acknowledge…" button (a native <details>, so it opens without JavaScript),
   * so the alert stays compact above the summary. Open again when the note was refused.
   */
  folded?: boolean;
}) {
  const [state, formAction] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors?.note;
  const id = `note-${alertId}`;
  const invalid = Boolean(errors?.length);
  const form = (
    <form action={formAction} noValidate aria-label={`Acknowledge: ${item}`} className="mt-4 space-y-2" key={JSON.stringify(failed?.values ?? null)}>
      {failed && !invalid ? <FormMessage state={failed} /> : null}
      <input type="hidden" name="alertId" value={alertId} />
      {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
      <label htmlFor={id} className="block text-sm font-semibold text-red-950">
        What you did or decided
      </label>
      <p id={`${id}-hint`} className="text-sm text-red-900">
        For example who you spoke to and when, and the plan you agreed. It is kept with the alert in the client&apos;s record.
      </p>
      <textarea
        id={id}
        name="note"
        rows={3}
        required
        maxLength={noteMax}
        defaultValue={failed?.values?.note ?? ""}
        aria-invalid={invalid || undefined}
        aria-describedby={[`${id}-hint`, invalid ? `${id}-error` : null].filter(Boolean).join(" ")}
        className={`block w-full rounded-md border bg-white px-3 py-2 text-base text-slate-900 shadow-sm sm:text-sm ${
          invalid ? "border-red-600 ring-1 ring-red-600" : "border-slate-300"
        }`}
      />
      {invalid ? (
        <p id={`${id}-error`} className="text-sm font-semibold text-red-800">
          {errors![0]}
        </p>
      ) : null}
      <SubmitButton pendingLabel="Saving…">Acknowledge with this note</SubmitButton>
    </form>
  );
  if (!folded) return form;
  return (
    <details open={Boolean(failed) || undefined} className="group open:basis-full">
      <summary className="inline-flex cursor-pointer list-none items-center gap-1.5 rounded-md border border-red-700 bg-white px-3 py-1.5 text-sm font-semibold text-red-900 hover:bg-red-100 [&::-webkit-details-marker]:hidden">
        Acknowledge…<span className="sr-only"> {item}</span>
        <span aria-hidden className="text-xs transition-transform group-open:rotate-180">
          ▾
        </span>
      </summary>
      {form}
    </details>
  );
}
