"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { ActionResult, FormState } from "@/lib/core/action-result";
import { buttonClass } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { RecoveryCodes } from "./recovery-codes";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** The code asked for after the password: from the authenticator app, or a recovery code. */
export function SecondStepForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <TextField
        label="Code"
        name="code"
        autoComplete="one-time-code"
        autoCapitalize="characters"
        spellCheck={false}
        required
        maxLength={40}
        hint="The six digits your authenticator app shows for Attune, or one of your recovery codes."
        errors={errors?.code}
      />
      <SubmitButton className="w-full" pendingLabel="Checking…">
        Continue
      </SubmitButton>
    </form>
  );
}

type EnrolmentAction = (state: ActionResult<{ recoveryCodes?: string[] }> | null, formData: FormData) => Promise<ActionResult<{ recoveryCodes?: string[] }>>;

/**
 * Setting up two-step sign-in: the QR code and the secret in text, confirmed by a first code;
 * then the ten recovery codes, shown this once.
 */
export function EnrolmentForm({
  action,
  enrolment,
  continueHref,
  continueLabel,
  askPassword = false,
}: {
  /** From My account: the current password too (new recovery codes re-authenticate). */
  askPassword?: boolean;
  action: EnrolmentAction;
  enrolment: { sealed: string; secretText: string; qr: { size: number; path: string } };
  continueHref: string;
  continueLabel: string;
}) {
  const [state, formAction] = useActionState(action, null);
  if (state?.ok && state.recoveryCodes) {
    return (
      <div className="space-y-4">
        <FormMessage state={state} />
        <h2 className="text-base font-semibold text-slate-900">Your recovery codes</h2>
        <p className="text-sm text-slate-700">
          If you lose your phone, each of these codes lets you sign in once instead of a code from the app. Save them somewhere safe — a password
          manager, a downloaded file or printed — now: they are not shown again.
        </p>
        <RecoveryCodes codes={state.recoveryCodes} />
        <Link href={continueHref} className={buttonClass("primary", "w-full justify-center sm:w-auto")}>
          {continueLabel}
        </Link>
      </div>
    );
  }
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <ol className="list-decimal space-y-4 pl-5 text-sm text-slate-700">
        <li>
          <p>Open an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator or 1Password) and scan this code.</p>
          <svg
            role="img"
            aria-label="QR code to add Attune to your authenticator app"
            viewBox={`0 0 ${enrolment.qr.size} ${enrolment.qr.size}`}
            shapeRendering="crispEdges"
            className="mt-3 h-44 w-44 rounded border border-slate-200 bg-white"
          >
            <rect width={enrolment.qr.size} height={enrolment.qr.size} fill="#fff" />
            <path d={enrolment.qr.path} fill="#0f172a" />
          </svg>
          <p className="mt-3">Cannot scan? Type this key into the app instead:</p>
          <p aria-label="Setup key" className="mt-1 break-all rounded bg-slate-100 px-2 py-1 font-mono text-sm text-slate-900">
            {enrolment.secretText}
          </p>
        </li>
        <li>
          <p>Type the six-digit code the app now shows for Attune.</p>
        </li>
      </ol>
      <input type="hidden" name="enrolment" value={enrolment.sealed} />
      <TextField label="Code from the app" name="code" inputMode="numeric" autoComplete="one-time-code" required maxLength={10} errors={errors?.code} />
      {askPassword ? (
        <TextField label="Your current password" name="current" type="password" autoComplete="current-password" required errors={errors?.current} />
      ) : null}
      <SubmitButton pendingLabel="Checking…">Turn on two-step sign-in</SubmitButton>
    </form>
  );
}
