/*
 * The one time axis of every trend chart: time on a real scale (uneven gaps look uneven), and the
 * date labels at the points' own dates, so each label sits under a point. Pure; tested beside it.
 */

const HALF_DAY_MS = 12 * 60 * 60 * 1000;

/** From the first to the last point, with a little room either side so end markers and labels fit. */
export function timeDomain(times: readonly number[], fraction = 0.05): [number, number] {
  const first = Math.min(...times);
  const last = Math.max(...times);
  if (!Number.isFinite(first)) return [0, 1];
  const room = Math.max((last - first) * fraction, HALF_DAY_MS);
  return [first - room, last + room];
}

/**
 * Where the date labels go: at points' dates only, at most `max` of them, spread evenly over the
 * time between the first and the last point (both always labelled), so labels never crowd and none
 * floats where there is no point.
 */
export function timeTicks(times: readonly number[], max: number): number[] {
  const distinct = [...new Set(times)].sort((a, b) => a - b);
  if (distinct.length <= Math.max(2, max)) return distinct;
  const first = distinct[0]!;
  const last = distinct.at(-1)!;
  const slots = Math.max(2, max);
  const chosen = new Set<number>([first, last]);
  for (let i = 1; i < slots - 1; i++) {
    const target = first + ((last - first) * i) / (slots - 1);
    // The point nearest the even position, if not taken already.
    const nearest = distinct.reduce((best, t) => (Math.abs(t - target) < Math.abs(best - target) ? t : best), first);
    chosen.add(nearest);
  }
  // Drop a label that would sit too close to its neighbour (under half an even step away).
  const minGap = (last - first) / (slots - 1) / 2;
  const sorted = [...chosen].sort((a, b) => a - b);
  const kept: number[] = [];
  for (const t of sorted) {
    if (t === last) {
      if (kept.length > 1 && last - kept.at(-1)! < minGap) kept.pop();
      kept.push(t);
    } else if (kept.length === 0 || t - kept.at(-1)! >= minGap) {
      kept.push(t);
    }
  }
  return kept;
}

/** How many date labels fit a chart of this many pixels, at about 80 px a label with room between. */
export function ticksForWidth(width: number): number {
  return Math.max(2, Math.min(8, Math.floor(width / 110)));
}
