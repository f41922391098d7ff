import { describe, expect, it } from "vitest";
import { cronbachAlpha, fCdf, fQuantile, feldtInterval, pearson, type ScaleSums } from "./statistics";

/** ln Γ by Stirling's series with recurrence: an implementation independent of the code under test. */
function lnGamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift -= Math.log(x);
    x += 1;
  }
  return shift + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5);
}

/** P(F ≤ f) by Simpson's rule over the F density: no continued fraction, no incomplete beta. */
function fCdfByIntegration(f: number, d1: number, d2: number): number {
  const logC = lnGamma((d1 + d2) / 2) - lnGamma(d1 / 2) - lnGamma(d2 / 2) + (d1 / 2) * Math.log(d1 / d2);
  const density = (x: number) => (x <= 0 ? 0 : Math.exp(logC + (d1 / 2 - 1) * Math.log(x) - ((d1 + d2) / 2) * Math.log(1 + (d1 / d2) * x)));
  const steps = 20_000;
  const h = f / steps;
  let sum = density(0) + density(f);
  for (let i = 1; i < steps; i++) sum += (i % 2 ? 4 : 2) * density(i * h);
  return (sum * h) / 3;
}

describe("the F distribution behind Feldt's interval", () => {
  it("matches printed tables", () => {
    // F tables: F(.95; 5, 10) = 3.33, F(.975; 10, 20) = 2.77, F(.99; 3, 30) = 4.51.
    expect(fQuantile(0.95, 5, 10)).toBeCloseTo(3.3258, 3);
    expect(fQuantile(0.975, 10, 20)).toBeCloseTo(2.7737, 3);
    expect(fQuantile(0.99, 3, 30)).toBeCloseTo(4.5097, 3);
  });

  it("agrees with a numerical integration of the density at a practice's sizes", () => {
    for (const [f, d1, d2] of [
      [1.2, 299, 897],
      [0.85, 299, 897],
      [1.05, 4999, 14997],
    ] as const) {
      expect(fCdf(f, d1, d2)).toBeCloseTo(fCdfByIntegration(f, d1, d2), 6);
    }
  });

  it("gives Feldt's interval: (1 − α)/(1 − α̂) has the F(n − 1, (n − 1)(k − 1)) quantiles at its ends", () => {
    const [low, high] = feldtInterval(0.8, 300, 4);
    expect(fCdfByIntegration((1 - low) / 0.2, 299, 897)).toBeCloseTo(0.975, 4);
    expect(fCdfByIntegration((1 - high) / 0.2, 299, 897)).toBeCloseTo(0.025, 4);
    expect(low).toBeLessThan(0.8);
    expect(high).toBeGreaterThan(0.8);
  });
});

describe("α and r from sums", () => {
  it("works α out for a tiny worked example", () => {
    // Three people, two items: (1,2), (2,2), (3,4). Item variances 1 and 4/3; totals 3, 4, 7 with
    // variance 13/3. α = 2 · (1 − (1 + 4/3) / (13/3)) = 2 · (1 − 7/13) = 12/13.
    const rows = [
      [1, 2],
      [2, 2],
      [3, 4],
    ];
    const sums: ScaleSums = {
      n: 3,
      items: [0, 1].map((i) => ({
        sum: rows.reduce((a, r) => a + r[i]!, 0),
        sumSquares: rows.reduce((a, r) => a + r[i]! ** 2, 0),
        sumWithTotal: rows.reduce((a, r) => a + r[i]! * (r[0]! + r[1]!), 0),
      })),
      total: { sum: 14, sumSquares: 9 + 16 + 49 },
    };
    expect(cronbachAlpha(sums)).toBeCloseTo(12 / 13, 12);
  });

  it("gives Pearson's r, and null without variance", () => {
    // x = 1, 2, 3; y = 2, 4, 7: r = 0.99339…
    expect(pearson({ n: 3, sumX: 6, sumY: 13, sumXX: 14, sumYY: 69, sumXY: 31 })).toBeCloseTo(0.9933992, 6);
    expect(pearson({ n: 3, sumX: 3, sumY: 13, sumXX: 3, sumYY: 69, sumXY: 13 })).toBeNull();
  });
});
