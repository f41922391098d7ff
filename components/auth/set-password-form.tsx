"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/action-result";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function SetPasswordForm({ action, token }: { action: (state: FormState, formData: FormData) => Promise<FormState>; token: string }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} noValidate className="space-y-4">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="12 to 128 characters. A few unrelated words make a strong, memorable password."
        errors={errors?.password}
      />
      <TextField label="Repeat the password" name="confirm" type="password" autoComplete="new-password" required errors={errors?.confirm} />
      <SubmitButton className="w-full" pendingLabel="Saving…">
        Set password and sign in
      </SubmitButton>
    </form>
  );
}
