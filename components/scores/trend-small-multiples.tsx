"use client";

import { CartesianGrid, Line, LineChart, ReferenceArea, XAxis, YAxis } from "recharts";
import type { DimensionInfo } from "@/lib/scores/score-summary";
import { dateTick } from "./date-tick";
import { markerDot, SeriesSwatch } from "./marker";
import { ticksForWidth, timeDomain, timeTicks } from "./time-axis";
import { BAND_ZONE_FILLS, CHART_INK } from "./palette";
import { SERIES, type ChartPoint, type SeriesStyle } from "./series";
import { trendLabel } from "./trend-label";

const OVERALL = SERIES.find((series) => series.key === "overall")!;
// On paper the overall line is a quiet reference behind each dimension: thin and grey-dark.
const REFERENCE: SeriesStyle = { ...OVERALL, width: 1.5, dash: "4 3" };

/**
 * Paper cannot offer a picker, and eight lines in one chart cannot be read: one small chart per
 * dimension, each with overall as a dashed reference, at fixed pixels so print never depends on
 * the screen. Each is an image with its own summary; the values are in the table that follows.
 */
export function TrendSmallMultiples({ points, dimensions, width }: { points: ChartPoint[]; dimensions: DimensionInfo[]; width: number }) {
  const gap = 16;
  const panelWidth = Math.floor((width - gap) / 2);
  const times = points.map((p) => p.t);
  const ticks = timeTicks(times, ticksForWidth(panelWidth) + 1);
  return (
    <div>
      <ul aria-label="Lines on each chart" className="flex flex-wrap gap-x-5 gap-y-1 text-xs text-slate-700">
        <li className="inline-flex items-center gap-2">
          <SeriesSwatch color={REFERENCE.color} dash={REFERENCE.dash} marker={REFERENCE.marker} width={REFERENCE.width} />
          Overall closeness (the same in every chart)
        </li>
        <li className="inline-flex items-center gap-2">The dimension named above each chart, in its own colour</li>
      </ul>
      <ul className="mt-2 grid grid-cols-1 gap-4 sm:grid-cols-2">
        {dimensions.map((dimension) => {
          const series = SERIES.find((s) => s.key === dimension.key)!;
          return (
            <li key={dimension.key} className="min-w-0" data-print="section">
              <h3 className="flex items-center gap-2 text-xs font-semibold text-slate-800">
                <SeriesSwatch color={series.color} dash={series.dash} marker={series.marker} width={series.width} />
                {dimension.label}
              </h3>
              <div role="img" aria-label={trendLabel(points, dimension)} data-testid={`trend-panel-${dimension.key}`}>
                <LineChart data={points} width={panelWidth} height={130} margin={{ top: 6, right: 12, bottom: 0, left: -20 }} accessibilityLayer={false}>
                  <ReferenceArea y1={0} y2={40} fill={BAND_ZONE_FILLS.growth} fillOpacity={BAND_ZONE_FILLS.opacity} ifOverflow="hidden" />
                  <ReferenceArea y1={70} y2={100} fill={BAND_ZONE_FILLS.strength} fillOpacity={BAND_ZONE_FILLS.opacity} ifOverflow="hidden" />
                  <CartesianGrid stroke={CHART_INK.grid} vertical={false} />
                  <XAxis
                    dataKey="t"
                    type="number"
                    scale="time"
                    domain={timeDomain(times)}
                    ticks={ticks}
                    interval={0}
                    tick={dateTick((t) => points.find((p) => p.t === t)?.date ?? "", 10)}
                    tickLine={false}
                    axisLine={{ stroke: CHART_INK.axis }}
                  />
                  <YAxis domain={[0, 100]} ticks={[0, 50, 100]} tick={{ fontSize: 10, fill: CHART_INK.tick }} tickLine={false} axisLine={false} />
                  {[REFERENCE, series].map((line) => (
                    <Line
                      key={line.key}
                      dataKey={line.key}
                      type="linear"
                      stroke={line.color}
                      strokeWidth={line.width}
                      strokeDasharray={line.dash}
                      dot={line === REFERENCE ? false : markerDot(line, 3)}
                      activeDot={false}
                      isAnimationActive={false}
                    />
                  ))}
                </LineChart>
              </div>
            </li>
          );
        })}
      </ul>
      <p className="mt-1 text-xs text-slate-500">Shaded: below 40 growth area (amber), 70 and above strength (green); between, developing.</p>
    </div>
  );
}
