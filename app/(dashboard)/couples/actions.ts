"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actionWithActor } from "@/lib/auth/action";
import { createCouple } from "@/lib/clients/clients";
import { coupleInputSchema } from "@/lib/clients/schemas";

/** Both partners and the couple in one step; on to the couple page, where sending comes first. */
export const createCoupleAction = actionWithActor(coupleInputSchema, async (input, actor) => {
  const { coupleId } = await createCouple(actor, input);
  revalidatePath("/clients");
  redirect(`/couples/${coupleId}`);
});
