"use client";

import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/core/action-result";
import { echoedList } from "@/lib/core/validation";
import { DEFAULT_CHOICES, InstrumentPicker, SENDABLE_CHOICES, type InstrumentChoice } from "./instrument-picker";
import { QuestionnaireLink } from "./questionnaire-link";

type SentLink = { name: string; email: string; link: string; token: string; qrCode: { size: number; path: string }; carries: string };

/**
 * What keeps sending safe (issue 23), read on the server when the form is drawn: the form's key
 * (a double submit of this form makes one set of links), the questionnaires last chosen for these
 * people (ticked on a fresh form), and the links they have open, said before sending.
 */
export type SendFormMemory = {
  requestKey: string;
  lastChosen: readonly string[] | null;
  openLinks: readonly { id: string; name: string; carries: string; sent: string; opened: boolean }[];
};
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
  memory,
  instrumentChoices = SENDABLE_CHOICES,
}: {
  action: Action;
  openHereAction: OpenHereAction;
  clientId: string;
  clientName: string;
  /** Set when the partner can be invited too. */
  partnerName: string | null;
  defaultDays: number;
  memory: SendFormMemory;
  /** What can be sent, in the order the client answers them. */
  instrumentChoices?: readonly InstrumentChoice[];
}) {
  const [state, formAction] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors;
  const includePartner = failed?.values ? failed.values.includePartner === "on" : true;
  // After a refusal, exactly what was ticked (possibly nothing); fresh, what was chosen last time here (else the default).
  const instruments = failed?.values ? echoedList(failed.values.instruments) : (memory.lastChosen ?? DEFAULT_CHOICES);
  const repeat = errors?.confirmRepeat?.[0];
  return (
    <div>
      {/* The links just made come first, above the form, so the next "Send" is not the first thing under the hand. */}
      {state?.ok ? <SentLinks message={state.message} emailSent={state.emailSent} links={state.links} openHereAction={openHereAction} /> : null}
      <form action={formAction} className="space-y-4" noValidate key={failed ? JSON.stringify(failed.values) : `fresh-${memory.requestKey}`}>
        <input type="hidden" name="clientId" value={clientId} />
        <input type="hidden" name="requestKey" value={memory.requestKey} />
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
        {memory.openLinks.length > 0 && !repeat ? (
          <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">
            <p className="font-medium text-slate-900">Links still open</p>
            <ul className="mt-1 space-y-0.5">
              {memory.openLinks.map((link) => (
                <li key={link.id}>
                  {link.name}: {link.carries}, sent {link.sent}, {link.opened ? "opened, not finished" : "not opened yet"}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {/* A refusal about one field is shown beside it; saying it twice would be noise. */}
        {failed && !repeat && !Object.values(errors ?? {}).some((messages) => messages?.includes(failed.message)) ? (
          <FormMessage state={failed} />
        ) : null}
        {repeat ? (
          <div role="alert" className="space-y-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-3 text-sm text-amber-950">
            <p>{repeat}</p>
            <div className="flex flex-wrap gap-2">
              <button type="submit" name="confirmRepeat" value="yes" className={buttonClass("primary")}>
                Send another anyway
              </button>
            </div>
            <p className="text-amber-900">Or change the questionnaires above, or leave the open links to be answered.</p>
          </div>
        ) : (
          <SubmitButton pendingLabel="Sending…">Send assessment</SubmitButton>
        )}
      </form>
    </div>
  );
}

/** What a send made: the message, then each link with what it carries, to copy, scan or open here. */
function SentLinks({
  message,
  emailSent,
  links,
  openHereAction,
}: {
  message?: string;
  emailSent: boolean;
  links: readonly SentLink[];
  openHereAction: OpenHereAction;
}) {
  return (
    <div className="mb-5 space-y-2">
      {/* Not sending email is no failure, but it changes what the clinician must do next: amber, not green. */}
      <div role="status" className={`rounded-md border px-3 py-2 text-sm ${emailSent ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-amber-300 bg-amber-50 text-amber-950"}`}>
        {message}
      </div>
      {links.map((sent) => (
        <QuestionnaireLink
          key={sent.link}
          name={sent.name}
          carries={sent.carries}
          link={sent.link}
          token={sent.token}
          qrCode={sent.qrCode}
          openHereAction={openHereAction}
          otherLinks={links.length - 1}
        />
      ))}
    </div>
  );
}
