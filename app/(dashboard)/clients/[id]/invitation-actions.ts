"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionWithActor } from "@/lib/auth/action";
import { createInvitations, resendInvitation, revokeInvitation } from "@/lib/invitations/invitations";

const EXPIRY_ERROR = "Enter a whole number of days from 1 to 60.";

const createInvitationsSchema = z.object({
  clientId: z.string().min(1).max(100),
  // A checkbox posts "on" when ticked and nothing otherwise.
  includePartner: z.preprocess((value) => value === "on" || value === "true", z.boolean()),
  expiresInDays: z.coerce
    .number({ error: EXPIRY_ERROR })
    .int({ error: EXPIRY_ERROR })
    .min(1, { error: EXPIRY_ERROR })
    .max(60, { error: EXPIRY_ERROR }),
});

const invitationIdSchema = z.object({ invitationId: z.string().min(1).max(100) });

export type SentLink = { name: string; email: string; link: string };

function revalidateClientPages() {
  revalidatePath("/clients");
  revalidatePath("/clients/[id]", "page");
  revalidatePath("/couples/[id]", "page");
}

function joinEmails(emails: string[]): string {
  return emails.length <= 1 ? (emails[0] ?? "") : `${emails.slice(0, -1).join(", ")} and ${emails.at(-1)}`;
}

export const createInvitationsAction = actionWithActor(createInvitationsSchema, async (input, actor) => {
  const sent = await createInvitations(actor, input);
  revalidateClientPages();
  return {
    ok: true,
    message: `An email is on its way to ${joinEmails(sent.map((s) => s.email))}.`,
    links: sent.map((s): SentLink => ({ name: s.clientName, email: s.email, link: s.link })),
  };
});

export const resendInvitationAction = actionWithActor(invitationIdSchema, async ({ invitationId }, actor) => {
  const sent = await resendInvitation(actor, invitationId);
  revalidateClientPages();
  return {
    ok: true,
    message: `An email with a new link is on its way to ${sent.email}. The previous link no longer works.`,
    link: sent.link,
  };
});

export const revokeInvitationAction = actionWithActor(invitationIdSchema, async ({ invitationId }, actor) => {
  await revokeInvitation(actor, invitationId);
  revalidateClientPages();
  return { ok: true, message: "Link revoked. It no longer opens the questionnaire." };
});
