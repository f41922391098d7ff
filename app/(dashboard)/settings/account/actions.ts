"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { changeName, changePassword, requestEmailChange } from "@/lib/auth/account";
import { actionWithActor } from "@/lib/auth/action";
import { getSessionState } from "@/lib/auth/session";
import { clientIp } from "@/lib/http/rate-limit";
import { emailSchema, newPasswordSchema, requiredText } from "@/lib/core/validation";

export const changeNameAction = actionWithActor(z.object({ name: requiredText("Your name", 120) }), async ({ name }, actor) => {
  await changeName(actor, name);
  revalidatePath("/", "layout");
  return { ok: true, message: "Name saved." };
});

/** The current password, and a code where two-step sign-in is on (lib/auth/reauth.ts). */
const reauthFields = {
  current: z.string({ error: "Type your current password." }).min(1, { error: "Type your current password." }).max(1024),
  code: z.string().trim().max(40, { error: "That is longer than any code." }).optional(),
};

export const changeEmailAction = actionWithActor(z.object({ email: emailSchema, ...reauthFields }), async ({ email, current, code }, actor) => {
  await requestEmailChange(actor, email, { current, code, ip: clientIp(await headers()) });
  return { ok: true, message: `A confirmation link is on its way to ${email}. Your sign-in email changes when you open it.` };
});

const changePasswordSchema = z
  .object({
    ...reauthFields,
    password: newPasswordSchema,
    confirm: z.string({ error: "Repeat the new password." }),
  })
  .refine((input) => input.password === input.confirm, { error: "The two passwords do not match.", path: ["confirm"] });

export const changePasswordAction = actionWithActor(changePasswordSchema, async ({ current, code, password }, actor) => {
  const state = await getSessionState();
  if (!state) redirect("/sign-in");
  const { endedSessions } = await changePassword(actor, state.sessionId, { current, code, password, ip: clientIp(await headers()) });
  const others = endedSessions === 1 ? "1 other device was" : `${endedSessions} other devices were`;
  return { ok: true, message: `Password changed. ${endedSessions ? `${others} signed out.` : "You stay signed in here."}` };
});
