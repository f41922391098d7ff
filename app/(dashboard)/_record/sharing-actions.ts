"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionWithActor } from "@/lib/auth/action";
import { isEmailDeliveryConfigured } from "@/lib/core/outbox";
import { createResultLink, RESULT_LINK_DAYS, revokeResultLink, setCoupleWithheld, setResultsShared } from "@/lib/feedback/sharing";

const DAYS_ERROR = `Enter a whole number of days from ${RESULT_LINK_DAYS.min} to ${RESULT_LINK_DAYS.max}.`;

const clientId = z.string().min(1).max(100);
const onOff = z.enum(["on", "off"], { error: "Choose on or off." });

const sharedSchema = z.object({ clientId, shared: onOff });
const withheldSchema = z.object({ clientId, withheld: onOff });
const createLinkSchema = z.object({
  clientId,
  // A checkbox posts "on" when ticked and nothing otherwise.
  email: z.preprocess((value) => value === "on", z.boolean()),
  expiresInDays: z.coerce
    .number({ error: DAYS_ERROR })
    .int({ error: DAYS_ERROR })
    .min(RESULT_LINK_DAYS.min, { error: DAYS_ERROR })
    .max(RESULT_LINK_DAYS.max, { error: DAYS_ERROR }),
});
const linkIdSchema = z.object({ linkId: z.string().min(1).max(100) });

function revalidateClientPages() {
  revalidatePath("/clients/[id]", "layout");
}

export const setResultsSharedAction = actionWithActor(sharedSchema, async (input, actor) => {
  await setResultsShared(actor, input.clientId, input.shared === "on");
  revalidateClientPages();
  return {
    ok: true,
    message: input.shared === "on" ? "Results are shared: the client sees them from their next page load." : "Sharing is off: the client's results page shows nothing from its next load.",
  };
});

export const setCoupleWithheldAction = actionWithActor(withheldSchema, async (input, actor) => {
  await setCoupleWithheld(actor, input.clientId, input.withheld === "on");
  revalidateClientPages();
  return {
    ok: true,
    message: input.withheld === "on" ? "The couple view is withheld: neither partner sees the other's results." : "The couple view is allowed again, for partners who have both said yes.",
  };
});

export const createResultLinkAction = actionWithActor(createLinkSchema, async (input, actor) => {
  const made = await createResultLink(actor, { clientId: input.clientId, expiresInDays: input.expiresInDays, email: input.email });
  revalidateClientPages();
  const emailed = made.email
    ? isEmailDeliveryConfigured()
      ? `An email with the link is queued for delivery to ${made.email}.`
      : "Email is not set up at this practice, so no email was sent: copy the link below to share it."
    : "Copy the link below to share it.";
  return { ok: true, message: `New results link made; any earlier link no longer works. ${emailed}`, link: made.link };
});

export const revokeResultLinkAction = actionWithActor(linkIdSchema, async ({ linkId }, actor) => {
  await revokeResultLink(actor, linkId);
  revalidateClientPages();
  return { ok: true, message: "Link revoked. It no longer opens the results." };
});
