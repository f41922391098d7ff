import { Cell, ColumnHeader, RowHeader, Table, TableBody, TableCaption, TableFrame, TableHead, TableRow } from "@/components/ui/table";
import { formatDate } from "@/lib/core/format";
import { formatScore } from "@/lib/instruments/scoring";
import type { DimensionInfo, ScoredAssessment } from "@/lib/scores/score-summary";

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
  return (
    <TableFrame labelledBy={captionId} print>
      <Table>
        <TableCaption id={captionId}>
          Scores at each assessment, oldest first: the seven dimensions and the overall score, from 0 to 100, rounded to one decimal.
        </TableCaption>
        <TableHead className={compact ? "text-left text-xs font-semibold text-slate-700" : undefined}>
          <TableRow>
            {/* The date stays in view while the wide table scrolls sideways on a phone. */}
            <ColumnHeader className={`${cell} sticky left-0 whitespace-nowrap bg-slate-50 align-bottom`}>Date</ColumnHeader>
            {dimensions.map((dimension) => (
              <ColumnHeader key={dimension.key} numeric className={`${cell} align-bottom`}>
                {compact ? (BREAKABLE[dimension.key] ?? dimension.label) : dimension.label}
              </ColumnHeader>
            ))}
            <ColumnHeader numeric className={`${cell} align-bottom text-slate-900`}>
              Overall
            </ColumnHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {assessments.map((assessment) => (
            <TableRow key={assessment.id}>
              <RowHeader className={`${cell} sticky left-0 whitespace-nowrap bg-white text-slate-900`}>
                <time dateTime={assessment.completedAt}>{formatDate(assessment.completedAt, timeZone)}</time>
              </RowHeader>
              {dimensions.map((dimension) => (
                <Cell key={dimension.key} numeric className={`${cell} text-slate-700`}>
                  {formatScore(assessment.dimensions[dimension.key])}
                </Cell>
              ))}
              <Cell numeric className={`${cell} font-semibold text-slate-900`}>
                {formatScore(assessment.overall)}
              </Cell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableFrame>
  );
}
