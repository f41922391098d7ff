import { formatDate } from "@/lib/core/format";

type Answered = { assessmentId: string; instrumentTitle: string; completedAt: Date; language: string; translation: "published" | "not_validated" | "unknown" };

const TRANSLATION_WORDS: Record<Answered["translation"], string> = {
  published: "published translation",
  not_validated: "translation not yet validated",
  unknown: "translation no longer on file",
};

/** On the clinician's side: which questionnaires the client answered in another language, and how far to trust that translation. */
export function AnswerLanguages({ answered, timeZone }: { answered: Answered[]; timeZone: string }) {
  if (answered.length === 0) return null;
  return (
    <section aria-labelledby="answer-languages-heading" className="mb-4 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="answer-languages-heading" className="font-semibold text-slate-900">
        Answered in another language
      </h2>
      <p className="mt-1 text-slate-600">Scores are computed the same way in every language; the words the client read are listed here.</p>
      <ul className="mt-2 space-y-1">
        {answered.map((entry) => (
          <li key={entry.assessmentId}>
            {entry.instrumentTitle}, {formatDate(entry.completedAt, timeZone)}: <span className="font-medium">{entry.language}</span>{" "}
            <span className={entry.translation === "published" ? "text-slate-600" : "text-amber-800"}>({TRANSLATION_WORDS[entry.translation]})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
