import type { DotRenderProps, MarkerShape } from "./series";

/** A data-point marker drawn in SVG, shared by the charts and their legends. */
export function Marker({ shape, cx, cy, size = 4, color }: { shape: MarkerShape; cx: number; cy: number; size?: number; color: string }) {
  const s = size;
  switch (shape) {
    case "circle":
      return <circle cx={cx} cy={cy} r={s} fill={color} />;
    case "ring":
      return <circle cx={cx} cy={cy} r={s} fill="#fff" stroke={color} strokeWidth={2} />;
    case "square":
      return <rect x={cx - s * 0.9} y={cy - s * 0.9} width={s * 1.8} height={s * 1.8} fill={color} />;
    case "diamond":
      return <path d={`M${cx} ${cy - s * 1.2}L${cx + s * 1.2} ${cy}L${cx} ${cy + s * 1.2}L${cx - s * 1.2} ${cy}Z`} fill={color} />;
    case "triangle":
      return <path d={`M${cx} ${cy - s * 1.2}L${cx + s * 1.1} ${cy + s * 0.9}L${cx - s * 1.1} ${cy + s * 0.9}Z`} fill={color} />;
    case "triangle-down":
      return <path d={`M${cx} ${cy + s * 1.2}L${cx + s * 1.1} ${cy - s * 0.9}L${cx - s * 1.1} ${cy - s * 0.9}Z`} fill={color} />;
    case "cross":
      return (
        <path
          d={`M${cx - s} ${cy - s}L${cx + s} ${cy + s}M${cx + s} ${cy - s}L${cx - s} ${cy + s}`}
          stroke={color}
          strokeWidth={2.2}
          strokeLinecap="round"
        />
      );
  }
}

/** A short line with its marker, as drawn in the chart, for legends and tooltips. */
export function SeriesSwatch({ color, dash, marker, width = 2 }: { color: string; dash?: string; marker: MarkerShape; width?: number }) {
  return (
    <svg aria-hidden width="28" height="12" viewBox="0 0 28 12" className="shrink-0 overflow-visible">
      <line x1="1" y1="6" x2="27" y2="6" stroke={color} strokeWidth={width} strokeDasharray={dash} />
      <Marker shape={marker} cx={14} cy={6} size={3.5} color={color} />
    </svg>
  );
}

/** Recharts calls this per data point; each series draws its own marker shape. */
export function markerDot(series: { key: string; marker: MarkerShape; color: string }, size = 3.5) {
  return function renderDot({ cx, cy, index }: DotRenderProps) {
    if (typeof cx !== "number" || typeof cy !== "number") return null;
    return (
      <g key={`${series.key}-${index}`}>
        <Marker shape={series.marker} cx={cx} cy={cy} size={size} color={series.color} />
      </g>
    );
  };
}
