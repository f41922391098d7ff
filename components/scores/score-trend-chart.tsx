"use client";

import { useId, useState } from "react";
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from "recharts";
import { formatScore } from "@/lib/instruments/scoring";
import { Marker, SeriesSwatch } from "./marker";
import { SERIES, type ChartPoint, type DotRenderProps, type SeriesKey, type SeriesStyle } from "./series";
import { BAND_ZONE_FILLS, CHART_INK } from "./palette";

const Y_TICKS = [0, 20, 40, 60, 80, 100];

/**
 * The seven dimensions and the overall score over time. For screen readers the chart is one image
 * with a summary (`label`); the values themselves are in the scores table it is described by.
 * `size` fixes the chart's pixels (the printable report); without it, the chart fills its container.
 */
export function ScoreTrendChart({
  points,
  label,
  describedBy,
  size,
  interactive = true,
}: {
  points: ChartPoint[];
  label: string;
  describedBy?: string;
  size?: { width: number; height: number };
  interactive?: boolean;
}) {
  const [visible, setVisible] = useState<ReadonlySet<SeriesKey>>(() => new Set(SERIES.map((s) => s.key)));
  const legendId = useId();
  const toggle = (key: SeriesKey) =>
    setVisible((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const chart = (
    <LineChart
      data={points}
      width={size?.width}
      height={size?.height}
      margin={{ top: 12, right: 16, bottom: 4, left: 0 }}
      // The wrapper is one image for assistive technology; the keyboard layer would put a
      // focusable element inside it. The table alternative serves keyboard users instead.
      accessibilityLayer={false}
    >
      <ReferenceArea y1={0} y2={40} fill={BAND_ZONE_FILLS.growth} fillOpacity={BAND_ZONE_FILLS.opacity} ifOverflow="hidden" />
      <ReferenceArea y1={70} y2={100} fill={BAND_ZONE_FILLS.strength} fillOpacity={BAND_ZONE_FILLS.opacity} ifOverflow="hidden" />
      <CartesianGrid stroke={CHART_INK.grid} vertical={false} />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={timeDomain(points)}
        ticks={points.map((p) => p.t)}
        tickFormatter={(t: number) => points.find((p) => p.t === t)?.date ?? ""}
        interval="preserveStartEnd"
        tick={{ fontSize: 12, fill: CHART_INK.tick }}
        tickLine={false}
        axisLine={{ stroke: CHART_INK.axis }}
      />
      <YAxis
        domain={[0, 100]}
        ticks={Y_TICKS}
        width={36}
        tick={{ fontSize: 12, fill: CHART_INK.tick }}
        tickLine={false}
        axisLine={false}
      />
      {interactive ? <Tooltip content={TrendTooltip} isAnimationActive={false} /> : null}
      {SERIES.map((series) => (
        <Line
          key={series.key}
          dataKey={series.key}
          name={series.label}
          type="linear"
          stroke={series.color}
          strokeWidth={series.width}
          strokeDasharray={series.dash}
          hide={!visible.has(series.key)}
          dot={dotFor(series)}
          activeDot={interactive ? dotFor(series, 5.5) : false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );

  return (
    <div>
      {interactive ? (
        <fieldset aria-describedby={legendId} data-print="hide">
          <legend className="text-sm font-medium text-slate-800">Show on chart</legend>
          <p id={legendId} className="sr-only">
            Each line has its own colour, marker shape and dash pattern, as shown next to its name.
          </p>
          <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
            {SERIES.map((series) => (
              <label key={series.key} className="inline-flex min-h-6 cursor-pointer items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  checked={visible.has(series.key)}
                  onChange={() => toggle(series.key)}
                  className="h-4 w-4 rounded border-slate-400 accent-brand-600"
                />
                <SeriesSwatch color={series.color} dash={series.dash} marker={series.marker} width={series.width} />
                <span className={series.key === "overall" ? "font-semibold" : undefined}>{series.label}</span>
              </label>
            ))}
          </div>
          <div className="mt-2 flex gap-2 text-sm">
            <button
              type="button"
              className="rounded px-2 py-1 text-brand-700 underline-offset-2 hover:underline"
              onClick={() => setVisible(new Set(SERIES.map((s) => s.key)))}
            >
              Show all
            </button>
            <button
              type="button"
              className="rounded px-2 py-1 text-brand-700 underline-offset-2 hover:underline"
              onClick={() => setVisible(new Set<SeriesKey>(["overall"]))}
            >
              Overall only
            </button>
          </div>
        </fieldset>
      ) : (
        <StaticLegend />
      )}
      <div role="img" aria-label={label} aria-describedby={describedBy} className="mt-3" data-testid="score-trend-chart">
        {size ? (
          chart
        ) : (
          <ResponsiveContainer width="100%" height={320} minWidth={0}>
            {chart}
          </ResponsiveContainer>
        )}
      </div>
      <p className="mt-1 text-xs text-slate-500">
        Shaded: below 40 growth area (amber), 70 and above strength (green); between, developing.
      </p>
    </div>
  );
}

/** Time from the first to the last assessment with a little room either side, so end dots and labels fit. */
function timeDomain(points: ChartPoint[]): [number, number] {
  const first = points[0]?.t ?? 0;
  const last = points.at(-1)?.t ?? first;
  const room = Math.max((last - first) * 0.05, 12 * 60 * 60 * 1000);
  return [first - room, last + room];
}

/** The legend as printed: no controls, every series. */
function StaticLegend() {
  return (
    <ul aria-label="Lines on the chart" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
      {SERIES.map((series) => (
        <li key={series.key} className="inline-flex items-center gap-1.5">
          <SeriesSwatch color={series.color} dash={series.dash} marker={series.marker} width={series.width} />
          {series.label}
        </li>
      ))}
    </ul>
  );
}

/** Recharts calls this per data point; each series draws its own marker shape. */
function dotFor(series: SeriesStyle, size = 3.5) {
  return function renderDot({ cx, cy, index }: DotRenderProps) {
    if (typeof cx !== "number" || typeof cy !== "number") return null;
    return (
      <g key={`${series.key}-${index}`}>
        <Marker shape={series.marker} cx={cx} cy={cy} size={size} color={series.color} />
      </g>
    );
  };
}

function TrendTooltip({ active, payload }: TooltipContentProps) {
  if (!active || !payload?.length) return null;
  const point = payload[0]?.payload as ChartPoint | undefined;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
      <p className="font-semibold text-slate-900">{point?.date}</p>
      <ul className="mt-1 space-y-0.5">
        {payload.map((entry) => {
          const series = SERIES.find((s) => s.key === entry.dataKey);
          if (!series || typeof entry.value !== "number") return null;
          return (
            <li key={series.key} className="flex items-center gap-2">
              <SeriesSwatch color={series.color} dash={series.dash} marker={series.marker} width={series.width} />
              <span className="text-slate-700">{series.label}</span>
              <span className="ml-auto pl-3 font-medium tabular-nums text-slate-900">{formatScore(entry.value)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
