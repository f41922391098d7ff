"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { FormMessage } from "./form-message";
import { OneTimeLink } from "./one-time-link";

type Action = (state: ActionResult | null, formData: FormData) => Promise<ActionResult<{ link?: string }>>;

/**
 * A small form bound to a server action (archive, unlink, revoke…): hidden fields and a button
 * as children, the action's message shown beside it. Works without JavaScript as a plain post.
 */
export function ActionForm({
  action,
  children,
  className = "",
}: {
  action: Action;
  children: React.ReactNode;
  className?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className={className}>
      {children}
      <div className="mt-2 empty:hidden">
        <FormMessage state={state} />
      </div>
      {state?.ok && "link" in state && typeof state.link === "string" ? <OneTimeLink link={state.link} /> : null}
    </form>
  );
}
