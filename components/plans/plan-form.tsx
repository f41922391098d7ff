"use client";

import { useActionState } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { InstrumentPicker, type InstrumentChoice } from "@/components/invitations/instrument-picker";
import type { ActionResult } from "@/lib/core/action-result";
import { echoedList } from "@/lib/core/validation";

type Action = (state: ActionResult | null, formData: FormData) => Promise<ActionResult>;

export type PlanFormValues = {
  /** Instrument keys, comma-separated (as `echoValues` echoes a group of checkboxes). */
  instruments: string;
  cadence: string;
  startDate: string;
  endKind: string;
  endCount: string;
  endDate: string;
  expiryDays: string;
  reminder1: string;
  reminder2: string;
};

const CADENCE_OPTIONS = [
  { value: "weekly", label: "Every week" },
  { value: "two_weeks", label: "Every 2 weeks" },
  { value: "four_weeks", label: "Every 4 weeks" },
  { value: "monthly", label: "Every month" },
];

/**
 * Makes or changes a measurement plan. Every refusal is shown next to its field, and what was
 * typed stays. Works without JavaScript: the end's count and date are both plain fields.
 */
export function PlanForm({
  action,
  clientId,
  coupleId,
  planId,
  partnerName,
  clientName,
  instruments,
  defaults,
  today,
  limits,
}: {
  action: Action;
  clientId: string;
  /** Set on the couple's page: the plan is the couple's, and saving returns there. */
  coupleId?: string;
  /** Set when editing. */
  planId?: string;
  /** Set when a couple plan can be made (creating only). */
  partnerName?: string | null;
  clientName: string;
  instruments: readonly InstrumentChoice[];
  defaults: PlanFormValues;
  /** The practice's today, the earliest first date. */
  today: string;
  limits: { countMax: number; expiryMax: number };
}) {
  const [state, formAction] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors;
  const values = { ...defaults, ...(failed?.values ?? {}) } as PlanFormValues & { forCouple?: string };
  const forCouple = failed?.values ? failed.values.forCouple === "on" : true;
  const editing = Boolean(planId);
  return (
    <form action={formAction} className="space-y-5" noValidate key={failed ? JSON.stringify(failed.values) : "fresh"}>
      <input type="hidden" name="clientId" value={clientId} />
      {coupleId ? <input type="hidden" name="coupleId" value={coupleId} /> : null}
      {planId ? <input type="hidden" name="planId" value={planId} /> : null}
      {!editing && partnerName && coupleId ? (
        // The couple's page makes the couple's plan: both partners, no choice to make.
        <p className="text-sm text-slate-800">
          <input type="hidden" name="forCouple" value="on" />
          For both partners: {clientName} and {partnerName}, on the same dates, each with a private link.
        </p>
      ) : null}
      {!editing && partnerName && !coupleId ? <ForCoupleChoice clientName={clientName} partnerName={partnerName} checked={forCouple} error={errors?.forCouple?.[0]} /> : null}
      {/* A plan keeps its questionnaires: when changing one they are shown, locked, and posted unchanged. */}
      <InstrumentPicker
        idPrefix={editing ? "plan-edit-instruments" : "plan-instruments"}
        choices={instruments}
        selected={failed?.values ? echoedList(failed.values.instruments) : echoedList(defaults.instruments)}
        errors={errors?.instruments}
        disabled={editing}
        hint={editing ? "A plan keeps its questionnaires. To change them, end this plan and start a new one." : "Each date sends one link; the client answers these one after the other."}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="How often" name="cadence" defaultValue={values.cadence} errors={errors?.cadence}>
          {CADENCE_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </SelectField>
        <TextField
          label={editing ? "Next date" : "First date"}
          name="startDate"
          type="date"
          min={today}
          required
          defaultValue={values.startDate}
          errors={errors?.startDate}
          hint={editing ? "Every date not yet sent follows the new settings, from this date on." : "Sent at 08:00 on each date, in the practice’s time zone."}
        />
        <TextField
          label="Each link expires after (days)"
          name="expiryDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={limits.expiryMax}
          step={1}
          placeholder="Practice default"
          defaultValue={values.expiryDays}
          errors={errors?.expiryDays}
          hint={`From 1 to ${limits.expiryMax} days, as for a single send; leave it empty for the practice's default (Settings). A link also closes when the next one is sent.`}
        />
      </div>

      <PlanEnds values={values} errors={errors} today={today} countMax={limits.countMax} />

      <PlanReminders values={values} errors={errors} />

      {failed && !Object.values(errors ?? {}).some((messages) => messages?.includes(failed.message)) ? <FormMessage state={failed} /> : null}
      <SubmitButton pendingLabel="Saving…">{editing ? "Save changes" : "Start plan"}</SubmitButton>
    </form>
  );
}

function EndChoice({ value, checked, label, children }: { value: string; checked: boolean; label: string; children?: React.ReactNode }) {
  const id = `endKind-${value}`;
  return (
    <div className="rounded-md border border-slate-200 p-3">
      <div className="flex items-center gap-2">
        <input id={id} type="radio" name="endKind" value={value} defaultChecked={checked} className="h-4 w-4 accent-brand-700" />
        <label htmlFor={id} className="text-sm text-slate-800">
          {label}
        </label>
      </div>
      {children ? <div className="mt-2 max-w-xs pl-6">{children}</div> : null}
    </div>
  );
}

type FieldErrors = Partial<Record<string, string[] | undefined>> | undefined;

/** Creating a plan for someone with an invitable partner: both, on the same dates (ticked unless unticked and refused). */
function ForCoupleChoice({ clientName, partnerName, checked, error }: { clientName: string; partnerName: string; checked: boolean; error: string | undefined }) {
  return (
    <div>
      <div className="flex items-start gap-3">
        <input
          id="forCouple"
          name="forCouple"
          type="checkbox"
          defaultChecked={checked}
          aria-describedby={error ? "forCouple-error" : undefined}
          className="mt-0.5 h-5 w-5 shrink-0 accent-brand-700"
        />
        <label htmlFor="forCouple" className="text-sm text-slate-800">
          For both partners, on the same dates: {clientName} and {partnerName} (a private link each)
        </label>
      </div>
      {error ? (
        <p id="forCouple-error" className="mt-1 text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** When the plan ends: after a count, on a date, or never. */
function PlanEnds({ values, errors, today, countMax }: { values: PlanFormValues; errors: FieldErrors; today: string; countMax: number }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">Ends</legend>
      <div className="mt-2 space-y-3">
        <EndChoice value="after_count" checked={values.endKind === "after_count"} label="After a number of assessments">
          <TextField
            label="Assessments in all"
            name="endCount"
            type="number"
            inputMode="numeric"
            min={1}
            max={countMax}
            step={1}
            defaultValue={values.endCount}
            errors={errors?.endCount}
            hint={`From 1 to ${countMax}.`}
          />
        </EndChoice>
        <EndChoice value="on_date" checked={values.endKind === "on_date"} label="On a date">
          <TextField label="Last date" name="endDate" type="date" min={today} defaultValue={values.endDate} errors={errors?.endDate} />
        </EndChoice>
        <EndChoice value="open" checked={values.endKind === "open"} label="Open-ended, until you end it" />
      </div>
      {errors?.endKind ? <p className="mt-1 text-sm font-medium text-red-700">{errors.endKind[0]}</p> : null}
    </fieldset>
  );
}

/** Up to two reminders, in days after sending. */
function PlanReminders({ values, errors }: { values: PlanFormValues; errors: FieldErrors }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">Reminders to whoever has not finished</legend>
      <p className="mt-1 text-sm text-slate-500">Days after sending; leave a box empty for no reminder. Each reminder has a link that stops them.</p>
      <div className="mt-2 grid gap-4 sm:grid-cols-2">
        <TextField
          label="First reminder (days after sending)"
          name="reminder1"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          defaultValue={values.reminder1}
          errors={errors?.reminder1}
        />
        <TextField
          label="Second reminder (days after sending)"
          name="reminder2"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          defaultValue={values.reminder2}
          errors={errors?.reminder2}
        />
      </div>
    </fieldset>
  );
}
