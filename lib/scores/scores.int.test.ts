import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { assessmentScores, assessments, auditEvents } from "@/db/schema";
import type { Actor } from "@/lib/core/actor-types";
import { createClient, linkPartners } from "@/lib/clients/clients";
import { NotFoundError } from "@/lib/core/errors";
import { answersForLevels, clientInput, createTestPractice, insertAssessmentFixture } from "@/test/fixtures";
import { getClientReport, getClientScores, getCoupleScores } from "./scores";

// Reliable change with the provisional parameters (DESIGN §2):
//   S_diff = √2 · 18 · √(1 − 0.80) = 11.3842 points; reliable when |RCI| ≥ 1.96, i.e. |Δ| ≥ 22.313.
const S_DIFF = Math.SQRT2 * 18 * Math.sqrt(0.2);

// `answersForLevels` gives every item of a dimension the same level (reverse-keyed item mirrored),
// so a dimension scores (level − 1) × 25: 1 → 0, 2 → 25, 3 → 50, 4 → 75, 5 → 100.
// Steps of 6.25 come from changing single items: trust k13 is reverse-keyed, k14–k16 are not;
// responsiveness k19 is reverse-keyed, k17, k18, k20 are not.
const day = (iso: string) => new Date(`${iso}T10:00:00Z`);

// Client A, three assessments (levels → scores):
//                 1st (5 Jan)  2nd (2 Feb)  3rd, latest (2 Mar)
// knowledge        2 → 25       3 → 50       3 → 50
// interdependence  3 → 50       4 → 75       3 → 50
// care             4 → 75       3 → 50       3 → 50
// trust            3 → 50       4 → 75       v' 3,3,4,4 → mean 3.5 → 62.5
// responsiveness   3 → 50       3 → 50       v' 3,4,4,4 → mean 3.75 → 68.75
// mutuality        3 → 50       3 → 50       2 → 25
// commitment       3 → 50       2 → 25       4 → 75
const A_FIRST = answersForLevels({ knowledge: 2, care: 4 });
const A_SECOND = answersForLevels({ interdependence: 4, trust: 4, commitment: 2 });
const A_LATEST = {
  ...answersForLevels({ responsiveness: 4, mutuality: 2, commitment: 4 }),
  k15: 4, // trust: k13 (R) 3 → 3, k14 3, k15 4, k16 4
  k16: 4,
  k17: 3, // responsiveness: k17 3, k18 4, k19 (R) 2 → 4, k20 4
};

let practice: Awaited<ReturnType<typeof createTestPractice>>;
let otherPractice: Awaited<ReturnType<typeof createTestPractice>>;
let me: Actor;
let colleague: Actor;
let clientA: string;

beforeAll(async () => {
  practice = await createTestPractice({ clinicians: 2 });
  otherPractice = await createTestPractice({ clinicians: 1 });
  me = practice.clinicians[0]!;
  colleague = practice.clinicians[1]!;
  clientA = (await createClient(me, clientInput({ firstName: "Ana", lastName: "Alder" }))).id;
  // Inserted out of order: the result must still be oldest first.
  for (const [completedAt, answers] of [
    [day("2026-03-02"), A_LATEST],
    [day("2026-01-05"), A_FIRST],
    [day("2026-02-02"), A_SECOND],
  ] as const) {
    await insertAssessmentFixture({ practiceId: practice.practice.id, clientId: clientA, completedAt, answers });
  }
});

describe("getClientScores", () => {
  it("returns every assessment oldest first, unrounded, as plain data", async () => {
    const scores = await getClientScores(me, clientA);
    expect(scores.client).toEqual({ id: clientA, name: "Ana Alder" });
    expect(scores.instrument).toEqual({ key: "closeness", version: 1, title: "Closeness Inventory" });
    expect(scores.dimensions.map((d) => d.key)).toEqual(["knowledge", "interdependence", "care", "trust", "responsiveness", "mutuality", "commitment"]);
    expect(scores.assessments.map((a) => a.completedAt)).toEqual([
      "2026-01-05T10:00:00.000Z",
      "2026-02-02T10:00:00.000Z",
      "2026-03-02T10:00:00.000Z",
    ]);
    expect(scores.assessments[2]!.dimensions).toEqual({
      knowledge: 50,
      interdependence: 50,
      care: 50,
      trust: 62.5,
      responsiveness: 68.75,
      mutuality: 25,
      commitment: 75,
    });
    // (50 + 50 + 50 + 62.5 + 68.75 + 25 + 75) / 7 = 381.25 / 7 = 54.4642…
    expect(scores.assessments[2]!.overall).toBeCloseTo(381.25 / 7, 10);
    // Serialisable: survives a JSON round trip unchanged (no Dates, no class instances).
    expect(JSON.parse(JSON.stringify(scores))).toEqual(scores);
  });

  it("computes reliable change against the first and the previous assessment by hand", async () => {
    const { summary } = await getClientScores(me, clientA);
    expect(summary).not.toBeNull();
    expect(summary!.first.completedAt).toBe("2026-01-05T10:00:00.000Z");
    expect(summary!.previous!.completedAt).toBe("2026-02-02T10:00:00.000Z");
    const byKey = Object.fromEntries(summary!.dimensions.map((d) => [d.key, d]));
    const expected = {
      // since first                          since previous
      knowledge: [[25, 50, "improved"], /*  */ [50, 50, "no_change"]], //       +25 → RCI  2.196; 0
      interdependence: [[50, 50, "no_change"], [75, 50, "deteriorated"]], //    0; −25 → RCI −2.196
      care: [[75, 50, "deteriorated"], /*    */ [50, 50, "no_change"]], //      −25 → RCI −2.196; 0
      trust: [[50, 62.5, "no_change"], /*    */ [75, 62.5, "no_change"]], //    +12.5 → 1.098; −12.5 → −1.098
      responsiveness: [[50, 68.75, "no_change"], [50, 68.75, "no_change"]], // +18.75 → RCI 1.647 (< 1.96)
      mutuality: [[50, 25, "deteriorated"], [50, 25, "deteriorated"]], //      −25 → RCI −2.196 both
      commitment: [[50, 75, "improved"], /*  */ [25, 75, "improved"]], //       +25 → 2.196; +50 → 4.392
    } as const;
    for (const [key, [first, previous]] of Object.entries(expected)) {
      const row = byKey[key]!;
      expect(row.sinceFirst, key).toMatchObject({ before: first[0], after: first[1], change: first[1] - first[0], status: first[2] });
      expect(row.sinceFirst!.rci, key).toBeCloseTo((first[1] - first[0]) / S_DIFF, 10);
      expect(row.sincePrevious, key).toMatchObject({ before: previous[0], after: previous[1], change: previous[1] - previous[0], status: previous[2] });
      expect(row.sincePrevious!.rci, key).toBeCloseTo((previous[1] - previous[0]) / S_DIFF, 10);
    }
    expect(byKey.knowledge!.sinceFirst!.rci).toBeCloseTo(2.196, 3);
    expect(byKey.commitment!.sincePrevious!.rci).toBeCloseTo(4.392, 3);
    expect(byKey.responsiveness!.sinceFirst!.rci).toBeCloseTo(1.647, 3);
  });

  it("names strengths and growth areas of the latest assessment, ties in table order, with bands", async () => {
    const { summary } = await getClientScores(me, clientA);
    // Latest: commitment 75, responsiveness 68.75 highest; mutuality 25 lowest, then a four-way tie
    // at 50 (knowledge, interdependence, care, … in table order) that knowledge wins.
    expect(summary!.strengths).toEqual(["commitment", "responsiveness"]);
    expect(summary!.growthAreas).toEqual(["mutuality", "knowledge"]);
    expect(Object.fromEntries(summary!.dimensions.map((d) => [d.key, d.band]))).toEqual({
      knowledge: "developing",
      interdependence: "developing",
      care: "developing",
      trust: "developing",
      responsiveness: "developing", // 68.75 < 70
      mutuality: "growth", // 25 < 40
      commitment: "strength", // 75 ≥ 70
    });
  });

  it("labels the reliable-change parameters as provisional, with the threshold", async () => {
    const { reliableChange } = await getClientScores(me, clientA);
    expect(reliableChange.provisional).toBe(true);
    expect(reliableChange.criticalRci).toBe(1.96);
    for (const params of Object.values(reliableChange.byDimension)) {
      expect(params.sd).toBe(18);
      expect(params.r).toBe(0.8);
      expect(params.minimumChange).toBeCloseTo(1.96 * S_DIFF, 10); // 22.313
    }
  });

  it("has an honest empty state and a single-assessment state without change", async () => {
    const empty = await createClient(me, clientInput());
    const none = await getClientScores(me, empty.id);
    expect(none.assessments).toEqual([]);
    expect(none.summary).toBeNull();

    await insertAssessmentFixture({ practiceId: practice.practice.id, clientId: empty.id, completedAt: day("2026-04-01"), answers: answersForLevels({ care: 5 }) });
    const one = await getClientScores(me, empty.id);
    expect(one.assessments).toHaveLength(1);
    expect(one.summary!.previous).toBeNull();
    expect(one.summary!.strengths).toEqual(["care", "knowledge"]); // 100, then the tie at 50
    for (const row of one.summary!.dimensions) {
      expect(row.sinceFirst).toBeNull();
      expect(row.sincePrevious).toBeNull();
    }
  });

  it("leaves out assessments of another instrument version", async () => {
    const client = await createClient(me, clientInput());
    const db = await getDb();
    const [other] = await db
      .insert(assessments)
      .values({ practiceId: practice.practice.id, clientId: client.id, instrumentKey: "closeness", instrumentVersion: 2, answers: {}, overall: 10, completedAt: day("2026-01-01") })
      .returning();
    await db.insert(assessmentScores).values({ assessmentId: other!.id, practiceId: practice.practice.id, clientId: client.id, dimension: "knowledge", score: 10, completedAt: day("2026-01-01") });
    expect((await getClientScores(me, client.id)).assessments).toEqual([]);
  });

  it("is not found for another clinician's client, another practice, or a malformed id; the owner sees it", async () => {
    for (const outsider of [colleague, otherPractice.owner, otherPractice.clinicians[0]!]) {
      await expect(getClientScores(outsider, clientA)).rejects.toBeInstanceOf(NotFoundError);
      await expect(getClientReport(outsider, clientA)).rejects.toBeInstanceOf(NotFoundError);
      await expect(getCoupleScores(outsider, clientA)).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(getClientScores(me, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    expect((await getClientScores(practice.owner, clientA)).assessments).toHaveLength(3);
  });

  it("records opening the report in the audit trail, and only then", async () => {
    const client = await createClient(me, clientInput());
    const db = await getDb();
    const actions = async () =>
      (
        await db
          .select({ action: auditEvents.action, actorUserId: auditEvents.actorUserId })
          .from(auditEvents)
          .where(and(eq(auditEvents.subjectType, "client"), eq(auditEvents.subjectId, client.id)))
      ).filter((row) => row.action !== "client.create" && row.action !== "client.access_refused");
    await getClientScores(me, client.id);
    expect(await actions()).toEqual([]);
    await getClientReport(me, client.id);
    expect(await actions()).toEqual([{ action: "client.view_report", actorUserId: me.userId }]);
    // A refused report is no view of the report (the refusal itself is audited: lib/core/audit.int.test.ts).
    await getClientReport(colleague, client.id).catch(() => undefined);
    expect(await actions()).toHaveLength(1);
  });
});

describe("getCoupleScores", () => {
  // Partner B of client A. Levels → scores:
  //                 25 Jan       5 Feb        16 Mar (exactly 14 days after A's 2 Mar)
  // knowledge       3 → 50       3 → 50       4 → 75      A latest 50  → gap 25    flagged (exactly 25)
  // interdependence 3 → 50       3 → 50       3 → 50      A latest 50  → gap 0
  // care            3 → 50       3 → 50       3 → 50      A latest 50  → gap 0
  // trust           3 → 50       3 → 50       3 → 50      A latest 62.5 → gap 12.5
  // responsiveness  3 → 50       3 → 50       3 → 50      A latest 68.75 → gap 18.75
  // mutuality       3 → 50       3 → 50       1 → 0       A latest 25  → gap 25    flagged
  // commitment      3 → 50       5 → 100      3 → 50      A latest 75  → gap 25    flagged
  let partnerB: string;

  beforeAll(async () => {
    partnerB = (await createClient(me, clientInput({ firstName: "Ben", lastName: "Birch" }))).id;
    await linkPartners(me, clientA, partnerB);
    for (const [completedAt, answers] of [
      [day("2026-01-25"), answersForLevels()],
      [day("2026-02-05"), answersForLevels({ commitment: 5 })],
      [day("2026-03-16"), answersForLevels({ knowledge: 4, mutuality: 1 })],
    ] as const) {
      await insertAssessmentFixture({ practiceId: practice.practice.id, clientId: partnerB, completedAt, answers });
    }
  });

  it("pairs each assessment with the partner's closest one within 14 days, and flags gaps of 25 or more", async () => {
    const couple = await getCoupleScores(me, clientA);
    expect(couple).not.toBeNull();
    expect(couple!.client.name).toBe("Ana Alder");
    expect(couple!.partner).toMatchObject({ id: partnerB, name: "Ben Birch", status: "active" });
    expect(couple!.partner.assessments).toHaveLength(3);
    expect(couple!.windowDays).toBe(14);
    expect(couple!.flagAt).toBe(25);
    // A 5 Jan: B's nearest is 25 Jan, 20 days away → no pair.
    // A 2 Feb: B 25 Jan is 8 days away, B 5 Feb 3 days → 5 Feb.
    // A 2 Mar: B 16 Mar is exactly 14 × 24 h later → inside the window.
    expect(couple!.pairs.map((p) => [p.clientCompletedAt.slice(0, 10), p.partnerCompletedAt.slice(0, 10), p.daysApart])).toEqual([
      ["2026-02-02", "2026-02-05", 3],
      ["2026-03-02", "2026-03-16", 14],
    ]);
    // 2 Feb pair: commitment A 25 vs B 100 → 75; interdependence 75 vs 50 → 25; trust 75 vs 50 → 25.
    expect(couple!.pairs[0]!.gaps.filter((g) => g.flagged).map((g) => [g.key, g.gap])).toEqual([
      ["interdependence", 25],
      ["trust", 25],
      ["commitment", 75],
    ]);
    expect(couple!.latestPair).toEqual(couple!.pairs[1]);
    expect(couple!.latestPair!.gaps.map((g) => [g.key, g.client, g.partner, g.gap, g.flagged])).toEqual([
      ["knowledge", 50, 75, 25, true],
      ["interdependence", 50, 50, 0, false],
      ["care", 50, 50, 0, false],
      ["trust", 62.5, 50, 12.5, false],
      ["responsiveness", 68.75, 50, 18.75, false],
      ["mutuality", 25, 0, 25, true],
      ["commitment", 75, 50, 25, true],
    ]);
  });

  it("works from the partner's page too, with the partner's assessments as A", async () => {
    const couple = await getCoupleScores(me, partnerB);
    // B 25 Jan → A 2 Feb (8 days; A 5 Jan is 20); B 5 Feb → A 2 Feb (3); B 16 Mar → A 2 Mar (14).
    expect(couple!.pairs.map((p) => [p.clientCompletedAt.slice(0, 10), p.partnerCompletedAt.slice(0, 10)])).toEqual([
      ["2026-01-25", "2026-02-02"],
      ["2026-02-05", "2026-02-02"],
      ["2026-03-16", "2026-03-02"],
    ]);
    expect(couple!.latestPair!.gaps.find((g) => g.key === "knowledge")).toMatchObject({ client: 75, partner: 50, gap: 25, flagged: true });
  });

  it("says there is no pair when nothing was completed within 14 days", async () => {
    const c = await createClient(me, clientInput());
    const d = await createClient(me, clientInput());
    await linkPartners(me, c.id, d.id);
    await insertAssessmentFixture({ practiceId: practice.practice.id, clientId: c.id, completedAt: new Date("2026-05-01T10:00:00Z"), answers: answersForLevels() });
    // 14 days and one minute later: just outside.
    await insertAssessmentFixture({ practiceId: practice.practice.id, clientId: d.id, completedAt: new Date("2026-05-15T10:01:00Z"), answers: answersForLevels({ care: 1 }) });
    const couple = await getCoupleScores(me, c.id);
    expect(couple!.client.assessments).toHaveLength(1);
    expect(couple!.partner.assessments).toHaveLength(1);
    expect(couple!.pairs).toEqual([]);
    expect(couple!.latestPair).toBeNull();
  });

  it("is null without a partner, and when the partner is on another clinician's caseload", async () => {
    const single = await createClient(me, clientInput());
    expect(await getCoupleScores(me, single.id)).toBeNull();

    const mine = await createClient(practice.owner, clientInput({ clinicianId: me.userId }));
    const theirs = await createClient(practice.owner, clientInput({ clinicianId: colleague.userId }));
    await linkPartners(practice.owner, mine.id, theirs.id);
    await insertAssessmentFixture({ practiceId: practice.practice.id, clientId: theirs.id, completedAt: day("2026-02-01"), answers: answersForLevels() });
    expect(await getCoupleScores(me, mine.id)).toBeNull();
    expect(await getCoupleScores(colleague, theirs.id)).toBeNull();
    // The owner sees the whole practice, so both partners.
    const owners = await getCoupleScores(practice.owner, mine.id);
    expect(owners!.partner.id).toBe(theirs.id);
    expect(owners!.partner.assessments).toHaveLength(1);
  });
});
