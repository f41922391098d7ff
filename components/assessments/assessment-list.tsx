import type { Actor } from "@/lib/auth/actor-types";
import { listAssessments, type AssessmentWithScores } from "@/lib/assessments";
import { formatDate } from "@/lib/format";
import { closenessV1, formatScore } from "@/lib/instruments";

/** A client's completed closeness assessments, oldest first, rounded to one decimal for display. */
export async function AssessmentList({ actor, clientId }: { actor: Actor; clientId: string }) {
  const assessments = await listAssessments(actor, clientId);
  return <AssessmentTable assessments={assessments} timeZone={actor.practiceTimeZone} />;
}

export function AssessmentTable({ assessments, timeZone }: { assessments: AssessmentWithScores[]; timeZone: string }) {
  // Only closeness v1 exists; a later version or instrument gets its own table with its own columns.
  const rows = assessments.filter((a) => a.instrumentKey === closenessV1.key && a.instrumentVersion === closenessV1.version);
  const dimensions = closenessV1.dimensions;
  return (
    <section aria-labelledby="assessments-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <h2 id="assessments-heading" className="text-base font-semibold">
        Assessments
      </h2>
      {rows.length === 0 ? (
        <div className="mt-3 rounded-md border border-dashed border-slate-300 px-4 py-8 text-center">
          <p className="text-sm font-medium text-slate-900">No assessments yet</p>
          <p className="mt-1 text-sm text-slate-600">Scores appear here when the client completes an assessment.</p>
        </div>
      ) : (
        // Focusable so keyboard users can scroll the wide table on a narrow screen.
        <div role="region" aria-label="Scores table" tabIndex={0} className="mt-3 overflow-x-auto rounded-md border border-slate-200">
          <table className="min-w-full text-sm">
            <caption className="sr-only">
              Completed closeness assessments, oldest first. Scores from 0 to 100, rounded to one decimal.
            </caption>
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="whitespace-nowrap px-3 py-2">
                  Date
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Overall
                </th>
                {dimensions.map((dimension) => (
                  <th key={dimension.key} scope="col" className="px-3 py-2 text-right">
                    {dimension.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((assessment) => (
                <tr key={assessment.id}>
                  <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-medium text-slate-900">
                    {formatDate(assessment.completedAt, timeZone)}
                  </th>
                  <td className="px-3 py-2 text-right font-semibold tabular-nums text-slate-900">{formatScore(assessment.overall)}</td>
                  {dimensions.map((dimension) => {
                    const score = assessment.dimensions[dimension.key];
                    return (
                      <td key={dimension.key} className="px-3 py-2 text-right tabular-nums text-slate-700">
                        {score === undefined ? "—" : formatScore(score)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
