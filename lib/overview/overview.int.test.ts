import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { clients, invitations } from "@/db/schema";
import type { Actor } from "@/lib/core/actor-types";
import { answersForLevels, createTestPractice, insertAssessmentFixture, linkCoupleFixture, uniqueId } from "@/test/fixtures";
import { CLOSENESS_DIMENSIONS, closenessV1, minimumReliableChange, type ClosenessDimension } from "@/lib/instruments";
import { unlinkPartner } from "@/lib/clients/clients";
import { getOverview, type DimensionMeans, type OverviewPeriod } from "./overview";

// Every expected value below is worked out by hand from answersForLevels: a dimension at level L
// scores (L − 1) × 25, so level 2 → 25, 3 → 50, 4 → 75, 5 → 100.

async function addClient(
  actor: Actor,
  overrides: { clinicianId?: string; status?: "active" | "archived"; firstName?: string; lastName?: string } = {},
) {
  const db = await getDb();
  const id = uniqueId();
  const [client] = await db
    .insert(clients)
    .values({
      practiceId: actor.practiceId,
      clinicianId: overrides.clinicianId ?? actor.userId,
      firstName: overrides.firstName ?? `First${id}`,
      lastName: overrides.lastName ?? `Last${id}`,
      email: `client-${id}@example.test`,
      status: overrides.status ?? "active",
    })
    .returning();
  return client!;
}

async function assess(actor: Actor, clientId: string, completedAt: string, answers: Record<string, number>) {
  return insertAssessmentFixture({ practiceId: actor.practiceId, clientId, completedAt: new Date(completedAt), answers });
}

async function addInvitation(
  actor: Actor,
  clientId: string,
  input: { createdAt: string; status: "pending" | "opened" | "completed" | "revoked"; completedAt?: string; expiresAt?: string },
) {
  const db = await getDb();
  const createdAt = new Date(input.createdAt);
  await db.insert(invitations).values({
    practiceId: actor.practiceId,
    clientId,
    createdBy: actor.userId,
    instruments: [{ key: closenessV1.key, version: closenessV1.version }],
    tokenHash: randomBytes(32).toString("hex"),
    status: input.status,
    createdAt,
    lastSentAt: createdAt,
    expiresAt: new Date(input.expiresAt ?? createdAt.getTime() + 14 * 24 * 3600 * 1000),
    completedAt: input.completedAt ? new Date(input.completedAt) : null,
    revokedAt: input.status === "revoked" ? createdAt : null,
  });
}

/** Means with every dimension at one value (or null). */
const allMeans = (value: number | null): DimensionMeans =>
  Object.fromEntries(CLOSENESS_DIMENSIONS.map((dimension) => [dimension, value])) as DimensionMeans;

const period = (start: string, assessments: number, means: DimensionMeans): OverviewPeriod => ({ start, assessments, means });

/** Trust answers giving 56.25: k13 (reverse-keyed) 2 → 4, k14–k16 at 3; mean 3.25 → (3.25 − 1) / 4 × 100. */
function withTrust5625(levels: Partial<Record<ClosenessDimension, number>>) {
  return { ...answersForLevels(levels, 4), k13: 2, k14: 3, k15: 3, k16: 3 };
}

const NOW = new Date("2026-06-15T12:00:00Z");

describe("overview: cards and per-period means (practice in UTC)", () => {
  async function seed() {
    const { owner, clinicians } = await createTestPractice({ clinicians: 1, timeZone: "UTC" });
    const clinician = clinicians[0]!;
    const a = await addClient(owner);
    const b = await addClient(owner);
    const c = await addClient(owner, { clinicianId: clinician.userId });
    await addClient(owner, { status: "archived" });

    await assess(owner, a.id, "2025-12-31T23:00:00Z", answersForLevels({}, 1)); // before a 6-month range: all 0
    await assess(owner, a.id, "2026-01-10T09:00:00Z", answersForLevels({}, 4)); // all 75
    await assess(owner, a.id, "2026-03-05T09:00:00Z", answersForLevels({ knowledge: 3 }, 4)); // knowledge 50, rest 75
    await assess(owner, b.id, "2026-03-20T09:00:00Z", answersForLevels({}, 2)); // all 25
    await assess(owner, c.id, "2026-04-15T09:00:00Z", answersForLevels({}, 3)); // all 50 (the clinician's client)
    await assess(owner, b.id, "2026-06-01T09:00:00Z", answersForLevels({}, 5)); // all 100
    await assess(owner, b.id, "2026-05-16T12:00:00Z", answersForLevels({}, 5)); // exactly 30 days before NOW: outside "last 30 days"
    return { owner, clinician, a, b, c };
  }

  it("buckets by month in SQL, shows empty months as such, and counts the cards", async () => {
    const { owner } = await seed();
    const overview = await getOverview(owner, { range: "6", granularity: "month", now: NOW });
    expect(overview.scope).toBe("practice");
    expect(overview.activeClients).toBe(3);
    expect(overview.totals).toEqual({ clients: 4, assessments: 7, invitations: 0 });
    // 2026-06-01 is inside the 30 days to NOW; 2026-05-16T12:00Z is exactly 30 days back, so not.
    expect(overview.assessmentsLast30Days).toBe(1);
    expect(overview.periods).toEqual([
      period("2026-01-01", 1, allMeans(75)),
      period("2026-02-01", 0, allMeans(null)),
      // March: (50 + 25) / 2 = 37.5 for knowledge, (75 + 25) / 2 = 50 for the rest.
      period("2026-03-01", 2, { ...allMeans(50), knowledge: 37.5 }),
      period("2026-04-01", 1, allMeans(50)),
      period("2026-05-01", 1, allMeans(100)),
      period("2026-06-01", 1, allMeans(100)),
    ]);
    expect(overview.invitations).toEqual({ sent: 0, completed: 0, open: 0, expired: 0, completionRate: null, medianDaysToComplete: null });
  });

  it("takes 3 months as this month and the two before; all starts at the earliest assessment", async () => {
    const { owner } = await seed();
    const three = await getOverview(owner, { range: "3", granularity: "month", now: NOW });
    expect(three.periods.map((p) => [p.start, p.assessments])).toEqual([
      ["2026-04-01", 1],
      ["2026-05-01", 1],
      ["2026-06-01", 1],
    ]);
    const all = await getOverview(owner, { range: "all", granularity: "month", now: NOW });
    expect(all.periods.map((p) => [p.start, p.assessments])).toEqual([
      ["2025-12-01", 1],
      ["2026-01-01", 1],
      ["2026-02-01", 0],
      ["2026-03-01", 2],
      ["2026-04-01", 1],
      ["2026-05-01", 1],
      ["2026-06-01", 1],
    ]);
    expect(all.periods[0]!.means).toEqual(allMeans(0));
    expect(three.periodsClipped).toBe(false);
    // 12 months would start in July 2025, but nothing came before December: the periods start there.
    const twelve = await getOverview(owner, { range: "12", granularity: "month", now: NOW });
    expect(twelve.periods).toHaveLength(7);
    expect(twelve.periods[0]!.start).toBe("2025-12-01");
    expect(twelve.periodsClipped).toBe(true);
    expect(twelve.periods.reduce((sum, p) => sum + p.assessments, 0)).toBe(7);
  });

  it("buckets by ISO week (Monday) and lists every week of the range", async () => {
    const { owner } = await seed();
    const weeks = await getOverview(owner, { range: "3", granularity: "week", now: NOW });
    // From the Monday on or before 1 Apr 2026 (30 Mar) to the Monday of NOW's week (15 Jun): 12 weeks.
    expect(weeks.periods).toHaveLength(12);
    expect(weeks.periods[0]!.start).toBe("2026-03-30");
    expect(weeks.periods.at(-1)!.start).toBe("2026-06-15");
    expect(weeks.periods.filter((p) => p.assessments > 0)).toEqual([
      period("2026-04-13", 1, allMeans(50)), // Wed 15 Apr
      period("2026-05-11", 1, allMeans(100)), // Sat 16 May
      period("2026-06-01", 1, allMeans(100)), // Mon 1 Jun
    ]);
    expect(weeks.periods.find((p) => p.start === "2026-04-20")).toEqual(period("2026-04-20", 0, allMeans(null)));
  });

  it("scopes a clinician to their caseload and another practice to nothing", async () => {
    const { clinician } = await seed();
    const mine = await getOverview(clinician, { range: "6", granularity: "month", now: NOW });
    expect(mine.scope).toBe("caseload");
    expect(mine.activeClients).toBe(1);
    expect(mine.totals).toEqual({ clients: 1, assessments: 1, invitations: 0 });
    expect(mine.assessmentsLast30Days).toBe(0);
    // The caseload's first assessment is in April: the six months start there, not in January.
    expect(mine.periods.map((p) => [p.start, p.assessments])).toEqual([
      ["2026-04-01", 1],
      ["2026-05-01", 0],
      ["2026-06-01", 0],
    ]);
    expect(mine.periodsClipped).toBe(true);
    expect(mine.periods[0]!.means).toEqual(allMeans(50));

    const { owner: stranger } = await createTestPractice({ timeZone: "UTC" });
    const theirs = await getOverview(stranger, { range: "all", granularity: "month", now: NOW });
    expect(theirs.totals).toEqual({ clients: 0, assessments: 0, invitations: 0 });
    expect(theirs.activeClients).toBe(0);
    expect(theirs.periods).toEqual([]);
    expect(theirs.deteriorations).toEqual([]);
    const theirSix = await getOverview(stranger, { range: "6", granularity: "month", now: NOW });
    // Without any assessment the range stands as asked (the page shows its getting-started steps).
    expect(theirSix.periods).toHaveLength(6);
    expect(theirSix.periodsClipped).toBe(false);
    expect(theirSix.periods.every((p) => p.assessments === 0 && p.means.trust === null)).toBe(true);
  });
});

describe("overview: the practice's time zone decides the period", () => {
  it("Pacific/Auckland (UTC+12 in winter): months and weeks by local midnight, not UTC", async () => {
    const { owner } = await createTestPractice({ timeZone: "Pacific/Auckland" });
    const client = await addClient(owner);
    // Thu 30 Apr 23:45 local (NZST, UTC+12) = 11:45Z the same day: April either way.
    await assess(owner, client.id, "2026-04-30T11:45:00Z", answersForLevels({}, 5)); // 100
    // Fri 1 May 00:15 local = Thu 30 Apr 12:15Z: May locally, April in UTC.
    await assess(owner, client.id, "2026-04-30T12:15:00Z", answersForLevels({}, 1)); // 0
    // Sun 3 May 23:30 local = 11:30Z Sunday: the week of Mon 27 Apr.
    await assess(owner, client.id, "2026-05-03T11:30:00Z", answersForLevels({}, 3)); // 50
    // Mon 4 May 00:30 local = Sun 3 May 12:30Z: the week of Mon 4 May locally, of 27 Apr in UTC.
    await assess(owner, client.id, "2026-05-03T12:30:00Z", answersForLevels({}, 4)); // 75

    const now = new Date("2026-05-20T00:00:00Z"); // 20 May, noon, local
    const months = await getOverview(owner, { range: "3", granularity: "month", now });
    // March is in the range but before the first assessment: left out.
    expect(months.periods).toEqual([
      period("2026-04-01", 1, allMeans(100)),
      // (0 + 50 + 75) / 3
      period("2026-05-01", 3, allMeans(125 / 3)),
    ]);

    const weeks = await getOverview(owner, { range: "3", granularity: "week", now });
    // The range's weeks start on 23 Feb (the Monday on or before Sun 1 Mar), but the first
    // assessment is in the week of Mon 27 Apr (local): from there to the week of 20 May, 4 weeks.
    expect(weeks.periods).toHaveLength(4);
    expect(weeks.periods[0]!.start).toBe("2026-04-27");
    expect(weeks.periods.at(-1)!.start).toBe("2026-05-18");
    expect(weeks.periods.filter((p) => p.assessments > 0)).toEqual([
      period("2026-04-27", 3, allMeans(50)), // (100 + 0 + 50) / 3
      period("2026-05-04", 1, allMeans(75)),
    ]);

    // 31 May 12:30Z is already 1 June in Auckland: the range ends with June.
    const june = await getOverview(owner, { range: "3", granularity: "month", now: new Date("2026-05-31T12:30:00Z") });
    expect(june.periods.map((p) => p.start)).toEqual(["2026-04-01", "2026-05-01", "2026-06-01"]);
  });

  it("Pacific/Honolulu (UTC−10): just before midnight on 31 January stays in January", async () => {
    const { owner } = await createTestPractice({ timeZone: "Pacific/Honolulu" });
    const client = await addClient(owner);
    // Sat 31 Jan 23:30 local = Sun 1 Feb 09:30Z.
    await assess(owner, client.id, "2026-02-01T09:30:00Z", answersForLevels({}, 4));
    const overview = await getOverview(owner, { range: "3", granularity: "month", now: new Date("2026-02-10T00:00:00Z") });
    expect(overview.periods).toEqual([
      period("2026-01-01", 1, allMeans(75)),
      period("2026-02-01", 0, allMeans(null)),
    ]);
    const weeks = await getOverview(owner, { range: "3", granularity: "week", now: new Date("2026-02-10T00:00:00Z") });
    // Saturday 31 Jan belongs to the week of Monday 26 Jan, not of 2 Feb.
    expect(weeks.periods.filter((p) => p.assessments > 0).map((p) => p.start)).toEqual(["2026-01-26"]);
  });
});

describe("overview: reliable deterioration", () => {
  it("lists active clients whose latest assessment fell reliably, against the previous or the first", async () => {
    const { owner } = await createTestPractice({ timeZone: "Europe/London" });
    // The threshold comes from the definition: 1.96 × √2 × 18 × √0.2 ≈ 22.31 points.
    expect(minimumReliableChange(closenessV1, "trust")).toBeCloseTo(22.313, 3);

    // 75 → 50 on trust: −25 ≤ −22.31, reliable; the other dimensions stay at 75.
    const dropped = await addClient(owner, { firstName: "Dropped" });
    await assess(owner, dropped.id, "2026-01-05T10:00:00Z", answersForLevels({}, 4));
    await assess(owner, dropped.id, "2026-02-05T10:00:00Z", answersForLevels({ trust: 3 }, 4));

    // 75 → 56.25 on trust: −18.75, not reliable.
    const small = await addClient(owner, { firstName: "Small" });
    await assess(owner, small.id, "2026-01-05T10:00:00Z", answersForLevels({}, 4));
    await assess(owner, small.id, "2026-02-05T10:00:00Z", withTrust5625({}));

    // Care 75 → 62.5 → 50: −12.5 since the previous (not reliable) but −25 since the first (reliable).
    // Care 62.5: k9–k11 at 4, 3, 3 and k12 (reverse-keyed) at 2 → 4; mean 3.5.
    const drift = await addClient(owner, { firstName: "Drift" });
    await assess(owner, drift.id, "2026-01-01T10:00:00Z", answersForLevels({}, 4));
    await assess(owner, drift.id, "2026-02-01T10:00:00Z", { ...answersForLevels({}, 4), k9: 4, k10: 3, k11: 3, k12: 2 });
    await assess(owner, drift.id, "2026-03-01T10:00:00Z", answersForLevels({ care: 3 }, 4));

    // Improved: 50 → 100 everywhere. Listed nowhere.
    const better = await addClient(owner, { firstName: "Better" });
    await assess(owner, better.id, "2026-01-01T10:00:00Z", answersForLevels({}, 3));
    await assess(owner, better.id, "2026-02-01T10:00:00Z", answersForLevels({}, 5));

    // Fell reliably earlier but recovered in the latest: the latest compares 50 → 75, not listed.
    const recovered = await addClient(owner, { firstName: "Recovered" });
    await assess(owner, recovered.id, "2026-01-01T10:00:00Z", answersForLevels({}, 4));
    await assess(owner, recovered.id, "2026-02-01T10:00:00Z", answersForLevels({}, 3));
    await assess(owner, recovered.id, "2026-03-01T10:00:00Z", answersForLevels({}, 4));

    // One assessment: nothing to compare.
    const single = await addClient(owner, { firstName: "Single" });
    await assess(owner, single.id, "2026-01-01T10:00:00Z", answersForLevels({}, 1));

    // Archived: not on the list however it changed.
    const archived = await addClient(owner, { firstName: "Archived", status: "archived" });
    await assess(owner, archived.id, "2026-01-01T10:00:00Z", answersForLevels({}, 5));
    await assess(owner, archived.id, "2026-02-01T10:00:00Z", answersForLevels({}, 1));

    const overview = await getOverview(owner, { range: "6", granularity: "month", now: NOW });
    expect(overview.reliableChange.provisional).toBe(true);
    expect(overview.reliableChange.byDimension.trust.minimumChange).toBeCloseTo(22.313, 3);
    // A reliable drop since the previous assessment first; then by the latest assessment, newest first.
    expect(overview.deteriorations.map((d) => d.firstName)).toEqual(["Dropped", "Drift"]);
    expect(overview.deteriorationTotal).toBe(2);

    const [fell, drifted] = overview.deteriorations;
    expect(fell).toMatchObject({
      clientId: dropped.id,
      assessmentCount: 2,
      latestAt: new Date("2026-02-05T10:00:00Z"),
      previousAt: new Date("2026-01-05T10:00:00Z"),
      firstAt: new Date("2026-01-05T10:00:00Z"),
    });
    expect(fell!.dimensions).toEqual([
      {
        dimension: "trust",
        latest: 50,
        previous: 75,
        first: 75,
        changeSincePrevious: -25,
        changeSinceFirst: -25,
        reliableSincePrevious: true,
        reliableSinceFirst: true,
      },
    ]);
    // Overall closeness at each assessment, oldest first, for the sparkline: all 75, then trust at
    // 50 → (6 × 75 + 50) / 7. No partner.
    expect(fell!.overallHistory).toHaveLength(2);
    expect(fell!.overallHistory[0]).toBe(75);
    expect(fell!.overallHistory[1]).toBeCloseTo(500 / 7, 10);
    expect(fell!.partner).toBeNull();
    expect(drifted).toMatchObject({ clientId: drift.id, assessmentCount: 3, firstAt: new Date("2026-01-01T10:00:00Z") });
    expect(drifted!.dimensions).toEqual([
      {
        dimension: "care",
        latest: 50,
        previous: 62.5,
        first: 75,
        changeSincePrevious: -12.5,
        changeSinceFirst: -25,
        reliableSincePrevious: false,
        reliableSinceFirst: true,
      },
    ]);

    // Another practice sees none of them.
    const { clinicians } = await createTestPractice({ clinicians: 1 });
    expect((await getOverview(clinicians[0]!, { range: "6", granularity: "month", now: NOW })).deteriorations).toEqual([]);
  });

  it("lists several dimensions of one client in definition order", async () => {
    const { owner, clinicians } = await createTestPractice({ clinicians: 1, timeZone: "UTC" });
    const theirs = await addClient(owner, { clinicianId: clinicians[0]!.userId });
    const partner = await addClient(owner, { firstName: "Pat" });
    await linkCoupleFixture(owner.practiceId, theirs, partner);
    await assess(owner, theirs.id, "2026-01-01T10:00:00Z", answersForLevels({}, 5));
    // Commitment and knowledge 100 → 75 (−25); care 100 → 50 (−50); the rest stay at 100.
    await assess(owner, theirs.id, "2026-02-01T10:00:00Z", answersForLevels({ commitment: 4, knowledge: 4, care: 3 }, 5));
    const [listed] = (await getOverview(clinicians[0]!, { range: "3", granularity: "month", now: NOW })).deteriorations;
    expect(listed!.dimensions.map((d) => [d.dimension, d.changeSincePrevious])).toEqual([
      ["knowledge", -25],
      ["care", -50],
      ["commitment", -25],
    ]);
    // Overall: 100, then (75 + 100 + 50 + 100 + 100 + 100 + 75) / 7 = 600 / 7.
    expect(listed!.overallHistory[0]).toBe(100);
    expect(listed!.overallHistory[1]).toBeCloseTo(600 / 7, 10);
    // The partner on the owner's caseload is named, but is not the clinician's to open.
    expect(listed!.partner).toMatchObject({ clientId: partner.id, firstName: "Pat", visible: false });
    // The owner sees the clinician's client too, and may open the partner's record.
    const fromOwner = (await getOverview(owner, { range: "3", granularity: "month", now: NOW })).deteriorations;
    expect(fromOwner).toHaveLength(1);
    expect(fromOwner[0]!.partner).toMatchObject({ clientId: partner.id, visible: true });
  });
});

describe("overview: couples whose gap is widening", () => {
  async function couple(owner: Actor, names: [string, string], options: { clinicianId?: string; partnerClinicianId?: string; partnerStatus?: "archived" } = {}) {
    const a = await addClient(owner, { firstName: names[0], lastName: "A", clinicianId: options.clinicianId });
    const b = await addClient(owner, { firstName: names[1], lastName: "B", clinicianId: options.partnerClinicianId ?? options.clinicianId, status: options.partnerStatus });
    await linkCoupleFixture(owner.practiceId, a, b);
    return [a, b] as const;
  }

  it("compares each couple's latest pair of assessments with the pair before, widest change first", async () => {
    const { owner, clinicians } = await createTestPractice({ clinicians: 1, timeZone: "UTC" });
    const clinician = clinicians[0]!;

    // Apart: both all 75 in January (gap 0); in March A stays at 75, B falls to 25 on trust and care
    // (gaps 50 and 50): average gap 0 → 100 / 7 = 14.29.
    const [ana, ben] = await couple(owner, ["Ana", "Ben"]);
    await assess(owner, ana.id, "2026-01-05T10:00:00Z", answersForLevels({}, 4));
    await assess(owner, ben.id, "2026-01-07T10:00:00Z", answersForLevels({}, 4));
    await assess(owner, ana.id, "2026-03-02T10:00:00Z", answersForLevels({}, 4));
    await assess(owner, ben.id, "2026-03-16T10:00:00Z", answersForLevels({ trust: 2, care: 2 }, 4)); // exactly 14 days: a pair

    // Slightly apart: one dimension 25 apart at the latest pair, average 25 / 7 = 3.57 < 5. Not listed.
    const [cy, di] = await couple(owner, ["Cy", "Di"]);
    await assess(owner, cy.id, "2026-01-05T10:00:00Z", answersForLevels({}, 3));
    await assess(owner, di.id, "2026-01-06T10:00:00Z", answersForLevels({}, 3));
    await assess(owner, cy.id, "2026-03-05T10:00:00Z", answersForLevels({}, 3));
    await assess(owner, di.id, "2026-03-06T10:00:00Z", answersForLevels({ mutuality: 4 }, 3));

    // Closer: 50 apart everywhere in January, together in March. Not listed.
    const [ed, flo] = await couple(owner, ["Ed", "Flo"]);
    await assess(owner, ed.id, "2026-01-05T10:00:00Z", answersForLevels({}, 5));
    await assess(owner, flo.id, "2026-01-06T10:00:00Z", answersForLevels({}, 3));
    await assess(owner, ed.id, "2026-03-05T10:00:00Z", answersForLevels({}, 4));
    await assess(owner, flo.id, "2026-03-06T10:00:00Z", answersForLevels({}, 4));

    // Far apart in time: B's March answers are 15 days after A's, so only one pair. Not compared.
    const [gus, hal] = await couple(owner, ["Gus", "Hal"]);
    await assess(owner, gus.id, "2026-01-05T10:00:00Z", answersForLevels({}, 4));
    await assess(owner, hal.id, "2026-01-06T10:00:00Z", answersForLevels({}, 4));
    await assess(owner, gus.id, "2026-03-01T10:00:00Z", answersForLevels({}, 4));
    await assess(owner, hal.id, "2026-03-16T10:00:00Z", answersForLevels({}, 1));

    // Widening a little more than Ana and Ben, but a partner is archived: not considered.
    const [ivy, jo] = await couple(owner, ["Ivy", "Jo"], { partnerStatus: "archived" });
    await assess(owner, ivy.id, "2026-01-05T10:00:00Z", answersForLevels({}, 5));
    await assess(owner, jo.id, "2026-01-06T10:00:00Z", answersForLevels({}, 5));
    await assess(owner, ivy.id, "2026-03-05T10:00:00Z", answersForLevels({}, 5));
    await assess(owner, jo.id, "2026-03-06T10:00:00Z", answersForLevels({}, 1));

    // Widening most (average 0 → 25), on the clinician's caseload: Kim and Lou, all 100 in January,
    // Lou at 75 on every dimension in March.
    const [kim, lou] = await couple(owner, ["Kim", "Lou"], { clinicianId: clinician.userId });
    await assess(owner, kim.id, "2026-01-10T10:00:00Z", answersForLevels({}, 5));
    await assess(owner, lou.id, "2026-01-10T11:00:00Z", answersForLevels({}, 5));
    await assess(owner, kim.id, "2026-03-10T10:00:00Z", answersForLevels({}, 5));
    await assess(owner, lou.id, "2026-03-10T11:00:00Z", answersForLevels({}, 4));

    const overview = await getOverview(owner, { range: "6", granularity: "month", now: NOW });
    // Compared: Ana/Ben, Cy/Di, Ed/Flo, Kim/Lou (two pairs each); Gus/Hal have one pair; Ivy/Jo are out.
    expect(overview.wideningTotal).toBe(2);
    expect(overview.wideningTotalExact).toBe(true);
    expect(overview.wideningGaps.map((c) => c.partners.map((p) => p.firstName))).toEqual([
      ["Kim", "Lou"],
      ["Ana", "Ben"],
    ]);
    const [, apart] = overview.wideningGaps;
    expect(apart!.partners.map((p) => p.clientId)).toEqual([ana.id, ben.id]);
    expect(apart!.previousMeanGap).toBe(0);
    expect(apart!.latestMeanGap).toBeCloseTo(100 / 7, 10);
    expect(apart!.meanChange).toBeCloseTo(100 / 7, 10);
    expect(apart!.latest).toMatchObject({ clientCompletedAt: "2026-03-02T10:00:00.000Z", partnerCompletedAt: "2026-03-16T10:00:00.000Z", daysApart: 14 });
    expect(apart!.previous).toMatchObject({ clientCompletedAt: "2026-01-05T10:00:00.000Z", partnerCompletedAt: "2026-01-07T10:00:00.000Z" });
    expect(apart!.dimensions.filter((d) => d.change > 0).map((d) => [d.key, d.previousGap, d.latestGap, d.flagged])).toEqual([
      ["care", 0, 50, true],
      ["trust", 0, 50, true],
    ]);

    // A clinician sees only couples wholly on their caseload.
    const mine = await getOverview(clinician, { range: "6", granularity: "month", now: NOW });
    expect(mine.wideningTotal).toBe(1);
    expect(mine.wideningGaps.map((c) => c.coupleId)).toEqual([overview.wideningGaps[0]!.coupleId]);
    expect(mine.wideningGaps[0]!.meanChange).toBe(25);

    // The list is read from what the write path keeps (lib/couples/couple-gap.ts). A view of the
    // past computes it from the history instead (an assessment after NOW makes the overview at NOW
    // one): the same couples, the same comparisons, told from the same partner's side.
    const [later] = await couple(owner, ["Max", "Ola"]);
    await assess(owner, later.id, "2026-07-01T10:00:00Z", answersForLevels({}, 3));
    const then = await getOverview(owner, { range: "6", granularity: "month", now: NOW });
    expect(then.wideningGaps).toEqual(overview.wideningGaps);
    expect(then.wideningTotal).toBe(2);

    // Once their partners are unlinked, Kim and Lou are not a couple moving apart any more.
    await unlinkPartner(owner, kim.id);
    const after = await getOverview(owner, { range: "6", granularity: "month", now: new Date("2026-08-01T00:00:00Z") });
    expect(after.wideningGaps.map((c) => c.partners.map((p) => p.firstName))).toEqual([["Ana", "Ben"]]);
    // With none widening, the page says how many couples were compared.
    await unlinkPartner(owner, ana.id);
    const none = await getOverview(owner, { range: "6", granularity: "month", now: new Date("2026-08-01T00:00:00Z") });
    expect(none.wideningGaps).toEqual([]);
    expect(none.couplesCompared).toBe(2); // Cy/Di and Ed/Flo
  });

  it("leaves out a couple whose partners are on two caseloads, for the clinician who sees only one", async () => {
    const { owner, clinicians } = await createTestPractice({ clinicians: 1, timeZone: "UTC" });
    const [mia, ned] = await couple(owner, ["Mia", "Ned"], { clinicianId: clinicians[0]!.userId, partnerClinicianId: owner.userId });
    await assess(owner, mia.id, "2026-01-05T10:00:00Z", answersForLevels({}, 5));
    await assess(owner, ned.id, "2026-01-06T10:00:00Z", answersForLevels({}, 5));
    await assess(owner, mia.id, "2026-03-05T10:00:00Z", answersForLevels({}, 5));
    await assess(owner, ned.id, "2026-03-06T10:00:00Z", answersForLevels({}, 1));
    expect((await getOverview(owner, { range: "6", granularity: "month", now: NOW })).wideningGaps).toHaveLength(1);
    const theirs = await getOverview(clinicians[0]!, { range: "6", granularity: "month", now: NOW });
    expect(theirs.couplesCompared).toBe(0);
    expect(theirs.wideningGaps).toEqual([]);
  });
});

describe("overview: invitations", () => {
  it("counts the completion rate and the median days to complete over invitations sent in the range", async () => {
    const { owner, clinicians } = await createTestPractice({ clinicians: 1, timeZone: "UTC" });
    const client = await addClient(owner);
    await addInvitation(owner, client.id, { createdAt: "2026-05-01T00:00:00Z", status: "completed", completedAt: "2026-05-03T00:00:00Z" }); // 2 days
    await addInvitation(owner, client.id, { createdAt: "2026-05-10T00:00:00Z", status: "completed", completedAt: "2026-05-15T12:00:00Z" }); // 5.5 days
    await addInvitation(owner, client.id, { createdAt: "2026-05-20T00:00:00Z", status: "completed", completedAt: "2026-05-21T00:00:00Z" }); // 1 day
    await addInvitation(owner, client.id, { createdAt: "2026-06-10T00:00:00Z", status: "pending" }); // open until 24 Jun
    await addInvitation(owner, client.id, { createdAt: "2026-05-01T00:00:00Z", status: "opened" }); // expired 15 May
    await addInvitation(owner, client.id, { createdAt: "2026-06-01T00:00:00Z", status: "revoked" }); // not counted
    await addInvitation(owner, client.id, { createdAt: "2025-11-01T00:00:00Z", status: "completed", completedAt: "2025-11-11T00:00:00Z" }); // 10 days, before the 6 months

    const six = await getOverview(owner, { range: "6", granularity: "month", now: NOW });
    // 3 completed of 5 sent (revoked and older ones left out); median of 1, 2, 5.5 days is 2.
    // The practice's median comes from its hours-to-complete tally: within an hour of the exact one.
    expect(six.invitations).toMatchObject({ sent: 5, completed: 3, open: 1, expired: 1, completionRate: 0.6 });
    expect(six.invitations.medianDaysToComplete).toBeCloseTo(2, 1);
    expect(six.totals.invitations).toBe(7);

    const all = await getOverview(owner, { range: "all", granularity: "month", now: NOW });
    // 4 of 6; median of 1, 2, 5.5, 10 days is (2 + 5.5) / 2.
    expect(all.invitations).toMatchObject({ sent: 6, completed: 4, open: 1, expired: 1, completionRate: 4 / 6 });
    expect(all.invitations.medianDaysToComplete).toBeCloseTo(3.75, 1);

    // Viewed from before the last invitation was made, the rows answer, bucketed as the tally is
    // (one query whatever the source): the median within an hour.
    const before = await getOverview(owner, { range: "all", granularity: "month", now: new Date("2026-06-05T00:00:00Z") });
    expect(before.invitations).toMatchObject({ sent: 5, completed: 4, completionRate: 4 / 5 });
    expect(before.invitations.medianDaysToComplete).toBeCloseTo(3.75, 1);

    const three = await getOverview(owner, { range: "3", granularity: "month", now: NOW });
    expect(three.invitations.sent).toBe(5); // all of May and June are inside April–June

    // None of them are the clinician's.
    const theirs = await getOverview(clinicians[0]!, { range: "all", granularity: "month", now: NOW });
    expect(theirs.invitations).toEqual({ sent: 0, completed: 0, open: 0, expired: 0, completionRate: null, medianDaysToComplete: null });
  });
});
