import "server-only";
import type { z } from "zod";
import { unreadableForm, type ActionResult } from "@/lib/core/action-result";
import { DomainError, ForbiddenError, NotFoundError } from "@/lib/core/errors";
import { echoValues, fieldErrorsOf, formObject } from "@/lib/core/validation";
import type { Actor } from "@/lib/core/actor-types";
import { markWrite } from "@/lib/core/read-db";
import { requireActor } from "./session";

/**
 * The one way to write a signed-in server action: authenticate, validate the form with zod,
 * then run the handler with the actor. Domain errors become a calm message (and a field error
 * where they name a field); what was typed is echoed back so the form keeps it.
 * Redirects thrown by the handler propagate.
 */
export function actionWithActor<S extends z.ZodType, R extends object = object>(
  schema: S,
  handler: (input: z.output<S>, actor: Actor, formData: FormData) => Promise<ActionResult<R>>,
) {
  return async (_previous: unknown, formData: FormData): Promise<ActionResult<R>> => {
    const actor = await requireActor();
    if (!(formData instanceof FormData)) return unreadableForm();
    const values = echoValues(formData);
    const parsed = schema.safeParse(formObject(formData));
    if (!parsed.success) {
      return { ok: false, message: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values };
    }
    try {
      return await handler(parsed.data, actor, formData);
    } catch (error) {
      if (error instanceof DomainError) {
        return {
          ok: false,
          message: error.message,
          fieldErrors: error.field ? { [error.field]: [error.message] } : undefined,
          values,
        };
      }
      if (error instanceof NotFoundError) return { ok: false, message: "That record was not found.", values };
      if (error instanceof ForbiddenError) return { ok: false, message: error.message, values };
      throw error;
    } finally {
      // The handler may have written (even when it then failed): this person's next few reads come
      // from the primary, not a replica that may not have it yet.
      await markWrite();
    }
  };
}
