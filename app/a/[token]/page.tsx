import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { QuestionnaireIntro } from "@/components/assessment/intro";
import { CrisisMessage } from "@/components/assessment/crisis-message";
import { AlreadyCompletedMessage, InvalidLinkMessage } from "@/components/assessment/link-message";
import { QuestionnaireHeader } from "@/components/assessment/questionnaire-header";
import { QuestionnaireReview } from "@/components/assessment/review";
import { StepForm } from "@/components/assessment/step-form";
import {
  countAnswered,
  firstIncompleteStep,
  missingByInstrument,
  parseStep,
  requiredItems,
  sittingInstruments,
  sittingParts,
} from "@/components/assessment/steps";
import { sealInvitationToken } from "@/lib/invitations/form-ref";
import { getThankYouView } from "@/lib/invitations/public";
import { autosaveAnswersAction, saveAnswersAction } from "./actions";
import { resolveLink } from "./resolve-link";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ token }, search] = await Promise.all([params, searchParams]);
  const [link, t] = await Promise.all([resolveLink(token), getTranslations("titles")]);
  if (link.kind === "invalid") return { title: { absolute: t("invalid") } };
  if (link.kind === "completed") return { title: { absolute: t("completed") } };
  const total = sittingParts(link.view.instruments).length;
  const step = parseStep(search.step, total);
  if (step === "review") return { title: { absolute: t("review") } };
  if (step !== null) return { title: { absolute: t("part", { step, total }) } };
  return { title: { absolute: t("questionnaire") } };
}

export default async function ClientQuestionnairePage({ params, searchParams }: Props) {
  const [{ token }, search] = await Promise.all([params, searchParams]);
  const link = await resolveLink(token);
  if (link.kind === "invalid") return <InvalidLinkMessage />;
  if (link.kind === "completed") {
    // After a critical answer the help stays wherever the used link leads (it names nobody).
    const thanks = await getThankYouView(token);
    return (
      <div className="space-y-6">
        {thanks?.help ? <CrisisMessage text={thanks.help} /> : null}
        <AlreadyCompletedMessage help={Boolean(thanks?.help)} />
      </div>
    );
  }

  const { instruments, practiceName, clinicianName, draft, help } = link.view;
  const t = await getTranslations("questionnaire");
  const helpNote = (await getTranslations("crisis"))("draftNote", { clinician: clinicianName, practice: practiceName });
  // After a critical answer was saved, where to get help comes first on every part of the questionnaire.
  const helpBox = help ? <CrisisMessage text={help} note={helpNote} className="mb-6" /> : null;
  const steps = sittingParts(instruments);
  const shown = sittingInstruments(instruments, { profileStem: t("profileStem") });
  const step = parseStep(search.step, steps.length);
  const header = <QuestionnaireHeader practiceName={practiceName} clinicianName={clinicianName} />;

  if (step === null) {
    return (
      <>
        {header}
        {helpBox}
        <QuestionnaireIntro
          instruments={shown}
          practiceName={practiceName}
          clinicianName={clinicianName}
          totalSteps={steps.length}
          totalItems={requiredItems(steps).length}
          answered={countAnswered(steps, draft)}
          resumeStep={firstIncompleteStep(steps, draft)}
        />
      </>
    );
  }

  const sealedRef = sealInvitationToken(token);
  // A save that found the link's row held elsewhere for too long (issue 24, item 10): nothing was lost but this part.
  const busyNotice =
    search.notice === "busy" ? (
      <p role="alert" className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
        We could not save this part just now. Please check your answers and try again in a moment.
      </p>
    ) : null;

  if (step === "review") {
    const missing = missingByInstrument(steps, draft).map(({ instrument, items }) => ({ title: shown[instrument]!.title, items }));
    return (
      <>
        {header}
        {helpBox}
        {busyNotice}
        <QuestionnaireReview
          action={saveAnswersAction}
          sealedRef={sealedRef}
          missing={missing}
          totalItems={requiredItems(steps).length}
          noun={shown.length === 1 ? shown[0]!.noun : "question"}
          several={shown.length > 1}
        />
      </>
    );
  }

  return (
    <>
      {header}
      <StepForm
        key={step}
        action={saveAnswersAction}
        autosave={autosaveAnswersAction}
        sealedRef={sealedRef}
        steps={steps}
        instruments={shown}
        initialStep={step}
        draft={draft}
        initialFlag={search.missing === "1" ? "review" : search.unanswered === "1" ? "left" : null}
        help={help}
        helpNote={helpNote}
        notice={
          search.notice === "unreadable" ? (
            <p role="alert" className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
              {t("unreadable")}
            </p>
          ) : (
            busyNotice
          )
        }
      />
      <p className="mt-6 text-sm leading-relaxed text-slate-600">{t("savedAsYouGo")}</p>
    </>
  );
}
