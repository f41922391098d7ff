"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { ACKNOWLEDGEMENT_NOTE_MAX, acknowledgeAlert, NOTE_REQUIRED } from "@/lib/alerts/alerts";
import { actionWithActor } from "@/lib/auth/action";
import { isPlainText, PLAIN_TEXT_ERROR } from "@/lib/core/validation";

const acknowledgeAlertSchema = z.object({
  alertId: z.string({ error: "That alert was not found." }).max(100, { error: "That alert was not found." }),
  // Browsers post a textarea's line breaks as CRLF: counted as one, as the field's maxlength counts them.
  note: z.preprocess(
    (value) => (typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value),
    z
      .string({ error: NOTE_REQUIRED })
      .trim()
      .min(1, { error: NOTE_REQUIRED })
      .max(ACKNOWLEDGEMENT_NOTE_MAX, { error: `Keep the note to ${ACKNOWLEDGEMENT_NOTE_MAX} characters or fewer.` })
      .refine(isPlainText, { error: PLAIN_TEXT_ERROR }),
  ),
  // Acknowledged from the couple's page: back there. Only ever a couple page's own path.
  returnTo: z
    .string()
    .regex(/^\/couples\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    .optional(),
});

/** Clears a critical answer's alert with the clinician's note; back to the client's page, which says so (or to the couple's page it came from). */
export const acknowledgeAlertAction = actionWithActor(acknowledgeAlertSchema, async ({ alertId, note, returnTo }, actor) => {
  const { clientId } = await acknowledgeAlert(actor, { alertId, note });
  revalidatePath("/clients");
  revalidatePath(`/clients/${clientId}`, "layout");
  revalidatePath("/couples/[id]", "layout");
  revalidatePath("/overview");
  redirect(returnTo ?? `/clients/${clientId}?alert=acknowledged`);
});
