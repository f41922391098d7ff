import { OVERALL_COLOUR, CHART_INK } from "@/components/scores/palette";
import { formatScore } from "@/lib/instruments/scoring";

/**
 * A client's overall closeness over their recent assessments as a small inline SVG, on the full
 * 0–100 scale so rows can be compared at a glance. One image with its values as its name, so a
 * screen reader hears the numbers the line shows.
 */
export function Sparkline({ values, width = 96, height = 28 }: { values: number[]; width?: number; height?: number }) {
  if (values.length === 0) return null;
  const pad = 3;
  const x = (i: number) => (values.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (values.length - 1));
  const y = (value: number) => pad + ((100 - value) * (height - 2 * pad)) / 100;
  const last = values.length - 1;
  const label = `Overall closeness at the last ${values.length === 1 ? "assessment" : `${values.length} assessments`}, oldest first: ${values.map(formatScore).join(", ")}`;
  return (
    <svg role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="shrink-0 overflow-visible">
      {/* The middle of the scale, faintly, so a line high or low reads as such. */}
      <line x1={0} x2={width} y1={y(50)} y2={y(50)} stroke={CHART_INK.grid} strokeWidth={1} />
      <polyline
        points={values.map((value, i) => `${x(i).toFixed(1)},${y(value).toFixed(1)}`).join(" ")}
        fill="none"
        stroke={OVERALL_COLOUR}
        strokeWidth={1.5}
        strokeLinejoin="round"
        strokeLinecap="round"
      />
      <circle cx={x(last)} cy={y(values[last]!)} r={2.5} fill={OVERALL_COLOUR} />
    </svg>
  );
}
