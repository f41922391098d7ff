"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { formatScore } from "@/lib/instruments/scoring";
import { dateTick } from "./date-tick";
import { Marker, SeriesSwatch } from "./marker";
import { timeDomain, timeTicks } from "./time-axis";
import { CHART_INK } from "./palette";
import { COUPLE_SERIES, type ChartPoint, type DotRenderProps } from "./series";

export type CoupleChartPanel = {
  /** Series key: the points carry `a:<key>` for this client and `b:<key>` for the partner. */
  key: string;
  title: string;
  /** Accessible summary of this small chart. */
  label: string;
};

/** One small chart per dimension (and overall): both partners over time, on a shared time axis. */
export function CoupleCharts({
  panels,
  points,
  clientName,
  partnerName,
}: {
  panels: CoupleChartPanel[];
  points: ChartPoint[];
  clientName: string;
  partnerName: string;
}) {
  const times = points.map((p) => p.t);
  // A small panel (about 230 px) holds two dates: the first and the last, each at its point.
  const ticks = timeTicks(times, 2);
  const names = { a: clientName, b: partnerName };
  return (
    <div>
      <ul aria-label="Lines on the charts" className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-slate-700">
        <li className="inline-flex items-center gap-2">
          <SeriesSwatch {...COUPLE_SERIES.client} />
          {clientName} (solid line, circles)
        </li>
        <li className="inline-flex items-center gap-2">
          <SeriesSwatch {...COUPLE_SERIES.partner} />
          {partnerName} (dashed line, squares)
        </li>
      </ul>
      <ul className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {panels.map((panel) => (
          <li key={panel.key} className="min-w-0 rounded-md border border-slate-200 p-2">
            <h4 className="px-1 text-xs font-semibold text-slate-800">{panel.title}</h4>
            <div role="img" aria-label={panel.label} data-testid={`couple-chart-${panel.key}`}>
              <ResponsiveContainer width="100%" height={110} minWidth={0}>
                <LineChart data={points} margin={{ top: 8, right: 10, bottom: 0, left: -18 }} accessibilityLayer={false}>
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
                  <Tooltip content={(props: TooltipContentProps) => <CoupleTooltip {...props} names={names} />} isAnimationActive={false} />
                  {(["a", "b"] as const).map((who) => {
                    const style = who === "a" ? COUPLE_SERIES.client : COUPLE_SERIES.partner;
                    return (
                      <Line
                        key={who}
                        dataKey={`${who}:${panel.key}`}
                        name={names[who]}
                        type="linear"
                        stroke={style.color}
                        strokeWidth={style.width}
                        strokeDasharray={"dash" in style ? style.dash : undefined}
                        connectNulls
                        dot={({ cx, cy, index }: DotRenderProps) =>
                          typeof cx === "number" && typeof cy === "number" ? (
                            <g key={`${who}-${index}`}>
                              <Marker shape={style.marker} cx={cx} cy={cy} size={3} color={style.color} />
                            </g>
                          ) : null
                        }
                        activeDot={({ cx, cy }: DotRenderProps) =>
                          typeof cx === "number" && typeof cy === "number" ? <Marker shape={style.marker} cx={cx} cy={cy} size={4.5} color={style.color} /> : <g />
                        }
                        isAnimationActive={false}
                      />
                    );
                  })}
                </LineChart>
              </ResponsiveContainer>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function CoupleTooltip({ active, payload, names }: TooltipContentProps & { names: { a: string; b: string } }) {
  if (!active || !payload?.length) return null;
  const point = payload[0]?.payload as ChartPoint | undefined;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-2 py-1.5 text-xs shadow-md">
      <p className="font-semibold text-slate-900">{point?.date}</p>
      {payload.map((entry) => {
        const who = String(entry.dataKey).startsWith("a:") ? "a" : "b";
        // Only the partner(s) who completed an assessment at this moment.
        const own = point?.[String(entry.dataKey)];
        if (typeof own !== "number") return null;
        return (
          <p key={String(entry.dataKey)} className="tabular-nums text-slate-700">
            {names[who]}: <span className="font-medium text-slate-900">{formatScore(own)}</span>
          </p>
        );
      })}
    </div>
  );
}

