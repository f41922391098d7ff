"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/core/action-result";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const PASSWORD_HINT =
  "12 to 128 characters, and hard to guess: not a common password, and not built on your name or email. A few unrelated words work well.";

/**
 * What re-authenticates a change that could take the account over: the current password, and a
 * code where two-step sign-in is on (lib/auth/reauth.ts).
 */
export function ReauthFields({ twoStep, errors, passwordLabel = "Current password" }: { twoStep: boolean; errors?: Record<string, string[] | undefined>; passwordLabel?: string }) {
  return (
    <>
      <TextField label={passwordLabel} name="current" type="password" autoComplete="current-password" required errors={errors?.current} />
      {twoStep ? (
        <TextField
          label="Code from your app"
          name="code"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          required
          maxLength={40}
          hint="The six digits your authenticator app shows now, or an unused recovery code."
          errors={errors?.code}
        />
      ) : null}
    </>
  );
}

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

export function ChangeEmailForm({ action, email, twoStep }: { action: Action; email: string; twoStep: boolean }) {
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
      <ReauthFields twoStep={twoStep} errors={errors} />
      <SubmitButton variant="secondary" pendingLabel="Sending…">
        Send confirmation link
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function ChangePasswordForm({ action, twoStep }: { action: Action; twoStep: boolean }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} noValidate className="space-y-3" key={state?.ok ? "done" : "form"}>
      <ReauthFields twoStep={twoStep} errors={errors} />
      <TextField label="New password" name="password" type="password" autoComplete="new-password" required hint={PASSWORD_HINT} errors={errors?.password} />
      <TextField label="Repeat the new password" name="confirm" type="password" autoComplete="new-password" required errors={errors?.confirm} />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Change password
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
