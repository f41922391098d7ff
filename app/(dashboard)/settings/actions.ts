"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { CRISIS_TEXT_MAX } from "@/lib/alerts/crisis";
import { actionWithActor } from "@/lib/auth/action";
import { signOut } from "@/lib/auth/config";
import { signOutEverywhere } from "@/lib/auth/session-store";
import { EXPIRY_DAYS } from "@/lib/invitations/invitations";
import { updatePracticeSettings } from "@/lib/practices/practices";
import { isPlainText, PLAIN_TEXT_ERROR, requiredText } from "@/lib/core/validation";
import { languageField } from "@/lib/clients/schemas";

/** Ends every session of the signed-in user, on every device, this one included. */
export const signOutEverywhereAction = actionWithActor(z.object({}), async (_input, actor) => {
  await signOutEverywhere(actor);
  // This device's cookie goes too; its session row is already ended.
  await signOut({ redirectTo: "/sign-in" });
  return { ok: true };
});

const practiceSettingsSchema = z.object({
  name: requiredText("Practice name", 120),
  // Checked against the runtime's list in lib/practices/practices.ts, where the stored zone is known.
  timeZone: z.string({ error: "Time zone is required." }).trim().min(1, { error: "Time zone is required." }).max(100, { error: "Choose a time zone from the list." }),
  defaultLinkExpiryDays: z.coerce
    .number({ error: `Choose ${EXPIRY_DAYS.min} to ${EXPIRY_DAYS.max} days.` })
    .int({ error: "Use a whole number of days." })
    .min(EXPIRY_DAYS.min, { error: `Choose ${EXPIRY_DAYS.min} to ${EXPIRY_DAYS.max} days.` })
    .max(EXPIRY_DAYS.max, { error: `Choose ${EXPIRY_DAYS.min} to ${EXPIRY_DAYS.max} days.` }),
  emailSenderName: z
    .string()
    .trim()
    .max(80, { error: "Sender name must be at most 80 characters." })
    .refine(isPlainText, { error: PLAIN_TEXT_ERROR })
    .optional()
    .transform((value) => value || null),
  requireTwoStep: z
    .literal("on")
    .optional()
    .transform((value) => value === "on"),
  // Browsers post a textarea's line breaks as CRLF: counted as one, as the field's maxlength counts them.
  crisisText: z
    .string()
    .optional()
    .transform((value) => (value ?? "").replace(/\r\n?/g, "\n").trim())
    .refine((value) => value.length <= CRISIS_TEXT_MAX, { error: `Keep the crisis information to ${CRISIS_TEXT_MAX} characters or fewer.` })
    .refine(isPlainText, { error: PLAIN_TEXT_ERROR })
    .transform((value) => value || null),
  language: languageField,
});

export const updatePracticeSettingsAction = actionWithActor(practiceSettingsSchema, async (input, actor) => {
  const { changed } = await updatePracticeSettings(actor, input);
  revalidatePath("/", "layout");
  return { ok: true, message: changed.length ? "Practice settings saved." : "Nothing to change: the settings were already so." };
});
