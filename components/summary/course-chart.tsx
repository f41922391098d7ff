"use client";

import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from "recharts";
import type { CoursePerson } from "@/lib/pre-session/course";
import { markerDot, SeriesSwatch } from "@/components/scores/marker";
import { CHART_INK } from "@/components/scores/palette";
import type { MarkerShape } from "@/components/scores/series";
import { changeTicks, courseValues } from "./course-axis";

export const COURSE_BAND_COLOUR = "#94a3b8";
export const COURSE_MEDIAN_COLOUR = "#475569";

type Row = { week: number; range?: [number, number]; median?: number; theirs?: number };

const WEEK_TICKS = [0, 2, 4, 6, 8, 12, 16, 24, 32, 40, 52, 78, 104];

/** The axis runs to the measured week at or after the last thing drawn (band or person), so neither is squeezed into a corner. */
function lastWeekShown(data: readonly Row[]): number {
  const last = Math.max(2, ...data.map((r) => r.week));
  return WEEK_TICKS.find((w) => w >= last) ?? Math.ceil(last);
}

/**
 * One person's closeness course beside the practice's usual one: the band between the 10th and 90th
 * percentiles of change by week (grey), its median (dashed), and their own line of change since their
 * first assessment, on a real scale of weeks since it (as every trend chart's time axis is real).
 * For assistive technology one image with a summary; every value is in the table the caller puts beside it.
 */
export function CourseChart({
  person,
  style,
  summary,
  yTicks: sharedTicks,
}: {
  person: CoursePerson;
  style: { color: string; dash?: string; marker: MarkerShape };
  summary: string;
  /** One scale for both partners' charts, so side by side they compare at a glance. */
  yTicks?: number[];
}) {
  const rows = new Map<number, Row>([[0, { week: 0, range: [0, 0], median: 0 }]]);
  for (const point of person.band) {
    if (point.p10 === null || point.p90 === null || point.p50 === null) continue;
    rows.set(point.week, { week: point.week, range: [point.p10, point.p90], median: point.p50 });
  }
  for (const point of person.line) {
    const row = rows.get(point.week) ?? { week: point.week };
    row.theirs = point.change;
    rows.set(point.week, row);
  }
  const data = [...rows.values()].sort((a, b) => a.week - b.week);
  const lastWeek = lastWeekShown(data);
  const yTicks = sharedTicks ?? changeTicks(courseValues(person));
  const series = { key: "theirs", ...style };
  return (
    <div className="min-w-0">
      {/* A legend, not a list: the summary's list items are what "Copy summary" carries, line for line. */}
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
        <span className="inline-flex items-center gap-2">
          <SeriesSwatch color={style.color} dash={style.dash} marker={style.marker} width={2.5} />
          {person.name}
        </span>
        <span className="inline-flex items-center gap-2">
          <svg aria-hidden width="16" height="12" viewBox="0 0 16 12" className="shrink-0">
            <rect x="0" y="1" width="16" height="10" fill={COURSE_BAND_COLOUR} fillOpacity={0.35} />
          </svg>
          Usual range (10th–90th percentile)
        </span>
        <span className="inline-flex items-center gap-2">
          <svg aria-hidden width="28" height="12" viewBox="0 0 28 12" className="shrink-0">
            <line x1="1" y1="6" x2="27" y2="6" stroke={COURSE_MEDIAN_COLOUR} strokeWidth={1.5} strokeDasharray="4 3" />
          </svg>
          Median
        </span>
      </p>
      <div role="img" aria-label={summary} className="mt-1" data-testid="course-chart">
        <ResponsiveContainer width="100%" height={200} minWidth={0}>
          <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 14, left: -14 }} accessibilityLayer={false}>
            <CartesianGrid stroke={CHART_INK.grid} vertical={false} />
            <XAxis
              dataKey="week"
              type="number"
              domain={[0, lastWeek]}
              ticks={WEEK_TICKS.filter((w) => w <= lastWeek)}
              interval={0}
              tick={{ fontSize: 11, fill: CHART_INK.tick }}
              tickLine={false}
              axisLine={{ stroke: CHART_INK.axis }}
              label={{ value: "Weeks since the first assessment", position: "insideBottom", offset: -10, fontSize: 11, fill: CHART_INK.tick }}
            />
            <YAxis domain={[yTicks[0]!, yTicks.at(-1)!]} ticks={yTicks} interval={0} tick={{ fontSize: 11, fill: CHART_INK.tick }} tickLine={false} axisLine={false} allowDecimals={false} />
            <ReferenceLine y={0} stroke={CHART_INK.axis} />
            <Area dataKey="range" type="linear" stroke="none" fill={COURSE_BAND_COLOUR} fillOpacity={0.35} connectNulls isAnimationActive={false} activeDot={false} />
            <Line dataKey="median" type="linear" stroke={COURSE_MEDIAN_COLOUR} strokeWidth={1.5} strokeDasharray="4 3" dot={false} activeDot={false} connectNulls isAnimationActive={false} />
            <Line
              dataKey="theirs"
              type="linear"
              stroke={style.color}
              strokeWidth={2.5}
              strokeDasharray={style.dash}
              dot={markerDot(series)}
              activeDot={false}
              connectNulls
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
