"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/core/action-result";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function ForgotPasswordForm({ action }: { action: (state: FormState, formData: FormData) => Promise<FormState> }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <TextField label="Email" name="email" type="email" autoComplete="username" required defaultValue={values?.email} errors={errors?.email} />
      <SubmitButton className="w-full" pendingLabel="Sending…">
        Email me a link
      </SubmitButton>
    </form>
  );
}
