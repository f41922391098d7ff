import { useTranslations } from "next-intl";

/**
 * How far the client has got, counted in statements answered — the one measure that moves with
 * every answer — for the eye (a bar) and for assistive technology (a progressbar with text).
 */
export function StepProgress({ answered, items }: { answered: number; items: number }) {
  const percent = items > 0 ? Math.round((answered / items) * 100) : 0;
  const t = useTranslations("questionnaire");
  const text = t("progress", { answered, items });
  return (
    <div className="mt-3">
      <div
        role="progressbar"
        aria-label={t("progressLabel")}
        aria-valuemin={0}
        aria-valuemax={items}
        aria-valuenow={answered}
        aria-valuetext={t("progressText", { answered, items })}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full rounded-full bg-brand-600 transition-[width] motion-reduce:transition-none" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-2 text-sm text-slate-600">{text}</p>
    </div>
  );
}
