"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/core/action-result";
import { echoedList } from "@/lib/core/validation";
import { DEFAULT_CHOICES, InstrumentPicker, SENDABLE_CHOICES, type InstrumentChoice } from "./instrument-picker";
import { QuestionnaireLink } from "./questionnaire-link";

type SentLink = { name: string; email: string; link: string; token: string; qrCode: { size: number; path: string } };
type Action = (state: ActionResult | null, formData: FormData) => Promise<ActionResult<{ emailSent: boolean; links: SentLink[] }>>;
type OpenHereAction = React.ComponentProps<typeof QuestionnaireLink>["openHereAction"];

/**
 * Sends the chosen questionnaires (one link per person, answered in one sitting); the new links are shown here once (with a QR code each, and a way to open
 * one on this device) and exist afterwards only in the emails, if email is set up.
 */
export function SendAssessmentForm({
  action,
  openHereAction,
  clientId,
  clientName,
  partnerName,
  defaultDays,
  instrumentChoices = SENDABLE_CHOICES,
  defaultInstruments = DEFAULT_CHOICES,
}: {
  action: Action;
  openHereAction: OpenHereAction;
  clientId: string;
  clientName: string;
  /** Set when the partner can be invited too. */
  partnerName: string | null;
  defaultDays: number;
  /** What can be sent, in the order the client answers them. */
  instrumentChoices?: readonly InstrumentChoice[];
  /** Ticked on a fresh form. */
  defaultInstruments?: readonly string[];
}) {
  const [state, formAction] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors;
  const includePartner = failed?.values ? failed.values.includePartner === "on" : true;
  // After a refusal, exactly what was ticked (possibly nothing); fresh, the default.
  const instruments = failed?.values ? echoedList(failed.values.instruments) : defaultInstruments;
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
        <InstrumentPicker
          idPrefix="send-instruments"
          choices={instrumentChoices}
          selected={instruments}
          errors={errors?.instruments}
          hint="Answered one after the other, through one link, in this order."
        />
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
          {/* Not sending email is no failure, but it changes what the clinician must do next: amber, not green. */}
          <div
            role="status"
            className={`rounded-md border px-3 py-2 text-sm ${
              state.emailSent ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-amber-300 bg-amber-50 text-amber-950"
            }`}
          >
            {state.message}
          </div>
          {state.links.map((sent) => (
            <QuestionnaireLink
              key={sent.link}
              name={sent.name}
              link={sent.link}
              token={sent.token}
              qrCode={sent.qrCode}
              openHereAction={openHereAction}
              otherLinks={state.links.length - 1}
            />
          ))}
        </div>
      ) : null}
    </div>
  );
}
