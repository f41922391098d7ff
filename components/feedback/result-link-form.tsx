"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { OneTimeLink } from "@/components/ui/one-time-link";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/core/action-result";

type Action = (state: ActionResult | null, formData: FormData) => Promise<ActionResult<{ link?: string }>>;

/** Makes a client's personal results link (replacing any earlier one), optionally emailing it. */
export function ResultLinkForm({
  action,
  clientId,
  clientEmail,
  defaultDays,
  maxDays,
}: {
  action: Action;
  clientId: string;
  clientEmail: string;
  defaultDays: number;
  maxDays: number;
}) {
  const [state, formAction] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors;
  return (
    <div>
      <form action={formAction} className="space-y-4" noValidate key={failed ? JSON.stringify(failed.values) : "fresh"}>
        <input type="hidden" name="clientId" value={clientId} />
        <div className="max-w-xs">
          <TextField
            label="Results link works for (days)"
            name="expiresInDays"
            type="number"
            inputMode="numeric"
            min={1}
            max={maxDays}
            step={1}
            required
            hint={`From 1 to ${maxDays} days.`}
            defaultValue={failed?.values?.expiresInDays ?? String(defaultDays)}
            errors={errors?.expiresInDays}
          />
        </div>
        <div className="flex items-start gap-3">
          <input
            id="results-email"
            name="email"
            type="checkbox"
            defaultChecked={failed?.values ? failed.values.email === "on" : true}
            className="mt-0.5 h-5 w-5 shrink-0 accent-brand-700"
          />
          <label htmlFor="results-email" className="text-sm text-slate-800">
            Email the link to {clientEmail}
          </label>
        </div>
        {failed && !Object.values(errors ?? {}).some((messages) => messages?.includes(failed.message)) ? <FormMessage state={failed} /> : null}
        <SubmitButton pendingLabel="Making the link…">Make a results link</SubmitButton>
      </form>
      {state?.ok ? (
        <div className="mt-4 space-y-2">
          <FormMessage state={state} />
          {state.link ? <OneTimeLink link={state.link} label="Results link" /> : null}
        </div>
      ) : null}
    </div>
  );
}
