"use client";

import Link from "next/link";
import { useActionState } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { buttonClass } from "@/components/ui/button";
import type { ActionResult } from "@/lib/core/action-result";
import { LanguageSelect, type LanguageOption } from "@/components/clients/language-select";

type Action = (state: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/**
 * Both partners in one form: names and the email each private link goes to. Everything else can
 * be added on each record later. A refused post keeps what was typed and puts each error beside
 * its partner's field.
 */
export function CoupleForm({
  action,
  clinicians,
  defaultClinicianId,
  languages,
  defaultLanguage,
}: {
  action: Action;
  clinicians: { id: string; name: string }[] | null;
  defaultClinicianId: string;
  /** Each partner's own: a couple may read two languages. */
  languages: LanguageOption[];
  defaultLanguage: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={formAction} noValidate className="space-y-6" key={JSON.stringify(values)}>
      <FormMessage state={state} />
      <div className="grid gap-6 md:grid-cols-2">
        {([1, 2] as const).map((n) => (
          <fieldset key={n} className="space-y-4 rounded-md border border-slate-200 p-4">
            <legend className="px-1 text-sm font-semibold text-slate-900">Partner {n}</legend>
            <TextField label="First name" name={`partner${n}.firstName`} required autoComplete="off" defaultValue={values[`partner${n}.firstName`]} errors={errors?.[`partner${n}.firstName`]} />
            <TextField label="Last name" name={`partner${n}.lastName`} required autoComplete="off" defaultValue={values[`partner${n}.lastName`]} errors={errors?.[`partner${n}.lastName`]} />
            <TextField
              label="Email"
              name={`partner${n}.email`}
              type="email"
              required
              autoComplete="off"
              defaultValue={values[`partner${n}.email`]}
              errors={errors?.[`partner${n}.email`]}
              hint="Their own assessment link is sent here."
            />
            <LanguageSelect
              name={`partner${n}.language`}
              languages={languages}
              defaultValue={values[`partner${n}.language`] ?? defaultLanguage}
              errors={errors?.[`partner${n}.language`]}
              hint="Their emails and questionnaires are in this language."
            />
          </fieldset>
        ))}
      </div>
      {clinicians ? (
        <div className="max-w-sm">
          <SelectField label="Clinician" name="clinicianId" defaultValue={values.clinicianId ?? defaultClinicianId} errors={errors?.clinicianId} hint="Both partners join this caseload.">
            {clinicians.map((clinician) => (
              <option key={clinician.id} value={clinician.id}>
                {clinician.name}
              </option>
            ))}
          </SelectField>
        </div>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <SubmitButton pendingLabel="Creating…">Create couple</SubmitButton>
        <Link href="/clients" className={buttonClass("secondary")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
