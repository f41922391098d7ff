"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { changeName, changePassword, requestEmailChange } from "@/lib/auth/account";
import { actionWithActor } from "@/lib/auth/action";
import { getSessionState } from "@/lib/auth/session";
import { emailSchema, newPasswordSchema, requiredText } from "@/lib/core/validation";

export const changeNameAction = actionWithActor(z.object({ name: requiredText("Your name", 120) }), async ({ name }, actor) => {
  await changeName(actor, name);
  revalidatePath("/", "layout");
  return { ok: true, message: "Name saved." };
});

export const changeEmailAction = actionWithActor(z.object({ email: emailSchema }), async ({ email }, actor) => {
  await requestEmailChange(actor, email);
  return { ok: true, message: `A confirmation link is on its way to ${email}. Your sign-in email changes when you open it.` };
});

const changePasswordSchema = z
  .object({
    current: z.string({ error: "Type your current password." }).min(1, { error: "Type your current password." }).max(1024),
    password: newPasswordSchema,
    confirm: z.string({ error: "Repeat the new password." }),
  })
  .refine((input) => input.password === input.confirm, { error: "The two passwords do not match.", path: ["confirm"] });

export const changePasswordAction = actionWithActor(changePasswordSchema, async ({ current, password }, actor) => {
  const state = await getSessionState();
  if (!state) redirect("/sign-in");
  const { endedSessions } = await changePassword(actor, state.sessionId, { current, password });
  const others = endedSessions === 1 ? "1 other device was" : `${endedSessions} other devices were`;
  return { ok: true, message: `Password changed. ${endedSessions ? `${others} signed out.` : "You stay signed in here."}` };
});
