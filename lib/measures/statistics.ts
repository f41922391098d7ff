/*
 * The statistics behind the practice's own figures (issue 28), from sufficient statistics only:
 * counts, sums, sums of squares and cross-products. The database sums (lib/measures/reliability.ts);
 * these plain functions turn the sums into α, its Feldt interval, item–rest correlations, SDs and
 * Pearson's r. Sums from several practices add up to the sums of their union, which is what lets
 * practices contribute figures without ever sharing a row.
 */

/** Sums over the people of one scale (a dimension, or a total): item i's value x_i, the scale total T. */
export type ScaleSums = {
  n: number;
  /** Per item, in item order: Σx_i, Σx_i², Σx_i·T. */
  items: { sum: number; sumSquares: number; sumWithTotal: number }[];
  /** ΣT and ΣT². */
  total: { sum: number; sumSquares: number };
};

/** Sums over pairs (x, y): first and second assessment of one person. */
export type PairSums = { n: number; sumX: number; sumY: number; sumXX: number; sumYY: number; sumXY: number };

/** Sample covariance from sums (n − 1 in the denominator); null below two observations. */
function covariance(n: number, sumA: number, sumB: number, sumAB: number): number | null {
  if (n < 2) return null;
  return (sumAB - (sumA * sumB) / n) / (n - 1);
}

/** The sample SD of the scale total, in the total's points. */
export function totalSd(sums: ScaleSums): number | null {
  const variance = covariance(sums.n, sums.total.sum, sums.total.sum, sums.total.sumSquares);
  return variance === null || variance < 0 ? null : Math.sqrt(variance);
}

/** Cronbach's α = k/(k−1) · (1 − Σ s²_i / s²_T); null when undefined (fewer than 2 items or people, no variance). */
export function cronbachAlpha(sums: ScaleSums): number | null {
  const k = sums.items.length;
  const totalVariance = covariance(sums.n, sums.total.sum, sums.total.sum, sums.total.sumSquares);
  if (k < 2 || totalVariance === null || totalVariance <= 0) return null;
  const itemVariances = sums.items.reduce((acc, item) => acc + (covariance(sums.n, item.sum, item.sum, item.sumSquares) ?? 0), 0);
  return (k / (k - 1)) * (1 - itemVariances / totalVariance);
}

/**
 * Each item's correlation with the sum of the other items of its scale (corrected item–total):
 * cov(x_i, T − x_i) / √(var x_i · var(T − x_i)). Null for an item or rest without variance.
 */
export function itemRestCorrelations(sums: ScaleSums): (number | null)[] {
  const varianceT = covariance(sums.n, sums.total.sum, sums.total.sum, sums.total.sumSquares);
  return sums.items.map((item) => {
    const varianceI = covariance(sums.n, item.sum, item.sum, item.sumSquares);
    const covarianceIT = covariance(sums.n, item.sum, sums.total.sum, item.sumWithTotal);
    if (varianceT === null || varianceI === null || covarianceIT === null) return null;
    const covarianceIRest = covarianceIT - varianceI;
    const varianceRest = varianceT - 2 * covarianceIT + varianceI;
    if (varianceI <= 0 || varianceRest <= 0) return null;
    return covarianceIRest / Math.sqrt(varianceI * varianceRest);
  });
}

/** Pearson's r from pair sums; null with fewer than 3 pairs or no variance on either side. */
export function pearson(sums: PairSums): number | null {
  if (sums.n < 3) return null;
  const sxx = sums.sumXX - (sums.sumX * sums.sumX) / sums.n;
  const syy = sums.sumYY - (sums.sumY * sums.sumY) / sums.n;
  const sxy = sums.sumXY - (sums.sumX * sums.sumY) / sums.n;
  if (sxx <= 0 || syy <= 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** Adds sums of the same scale from several sources (practices), item by item. */
export function addScaleSums(a: ScaleSums, b: ScaleSums): ScaleSums {
  return {
    n: a.n + b.n,
    items: a.items.map((item, i) => ({
      sum: item.sum + (b.items[i]?.sum ?? 0),
      sumSquares: item.sumSquares + (b.items[i]?.sumSquares ?? 0),
      sumWithTotal: item.sumWithTotal + (b.items[i]?.sumWithTotal ?? 0),
    })),
    total: { sum: a.total.sum + b.total.sum, sumSquares: a.total.sumSquares + b.total.sumSquares },
  };
}

export function addPairSums(a: PairSums, b: PairSums): PairSums {
  return {
    n: a.n + b.n,
    sumX: a.sumX + b.sumX,
    sumY: a.sumY + b.sumY,
    sumXX: a.sumXX + b.sumXX,
    sumYY: a.sumYY + b.sumYY,
    sumXY: a.sumXY + b.sumXY,
  };
}

// ---------------------------------------------------------------------------------------------
// The F distribution, for Feldt's interval: (1 − α)/(1 − α̂) follows F(n − 1, (n − 1)(k − 1)).

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9): about 15 significant digits. */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The fraction converges fast on this side of the mean; use the symmetry on the other.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** P(F ≤ f) for F with (d1, d2) degrees of freedom. */
export function fCdf(f: number, d1: number, d2: number): number {
  if (f <= 0) return 0;
  return regularizedBeta((d1 * f) / (d1 * f + d2), d1 / 2, d2 / 2);
}

/** The p-quantile of F(d1, d2), by bisection on the CDF (monotone), to 1e-12 relative. */
export function fQuantile(p: number, d1: number, d2: number): number {
  let low = 0;
  let high = 1;
  while (fCdf(high, d1, d2) < p) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-12 * high; i++) {
    const mid = (low + high) / 2;
    if (fCdf(mid, d1, d2) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** Feldt's (1965) 95% interval for α from n people and k items. */
export function feldtInterval(alpha: number, n: number, k: number, level = 0.95): [number, number] {
  const d1 = n - 1;
  const d2 = (n - 1) * (k - 1);
  const tail = (1 - level) / 2;
  return [1 - (1 - alpha) * fQuantile(1 - tail, d1, d2), 1 - (1 - alpha) * fQuantile(tail, d1, d2)];
}

/** The p-th percentile (0–1), linear between closest ranks as PostgreSQL's percentile_cont; null for none. */
export function percentileCont(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}
