"use client";

import { Bar, BarChart, CartesianGrid, LabelList, ReferenceArea, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { formatScore } from "@/lib/instruments/scoring";
import { BAND_ZONE_FILLS, CHART_INK, PROFILE_COLOURS } from "./palette";

type ProfileRow = { key: string; label: string; first: number | null; latest: number };

const LATEST = PROFILE_COLOURS.latest;
const FIRST = PROFILE_COLOURS.first;

/**
 * The latest assessment against the first, one pair of horizontal bars per dimension. The first
 * assessment's bar is hatched and always above the latest one, so the two differ by more than
 * colour; each bar carries its value. Without a first (a single assessment) only the latest shows.
 */
export function ProfileChart({
  rows,
  firstDate,
  latestDate,
  label,
  describedBy,
  size,
}: {
  rows: ProfileRow[];
  firstDate: string | null;
  latestDate: string;
  label: string;
  describedBy?: string;
  size?: { width: number; height: number };
}) {
  const compare = firstDate !== null;
  const height = size?.height ?? (compare ? 420 : 300);
  const chart = (
    <BarChart
      data={rows}
      layout="vertical"
      width={size?.width}
      height={size ? size.height : undefined}
      margin={{ top: 4, right: 40, bottom: 4, left: 4 }}
      barGap={2}
      barCategoryGap={compare ? "18%" : "28%"}
      accessibilityLayer={false}
    >
      <defs>
        <pattern id="profile-first-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill={PROFILE_COLOURS.hatchBackground} />
          <line x1="0" y1="0" x2="0" y2="6" stroke={FIRST} strokeWidth="2.5" />
        </pattern>
      </defs>
      <ReferenceArea x1={0} x2={40} fill={BAND_ZONE_FILLS.growth} fillOpacity={BAND_ZONE_FILLS.opacity} ifOverflow="hidden" />
      <ReferenceArea x1={70} x2={100} fill={BAND_ZONE_FILLS.strength} fillOpacity={BAND_ZONE_FILLS.opacity} ifOverflow="hidden" />
      <CartesianGrid stroke={CHART_INK.grid} horizontal={false} />
      <XAxis type="number" domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} tick={{ fontSize: 12, fill: CHART_INK.tick }} tickLine={false} axisLine={{ stroke: CHART_INK.axis }} />
      <YAxis type="category" dataKey="label" width={112} tick={{ fontSize: 12, fill: CHART_INK.label }} tickLine={false} axisLine={false} />
      {compare ? (
        <Bar dataKey="first" name={`First (${firstDate})`} fill="url(#profile-first-hatch)" stroke={FIRST} strokeWidth={1} minPointSize={2} isAnimationActive={false}>
          <LabelList dataKey="first" position="right" formatter={formatLabel} style={{ fontSize: 11, fill: CHART_INK.tick }} />
        </Bar>
      ) : null}
      {/* minPointSize: a score of 0 still gets a sliver of bar, and with it its value label. */}
      <Bar dataKey="latest" name={`Latest (${latestDate})`} fill={LATEST} minPointSize={2} isAnimationActive={false}>
        <LabelList dataKey="latest" position="right" formatter={formatLabel} style={{ fontSize: 11, fill: CHART_INK.label, fontWeight: 600 }} />
      </Bar>
    </BarChart>
  );

  return (
    <div>
      <ul aria-label="Bars on the chart" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
        {compare ? (
          <li className="inline-flex items-center gap-1.5">
            <svg aria-hidden width="22" height="10" className="shrink-0">
              <pattern id="profile-legend-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" fill={PROFILE_COLOURS.hatchBackground} />
                <line x1="0" y1="0" x2="0" y2="6" stroke={FIRST} strokeWidth="2.5" />
              </pattern>
              <rect x="0.5" y="0.5" width="21" height="9" fill="url(#profile-legend-hatch)" stroke={FIRST} />
            </svg>
            First assessment, {firstDate} (upper, hatched bar)
          </li>
        ) : null}
        <li className="inline-flex items-center gap-1.5">
          <svg aria-hidden width="22" height="10" className="shrink-0">
            <rect width="22" height="10" fill={LATEST} />
          </svg>
          Latest assessment, {latestDate}
          {compare ? " (lower, solid bar)" : null}
        </li>
      </ul>
      <div role="img" aria-label={label} aria-describedby={describedBy} className="mt-2" data-testid="profile-chart">
        {size ? (
          chart
        ) : (
          <ResponsiveContainer width="100%" height={height} minWidth={0}>
            {chart}
          </ResponsiveContainer>
        )}
      </div>
    </div>
  );
}

function formatLabel(value: unknown): string {
  return typeof value === "number" ? formatScore(value) : "";
}
