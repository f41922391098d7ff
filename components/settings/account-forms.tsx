"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/core/action-result";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const PASSWORD_HINT =
  "12 to 128 characters, and hard to guess: not a common password, and not built on your name or email. A few unrelated words work well.";

export function ChangeNameForm({ action, name }: { action: Action; name: string }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} noValidate className="space-y-3" key={values?.name ?? name}>
      <TextField label="Your name" name="name" required maxLength={120} autoComplete="name" defaultValue={values?.name ?? name} errors={errors?.name} />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save name
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function ChangeEmailForm({ action, email }: { action: Action; email: string }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} noValidate className="space-y-3">
      <p className="text-sm text-slate-600">
        You sign in with <span className="font-medium text-slate-900">{email}</span>.
      </p>
      <TextField
        label="New email"
        name="email"
        type="email"
        required
        autoComplete="email"
        defaultValue={values?.email}
        errors={errors?.email}
        hint="We send a link to the new address; the change happens when you open it. Your current address is told too."
      />
      <SubmitButton variant="secondary" pendingLabel="Sending…">
        Send confirmation link
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function ChangePasswordForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} noValidate className="space-y-3" key={state?.ok ? "done" : "form"}>
      <TextField label="Current password" name="current" type="password" autoComplete="current-password" required errors={errors?.current} />
      <TextField label="New password" name="password" type="password" autoComplete="new-password" required hint={PASSWORD_HINT} errors={errors?.password} />
      <TextField label="Repeat the new password" name="confirm" type="password" autoComplete="new-password" required errors={errors?.confirm} />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Change password
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
