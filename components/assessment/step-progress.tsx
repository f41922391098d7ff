/** Where the client is, for the eye (a bar) and for assistive technology (a progressbar with text). */
export function StepProgress({ step, total, answered, items }: { step: number; total: number; answered: number; items: number }) {
  const percent = Math.round((step / total) * 100);
  return (
    <div className="mt-3">
      <div
        role="progressbar"
        aria-label="Progress"
        aria-valuemin={1}
        aria-valuemax={total}
        aria-valuenow={step}
        aria-valuetext={`Part ${step} of ${total}`}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-2 text-sm text-slate-600">
        {answered} of {items} statements answered
      </p>
    </div>
  );
}
