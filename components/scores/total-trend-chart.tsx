"use client";

import { useState } from "react";
import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from "recharts";
import type { TotalInstrumentInfo } from "@/lib/scores/instrument-totals";
import { dateTick } from "./date-tick";
import { markerDot, SeriesSwatch } from "./marker";
import { CHART_INK } from "./palette";
import type { MarkerShape } from "./series";
import { BAND_ZONE_OPACITY, CUT_OFF_COLOUR, SEVERITY_STYLES } from "./severity-palette";
import { ticksForWidth, timeDomain, timeTicks } from "./time-axis";
import { formatTotal } from "./total-format";

export type TotalSeries = {
  /** Key in the chart's rows ("a", "b"). */
  key: string;
  /** A partner's name on the couple page; the instrument's short title for one client. */
  label: string;
  color: string;
  dash?: string;
  marker: MarkerShape;
  /** Oldest first; `date` formatted on the server in the practice's time zone. */
  points: { t: number; date: string; total: number }[];
};

type Row = { t: number; date: string } & Record<string, number | string | undefined>;

/**
 * A total over time, on the instrument's own scale: the bands shaded behind in their severity
 * colours, the clinical cut-off as a labelled dashed line, one line per person (two on the couple
 * page). Reuses the trend charts' scaffolding (time axis, markers, palette); for assistive technology
 * it is one image with a summary, and every value is in the table the caller puts beside it. `size`
 * fixes the pixels (the printable report); otherwise it fills its column.
 */
export function TotalTrendChart({
  instrument,
  series,
  summary,
  size,
}: {
  instrument: TotalInstrumentInfo;
  series: TotalSeries[];
  /** What the chart shows, in words: read out instead of the image. */
  summary: string;
  size?: { width: number; height: number };
}) {
  // The drawn width, for how many date labels fit (a phone-sized guess until measured).
  const [width, setWidth] = useState(330);
  const byTime = new Map<number, Row>();
  for (const s of series) {
    for (const point of s.points) {
      const row = byTime.get(point.t) ?? { t: point.t, date: point.date };
      row[s.key] = point.total;
      byTime.set(point.t, row);
    }
  }
  const rows = [...byTime.values()].sort((a, b) => a.t - b.t);
  const times = rows.map((r) => r.t);
  const yTicks = [...new Set([...instrument.bands.map((b) => b.from), instrument.max])];
  const cutOffLabel = `Cut-off ${formatTotal(instrument.cutOff.value)}`;

  const chart = (
    <LineChart data={rows} width={size?.width} height={size?.height} margin={{ top: 10, right: 12, bottom: 0, left: -18 }} accessibilityLayer={false}>
      {instrument.bands.map((band) => (
        <ReferenceArea
          key={band.from}
          // Bands are whole points; the zone runs to the next band's start so there is no gap between.
          y1={band.from}
          y2={band.to === instrument.max ? instrument.max : band.to + 1}
          fill={SEVERITY_STYLES[band.severity].fill}
          fillOpacity={BAND_ZONE_OPACITY}
          ifOverflow="hidden"
        />
      ))}
      <CartesianGrid stroke={CHART_INK.grid} vertical={false} />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={timeDomain(times, 0.06)}
        ticks={timeTicks(times, ticksForWidth(size?.width ?? width))}
        interval={0}
        tick={dateTick((t) => rows.find((r) => r.t === t)?.date ?? "", 11)}
        tickLine={false}
        axisLine={{ stroke: CHART_INK.axis }}
      />
      <YAxis domain={[instrument.min, instrument.max]} ticks={yTicks} tick={{ fontSize: 11, fill: CHART_INK.tick }} tickLine={false} axisLine={false} allowDecimals={false} />
      <ReferenceLine
        y={instrument.cutOff.value}
        stroke={CUT_OFF_COLOUR}
        strokeDasharray="5 4"
        strokeWidth={1.5}
        ifOverflow="extendDomain"
        label={{ value: cutOffLabel, position: "insideTopRight", fontSize: 11, fill: CUT_OFF_COLOUR, fontWeight: 600 }}
      />
      {series.map((s) => (
        <Line
          key={s.key}
          dataKey={s.key}
          name={s.label}
          type="linear"
          stroke={s.color}
          strokeWidth={2.5}
          strokeDasharray={s.dash}
          connectNulls
          dot={markerDot(s)}
          activeDot={false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );

  return (
    <div className="min-w-0">
      <ul aria-label="On the chart" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
        {series.length > 1
          ? series.map((s) => (
              <li key={s.key} className="inline-flex items-center gap-2">
                <SeriesSwatch color={s.color} dash={s.dash} marker={s.marker} width={2.5} />
                {s.label}
              </li>
            ))
          : null}
        <li className="inline-flex items-center gap-2">
          <svg aria-hidden width="28" height="12" viewBox="0 0 28 12" className="shrink-0">
            <line x1="1" y1="6" x2="27" y2="6" stroke={CUT_OFF_COLOUR} strokeWidth={1.5} strokeDasharray="5 4" />
          </svg>
          {instrument.cutOff.label}
        </li>
      </ul>
      <div role="img" aria-label={summary} className="mt-1" data-testid={`total-chart-${instrument.key}`}>
        {size ? (
          chart
        ) : (
          <ResponsiveContainer width="100%" height={220} minWidth={0} onResize={(w) => setWidth(w)}>
            {chart}
          </ResponsiveContainer>
        )}
      </div>
    </div>
  );
}
