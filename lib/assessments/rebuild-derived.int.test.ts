import { eq, inArray, sql, type SQL } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { clients, couples, invitations } from "@/db/schema";
import { closenessV1, phq9V1 } from "@/lib/instruments";
import { answersForLevels, createClientFixture, createPracticeFixture, invitationRow } from "@/test/fixtures";
import { recordCompletedAssessments } from "./record";
import { rebuildPracticeDerived } from "./rebuild-derived";

// Issue 22: each derived table has one definition. What the write path keeps, submission by
// submission, must be exactly what the rebuild computes from the history alone (the bench seed
// writes source rows only and relies on it) — and both must be what the history says.

async function derived(practiceId: string) {
  const db = await getDb();
  const rows = async (query: SQL) => ((await db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
  return {
    clients: await rows(sql`
      select id, last_assessment_at, latest_overall::text from clients where practice_id = ${practiceId} order by id`),
    totals: await rows(sql`
      select client_id, instrument_key, instrument_version, latest_assessment_id, latest_total::text, latest_at, first_total::text, first_at, assessment_count
      from client_instrument_totals where practice_id = ${practiceId} order by client_id, instrument_key`),
    couples: await rows(sql`
      select id, latest_gap::text, latest_gap_dimension, latest_gap_at from couples where practice_id = ${practiceId} order by id`),
    coupleChanges: await rows(sql`
      select couple_id, mean_change, widening, comparison::text from couple_gap_changes where practice_id = ${practiceId} order by couple_id`),
    days: await rows(sql`select day::text, assessments, closeness_assessments from practice_daily_assessments where practice_id = ${practiceId} order by day`),
    scores: await rows(sql`select day::text, dimension, scores, score_sum::text from practice_daily_scores where practice_id = ${practiceId} order by day, dimension`),
    deteriorations: await rows(sql`
      select client_id, latest_at, sudden, dimensions::text from client_deteriorations where practice_id = ${practiceId} order by client_id`),
    reliabilitySums: await rows(sql`
      select instrument_key, instrument_version, scale, term, value from practice_reliability_sums where practice_id = ${practiceId} order by 1, 2, 3, 4`),
    reliabilityPicks: await rows(sql`
      select client_id, instrument_key, first_id, pair_first_id, pair_second_id from client_reliability_picks where practice_id = ${practiceId} order by 1, 2`),
    clientCounts: await rows(sql`select clients, active_clients from practice_client_counts where practice_id = ${practiceId}`),
    invitationCounts: await rows(sql`select invitations from practice_invitation_counts where practice_id = ${practiceId}`),
    monthlyInvitations: await rows(sql`
      select month::text, hours_to_complete, invitations from practice_monthly_invitations where practice_id = ${practiceId} and invitations <> 0 order by 1, 2`),
  };
}

describe("everything derived from assessments", () => {
  it("is the same kept by the write path and rebuilt from the history", async () => {
    const db = await getDb();
    const p = await createPracticeFixture({ timeZone: "Europe/London" });
    const [ana, ben, cal] = [
      await createClientFixture(p.practiceId, p.clinician.userId),
      await createClientFixture(p.practiceId, p.clinician.userId),
      await createClientFixture(p.practiceId, p.clinician.userId),
    ];
    const [couple] = await db.insert(couples).values({ practiceId: p.practiceId }).returning();
    await db.update(clients).set({ coupleId: couple!.id }).where(inArray(clients.id, [ana!.id, ben!.id]));

    const closeness = (clientId: string, at: string, level: number) => ({
      practiceId: p.practiceId,
      clientId,
      instrument: closenessV1,
      answers: answersForLevels({}, level),
      completedAt: new Date(at),
    });
    const phq9 = (clientId: string, at: string, value: number) => ({
      practiceId: p.practiceId,
      clientId,
      instrument: phq9V1,
      answers: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`phq9_${i + 1}`, value])),
      completedAt: new Date(at),
    });
    // Out of order, one at a time and in a batch; the couple's partners within days of each other.
    await recordCompletedAssessments(db, [closeness(ana!.id, "2026-03-01T10:00:00Z", 4)]);
    await recordCompletedAssessments(db, [closeness(ben!.id, "2026-03-03T10:00:00Z", 2)]);
    await recordCompletedAssessments(db, [closeness(ana!.id, "2026-01-05T10:00:00Z", 5), closeness(ben!.id, "2026-01-06T10:00:00Z", 5)]);
    await recordCompletedAssessments(db, [phq9(cal!.id, "2026-02-10T09:00:00Z", 1), phq9(cal!.id, "2026-01-10T09:00:00Z", 3)]);
    // A total after Ana's last closeness: her latest assessment is that, her latest closeness stays.
    await recordCompletedAssessments(db, [phq9(ana!.id, "2026-04-01T09:00:00Z", 2)]);
    await recordCompletedAssessments(db, [phq9(cal!.id, "2025-12-01T09:00:00Z", 0)]);

    // Invitations and clients for the trigger-kept counts: one completed, one revoked, one pending
    // (created across a local month's end); a client archived.
    const made = await db
      .insert(invitations)
      .values(
        ["2026-01-31T23:30:00Z", "2026-02-10T00:00:00Z", "2026-03-05T00:00:00Z"].map((at) =>
          invitationRow({ practiceId: p.practiceId, clientId: cal!.id, createdBy: p.clinician.userId, instrument: phq9V1, createdAt: new Date(at) }),
        ),
      )
      .returning();
    await db.update(invitations).set({ status: "completed", completedAt: new Date("2026-02-01T05:00:00Z") }).where(eq(invitations.id, made[0]!.id));
    await db.update(invitations).set({ status: "revoked" }).where(eq(invitations.id, made[1]!.id));
    await db.update(clients).set({ status: "archived" }).where(eq(clients.id, cal!.id));

    const kept = await derived(p.practiceId);
    expect(kept.clientCounts).toEqual([{ clients: 3, active_clients: 2 }]);
    expect(kept.invitationCounts).toEqual([{ invitations: 3 }]);
    // London: the first invitation was made in January (23:30 GMT), completed 5½ hours later.
    expect(kept.monthlyInvitations).toEqual([
      { month: "2026-01-01", hours_to_complete: 5, invitations: 1 },
      { month: "2026-03-01", hours_to_complete: -1, invitations: 1 },
    ]);
    // Ana and Ben: January's closeness first, their second 55 days later (no pair); Cal's PHQ-9 first in December.
    expect(kept.reliabilityPicks).toHaveLength(4);
    expect(kept.reliabilitySums).toContainEqual({ instrument_key: "closeness", instrument_version: 1, scale: "knowledge", term: "n", value: 2 });
    expect(kept.reliabilitySums).toContainEqual({ instrument_key: "phq9", instrument_version: 1, scale: "total", term: "n", value: 2 });
    // What the history says, by hand.
    const anaRow = kept.clients.find((row) => row.id === ana!.id)!;
    expect(new Date(anaRow.last_assessment_at as string).toISOString()).toBe("2026-04-01T09:00:00.000Z");
    expect(Number(anaRow.latest_overall)).toBeLessThan(100); // level 4 (of 5): not the January level 5
    const calTotals = kept.totals.filter((row) => row.client_id === cal!.id);
    expect(calTotals).toMatchObject([{ instrument_key: "phq9", latest_total: "9", first_total: "0", assessment_count: 3 }]);
    expect(kept.couples[0]!.latest_gap).not.toBeNull();
    // January's pair (both at level 5) against March's (4 and 2): the gap widened.
    expect(kept.coupleChanges).toMatchObject([{ couple_id: couple!.id, widening: true }]);
    expect(kept.deteriorations.map((row) => row.client_id)).toContain(ben!.id);

    // Everything derived wiped, then rebuilt from the history alone.
    await db.update(clients).set({ lastAssessmentAt: null, latestOverall: null }).where(eq(clients.practiceId, p.practiceId));
    await db.update(couples).set({ latestGap: null, latestGapDimension: null, latestGapAt: null }).where(eq(couples.practiceId, p.practiceId));
    for (const table of [
      "client_instrument_totals", "couple_gap_changes", "practice_daily_assessments", "practice_daily_scores", "client_deteriorations", "practice_reliability_sums",
      "client_reliability_picks", "practice_client_counts", "practice_invitation_counts", "practice_monthly_invitations",
    ]) {
      await db.execute(sql`delete from ${sql.identifier(table)} where practice_id = ${p.practiceId}`);
    }
    await rebuildPracticeDerived(db, p.practiceId);
    expect(await derived(p.practiceId)).toEqual(kept);
  });
});
