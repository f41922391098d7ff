import { getLocale, getTranslations } from "next-intl/server";
import { CoupleConsentForm } from "@/components/feedback/couple-consent-form";
import { NothingToShowYetMessage, ResultsPausedMessage, ResultsUnavailableMessage } from "@/components/feedback/results-messages";
import { ResultsReport } from "@/components/feedback/results-report";
import { sealResultsToken } from "@/lib/feedback/form-ref";
import { getResultsPage } from "@/lib/feedback/public-results";
import { resultsViewIn } from "@/lib/feedback/results-words";
import { coupleConsentAction } from "./actions";

export const dynamic = "force-dynamic";

/**
 * A client's own results (`/results/<token>`), read afresh on every load. proxy.ts has already
 * counted this view against the per-IP limit and set no-store; the link is the only credential.
 */
export default async function ResultsPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ token }, search] = await Promise.all([params, searchParams]);
  const page = await getResultsPage(token);
  if (page.state === "unavailable") return <ResultsUnavailableMessage />;
  if (page.state === "paused") return <ResultsPausedMessage />;
  if (page.state === "nothing_yet") return <NothingToShowYetMessage />;
  const saved = search.saved === "yes" || search.saved === "no" ? search.saved : null;
  const t = await getTranslations("results");
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("sharedBy", { clinician: page.view.clinicianName, practice: page.view.practiceName })}</p>
      </header>
      <ResultsReport view={resultsViewIn(page.view, await getLocale())} />
      {page.consent.kind === "couple" ? (
        <CoupleConsentForm
          offer={page.consent}
          clientId={page.clientId}
          sealedRef={sealResultsToken(token)}
          action={coupleConsentAction}
          saved={saved}
          clinicianName={page.view.clinicianName}
        />
      ) : null}
    </div>
  );
}
