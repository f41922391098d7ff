"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionWithActor } from "@/lib/auth/action";
import { signOut } from "@/lib/auth/config";
import { isEmailDeliveryConfigured } from "@/lib/core/outbox";
import { formatDateTime } from "@/lib/core/format";
import { recordHandOver, resendInvitation, revokeInvitation, sendQuestionnaires } from "@/lib/invitations/invitations";
import { linkCarries } from "@/lib/invitations/send-safety";
import { qrCodeSvg, type QrCodeSvg } from "@/lib/core/qr-code";
import { isWellFormedToken } from "@/lib/core/tokens";
import { checkboxListSchema } from "@/lib/core/validation";

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
  // The questionnaires' keys (a group of checkboxes); lib/ refuses an empty or unknown choice beside the group.
  instruments: checkboxListSchema,
  // Made when the form was drawn: a second submit of the same form finds the first send.
  requestKey: z.uuid({ error: "This form is out of date. Reload the page to send." }),
  // The "Send another link anyway" button, after being told the same links are open.
  confirmRepeat: z.preprocess((value) => value === "yes", z.boolean()),
});

const invitationIdSchema = z.object({ invitationId: z.string().min(1).max(100) });

// Only ever a questionnaire link's token: the action sends the browser nowhere else.
const openHereSchema = z.object({ token: z.string().refine(isWellFormedToken) });

/** A new link as the send form shows it once: to copy, to scan in the room, or to open here. */
export type SentLink = { name: string; email: string; link: string; token: string; qrCode: QrCodeSvg; carries: string };

function revalidateClientPages() {
  revalidatePath("/clients");
  revalidatePath("/clients/[id]", "layout");
  revalidatePath("/couples/[id]", "layout");
}

function joinEmails(emails: string[]): string {
  return emails.length <= 1 ? (emails[0] ?? "") : `${emails.slice(0, -1).join(", ")} and ${emails.at(-1)}`;
}

// Say what happened, not what we hope: without an SMTP server the email only waits in the outbox.
const EMAIL_NOT_SET_UP = "Email is not set up at this practice, so no email was sent.";

export const createInvitationsAction = actionWithActor(createInvitationsSchema, async (input, actor) => {
  const { sent, replayed } = await sendQuestionnaires(actor, input);
  revalidateClientPages();
  if (replayed) {
    // A second submit of the same form (a double click, a reload that posts again): nothing new was made.
    const when = formatDateTime(replayed.firstSentAt, actor.practiceTimeZone);
    const links = replayed.links ?? [];
    return {
      ok: true,
      message: links.length
        ? `This form was already sent (${when}): no new links were made. These are the links it made.`
        : `This form was already sent (${when}): no new links were made. Its links were shown then and are not shown again; resend one from the Assessment links tab if needed.`,
      emailSent: isEmailDeliveryConfigured(),
      links: links.map(sentLink),
    };
  }
  const emails = joinEmails(sent.map((s) => s.email));
  const links = sent.length === 1 ? "the link below" : "the links below";
  return {
    ok: true,
    message: isEmailDeliveryConfigured()
      ? `Email queued for delivery to ${emails}. You can also share ${links} yourself.`
      : `${EMAIL_NOT_SET_UP} Share ${links} yourself: copy ${sent.length === 1 ? "it" : "them"}, let the client scan the QR code, or open the questionnaire on this device.`,
    emailSent: isEmailDeliveryConfigured(),
    links: sent.map(sentLink),
  };
});

function sentLink(s: { clientName: string; email: string; link: string; instruments: Parameters<typeof linkCarries>[0] }): SentLink {
  return { name: s.clientName, email: s.email, link: s.link, token: tokenOfLink(s.link), qrCode: qrCodeSvg(s.link), carries: linkCarries(s.instruments) };
}

export const resendInvitationAction = actionWithActor(invitationIdSchema, async ({ invitationId }, actor) => {
  const sent = await resendInvitation(actor, invitationId);
  revalidateClientPages();
  return {
    ok: true,
    message: isEmailDeliveryConfigured()
      ? `An email with a new link is queued for delivery to ${sent.email}. The previous link no longer works.`
      : `A new link is ready below; the previous link no longer works. ${EMAIL_NOT_SET_UP} Share it yourself: copy it, let the client scan the QR code, or open it on this device.`,
    sent: sentLink(sent),
  };
});

export const revokeInvitationAction = actionWithActor(invitationIdSchema, async ({ invitationId }, actor) => {
  await revokeInvitation(actor, invitationId);
  revalidateClientPages();
  return { ok: true, message: "Link revoked. It no longer opens the questionnaire." };
});

/**
 * Hands this device to the client: signs the clinician out of this browser, then opens the
 * questionnaire. Signing out first means no back button, history entry or edited URL can lead the
 * client into the dashboard (see docs/decisions/0011-handing-over-a-device.md).
 */
export const openQuestionnaireHereAction = actionWithActor(openHereSchema, async ({ token }, actor) => {
  await recordHandOver(actor, token);
  await signOut({ redirectTo: `/a/${token}` });
  // signOut redirects by throwing; this line is never reached.
  return { ok: true };
});

function tokenOfLink(link: string): string {
  return new URL(link).pathname.split("/").at(-1) ?? "";
}
