import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, clients, clientDeteriorations } from "@/db/schema";
import { recordCompletedAssessments, type CompletedAssessmentInput } from "@/lib/assessments/record";
import { ForbiddenError, NotFoundError } from "@/lib/core/errors";
import { closenessV1, phq9V1 } from "@/lib/instruments";
import { createPracticeFixture, type PracticeFixture } from "@/test/fixtures";
import { adoptEstimatedFigures, getInstallationReliability, getReliabilityReport, revertToInstrumentFigures, setStatisticsSharing } from "./reliability";

/*
 * A practice of 300 people whose answers come from a one-factor model per dimension (a person's
 * level plus item noise), a second assessment 7–13 days later for 240 of them and a third for some.
 * Every expected figure is computed here, independently: from the raw answer matrix with two-pass
 * means and variances, not from sums, and without the code under test.
 */

/** A small deterministic generator (mulberry32), so the data is the same on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clamp = (v: number) => Math.min(5, Math.max(1, Math.round(v)));

function closenessAnswers(next: () => number, level: number[]): Record<string, number> {
  const answers: Record<string, number> = {};
  for (const item of closenessV1.items) {
    const d = closenessV1.dimensions.findIndex((x) => x.key === item.dimension);
    const noise = (next() - 0.5) * 2.4;
    const agreement = clamp(level[d]! + noise);
    answers[item.id] = item.reverseKeyed ? 6 - agreement : agreement;
  }
  return answers;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]) => {
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
};
const correlation = (xs: number[], ys: number[]) => {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
};

/** A dimension's item values as scoring sees them: reverse-keyed items mirrored (6 − v). */
const keyed = (answers: Record<string, number>, dimension: string) =>
  closenessV1.items.filter((item) => item.dimension === dimension).map((item) => (item.reverseKeyed ? 6 - answers[item.id]! : answers[item.id]!));

type Person = { clientId: string; assessments: { at: Date; answers: Record<string, number> }[] };

async function seedPractice(p: PracticeFixture, people: number, seed: number): Promise<Person[]> {
  const db = await getDb();
  const next = random(seed);
  const rows = await db
    .insert(clients)
    .values(Array.from({ length: people }, (_, i) => ({ practiceId: p.practiceId, clinicianId: p.clinician.userId, firstName: `P${i}`, lastName: "Test", email: `p${seed}-${i}@example.test` })))
    .returning({ id: clients.id });
  const persons: Person[] = rows.map((row, i) => {
    const level = closenessV1.dimensions.map(() => 1.5 + next() * 3);
    const start = new Date(Date.UTC(2026, 0, 1 + (i % 60), 9));
    const assessments = [{ at: start, answers: closenessAnswers(next, level) }];
    if (i % 5 !== 0) assessments.push({ at: new Date(start.getTime() + (7 + (i % 7)) * 86_400_000), answers: closenessAnswers(next, level) });
    // A later third one, well outside the window: it must not add a pair.
    if (i % 3 === 0) assessments.push({ at: new Date(start.getTime() + 60 * 86_400_000), answers: closenessAnswers(next, level.map((l) => l + 0.5)) });
    return { clientId: row.id, assessments };
  });
  const inputs: CompletedAssessmentInput[] = persons.flatMap((person) =>
    person.assessments.map((a) => ({ practiceId: p.practiceId, clientId: person.clientId, instrument: closenessV1, answers: a.answers, completedAt: a.at })),
  );
  await recordCompletedAssessments(db, inputs);
  return persons;
}

describe("the practice's own reliability figures", () => {
  let p: PracticeFixture;
  let persons: Person[];

  beforeAll(async () => {
    p = await createPracticeFixture();
    persons = await seedPractice(p, 300, 28);
  });

  it("gives α per dimension equal (±0.005) to an independent computation, with N, Feldt intervals, item–rest r, SD and test–retest r", async () => {
    const report = await getReliabilityReport(p.clinician, "closeness");
    expect(report).toMatchObject({ instrument: "closeness", version: 1, scope: "practice", n: 300 });
    for (const { key } of closenessV1.dimensions) {
      const matrix = persons.map((person) => keyed(person.assessments[0]!.answers, key));
      const k = matrix[0]!.length;
      const totals = matrix.map((row) => row.reduce((a, b) => a + b, 0));
      const itemVariances = Array.from({ length: k }, (_, i) => variance(matrix.map((row) => row[i]!)));
      const alpha = (k / (k - 1)) * (1 - itemVariances.reduce((a, b) => a + b, 0) / variance(totals));
      const scores = matrix.map((row) => ((mean(row) - 1) / 4) * 100);
      const estimate = report.dimensions![key]!;
      expect(estimate.n).toBe(300);
      expect(Math.abs(estimate.alpha! - alpha)).toBeLessThan(0.005);
      expect(estimate.alphaCi![0]).toBeLessThan(estimate.alpha!);
      expect(estimate.alphaCi![1]).toBeGreaterThan(estimate.alpha!);
      expect(estimate.sd).toBeCloseTo(Math.sqrt(variance(scores)), 6);
      const ids = closenessV1.items.filter((item) => item.dimension === key).map((item) => item.id);
      ids.forEach((id, i) => {
        const rest = matrix.map((row) => row.reduce((a, b) => a + b, 0) - row[i]!);
        expect(estimate.itemRest![id]).toBeCloseTo(correlation(matrix.map((row) => row[i]!), rest), 6);
      });
      // Pairs: the first two assessments of the 240 people who had a second within 14 days.
      const paired = persons.filter((person) => person.assessments.length > 1 && person.assessments[1]!.at.getTime() - person.assessments[0]!.at.getTime() <= 14 * 86_400_000);
      expect(estimate.testRetest).toMatchObject({ pairs: paired.length, maxDays: 14 });
      const first = paired.map((person) => mean(keyed(person.assessments[0]!.answers, key)));
      const second = paired.map((person) => mean(keyed(person.assessments[1]!.answers, key)));
      expect(estimate.testRetest!.r).toBeCloseTo(correlation(first, second), 6);
      expect(estimate.inUse).toMatchObject({ sd: 18, r: 0.8, source: "provisional", since: null });
    }
    expect(paired(persons)).toBe(240);
    expect(report.inUse).toMatchObject({ sd: 18, r: 0.8, source: "provisional", since: null });
    expect(report.inUse.reliableChange).toBeCloseTo(22.31, 2);
  });

  it("estimates nothing from fewer than 100 people: null with the reason", async () => {
    const small = await createPracticeFixture();
    await seedPractice(small, 99, 7);
    const report = await getReliabilityReport(small.owner, "closeness");
    expect(report.n).toBe(99);
    const knowledge = report.dimensions!.knowledge!;
    expect(knowledge).toMatchObject({ alpha: null, alphaCi: null, itemRest: null, sd: null, n: 99 });
    expect(knowledge.reason).toMatch(/100 people or more; 99 so far/);
    expect(knowledge.testRetest).toMatchObject({ r: null, pairs: 79 });
    expect(knowledge.testRetest!.reason).toMatch(/100 pairs/);
    // A total instrument nobody answered: "total" in place of dimensions, nothing estimated, published figure in use.
    const phq9 = await getReliabilityReport(small.owner, "phq9");
    expect(phq9.dimensions).toBeUndefined();
    expect(phq9.total).toMatchObject({ n: 0, alpha: null });
    expect(phq9.inUse).toMatchObject({ reliableChange: 6, source: "published" });
    await expect(adoptEstimatedFigures(small.owner, "closeness")).rejects.toThrow(/Not enough answers/);
    await expect(getReliabilityReport(small.owner, "nope")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lets the owner adopt the estimates (audited, dated, reversible); judgements read them; scores stay as they were", async () => {
    await expect(adoptEstimatedFigures(p.clinician, "closeness")).rejects.toBeInstanceOf(ForbiddenError);
    const before = await getReliabilityReport(p.owner, "closeness");
    await adoptEstimatedFigures(p.owner, "closeness");
    const after = await getReliabilityReport(p.owner, "closeness");
    const knowledge = after.dimensions!.knowledge!;
    expect(knowledge.inUse).toMatchObject({ source: "estimated", sd: before.dimensions!.knowledge!.sd, r: before.dimensions!.knowledge!.testRetest!.r, rKind: "test-retest", n: 300 });
    expect(knowledge.inUse.reliableChange).toBeCloseTo(1.96 * Math.SQRT2 * knowledge.inUse.sd! * Math.sqrt(1 - knowledge.inUse.r!), 9);
    expect(knowledge.inUse.since).not.toBeNull();
    const db = await getDb();
    const audits = await db.select().from(auditEvents).where(eq(auditEvents.practiceId, p.practiceId));
    expect(audits.map((a) => a.action)).toContain("measures.adopt");

    await revertToInstrumentFigures(p.owner, "closeness");
    const reverted = await getReliabilityReport(p.owner, "closeness");
    expect(reverted.inUse).toMatchObject({ sd: 18, r: 0.8, source: "provisional" });
    const trail = await db.select().from(auditEvents).where(eq(auditEvents.practiceId, p.practiceId));
    const revert = trail.find((a) => a.action === "measures.revert");
    expect((revert!.details as { adoptedAt: string }).adoptedAt).toBe(knowledge.inUse.since);
  });

  it("judges deterioration by the adopted threshold, and by the provisional one again after reverting", async () => {
    const db = await getDb();
    // Knowledge falls by 25 points (k1 and k2 from 3 to 1: 4 steps of 6.25), from 50 to 25. The
    // provisional threshold is 22.3 (reliable); this practice's estimate for knowledge, worked out
    // from the seeded answers (SD ≈ 23.3, test–retest r ≈ .85), is above 25 (not reliable).
    const [person] = await db.insert(clients).values({ practiceId: p.practiceId, clinicianId: p.clinician.userId, firstName: "Falls", lastName: "Test", email: "falls@example.test" }).returning();
    const level = (v: number) => Object.fromEntries(closenessV1.items.map((item) => [item.id, item.reverseKeyed ? 6 - v : v]));
    await recordCompletedAssessments(db, [
      { practiceId: p.practiceId, clientId: person!.id, instrument: closenessV1, answers: level(3), completedAt: new Date("2026-05-01T09:00:00Z") },
      { practiceId: p.practiceId, clientId: person!.id, instrument: closenessV1, answers: { ...level(3), k1: 1, k2: 1 }, completedAt: new Date("2026-05-20T09:00:00Z") },
    ]);
    const flagged = async () => (await db.select().from(clientDeteriorations).where(eq(clientDeteriorations.clientId, person!.id))).length > 0;
    expect(await flagged()).toBe(true);
    await adoptEstimatedFigures(p.owner, "closeness");
    const report = await getReliabilityReport(p.owner, "closeness");
    expect(report.dimensions!.knowledge!.inUse.reliableChange).toBeGreaterThan(25);
    expect(await flagged()).toBe(false);
    await revertToInstrumentFigures(p.owner, "closeness");
    expect(await flagged()).toBe(true);
  });

  it("pools installation-wide figures only from 5 consenting practices and 200 people, from their sums", async () => {
    const others: PracticeFixture[] = [];
    for (let i = 0; i < 4; i++) {
      const other = await createPracticeFixture();
      await seedPractice(other, 20, 100 + i);
      others.push(other);
    }
    await setStatisticsSharing(p.owner, true);
    for (const other of others.slice(0, 3)) await setStatisticsSharing(other.owner, true);
    const four = await getInstallationReliability(p.clinician, "closeness");
    expect(four).toMatchObject({ scope: "installation", practices: 4 });
    expect(four.dimensions!.knowledge!.alpha).toBeNull();
    expect(four.reason).toMatch(/5 contributing practices/);
    await setStatisticsSharing(others[3]!.owner, true);
    const five = await getInstallationReliability(p.clinician, "closeness");
    // Practices of other test files may contribute too on a shared database: at least ours.
    expect(five.practices).toBeGreaterThanOrEqual(5);
    expect(five.n).toBeGreaterThanOrEqual(380);
    expect(five.dimensions!.knowledge!.alpha).not.toBeNull();
    await expect(setStatisticsSharing(p.clinician, false)).rejects.toBeInstanceOf(ForbiddenError);
    await Promise.all([p, ...others].map((x) => setStatisticsSharing(x.owner, false)));
  });

  it("counts a total instrument's scored items (PHQ-9's difficulty question left out)", async () => {
    const small = await createPracticeFixture();
    const db = await getDb();
    const next = random(9);
    const rows = await db
      .insert(clients)
      .values(Array.from({ length: 120 }, (_, i) => ({ practiceId: small.practiceId, clinicianId: small.clinician.userId, firstName: `Q${i}`, lastName: "T", email: `q${i}@example.test` })))
      .returning({ id: clients.id });
    const matrix = rows.map(() => {
      const level = next() * 3;
      return Array.from({ length: 9 }, () => Math.min(3, Math.max(0, Math.round(level + (next() - 0.5) * 2))));
    });
    await recordCompletedAssessments(
      db,
      rows.map((row, i) => ({
        practiceId: small.practiceId,
        clientId: row.id,
        instrument: phq9V1,
        answers: { ...Object.fromEntries(matrix[i]!.map((v, j) => [`phq9_${j + 1}`, v])), phq9_difficulty: 3 },
        completedAt: new Date("2026-03-01T09:00:00Z"),
      })),
    );
    const report = await getReliabilityReport(small.owner, "phq9");
    const totals = matrix.map((row) => row.reduce((a, b) => a + b, 0));
    const alpha = (9 / 8) * (1 - Array.from({ length: 9 }, (_, j) => variance(matrix.map((r) => r[j]!))).reduce((a, b) => a + b, 0) / variance(totals));
    expect(report.total!.alpha).toBeCloseTo(alpha, 6);
    expect(report.total!.sd).toBeCloseTo(Math.sqrt(variance(totals)), 6);
    expect(Object.keys(report.total!.itemRest!)).toEqual(Array.from({ length: 9 }, (_, j) => `phq9_${j + 1}`));
  });
});

function paired(persons: Person[]) {
  return persons.filter((person) => person.assessments.length > 1 && person.assessments[1]!.at.getTime() - person.assessments[0]!.at.getTime() <= 14 * 86_400_000).length;
}
