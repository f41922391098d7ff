import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { InvalidLinkMessage, ThankYouMessage } from "@/components/assessment/link-message";
import { getThankYouView } from "@/lib/invitations/public";
import { resolveLink } from "../resolve-link";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ token: string }> }): Promise<Metadata> {
  const link = await resolveLink((await params).token);
  return { title: { absolute: link.kind === "completed" ? "Thank you" : "Questionnaire" } };
}

/** Where a completed questionnaire lands. Only a completed link thanks; an open one goes back to its questions. */
export default async function QuestionnaireDonePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await resolveLink(token);
  if (link.kind === "open") redirect(`/a/${token}`);
  if (link.kind === "invalid") return <InvalidLinkMessage />;
  return <ThankYouMessage sentTo={await getThankYouView(token)} />;
}
