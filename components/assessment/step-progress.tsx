/**
 * How far the client has got, counted in statements answered — the one measure that moves with
 * every answer — for the eye (a bar) and for assistive technology (a progressbar with text).
 */
export function StepProgress({ answered, items }: { answered: number; items: number }) {
  const percent = items > 0 ? Math.round((answered / items) * 100) : 0;
  const text = `${answered} of ${items} answered`;
  return (
    <div className="mt-3">
      <div
        role="progressbar"
        aria-label="Progress"
        aria-valuemin={0}
        aria-valuemax={items}
        aria-valuenow={answered}
        aria-valuetext={`${answered} of ${items} statements answered`}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full rounded-full bg-brand-600 transition-[width] motion-reduce:transition-none" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-2 text-sm text-slate-600">{text}</p>
    </div>
  );
}
