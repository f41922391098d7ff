import { formatScore } from "@/lib/instruments/scoring";

type Parameters = { provisional: boolean; criticalRci: number; byDimension: Record<string, { sd: number; r: number; minimumChange: number }> };

/**
 * The reliable-change parameters as one sentence, e.g. "Provisional parameters: SD 18, r 0.80; a
 * change of about 22.3 points is reliable (|RCI| ≥ 1.96)." Per dimension when they differ.
 */
export function describeReliableChangeParameters(params: Parameters, labels: Record<string, string>): string {
  const prefix = params.provisional ? "Provisional parameters" : "Parameters";
  const entries = Object.entries(params.byDimension);
  const one = (p: { sd: number; r: number }) => `SD ${p.sd}, r ${p.r.toFixed(2)}`;
  const first = entries[0]?.[1];
  if (first && entries.every(([, p]) => p.sd === first.sd && p.r === first.r)) {
    return `${prefix}: ${one(first)}; a change of about ${formatScore(first.minimumChange)} points is reliable (|RCI| \u2265 ${params.criticalRci}).`;
  }
  const list = entries.map(([key, p]) => `${labels[key] ?? key} ${one(p)} (about ${formatScore(p.minimumChange)} points)`).join("; ");
  return `${prefix}, per dimension: ${list}. A change is reliable when |RCI| \u2265 ${params.criticalRci}.`;
}

/** "1 assessment" / "3 assessments". */
export function countAssessments(n: number): string {
  return `${n} assessment${n === 1 ? "" : "s"}`;
}

/** "14 days apart", "less than a day apart", "1 day apart". */
export function describeDaysApart(days: number): string {
  if (days < 1) return "less than a day apart";
  const whole = Math.round(days);
  return `${whole} day${whole === 1 ? "" : "s"} apart`;
}
