import type { XAxisTickContentProps } from "recharts";
import { CHART_INK } from "./palette";

/**
 * A date label under its point on a trend chart's time axis. The first label starts at its point and
 * the last ends at its point (so neither is cut off at the chart's edge); those between are centred.
 */
export function dateTick(label: (t: number) => string, fontSize = 12) {
  function DateTick({ x, y, index, visibleTicksCount, payload }: XAxisTickContentProps) {
    const anchor = index === 0 ? "start" : index === visibleTicksCount - 1 ? "end" : "middle";
    return (
      <text x={x} y={Number(y) + fontSize} textAnchor={anchor} fontSize={fontSize} fill={CHART_INK.tick}>
        {label(Number(payload.value))}
      </text>
    );
  }
  return DateTick;
}
