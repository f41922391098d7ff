"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { actionWithActor } from "@/lib/auth/action";
import { resetTwoStep } from "@/lib/auth/two-step";
import { reassignAllClients } from "@/lib/clients/clients";
import { isEmailDeliveryConfigured } from "@/lib/core/outbox";
import { addClinician, resendSetPasswordLink, setUserActive, unlockSignIn } from "@/lib/team/team";
import { clientIp } from "@/lib/http/rate-limit";
import { emailSchema, requiredText } from "@/lib/core/validation";

const userIdSchema = z.object({ userId: z.string().min(1).max(100) });

export const addClinicianAction = actionWithActor(
  z.object({ name: requiredText("Name", 120), email: emailSchema }),
  async (input, actor) => {
    await addClinician(actor, input);
    revalidatePath("/settings/team");
    // The same words whether or not the address already has an account elsewhere (lib/team/team.ts).
    const delivery = isEmailDeliveryConfigured()
      ? ""
      : " This server sends no email, so use “New set-password link” in the team list to get a link to give them.";
    return {
      ok: true,
      message: `An invitation is on its way to ${input.email}. If they can join, it has a link to choose a password, valid for 72 hours.${delivery}`,
    };
  },
);

export const resendSetPasswordAction = actionWithActor(userIdSchema, async ({ userId }, actor) => {
  const { link } = await resendSetPasswordLink(actor, userId);
  revalidatePath("/settings/team");
  return { ok: true, message: "A new set-password link was made; earlier links no longer work.", link };
});

export const deactivateUserAction = actionWithActor(userIdSchema, async ({ userId }, actor) => {
  await setUserActive(actor, userId, false);
  revalidatePath("/settings/team");
  return { ok: true, message: "Deactivated. They lose access at once and are signed out on every device." };
});

export const reactivateUserAction = actionWithActor(userIdSchema, async ({ userId }, actor) => {
  await setUserActive(actor, userId, true);
  revalidatePath("/settings/team");
  return { ok: true, message: "Reactivated." };
});

export const unlockSignInAction = actionWithActor(userIdSchema, async ({ userId }, actor) => {
  await unlockSignIn(actor, userId);
  revalidatePath("/settings/team");
  return { ok: true, message: "Unlocked. They can sign in again now." };
});

/** A member who lost their phone and their recovery codes: their second step is turned off (audited). */
export const resetTwoStepAction = actionWithActor(
  userIdSchema.extend({
    current: z.string({ error: "Type your own password." }).min(1, { error: "Type your own password." }).max(1024),
    code: z.string().trim().max(40, { error: "That is longer than any code." }).optional(),
  }),
  async ({ userId, current, code }, actor) => {
  await resetTwoStep(actor, userId, { current, code, ip: clientIp(await headers()) });
  revalidatePath("/settings/team");
  return { ok: true, message: "Two-step sign-in was reset. They sign in with their password, and set it up again." };
  },
);

export const reassignAllAction = actionWithActor(
  userIdSchema.extend({ toClinicianId: z.string({ error: "Choose a clinician." }).min(1, { error: "Choose a clinician." }).max(100) }),
  async ({ userId, toClinicianId }, actor) => {
    const moved = await reassignAllClients(actor, userId, toClinicianId);
    revalidatePath("/settings/team");
    revalidatePath("/clients");
    return { ok: true, message: moved ? `${moved} client${moved === 1 ? "" : "s"} reassigned.` : "No clients to reassign." };
  },
);
