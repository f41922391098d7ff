"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/core/action-result";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

export function ConfirmEmailForm({
  action,
  token,
  label = "Confirm this address",
  pendingLabel = "Confirming…",
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  token: string;
  label?: string;
  pendingLabel?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      {state?.ok ? null : <SubmitButton pendingLabel={pendingLabel}>{label}</SubmitButton>}
    </form>
  );
}
