"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { OneTimeLink } from "@/components/ui/one-time-link";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/action-result";

type SentLink = { name: string; email: string; link: string };
type Action = (state: ActionResult | null, formData: FormData) => Promise<ActionResult<{ links: SentLink[] }>>;

/** Sends the assessment; the new links are shown here once and exist afterwards only in the emails. */
export function SendAssessmentForm({
  action,
  clientId,
  clientName,
  partnerName,
  defaultDays,
}: {
  action: Action;
  clientId: string;
  clientName: string;
  /** Set when the partner can be invited too. */
  partnerName: string | null;
  defaultDays: number;
}) {
  const [state, formAction] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors;
  const includePartner = failed?.values ? failed.values.includePartner === "on" : true;
  return (
    <div>
      <form action={formAction} className="space-y-4" noValidate key={failed ? JSON.stringify(failed.values) : "fresh"}>
        <input type="hidden" name="clientId" value={clientId} />
        {partnerName ? (
          <div>
            <div className="flex items-start gap-3">
              <input
                id="includePartner"
                name="includePartner"
                type="checkbox"
                defaultChecked={includePartner}
                aria-describedby={errors?.includePartner ? "includePartner-error" : undefined}
                className="mt-0.5 h-5 w-5 shrink-0 accent-brand-700"
              />
              <label htmlFor="includePartner" className="text-sm text-slate-800">
                Send to both partners: {clientName} and {partnerName}
              </label>
            </div>
            {errors?.includePartner ? (
              <p id="includePartner-error" className="mt-1 text-sm font-medium text-red-700">
                {errors.includePartner[0]}
              </p>
            ) : null}
          </div>
        ) : null}
        <div className="max-w-xs">
          <TextField
            label="Link expires after (days)"
            name="expiresInDays"
            type="number"
            inputMode="numeric"
            min={1}
            max={60}
            step={1}
            required
            hint="From 1 to 60 days."
            defaultValue={failed?.values?.expiresInDays ?? String(defaultDays)}
            errors={errors?.expiresInDays}
          />
        </div>
        {/* A refusal about one field is shown beside it; saying it twice would be noise. */}
        {failed && !Object.values(errors ?? {}).some((messages) => messages?.includes(failed.message)) ? (
          <FormMessage state={failed} />
        ) : null}
        <SubmitButton pendingLabel="Sending…">Send assessment</SubmitButton>
      </form>
      {state?.ok ? (
        <div className="mt-4 space-y-2">
          <FormMessage state={state} />
          {state.links.map((sent) => (
            <OneTimeLink key={sent.link} link={sent.link} label={`Link for ${sent.name}`} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
