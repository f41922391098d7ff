import { useTranslations } from "next-intl";

/**
 * Where to get help at once, shown first on the thank-you page after a critical answer (PHQ-9 item 9
 * above 0). The practice's own text, or the safe default (lib/alerts/crisis.ts); paragraphs are
 * separated by a blank line. It says nothing about the answers themselves.
 */
export function CrisisMessage({ text, note, className = "" }: { text: string; note?: string; className?: string }) {
  const t = useTranslations("crisis");
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
  return (
    <section aria-labelledby="crisis-title" className={`rounded-2xl border-2 border-red-300 bg-red-50 px-6 py-6 shadow-sm sm:px-10 sm:py-8 ${className}`}>
      <h2 id="crisis-title" className="text-xl font-semibold tracking-tight text-red-900">
        {t("title")}
      </h2>
      <div className="mt-3 space-y-3 text-base leading-relaxed whitespace-pre-line text-red-950">
        {paragraphs.map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
      {note ? <p className="mt-4 border-t border-red-200 pt-3 text-base leading-relaxed text-red-950">{note}</p> : null}
    </section>
  );
}
