"use client";

import { useSyncExternalStore } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { closenessV1 } from "@/lib/instruments/closeness-v1";
import { formatScore } from "@/lib/instruments/scoring";
import type { OverviewGranularity } from "@/lib/overview/params";
import type { OverviewPeriod } from "@/lib/overview/overview";
import { CHART_INK, DIMENSION_COLOURS } from "@/components/scores/palette";
import { periodLabel, periodTick } from "./labels";

const ORDER: string[] = closenessV1.dimensions.map((dimension) => dimension.key);
const noSubscribe = () => () => {};

/**
 * Lines per dimension over the periods. A period without assessments leaves a gap rather than a
 * line drawn through it. Hidden from assistive technology: the table beside it carries the same
 * numbers and is the accessible form. Drawn in the browser only: laying out the chart on the server
 * cost the overview more than all of its queries (issue 12), and the table is there without it.
 */
export function DimensionTrendChart({ periods, granularity }: { periods: OverviewPeriod[]; granularity: OverviewGranularity }) {
  const hydrated = useSyncExternalStore(noSubscribe, () => true, () => false);
  const data = periods.map((period) => ({ start: period.start, assessments: period.assessments, ...period.means }));
  if (!hydrated) return <div aria-hidden="true" className="h-80 w-full" />;
  return (
    <div aria-hidden="true" className="h-80 w-full">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 800, height: 320 }}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke={CHART_INK.grid} vertical={false} />
          <XAxis
            dataKey="start"
            tickFormatter={(start: string) => periodTick(start, granularity)}
            tick={{ fontSize: 12, fill: CHART_INK.tick }}
            tickLine={false}
            axisLine={{ stroke: CHART_INK.axis }}
            minTickGap={16}
          />
          <YAxis width={32} domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tick={{ fontSize: 12, fill: CHART_INK.tick }} tickLine={false} axisLine={false} />
          <Tooltip
            labelFormatter={(start) => {
              const period = data.find((row) => row.start === start);
              const count = period?.assessments ?? 0;
              return `${periodLabel(String(start), granularity)} · ${count} ${count === 1 ? "assessment" : "assessments"}`;
            }}
            formatter={(value) => (typeof value === "number" ? formatScore(value) : "—")}
            contentStyle={{ borderRadius: 6, borderColor: CHART_INK.axis, fontSize: 13 }}
          />
          <Legend
            wrapperStyle={{ fontSize: 12, paddingTop: 8 }}
            iconType="plainline"
            // Definition order, as everywhere else; the label in dark text, the colour on the key.
            itemSorter={(item) => ORDER.indexOf(String(item.dataKey))}
            formatter={(value) => <span style={{ color: CHART_INK.label }}>{value}</span>}
          />
          {closenessV1.dimensions.map((dimension) => (
            <Line
              key={dimension.key}
              type="linear"
              dataKey={dimension.key}
              name={dimension.label}
              stroke={DIMENSION_COLOURS[dimension.key]}
              strokeWidth={2}
              // Dots keep a period standing alone between gaps visible; smaller when there are many.
              dot={{ r: data.length > 26 ? 1.5 : 3, strokeWidth: 0, fill: DIMENSION_COLOURS[dimension.key] }}
              activeDot={{ r: 4 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
