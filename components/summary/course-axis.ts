import type { CoursePerson } from "@/lib/pre-session/course";

/** Every change a person's course chart draws: their own and the band's edges. */
export function courseValues(person: CoursePerson): number[] {
  return [...person.line.map((p) => p.change), ...person.band.flatMap((w) => (w.p10 === null || w.p90 === null ? [] : [w.p10, w.p90]))];
}

/** Round figures for the change axis, always through 0: at most six labels. */
export function changeTicks(values: readonly number[]): number[] {
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  if (min === max) return [-10, 0, 10];
  const step = [5, 10, 20, 25, 50].find((s) => Math.ceil(max / s) - Math.floor(min / s) <= 5) ?? 100;
  const ticks: number[] = [];
  for (let t = Math.floor(min / step) * step; t <= Math.ceil(max / step) * step; t += step) ticks.push(t);
  return ticks;
}
