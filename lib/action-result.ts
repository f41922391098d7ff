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
