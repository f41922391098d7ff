"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actionWithActor } from "@/lib/auth/action";
import { createPlan, setPlanStatus, updatePlan } from "@/lib/plans/plans";
import { createPlanSchema, planIdSchema, updatePlanSchema } from "@/lib/plans/schemas";
import { uuidSchema } from "@/lib/core/validation";

function revalidatePlanPages() {
  revalidatePath("/clients");
  revalidatePath("/clients/[id]", "layout");
  revalidatePath("/couples/[id]", "layout");
  revalidatePath("/overview");
}

/**
 * Back to the plans tab the form was on: the couple's (`coupleId`) or the client's. The ids only
 * choose the page; lib/ checks access.
 */
function plansTabOf(clientId: unknown, coupleId?: unknown): string {
  if (typeof coupleId === "string" && uuidSchema.safeParse(coupleId).success) return `/couples/${coupleId}/plan`;
  return typeof clientId === "string" && uuidSchema.safeParse(clientId).success ? `/clients/${clientId}/plan` : "/clients";
}

export const createPlanAction = actionWithActor(createPlanSchema, async (input, actor) => {
  await createPlan(actor, input);
  revalidatePlanPages();
  redirect(plansTabOf(input.clientId, input.coupleId));
});

export const updatePlanAction = actionWithActor(updatePlanSchema, async (input, actor, formData) => {
  await updatePlan(actor, input.planId, input);
  revalidatePlanPages();
  redirect(plansTabOf(formData.get("clientId"), input.coupleId));
});

export const pausePlanAction = actionWithActor(planIdSchema, async ({ planId }, actor) => {
  await setPlanStatus(actor, planId, "paused");
  revalidatePlanPages();
  return { ok: true, message: "Plan paused: nothing is sent until you resume it." };
});

export const resumePlanAction = actionWithActor(planIdSchema, async ({ planId }, actor) => {
  await setPlanStatus(actor, planId, "active");
  revalidatePlanPages();
  return { ok: true, message: "Plan resumed." };
});

export const endPlanAction = actionWithActor(planIdSchema, async ({ planId }, actor) => {
  await setPlanStatus(actor, planId, "ended");
  revalidatePlanPages();
  return { ok: true, message: "Plan ended. Links already sent still work until they expire." };
});
