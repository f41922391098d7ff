"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/core/action-result";
import { CRISIS_TEXT_MAX, DEFAULT_CRISIS_TEXT } from "@/lib/alerts/crisis";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { LanguageSelect, type LanguageOption } from "@/components/clients/language-select";
import { CrisisTextNotice } from "./crisis-text-notice";

export type PracticeSettingsValues = {
  name: string;
  timeZone: string;
  defaultLinkExpiryDays: number;
  emailSenderName: string | null;
  requireTwoStep: boolean;
  crisisText: string | null;
  language: string;
};

/**
 * The owner's practice settings, one form. Each group is a <fieldset>; a new setting is one more
 * group here, one more field in the action's schema and in lib/practices/practices.ts updatePracticeSettings.
 */
export function PracticeSettingsForm({
  action,
  settings,
  timeZones,
  languages,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  settings: PracticeSettingsValues;
  timeZones: string[];
  languages: LanguageOption[];
}) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const zone = values?.timeZone ?? settings.timeZone;
  const zones = timeZones.includes(zone) ? timeZones : [zone, ...timeZones];
  return (
    <form action={formAction} noValidate className="space-y-6" key={JSON.stringify(values ?? settings)}>
      <FormMessage state={state} />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-900">The practice</legend>
        <TextField label="Practice name" name="name" required maxLength={120} defaultValue={values?.name ?? settings.name} errors={errors?.name} />
        <SelectField
          label="Time zone"
          name="timeZone"
          defaultValue={zone}
          errors={errors?.timeZone}
          hint="Every date, and every weekly and monthly summary, follows it."
        >
          {zones.map((tz) => (
            <option key={tz} value={tz}>
              {tz.replaceAll("_", " ")}
            </option>
          ))}
        </SelectField>
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Questionnaire links and email</legend>
        <TextField
          label="Links work for (days)"
          name="defaultLinkExpiryDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={60}
          required
          defaultValue={values?.defaultLinkExpiryDays ?? String(settings.defaultLinkExpiryDays)}
          errors={errors?.defaultLinkExpiryDays}
          hint="What a new link offers unless the clinician chooses otherwise: 1 to 60 days."
        />
        <TextField
          label="Sender name on emails"
          name="emailSenderName"
          maxLength={80}
          defaultValue={values?.emailSenderName ?? settings.emailSenderName ?? ""}
          errors={errors?.emailSenderName}
          hint="The name clients see the practice's emails come from. Leave empty for the default."
        />
        <LanguageSelect
          name="language"
          label="Clients' language"
          languages={languages}
          defaultValue={values?.language ?? settings.language}
          errors={errors?.language}
          hint="A new client's language unless their clinician chooses another: emails, questionnaires and results reach them in it."
        />
      </fieldset>
      <fieldset>
        <legend className="mb-2 text-sm font-semibold text-slate-900">Sign-in</legend>
        <label className="flex items-start gap-3 text-sm text-slate-800">
          <input
            type="checkbox"
            name="requireTwoStep"
            value="on"
            defaultChecked={values ? values.requireTwoStep === "on" : settings.requireTwoStep}
            className="mt-0.5 h-4 w-4 rounded border-slate-300"
          />
          <span>
            <span className="font-medium">Require two-step sign-in for everyone</span>
            <span className="block text-slate-500">
              Members without it are asked to set it up at their next sign-in, and can do nothing else until they have.
            </span>
          </span>
        </label>
      </fieldset>
      {settings.crisisText === null ? <CrisisTextNotice linkToSettings={false} /> : null}
      <CrisisTextField value={values ? (values.crisisText ?? "") : (settings.crisisText ?? "")} errors={errors?.crisisText} />
      <SubmitButton pendingLabel="Saving…">Save practice settings</SubmitButton>
    </form>
  );
}

/**
 * What a client who gives a critical answer (PHQ-9 item 9) reads on the thank-you page. Empty means
 * the safe default, shown here so the owner knows what clients see without writing anything.
 */
function CrisisTextField({ value, errors }: { value: string; errors?: string[] }) {
  const invalid = Boolean(errors?.length);
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-semibold text-slate-900">Safety</legend>
      <label htmlFor="crisisText" className="block text-sm font-medium text-slate-800">
        Crisis information shown to clients
      </label>
      <p id="crisisText-hint" className="mt-1 text-sm text-slate-500">
        Shown to a client whose answers suggest thoughts of self-harm, as soon as such an answer is saved and on the thank-you page. Name your local emergency number and crisis
        lines. Up to {CRISIS_TEXT_MAX} characters; a blank line starts a new paragraph. Leave empty to show the default below.
      </p>
      <textarea
        id="crisisText"
        name="crisisText"
        rows={6}
        maxLength={CRISIS_TEXT_MAX}
        defaultValue={value}
        placeholder="Empty: clients see the default text below."
        aria-invalid={invalid || undefined}
        aria-describedby={["crisisText-hint", invalid ? "crisisText-error" : null].filter(Boolean).join(" ")}
        className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-base text-slate-900 shadow-sm sm:text-sm ${
          invalid ? "border-red-500 focus:outline-red-600" : "border-slate-300"
        }`}
      />
      {invalid ? (
        <p id="crisisText-error" className="mt-1 text-sm font-medium text-red-700">
          {errors![0]}
        </p>
      ) : null}
      <details className="mt-2 text-sm text-slate-600">
        <summary className="cursor-pointer font-medium text-brand-700">The default text</summary>
        <div id="crisisText-default" className="mt-2 space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3 whitespace-pre-line">
          {DEFAULT_CRISIS_TEXT}
        </div>
      </details>
    </fieldset>
  );
}
