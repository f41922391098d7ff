"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionWithActor } from "@/lib/auth/action";
import { addNewPartner, createClient, linkPartners, setClientArchived, unlinkPartner, updateClient } from "@/lib/clients/clients";
import { clientInputSchema, newPartnerSchema } from "@/lib/clients/schemas";

const clientIdSchema = z.object({ clientId: z.string().min(1).max(100) });

export const createClientAction = actionWithActor(clientInputSchema, async (input, actor) => {
  const { id } = await createClient(actor, input);
  revalidatePath("/clients");
  redirect(`/clients/${id}`);
});

export const updateClientAction = actionWithActor(clientInputSchema.extend(clientIdSchema.shape), async (input, actor) => {
  await updateClient(actor, input.clientId, input);
  revalidatePath("/clients");
  revalidatePath(`/clients/${input.clientId}`, "layout");
  redirect(`/clients/${input.clientId}`);
});

export const archiveClientAction = actionWithActor(clientIdSchema, async ({ clientId }, actor) => {
  await setClientArchived(actor, clientId, true);
  revalidatePath("/clients");
  revalidatePath(`/clients/${clientId}`, "layout");
  return { ok: true, message: "Client archived. Their record and history are kept; restore them at any time." };
});

export const restoreClientAction = actionWithActor(clientIdSchema, async ({ clientId }, actor) => {
  await setClientArchived(actor, clientId, false);
  revalidatePath("/clients");
  revalidatePath(`/clients/${clientId}`, "layout");
  return { ok: true, message: "Client restored to the active caseload." };
});

export const linkPartnerAction = actionWithActor(
  clientIdSchema.extend({ partnerId: z.string({ error: "Choose a partner." }).min(1, { error: "Choose a partner." }).max(100) }),
  async ({ clientId, partnerId }, actor) => {
    const { coupleId } = await linkPartners(actor, clientId, partnerId);
    revalidatePath("/clients");
    redirect(`/couples/${coupleId}`);
  },
);

export const unlinkPartnerAction = actionWithActor(clientIdSchema, async ({ clientId }, actor) => {
  await unlinkPartner(actor, clientId);
  revalidatePath("/clients");
  revalidatePath(`/clients/${clientId}`, "layout");
  return { ok: true, message: "Partners unlinked. Their past assessments are kept." };
});

/** A new client made as this client's partner and linked at once; then the couple's page. */
export const addPartnerAction = actionWithActor(newPartnerSchema.extend(clientIdSchema.shape), async (input, actor) => {
  const { coupleId } = await addNewPartner(actor, input.clientId, input);
  revalidatePath("/clients");
  revalidatePath(`/clients/${input.clientId}`, "layout");
  redirect(`/couples/${coupleId}`);
});
