"use client";

import { Bar, BarChart, CartesianGrid, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { formatScore } from "@/lib/instruments/scoring";
import { Marker } from "./marker";
import { BAND_ZONE_FILLS, CHART_INK, LARGE_GAP_COLOUR } from "./palette";
import { COUPLE_SERIES } from "./series";

export type CoupleProfileRow = {
  key: string;
  label: string;
  /** Unrounded; null when that partner has no assessment. */
  a: number | null;
  b: number | null;
  /** |a − b| when both are there (and compared: within the couple window). */
  gap: number | null;
  flagged: boolean;
};

type Datum = CoupleProfileRow & { span: [number, number] };

type ShapeProps = { x?: number; y?: number; width?: number; height?: number; payload?: Datum; background?: { x: number; width: number } };

/**
 * Both partners on the seven dimensions, side by side: one row per dimension, a circle for the
 * first partner and a square for the second on a 0–100 scale, joined by a line whose length is the
 * gap; a flagged gap is drawn thick and red and named at the row's end. Works from a single
 * assessment each (it is a profile, not a line over time). The numbers are in the table beside it.
 */
export function CoupleProfileChart({ rows, names, label }: { rows: CoupleProfileRow[]; names: { a: string; b: string }; label: string }) {
  const data: Datum[] = rows.map((row) => {
    const values = [row.a, row.b].filter((v): v is number => v !== null);
    return { ...row, span: [Math.min(...values), Math.max(...values)] };
  });
  return (
    <div>
      <ul aria-label="Marks on the chart" className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-slate-700">
        <li className="inline-flex items-center gap-2">
          <MarkerSwatch shape={COUPLE_SERIES.client.marker} color={COUPLE_SERIES.client.color} />
          {names.a} (circle)
        </li>
        <li className="inline-flex items-center gap-2">
          <MarkerSwatch shape={COUPLE_SERIES.partner.marker} color={COUPLE_SERIES.partner.color} />
          {names.b} (square)
        </li>
        <li className="inline-flex items-center gap-2">
          <svg aria-hidden width="22" height="10">
            <line x1="1" y1="5" x2="21" y2="5" stroke={LARGE_GAP_COLOUR} strokeWidth="4" />
          </svg>
          Large gap (25 points or more)
        </li>
      </ul>
      <div role="img" aria-label={label} className="mt-2" data-testid="couple-profile-chart">
        <ResponsiveContainer width="100%" height={44 * rows.length + 40} minWidth={0}>
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 62, bottom: 4, left: 0 }} barCategoryGap="30%" accessibilityLayer={false}>
            <ReferenceArea x1={0} x2={40} fill={BAND_ZONE_FILLS.growth} fillOpacity={BAND_ZONE_FILLS.opacity} ifOverflow="hidden" />
            <ReferenceArea x1={70} x2={100} fill={BAND_ZONE_FILLS.strength} fillOpacity={BAND_ZONE_FILLS.opacity} ifOverflow="hidden" />
            <CartesianGrid stroke={CHART_INK.grid} horizontal={false} />
            <XAxis type="number" domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} tick={{ fontSize: 12, fill: CHART_INK.tick }} tickLine={false} axisLine={{ stroke: CHART_INK.axis }} />
            <YAxis type="category" dataKey="label" width={116} tick={{ fontSize: 12, fill: CHART_INK.label }} tickLine={false} axisLine={false} />
            <Tooltip content={(props: TooltipContentProps) => <ProfileTooltip {...props} names={names} />} cursor={{ fill: CHART_INK.grid }} isAnimationActive={false} />
            <Bar dataKey="span" minPointSize={1} background={{ fill: "transparent" }} shape={(props: unknown) => <PairMarks {...(props as ShapeProps)} />} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}

function PairMarks({ x = 0, y = 0, width = 0, height = 0, payload, background }: ShapeProps) {
  if (!payload) return <g />;
  const cy = y + height / 2;
  const start = x;
  const end = x + Math.max(0, width);
  // The span runs from the lower to the higher score; each partner sits at their own end.
  const at = (value: number | null) => (value === null ? null : value === payload.span[0] ? start : end);
  const ax = at(payload.a);
  const same = payload.a !== null && payload.b !== null && payload.a === payload.b;
  const bx = same ? start : at(payload.b);
  // Equal scores: the two marks sit just above and below each other rather than one hiding the other.
  const nudge = same ? 3.5 : 0;
  const right = background ? background.x + background.width : end;
  return (
    <g>
      {ax !== null && bx !== null ? (
        <line x1={start} y1={cy} x2={end} y2={cy} stroke={payload.flagged ? LARGE_GAP_COLOUR : CHART_INK.axis} strokeWidth={payload.flagged ? 4 : 2} />
      ) : null}
      {ax !== null ? <Marker shape={COUPLE_SERIES.client.marker} cx={ax} cy={cy - nudge} size={6} color={COUPLE_SERIES.client.color} /> : null}
      {bx !== null ? <Marker shape={COUPLE_SERIES.partner.marker} cx={bx} cy={cy + nudge} size={5.5} color={COUPLE_SERIES.partner.color} /> : null}
      {payload.gap !== null ? (
        <text x={right + 6} y={cy + 4} fontSize={11.5} fontWeight={payload.flagged ? 700 : 400} fill={payload.flagged ? LARGE_GAP_COLOUR : CHART_INK.tick}>
          {payload.flagged ? "▲ " : ""}
          {formatScore(payload.gap)}
        </text>
      ) : null}
    </g>
  );
}

function ProfileTooltip({ active, payload, names }: TooltipContentProps & { names: { a: string; b: string } }) {
  const row = payload?.[0]?.payload as Datum | undefined;
  if (!active || !row) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-2 py-1.5 text-xs shadow-md">
      <p className="font-semibold text-slate-900">{row.label}</p>
      <p className="tabular-nums text-slate-700">
        {names.a}: {row.a === null ? "—" : formatScore(row.a)}
      </p>
      <p className="tabular-nums text-slate-700">
        {names.b}: {row.b === null ? "—" : formatScore(row.b)}
      </p>
      {row.gap !== null ? <p className="tabular-nums text-slate-700">Gap: {formatScore(row.gap)}{row.flagged ? " (large)" : ""}</p> : null}
    </div>
  );
}

function MarkerSwatch({ shape, color }: { shape: React.ComponentProps<typeof Marker>["shape"]; color: string }) {
  return (
    <svg aria-hidden width="14" height="14" viewBox="0 0 14 14" className="shrink-0">
      <Marker shape={shape} cx={7} cy={7} size={5} color={color} />
    </svg>
  );
}
