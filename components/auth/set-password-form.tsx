"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/core/action-result";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

const PASSWORD_HINT =
  "12 to 128 characters, and hard to guess: not a common password, and not built on your name or email. A few unrelated words work well.";

/** Choosing a password from a one-time link: a new clinician's set-password link, or a sign-up link. */
export function SetPasswordForm({
  action,
  token,
  submitLabel = "Set password and sign in",
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  token: string;
  submitLabel?: string;
}) {
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
        hint={PASSWORD_HINT}
        errors={errors?.password}
      />
      <TextField label="Repeat the password" name="confirm" type="password" autoComplete="new-password" required errors={errors?.confirm} />
      <SubmitButton className="w-full" pendingLabel="Saving…">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
