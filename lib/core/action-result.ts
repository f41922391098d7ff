import type { FieldErrors } from "./validation";

/** The one result shape of every server action: forms render `message` and `fieldErrors`. */
export type ActionResult<T extends object = object> =
  | ({ ok: true; message?: string } & T)
  | { ok: false; message: string; fieldErrors?: FieldErrors; values?: Record<string, string> };

export type FormState = ActionResult | null;

export function failure(
  message: string,
  fieldErrors?: FieldErrors,
  values?: Record<string, string>,
): { ok: false; message: string; fieldErrors?: FieldErrors; values?: Record<string, string> } {
  return { ok: false, message, fieldErrors, values };
}

/**
 * The answer when an action's argument is not the form it renders. Actions are public endpoints:
 * a hand-made request can send any value in the form's place, and reading it as a form would
 * throw a server error.
 */
export function unreadableForm(): { ok: false; message: string } {
  return { ok: false, message: "The form could not be read. Please reload the page and try again." };
}
