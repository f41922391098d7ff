/** Who is asking, shown only once the link has proved itself. */
export function QuestionnaireHeader({ practiceName, clinicianName }: { practiceName: string; clinicianName: string }) {
  return (
    <header className="mb-6">
      <p className="text-base font-semibold text-brand-700">{practiceName}</p>
      <p className="text-sm text-slate-600">Questionnaire from {clinicianName}</p>
    </header>
  );
}
