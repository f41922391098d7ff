import { useTranslations } from "next-intl";

/** Who is asking, shown only once the link has proved itself. */
export function QuestionnaireHeader({ practiceName, clinicianName }: { practiceName: string; clinicianName: string }) {
  const t = useTranslations("questionnaire");
  return (
    <header className="mb-6">
      <p className="text-base font-semibold text-brand-700">{practiceName}</p>
      <p className="text-sm text-slate-600">{t("from", { clinician: clinicianName })}</p>
    </header>
  );
}
