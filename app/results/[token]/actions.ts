"use server";

import { redirect } from "next/navigation";
import { openResultsRef } from "@/lib/feedback/form-ref";
import { setCoupleConsent } from "@/lib/feedback/public-results";

/*
 * The results page's one action: a partner says yes to sharing with the other, or withdraws it.
 * A plain form post (it works without JavaScript; proxy.ts restores the Origin that the page's
 * no-referrer policy withholds). The form names its link only by a sealed reference; anything that
 * does not open ends on a calm page, and a form for another client's id changes nothing.
 */

const INVALID_PATH = "/results/invalid";

export async function coupleConsentAction(formData: FormData): Promise<void> {
  // Actions are public endpoints: a hand-made call can pass anything as the argument.
  if (!(formData instanceof FormData)) redirect(INVALID_PATH);
  const token = openResultsRef(formData.get("ref"));
  if (!token) redirect(INVALID_PATH);
  const page = `/results/${token}`;
  const consent = formData.get("consent");
  const clientId = formData.get("clientId");
  if ((consent !== "yes" && consent !== "no") || typeof clientId !== "string" || clientId.length > 100) redirect(page);
  const result = await setCoupleConsent(token, { clientId, consent: consent === "yes" });
  if (result === "unavailable") redirect(INVALID_PATH);
  redirect(result === "saved" ? `${page}?saved=${consent}` : page);
}
