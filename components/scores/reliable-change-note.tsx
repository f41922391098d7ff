import { formatScore } from "@/lib/instruments/scoring";
import { SCORE_DIMENSIONS, type ReliableChangeParameters } from "@/lib/scores/score-summary";
import { describeReliableChangeParameters } from "./describe";

const LABELS: Record<string, string> = Object.fromEntries(SCORE_DIMENSIONS.map((d) => [d.key, d.label]));

/**
 * What "reliable change" means, in words a therapist and a client share, with the statistics
 * (RCI, SD, r, the 1.96 cut-off, provisional parameters) behind a "How this is calculated"
 * disclosure for whoever wants them. `open` for paper, where a disclosure cannot be opened.
 */
export function ReliableChangeNote({ parameters, open = false }: { parameters: ReliableChangeParameters; open?: boolean }) {
  const thresholds = [...new Set(Object.values(parameters.byDimension).map((p) => formatScore(p.minimumChange)))];
  const threshold = thresholds.length === 1 ? `about ${thresholds[0]} points or more` : "more than that dimension's threshold (below)";
  return (
    <div className="space-y-2 text-xs leading-relaxed text-slate-600">
      <p>
        A <span className="font-medium text-slate-800">reliable change</span> is a change bigger than measurement noise: {threshold} on a
        dimension. Smaller changes can be real too, but one questionnaire cannot tell them apart from the ups and downs of answering on
        a given day.
        {parameters.provisional ? " The threshold is an early estimate, so read changes close to it with care." : null}
      </p>
      <details open={open}>
        <summary className="cursor-pointer font-medium text-brand-700" data-print="hide">
          How this is calculated
        </summary>
        <div className="mt-1 space-y-1">
          <p className="font-medium text-slate-800">{describeReliableChangeParameters(parameters, LABELS)}</p>
          <p>
            The reliable change index (Jacobson &amp; Truax) divides a change by the spread expected from measurement error alone,
            S<sub>diff</sub> = √2 · SD · √(1 − r), where SD is the spread of scores in a reference group and r the test–retest
            reliability. A change is reliable when the index is at least {parameters.criticalRci} either way: a change that large would
            come from measurement error alone less than 5% of the time.
          </p>
          {parameters.provisional ? (
            <p>
              These parameters are provisional: they are set values until the inventory has been tested on a norm sample (a reference
              group of people), and will be replaced then.
            </p>
          ) : null}
        </div>
      </details>
    </div>
  );
}
