"use client";

import { useActionState, useEffect, useRef, useSyncExternalStore } from "react";
import type { FormState } from "@/lib/core/action-result";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

const noSubscribe = () => () => {};
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const serverTimeZone = () => "UTC";

export function SignUpForm({
  action,
  timeZones,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  timeZones: string[];
}) {
  const [state, formAction] = useActionState(action, null);
  // The browser's zone once hydrated; without JavaScript the list starts at UTC.
  const detectedZone = useSyncExternalStore(noSubscribe, browserTimeZone, serverTimeZone);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const zone = values?.timeZone ?? detectedZone;
  const zones = timeZones.includes(zone) ? timeZones : [zone, ...timeZones];
  // Once hydrated, the list moves to the browser's zone, unless the person has already chosen
  // another one (on a slow connection they can, before the scripts arrive): that choice is kept.
  const zoneField = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    const field = zoneField.current;
    if (field && !values && field.value === serverTimeZone()) field.value = detectedZone;
  }, [detectedZone, values]);
  // Re-mount the fields when the server echoes values, so a reset form shows what was typed.
  const formKey = JSON.stringify(values ?? {});

  return (
    <form action={formAction} className="space-y-4" noValidate key={formKey}>
      <FormMessage state={state} />
      <TextField label="Practice name" name="practiceName" required autoComplete="organization" defaultValue={values?.practiceName} errors={errors?.practiceName} />
      <TextField label="Your name" name="name" required autoComplete="name" defaultValue={values?.name} errors={errors?.name} />
      <TextField label="Email" name="email" type="email" required autoComplete="email" defaultValue={values?.email} errors={errors?.email} />
      <SelectField label="Time zone" name="timeZone" ref={zoneField} defaultValue={zone} errors={errors?.timeZone} hint="Used for dates and monthly summaries.">
        {zones.map((tz) => (
          <option key={tz} value={tz}>
            {tz.replaceAll("_", " ")}
          </option>
        ))}
      </SelectField>
      <SubmitButton className="w-full" pendingLabel="Sending the link…">
        Create practice
      </SubmitButton>
    </form>
  );
}
