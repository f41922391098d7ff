"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/core/action-result";
import { QuestionnaireLink } from "./questionnaire-link";

/** The new link a resend makes, as the send form shows its links: to copy, scan or open here. */
export type ResentLink = { name: string; link: string; token: string; qrCode: { size: number; path: string }; carries: string };
export type ResendAction = (state: ActionResult | null, formData: FormData) => Promise<ActionResult<{ sent?: ResentLink }>>;
type OpenHereAction = React.ComponentProps<typeof QuestionnaireLink>["openHereAction"];

/**
 * "Resend…" on a link's row (issue 23): a deliberate second click (a <details>, no JavaScript
 * needed), then the new link with what it carries, its QR code and "open here" — the same block
 * the send form shows — on the full width under the row. `children`: the row's other controls
 * (revoke), kept beside "Resend…".
 */
export function ResendLink({
  invitationId,
  name,
  action,
  openHereAction,
  children,
}: {
  invitationId: string;
  name: string;
  action: ResendAction;
  openHereAction: OpenHereAction;
  children?: React.ReactNode;
}) {
  const [state, formAction] = useActionState(action, null);
  const sent = state?.ok ? state.sent : undefined;
  return (
    <>
      <div className="flex flex-wrap items-start gap-2 lg:max-w-xs lg:shrink-0 lg:justify-end">
        <details open={state && !state.ok ? true : undefined} className="group w-full rounded-md border border-slate-200 sm:w-auto sm:max-w-xs [&[open]]:bg-slate-50 [&[open]]:p-3">
          <summary className="cursor-pointer list-none rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 group-open:mb-2 group-open:px-0 group-open:py-0 group-open:hover:bg-transparent">
            Resend…
          </summary>
          <form action={formAction}>
            <input type="hidden" name="invitationId" value={invitationId} />
            <p className="mb-2 text-xs text-slate-600">
              A new link replaces the current one, which stops working. The expiry starts again. Answers already given are kept.
            </p>
            <SubmitButton variant="secondary" pendingLabel="Sending…">
              Resend to {name}
            </SubmitButton>
          </form>
          {state && !state.ok ? (
            <div className="mt-2">
              <FormMessage state={state} />
            </div>
          ) : null}
        </details>
        {children}
      </div>
      {sent ? (
        <div className="space-y-2 lg:basis-full">
          <div role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            {state?.message}
          </div>
          <QuestionnaireLink name={sent.name} carries={sent.carries} link={sent.link} token={sent.token} qrCode={sent.qrCode} openHereAction={openHereAction} otherLinks={0} />
        </div>
      ) : null}
    </>
  );
}
