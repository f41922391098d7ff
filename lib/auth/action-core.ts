import "server-only";
import type { z } from "zod";
import { log } from "@/config/log";
import { getDb } from "@/db/client";
import { unreadableForm, type ActionResult } from "@/lib/core/action-result";
import { recordAudit } from "@/lib/core/audit";
import { DomainError, ForbiddenError, NotFoundError } from "@/lib/core/errors";
import { echoValues, fieldErrorsOf, formObject } from "@/lib/core/validation";
import type { Actor } from "@/lib/core/actor-types";

const ID_FIELD = /^(id|[A-Za-z]+Id)$/;
const MAX_ID_LENGTH = 100;

/**
 * The ids a refused action named (fields called `id` or `somethingId`), for the audit row: what
 * was tried on what. Only those fields, and cut short: the form's other text is not kept. Hostile
 * text is kept storable — control characters (NUL, which jsonb refuses) become U+FFFD, and so do
 * lone surrogates — so a refusal is recorded whatever was sent.
 */
export function idsNamed(input: Record<string, unknown>): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (ID_FIELD.test(key) && typeof value === "string") {
      ids[key] = value.slice(0, MAX_ID_LENGTH).toWellFormed().replace(/[\u0000-\u001f\u007f]/g, "\uFFFD");
    }
  }
  return ids;
}

/**
 * Audits a refused action (not found: another practice's or caseload's record, or none; forbidden:
 * not the actor's role). Its own write after the handler's transaction rolled back, so the row
 * stays; a failure to write is logged, never shown.
 */
async function recordRefusedAction(actor: Actor, error: NotFoundError | ForbiddenError, input: Record<string, unknown>) {
  try {
    const db = await getDb();
    await recordAudit(db, actor, {
      action: "action.refused",
      subjectType: "action",
      subjectId: null,
      clientId: null,
      details: { refusal: error instanceof NotFoundError ? "not_found" : "forbidden", what: error.message.slice(0, 200), ids: idsNamed(input) },
    });
  } catch (auditError) {
    log.error({ module: "audit", err: auditError }, "could not record a refused action");
  }
}

/**
 * The body of every signed-in server action (lib/auth/action.ts adds the session): validate the
 * form with zod, run the handler with the actor, turn domain errors into a calm message (and a
 * field error where they name a field), echo what was typed. A refusal — not found or forbidden —
 * is audited here, in one place, so no action can forget it. Redirects thrown by the handler propagate.
 */
export async function runActorAction<S extends z.ZodType, R extends object>(
  actor: Actor,
  schema: S,
  handler: (input: z.output<S>, actor: Actor, formData: FormData) => Promise<ActionResult<R>>,
  formData: unknown,
): Promise<ActionResult<R>> {
  if (!(formData instanceof FormData)) return unreadableForm();
  const values = echoValues(formData);
  const raw = formObject(formData);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, message: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values };
  }
  try {
    return await handler(parsed.data, actor, formData);
  } catch (error) {
    if (error instanceof DomainError) {
      return { ok: false, message: error.message, fieldErrors: error.field ? { [error.field]: [error.message] } : undefined, values };
    }
    if (error instanceof NotFoundError || error instanceof ForbiddenError) {
      await recordRefusedAction(actor, error, raw as Record<string, unknown>);
      return { ok: false, message: error instanceof NotFoundError ? "That record was not found." : error.message, values };
    }
    throw error;
  }
}
