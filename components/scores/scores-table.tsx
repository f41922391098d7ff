import { formatDate } from "@/lib/format";
import { formatScore } from "@/lib/instruments/scoring";
import type { DimensionInfo, ScoredAssessment } from "@/lib/score-summary";

// Where a long dimension name may break in a narrow column (the report on paper): soft hyphens,
// invisible unless the line breaks there.
const BREAKABLE: Record<string, string> = {
  knowledge: "Know\u00ADledge",
  interdependence: "Inter\u00ADdepend\u00ADence",
  responsiveness: "Respon\u00ADsive\u00ADness",
  commitment: "Commit\u00ADment",
  mutuality: "Mutu\u00ADality",
};

/** Every assessment, oldest first: date in the practice's time zone, seven dimensions, overall. */
export function ScoresTable({
  assessments,
  dimensions,
  timeZone,
  captionId,
  compact = false,
}: {
  assessments: ScoredAssessment[];
  dimensions: DimensionInfo[];
  timeZone: string;
  captionId?: string;
  compact?: boolean;
}) {
  const cell = compact ? "px-1.5 py-1.5" : "px-3 py-2";
  const head = compact
    ? "bg-slate-50 text-left text-xs font-semibold text-slate-700"
    : "bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-600";
  return (
    // Focusable so keyboard users can scroll the wide table on a narrow screen.
    <div role="region" aria-labelledby={captionId} tabIndex={0} data-print="scroll" className="overflow-x-auto rounded-md border border-slate-200">
      <table className="min-w-full text-sm">
        <caption id={captionId} className="sr-only">
          Scores at each assessment, oldest first: the seven dimensions and the overall score, from 0 to 100, rounded to one decimal.
        </caption>
        <thead className={head}>
          <tr>
            {/* The date stays in view while the wide table scrolls sideways on a phone. */}
            <th scope="col" className={`${cell} sticky left-0 whitespace-nowrap bg-slate-50 align-bottom`}>
              Date
            </th>
            {dimensions.map((dimension) => (
              <th key={dimension.key} scope="col" className={`${cell} text-right align-bottom`}>
                {compact ? (BREAKABLE[dimension.key] ?? dimension.label) : dimension.label}
              </th>
            ))}
            <th scope="col" className={`${cell} text-right align-bottom text-slate-900`}>
              Overall
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {assessments.map((assessment) => (
            <tr key={assessment.id}>
              <th scope="row" className={`${cell} sticky left-0 whitespace-nowrap bg-white text-left font-medium text-slate-900`}>
                <time dateTime={assessment.completedAt}>{formatDate(assessment.completedAt, timeZone)}</time>
              </th>
              {dimensions.map((dimension) => (
                <td key={dimension.key} className={`${cell} text-right tabular-nums text-slate-700`}>
                  {formatScore(assessment.dimensions[dimension.key])}
                </td>
              ))}
              <td className={`${cell} text-right font-semibold tabular-nums text-slate-900`}>{formatScore(assessment.overall)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
