"use client";

import { useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
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
import { buttonClass } from "@/components/ui/button";
import { formatScore } from "@/lib/instruments/scoring";
import type { DimensionInfo, ScoreDimension } from "@/lib/scores/score-summary";
import { dateTick } from "./date-tick";
import { markerDot, SeriesSwatch } from "./marker";
import { BAND_ZONE_FILLS, CHART_INK } from "./palette";
import { SERIES, type ChartPoint, type SeriesStyle } from "./series";
import { ticksForWidth, timeDomain, timeTicks } from "./time-axis";
import { trendLabel } from "./trend-label";

const Y_TICKS = [0, 20, 40, 60, 80, 100];
const OVERALL = SERIES.find((series) => series.key === "overall")!;

const noSubscribe = () => () => {};

/**
 * Overall closeness and one dimension over time. Eight lines at once cannot be read, so the chart
 * shows overall plus the dimension chosen in the picker (on the server: the one in `?dimension=`,
 * else the one that moved most). Without JavaScript the picker is a GET form; with it, the chart
 * changes in place and the URL follows, so a reload or a shared link shows the same view.
 * For screen readers the chart is one image with a summary; every value is in the scores table it
 * is described by. `size` fixes the chart's pixels (the printable report).
 */
export function ScoreTrendChart({
  points,
  dimensions,
  dimension,
  describedBy,
  size,
  interactive = true,
  keepParams = {},
}: {
  points: ChartPoint[];
  dimensions: DimensionInfo[];
  /** The dimension chosen on the server. */
  dimension: ScoreDimension;
  /** The page's other search parameters (e.g. its tab), which a GET form would otherwise drop. */
  keepParams?: Record<string, string>;
  describedBy?: string;
  size?: { width: number; height: number };
  interactive?: boolean;
}) {
  const [shown, setShown] = useState<ScoreDimension>(dimension);
  // The drawn width, for how many date labels fit (a phone-sized guess until measured).
  const [width, setWidth] = useState(330);
  // False while the server renders and during hydration, so both render the no-JavaScript form.
  const hydrated = useSyncExternalStore(noSubscribe, () => true, () => false);
  const selectId = useId();
  const descriptionId = useId();
  const series = SERIES.find((s) => s.key === shown) ?? SERIES[1]!;
  const info = dimensions.find((d) => d.key === shown);
  const lines = [OVERALL, series];

  const choose = (value: string) => {
    const next = dimensions.find((d) => d.key === value);
    if (!next) return;
    setShown(next.key);
    const url = new URL(window.location.href);
    url.searchParams.set("dimension", next.key);
    window.history.replaceState(null, "", url);
  };

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
        domain={timeDomain(points.map((p) => p.t))}
        // Labels at points' own dates only, as many as the width holds; all of them shown (interval 0).
        ticks={timeTicks(
          points.map((p) => p.t),
          ticksForWidth(size?.width ?? width),
        )}
        interval={0}
        tick={dateTick((t) => points.find((p) => p.t === t)?.date ?? "")}
        tickLine={false}
        axisLine={{ stroke: CHART_INK.axis }}
      />
      <YAxis domain={[0, 100]} ticks={Y_TICKS} width={36} tick={{ fontSize: 12, fill: CHART_INK.tick }} tickLine={false} axisLine={false} />
      {interactive ? <Tooltip content={(props: TooltipContentProps) => <TrendTooltip {...props} lines={lines} />} isAnimationActive={false} /> : null}
      {lines.map((line) => (
        <Line
          key={line.key}
          dataKey={line.key}
          name={line.label}
          type="linear"
          stroke={line.color}
          strokeWidth={line.width}
          strokeDasharray={line.dash}
          dot={markerDot(line)}
          activeDot={interactive ? markerDot(line, 5.5) : false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );

  return (
    <div id="score-trend" className="scroll-mt-4">
      {interactive ? (
        <DimensionPicker dimensions={dimensions} shown={shown} keepParams={keepParams} selectId={selectId} descriptionId={descriptionId} hydrated={hydrated} onChoose={choose} />
      ) : null}
      {info ? (
        <p id={descriptionId} className="mt-2 max-w-prose text-sm text-slate-600">
          <span className="font-medium text-slate-800">{info.label}:</span> {info.description}
        </p>
      ) : null}
      <ChartLegend lines={lines} />
      <div role="img" aria-label={trendLabel(points, series)} aria-describedby={describedBy} className="mt-2" data-testid="score-trend-chart">
        {size ? (
          chart
        ) : (
          <ResponsiveContainer width="100%" height={300} minWidth={0} onResize={(w) => setWidth(w)}>
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

/** Names each line of the chart beside its swatch (overall first, in bold). */
function ChartLegend({ lines }: { lines: SeriesStyle[] }) {
  return (
    <ul aria-label="Lines on the chart" className="mt-3 flex flex-wrap gap-x-5 gap-y-1 text-sm text-slate-700">
      {lines.map((line) => (
        <li key={line.key} className="inline-flex items-center gap-2">
          <SeriesSwatch color={line.color} dash={line.dash} marker={line.marker} width={line.width} />
          <span className={line.key === "overall" ? "font-semibold" : undefined}>{line.key === "overall" ? "Overall closeness" : line.label}</span>
        </li>
      ))}
    </ul>
  );
}

/** The dimension shown with overall: a GET form without JavaScript; with it, the chart follows at once. */
function DimensionPicker({
  dimensions,
  shown,
  keepParams,
  selectId,
  descriptionId,
  hydrated,
  onChoose,
}: {
  dimensions: DimensionInfo[];
  shown: ScoreDimension;
  keepParams: Record<string, string>;
  selectId: string;
  descriptionId: string;
  hydrated: boolean;
  onChoose: (value: string) => void;
}) {
  // Uncontrolled, so that hydrating never sets it back: a dimension chosen while the page was still
  // loading is taken as chosen once it has loaded (the state follows the select, never the reverse).
  const selectRef = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    const chosen = selectRef.current?.value;
    if (chosen && chosen !== shown) onChoose(chosen);
  }, [shown, onChoose]);
  return (
    <form
      method="get"
      action="#score-trend"
      onSubmit={(event) => event.preventDefault()}
      className="flex flex-wrap items-end gap-2"
      data-print="hide"
    >
      {Object.entries(keepParams).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div>
        <label htmlFor={selectId} className="block text-sm font-medium text-slate-800">
          Dimension shown with overall
        </label>
        <select
          id={selectId}
          ref={selectRef}
          name="dimension"
          defaultValue={shown}
          onChange={(event) => onChoose(event.target.value)}
          aria-describedby={descriptionId}
          className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-base sm:text-sm"
        >
          {dimensions.map((d) => (
            <option key={d.key} value={d.key}>
              {d.label}
            </option>
          ))}
        </select>
      </div>
      {/* Without JavaScript the choice is sent as a plain GET; with it, the chart follows at once. */}
      {hydrated ? null : (
        <button type="submit" className={buttonClass("secondary")}>
          Show
        </button>
      )}
    </form>
  );
}

function TrendTooltip({ active, payload, lines }: TooltipContentProps & { lines: SeriesStyle[] }) {
  if (!active || !payload?.length) return null;
  const point = payload[0]?.payload as ChartPoint | undefined;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
      <p className="font-semibold text-slate-900">{point?.date}</p>
      <ul className="mt-1 space-y-0.5">
        {lines.map((series) => {
          const value = point?.[series.key];
          if (typeof value !== "number") return null;
          return (
            <li key={series.key} className="flex items-center gap-2">
              <SeriesSwatch color={series.color} dash={series.dash} marker={series.marker} width={series.width} />
              <span className="text-slate-700">{series.label}</span>
              <span className="ml-auto pl-3 font-medium tabular-nums text-slate-900">{formatScore(value)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
