import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { CrisisMessage } from "@/components/assessment/crisis-message";
import { InvalidLinkMessage, ThankYouMessage } from "@/components/assessment/link-message";
import { ResultsReport } from "@/components/feedback/results-report";
import { getResultsAfterQuestionnaire } from "@/lib/feedback/public-results";
import { getThankYouView } from "@/lib/invitations/public";
import { resultsViewIn } from "@/lib/feedback/results-words";
import { resolveLink } from "../resolve-link";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ token: string }> }): Promise<Metadata> {
  const [link, t] = await Promise.all([resolveLink((await params).token), getTranslations("titles")]);
  return { title: { absolute: link.kind === "completed" ? t("thanks") : t("questionnaire") } };
}

/** Where a completed questionnaire lands. Only a completed link thanks; an open one goes back to its questions. */
export default async function QuestionnaireDonePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await resolveLink(token);
  if (link.kind === "open") redirect(`/a/${token}`);
  if (link.kind === "invalid") return <InvalidLinkMessage />;
  const [thanks, results] = await Promise.all([getThankYouView(token), getResultsAfterQuestionnaire(token)]);
  return (
    <div className="space-y-6">
      {/* After a critical answer, where to get help comes before anything else. */}
      {thanks?.help ? <CrisisMessage text={thanks.help} /> : null}
      <ThankYouMessage sentTo={thanks?.sentTo} help={Boolean(thanks?.help)} />
      {/* Only when the clinician shares results with this client, and only just after completing. */}
      {results ? <ResultsReport view={resultsViewIn(results, await getLocale())} /> : null}
    </div>
  );
}
