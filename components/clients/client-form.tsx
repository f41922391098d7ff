"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/core/action-result";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { buttonClass } from "@/components/ui/button";
import { LanguageSelect, type LanguageOption } from "./language-select";

type ClientFormValues = {
  clientId?: string;
  firstName: string;
  lastName: string;
  preferredName: string;
  email: string;
  phone: string;
  dateOfBirth: string;
  language: string;
  clinicianId: string;
};

type Props = {
  action: (state: ActionResult | null, formData: FormData) => Promise<ActionResult>;
  initial: ClientFormValues;
  clinicians: { id: string; name: string }[] | null;
  languages: LanguageOption[];
  submitLabel: string;
  cancelHref: string;
};

export function ClientForm({ action, initial, clinicians, languages, submitLabel, cancelHref }: Props) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = { ...initial, ...(state && !state.ok ? state.values : {}) };

  return (
    <form action={formAction} noValidate className="space-y-6" key={JSON.stringify(values)}>
      <FormMessage state={state} />
      {initial.clientId ? <input type="hidden" name="clientId" value={initial.clientId} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="First name" name="firstName" required autoComplete="off" defaultValue={values.firstName} errors={errors?.firstName} />
        <TextField label="Last name" name="lastName" required autoComplete="off" defaultValue={values.lastName} errors={errors?.lastName} />
        <TextField
          label="Preferred name (optional)"
          name="preferredName"
          autoComplete="off"
          defaultValue={values.preferredName}
          errors={errors?.preferredName}
        />
        <TextField label="Email" name="email" type="email" required autoComplete="off" defaultValue={values.email} errors={errors?.email} hint="Assessment invitations are sent here." />
        <TextField label="Phone (optional)" name="phone" type="tel" autoComplete="off" defaultValue={values.phone} errors={errors?.phone} />
        <TextField
          label="Date of birth (optional)"
          name="dateOfBirth"
          type="date"
          autoComplete="off"
          defaultValue={values.dateOfBirth}
          errors={errors?.dateOfBirth}
        />
        <LanguageSelect name="language" languages={languages} defaultValue={values.language} errors={errors?.language} />
        {clinicians ? (
          <SelectField label="Clinician" name="clinicianId" defaultValue={values.clinicianId} errors={errors?.clinicianId}>
            {clinicians.map((clinician) => (
              <option key={clinician.id} value={clinician.id}>
                {clinician.name}
              </option>
            ))}
          </SelectField>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-3">
        <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
        <Link href={cancelHref} className={buttonClass("secondary")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
