"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/core/action-result";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function AddClinicianForm({ action }: { action: (state: ActionResult | null, formData: FormData) => Promise<ActionResult> }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} noValidate className="space-y-4" key={JSON.stringify(values ?? state?.ok ?? "")}>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" name="name" required autoComplete="off" defaultValue={values?.name} errors={errors?.name} />
        <TextField label="Email" name="email" type="email" required autoComplete="off" defaultValue={values?.email} errors={errors?.email} />
      </div>
      <FormMessage state={state} />
      <SubmitButton pendingLabel="Adding…">Add clinician</SubmitButton>
    </form>
  );
}
