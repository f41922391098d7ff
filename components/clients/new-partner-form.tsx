"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/core/action-result";

type Action = (state: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/** "Add partner": a new client, created as this client's partner and linked in one step. */
export function NewPartnerForm({ action, clientId }: { action: Action; clientId: string }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={formAction} noValidate className="space-y-3" key={JSON.stringify(values)} aria-label="Add a new partner">
      <input type="hidden" name="clientId" value={clientId} />
      <FormMessage state={state} />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label="Partner's first name" name="firstName" required autoComplete="off" defaultValue={values.firstName} errors={errors?.firstName} />
        <TextField label="Partner's last name" name="lastName" required autoComplete="off" defaultValue={values.lastName} errors={errors?.lastName} />
        <TextField label="Partner's email" name="email" type="email" required autoComplete="off" defaultValue={values.email} errors={errors?.email} />
      </div>
      <SubmitButton variant="secondary" pendingLabel="Adding…">
        Add partner
      </SubmitButton>
    </form>
  );
}
