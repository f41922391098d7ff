"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/core/action-result";
import { buttonClass } from "./button";
import { FormMessage } from "./form-message";
import { OneTimeLink } from "./one-time-link";

type Action = (state: ActionResult | null, formData: FormData) => Promise<ActionResult<{ link?: string }>>;

/** A step before a change that is hard to take back: the first button only opens the question. */
export type Confirmation = {
  /** The first button's text, e.g. "Archive". */
  label: React.ReactNode;
  /** What will happen, said before the confirming button. */
  question: React.ReactNode;
  variant?: "secondary" | "danger";
};

/**
 * A small form bound to a server action (archive, unlink, revoke…): hidden fields and a button
 * as children, the action's message shown beside it. Works without JavaScript as a plain post.
 * With `confirm`, the children sit behind a disclosure (<details>) whose summary is the first
 * button, so the confirming step works without JavaScript too; the form, and so the message,
 * stays the same element whether or not a confirmation is asked for.
 */
export function ActionForm({
  action,
  children,
  className = "",
  confirm,
}: {
  action: Action;
  children: React.ReactNode;
  className?: string;
  confirm?: Confirmation;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className={className}>
      {confirm ? (
        <details className="group relative">
          <summary className={`${buttonClass(confirm.variant ?? "secondary")} cursor-pointer list-none [&::-webkit-details-marker]:hidden`}>
            {confirm.label}
          </summary>
          <div className="mt-2 w-full max-w-sm rounded-md border border-slate-200 bg-white p-3 text-sm text-slate-700 shadow-md sm:absolute sm:right-0 sm:z-10 sm:w-80">
            <div>{confirm.question}</div>
            <div className="mt-3 flex flex-wrap gap-2">{children}</div>
          </div>
        </details>
      ) : (
        children
      )}
      <div className="mt-2 empty:hidden">
        <FormMessage state={state} />
      </div>
      {state?.ok && "link" in state && typeof state.link === "string" ? <OneTimeLink link={state.link} /> : null}
    </form>
  );
}
