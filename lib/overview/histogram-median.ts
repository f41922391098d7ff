/**
 * The median of values known only as a histogram of whole units (e.g. hours: a value v counts in
 * bucket floor(v)), read the way percentile_cont(0.5) reads the values themselves: the middle one,
 * or halfway between the two middle ones. Inside a bucket its values are taken as spread evenly
 * across the unit, so the result is within one unit of the exact median. Null without values.
 */
export function histogramMedian(buckets: readonly { unit: number; count: number }[]): number | null {
  const sorted = buckets.filter((b) => b.count > 0).toSorted((a, b) => a.unit - b.unit);
  const total = sorted.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return null;
  // The k-th smallest value (0-based): its bucket, and its place among the bucket's values.
  const valueAt = (k: number) => {
    let before = 0;
    for (const bucket of sorted) {
      if (k < before + bucket.count) return bucket.unit + (k - before + 0.5) / bucket.count;
      before += bucket.count;
    }
    throw new Error("rank out of range");
  };
  const position = (total - 1) / 2;
  const low = valueAt(Math.floor(position));
  const high = valueAt(Math.ceil(position));
  return low + (position - Math.floor(position)) * (high - low);
}
