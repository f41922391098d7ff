import { readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql, type SQL } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { clients, invitations, practices } from "@/db/schema";
import { recordCompletedAssessments } from "@/lib/assessments/record";
import type { Actor } from "@/lib/core/actor-types";
import { closenessV1 } from "@/lib/instruments";
import { createTestPractice, invitationRow, uniqueId } from "@/test/fixtures";
import { answersForLevels } from "@/test/answers-for-levels";
import { getOverview } from "./overview";
import { deteriorationsSql, rebuildPracticeAggregates } from "./aggregates";

// The overview reads per-day aggregates and stored deteriorations that each submission keeps up to
// date (decision record 0018). Whatever order and batching the submissions come in, they must equal
// what a GROUP BY over the history gives — the numbers the overview showed before they existed.

async function addClients(actor: Actor, n: number) {
  const db = await getDb();
  return db
    .insert(clients)
    .values(
      Array.from({ length: n }, () => {
        const id = uniqueId();
        return { practiceId: actor.practiceId, clinicianId: actor.userId, firstName: `F${id}`, lastName: `L${id}`, email: `c-${id}@example.test` };
      }),
    )
    .returning();
}

/** A deterministic spread of answers: level of each dimension from a seed. */
function answersFor(seed: number) {
  const levels = Object.fromEntries(closenessV1.dimensions.map((dimension, index) => [dimension.key, 1 + ((seed * 7 + index * 3) % 5)]));
  return { ...answersForLevels(levels), k13: 1 + (seed % 5) };
}

/** The aggregates as stored, and as a GROUP BY over the history in the practice's time zone gives them. */
async function storedAndFromScratch(practiceId: string) {
  const db = await getDb();
  const rows = async (query: SQL) => ((await db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
  return {
    stored: {
      days: await rows(sql`
        select day::text, assessments, closeness_assessments from practice_daily_assessments where practice_id = ${practiceId} order by day`),
      scores: await rows(sql`
        select day::text, dimension, scores, score_sum::text from practice_daily_scores where practice_id = ${practiceId} order by day, dimension`),
      deteriorations: await rows(sql`
        select client_id, latest_at, previous_at, first_at, assessment_count, sudden, dimensions::text
        from client_deteriorations where practice_id = ${practiceId} order by client_id`),
    },
    fromScratch: {
      days: await rows(sql`
        select (a.completed_at at time zone p.time_zone)::date::text as day, count(*)::int as assessments,
          count(distinct s.assessment_id)::int as closeness_assessments
        from assessments a inner join practices p on p.id = a.practice_id
          left join assessment_scores s on s.assessment_id = a.id and s.dimension = 'knowledge'
        where a.practice_id = ${practiceId} group by 1 order by 1`),
      scores: await rows(sql`
        select (s.completed_at at time zone p.time_zone)::date::text as day, s.dimension, count(*)::int as scores, sum(s.score)::text as score_sum
        from assessment_scores s inner join practices p on p.id = s.practice_id
        where s.practice_id = ${practiceId} group by 1, 2 order by 1, 2`),
      deteriorations: await rows(sql`
        select d.client_id, d.latest_at, d.previous_at, d.first_at, d.assessment_count, d.sudden, d.dimensions::jsonb::text as dimensions
        from (${deteriorationsSql(sql`a.practice_id = ${practiceId}`)}) d order by d.client_id`),
    },
  };
}

describe("overview aggregates", () => {
  it("equal a GROUP BY over the history after a series of submissions, in any order and batching", async () => {
    const db = await getDb();
    const { owner } = await createTestPractice({ timeZone: "Pacific/Auckland" });
    const other = await createTestPractice({ timeZone: "America/Los_Angeles" });
    const mine = await addClients(owner, 6);
    const theirs = await addClients(other.owner, 2);
    // Around local midnights (Auckland is UTC+12/13), out of order, some on the same day.
    const times = [
      "2025-12-31T10:30:00Z", "2025-12-31T11:30:00Z", "2026-01-15T12:00:00Z", "2025-11-02T23:59:59Z",
      "2026-03-01T00:00:00Z", "2026-01-15T12:00:00Z", "2026-04-05T13:59:00Z", "2026-04-05T14:01:00Z",
    ];
    let seed = 0;
    const input = (actor: Actor, clientId: string, at: string) => ({
      practiceId: actor.practiceId,
      clientId,
      instrument: closenessV1,
      answers: answersFor(seed++),
      completedAt: new Date(at),
    });
    // One at a time (as submissions arrive) …
    for (const [i, at] of times.entries()) {
      await recordCompletedAssessments(db, [input(owner, mine[i % mine.length]!.id, at)]);
    }
    // … a batch spanning clients, days and two practices (as the seed writes) …
    await recordCompletedAssessments(db, [
      ...times.map((at, i) => input(owner, mine[(i * 5) % mine.length]!.id, at)),
      ...times.map((at, i) => input(other.owner, theirs[i % 2]!.id, at)),
    ]);
    // … and a late write of an older one, and a drop, each changing a stored deterioration.
    await recordCompletedAssessments(db, [{ ...input(owner, mine[0]!.id, "2024-06-01T00:00:00Z"), answers: answersForLevels({}, 5) }]);
    await recordCompletedAssessments(db, [{ ...input(owner, mine[1]!.id, "2026-05-01T00:00:00Z"), answers: answersForLevels({}, 1) }]);

    for (const practiceId of [owner.practiceId, other.owner.practiceId]) {
      const { stored, fromScratch } = await storedAndFromScratch(practiceId);
      expect(stored.days.length).toBeGreaterThan(0);
      expect(stored.deteriorations.length).toBeGreaterThan(0);
      expect(stored).toEqual(fromScratch);
    }

    // The last 30 × 24 hours: whole local days from the aggregates, the two ends from the rows.
    for (const at of ["2026-01-30T10:30:00Z", "2026-01-30T11:30:00Z", "2026-02-14T12:00:00Z", "2026-05-05T14:00:30Z", "2026-05-31T12:00:00Z"]) {
      const now = new Date(at);
      const [expected] = (
        (await db.execute(sql`
          select count(*)::int as n from assessments
          where practice_id = ${owner.practiceId} and completed_at > ${now.toISOString()}::timestamptz - interval '30 days'
            and completed_at <= ${now.toISOString()}::timestamptz`)) as unknown as { rows: { n: number }[] }
      ).rows;
      expect((await getOverview(owner, { range: "3", granularity: "month", now })).assessmentsLast30Days, at).toBe(expected!.n);
    }
  });

  it("counts each practice's invitations, however they are written or removed", async () => {
    const db = await getDb();
    const { owner } = await createTestPractice();
    const [client] = await addClients(owner, 1);
    const invitation = () =>
      invitationRow({ practiceId: owner.practiceId, clientId: client!.id, createdBy: owner.userId, expiresAt: new Date(Date.now() + 86_400_000) });
    const count = async () => (await getOverview(owner, { range: "all", granularity: "month" })).totals.invitations;
    expect(await count()).toBe(0);
    const made = await db.insert(invitations).values([invitation(), invitation(), invitation()]).returning();
    await db.insert(invitations).values(invitation());
    expect(await count()).toBe(4);
    await db.delete(invitations).where(eq(invitations.id, made[0]!.id));
    expect(await count()).toBe(3);
  });

  it("tallies invitations by month and hours to complete, and counts clients, whatever writes them (migration 0011)", async () => {
    const db = await getDb();
    const { owner } = await createTestPractice({ timeZone: "America/New_York" });
    const made = await addClients(owner, 3);
    const rows = async (query: SQL) => ((await db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
    const tally = async () => ({
      stored: await rows(sql`
        select month::text, hours_to_complete, invitations from practice_monthly_invitations
        where practice_id = ${owner.practiceId} and invitations <> 0 order by 1, 2`),
      fromScratch: await rows(sql`
        select date_trunc('month', i.created_at at time zone p.time_zone)::date::text as month,
          case when i.status = 'completed' then floor(extract(epoch from i.completed_at - i.created_at) / 3600)::int else -1 end as hours_to_complete,
          count(*)::int as invitations
        from invitations i inner join practices p on p.id = i.practice_id
        where i.practice_id = ${owner.practiceId} and i.status <> 'revoked' group by 1, 2 order by 1, 2`),
      clients: await rows(sql`select clients, active_clients from practice_client_counts where practice_id = ${owner.practiceId}`),
    });
    const invitation = (n: number, createdAt: string) =>
      invitationRow({ practiceId: owner.practiceId, clientId: made[n % 3]!.id, createdBy: owner.userId, createdAt: new Date(createdAt) });
    // 1 March 03:00 UTC is still February in New York.
    const sent = await db
      .insert(invitations)
      .values([invitation(1, "2026-03-01T03:00:00Z"), invitation(2, "2026-03-01T06:00:00Z"), invitation(3, "2026-03-10T00:00:00Z"), invitation(4, "2026-04-02T00:00:00Z")])
      .returning();
    await db.update(invitations).set({ status: "completed", completedAt: new Date("2026-03-03T05:30:00Z") }).where(eq(invitations.id, sent[0]!.id));
    await db.update(invitations).set({ status: "opened" }).where(eq(invitations.id, sent[1]!.id));
    await db.update(invitations).set({ status: "completed", completedAt: new Date("2026-03-10T00:20:00Z") }).where(eq(invitations.id, sent[2]!.id));
    await db.update(invitations).set({ status: "revoked" }).where(eq(invitations.id, sent[3]!.id));
    await db.delete(invitations).where(eq(invitations.id, sent[1]!.id));
    await db.update(clients).set({ status: "archived" }).where(eq(clients.id, made[0]!.id));

    const after = await tally();
    expect(after.stored).toEqual(after.fromScratch);
    expect(after.stored).toEqual([
      { month: "2026-02-01", hours_to_complete: 50, invitations: 1 },
      { month: "2026-03-01", hours_to_complete: 0, invitations: 1 },
    ]);
    expect(after.clients).toEqual([{ clients: 3, active_clients: 2 }]);

    // A new time zone moves the first into March, by the rebuild a settings change runs.
    await db.transaction(async (tx) => {
      await tx.update(practices).set({ timeZone: "UTC" }).where(eq(practices.id, owner.practiceId));
      await rebuildPracticeAggregates(tx, owner.practiceId);
    });
    const moved = await tally();
    expect(moved.stored).toEqual(moved.fromScratch);
    expect(moved.stored.map((row) => row.month)).toEqual(["2026-03-01", "2026-03-01"]);
    expect(moved.clients).toEqual([{ clients: 3, active_clients: 2 }]);
  });

  it("rebuilds a practice's days in a new time zone; the overview then buckets by it", async () => {
    const db = await getDb();
    const { owner } = await createTestPractice({ timeZone: "UTC" });
    const [client] = await addClients(owner, 1);
    // 31 January 23:30 in UTC is 1 February in Berlin.
    for (const at of ["2026-01-31T23:30:00Z", "2026-01-10T12:00:00Z"]) {
      await recordCompletedAssessments(db, [{ practiceId: owner.practiceId, clientId: client!.id, instrument: closenessV1, answers: answersForLevels(), completedAt: new Date(at) }]);
    }
    const now = new Date("2026-02-15T12:00:00Z");
    const counts = async (actor: Actor) =>
      (await getOverview(actor, { range: "3", granularity: "month", now })).periods.map((p) => [p.start, p.assessments]);
    expect(await counts(owner)).toEqual([["2026-01-01", 2], ["2026-02-01", 0]]);

    // What a settings change does: the new zone and the rebuild, in one transaction.
    await db.transaction(async (tx) => {
      await tx.update(practices).set({ timeZone: "Europe/Berlin" }).where(eq(practices.id, owner.practiceId));
      await rebuildPracticeAggregates(tx, owner.practiceId);
    });
    const { stored, fromScratch } = await storedAndFromScratch(owner.practiceId);
    expect(stored).toEqual(fromScratch);
    expect(stored.days.map((row) => row.day)).toEqual(["2026-01-10", "2026-02-01"]);
    expect(await counts({ ...owner, practiceTimeZone: "Europe/Berlin" })).toEqual([["2026-01-01", 1], ["2026-02-01", 1]]);

    // A rebuild without a change leaves them as they were.
    await rebuildPracticeAggregates(db, owner.practiceId);
    expect((await storedAndFromScratch(owner.practiceId)).stored).toEqual(stored);
  });

  // The migration's backfill is hand-written SQL: it must give what the rebuild gives. It rewrites
  // every practice's rows, so only where this file has the database to itself (PGlite, in memory).
  it.runIf(process.env.PGLITE_DIR === "memory://")("the migration's backfill gives what the write path keeps", async () => {
    const db = await getDb();
    const { owner } = await createTestPractice({ timeZone: "America/New_York" });
    const mine = await addClients(owner, 3);
    let seed = 100;
    for (const [i, at] of ["2026-01-01T04:30:00Z", "2026-01-01T05:30:00Z", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z"].entries()) {
      await recordCompletedAssessments(db, [
        { practiceId: owner.practiceId, clientId: mine[i % 3]!.id, instrument: closenessV1, answers: answersFor(seed++), completedAt: new Date(at) },
      ]);
    }
    await recordCompletedAssessments(db, [
      { practiceId: owner.practiceId, clientId: mine[0]!.id, instrument: closenessV1, answers: answersForLevels({}, 1), completedAt: new Date("2026-04-01T00:00:00Z") },
    ]);
    const kept = (await storedAndFromScratch(owner.practiceId)).stored;

    const migration = readFileSync(path.join(process.cwd(), "db/migrations/0009_overview_aggregates.sql"), "utf8");
    const backfill = migration
      .slice(migration.indexOf("-- custom SQL (keep at merge)"))
      .split("--> statement-breakpoint")
      .filter((statement) => /^\s*(--[^\n]*\n\s*)*(INSERT|WITH)/i.test(statement) && !/practice_invitation_counts/.test(statement));
    expect(backfill).toHaveLength(3);
    await db.execute(sql`delete from practice_daily_assessments`);
    await db.execute(sql`delete from practice_daily_scores`);
    await db.execute(sql`delete from client_deteriorations`);
    for (const statement of backfill) await db.execute(sql.raw(statement));
    const backfilled = await storedAndFromScratch(owner.practiceId);
    expect(backfilled.stored).toEqual(kept);
    expect(backfilled.stored).toEqual(backfilled.fromScratch);
    expect(kept.deteriorations.length).toBeGreaterThan(0);
  });

  // Migration 0011's two backfills (client counts, the monthly invitation tally) against what its
  // triggers kept; like the test above, only where this file has the database to itself.
  it.runIf(process.env.PGLITE_DIR === "memory://")("migration 0011's backfill gives what its triggers keep", async () => {
    const db = await getDb();
    const { owner } = await createTestPractice({ timeZone: "Asia/Kolkata" });
    const [a, b] = await addClients(owner, 2);
    await db.update(clients).set({ status: "archived" }).where(eq(clients.id, b!.id));
    const made = await db
      .insert(invitations)
      .values(
        ["2026-01-31T20:00:00Z", "2026-02-10T00:00:00Z", "2026-03-05T00:00:00Z"].map((at) =>
          invitationRow({ practiceId: owner.practiceId, clientId: a!.id, createdBy: owner.userId, createdAt: new Date(at) }),
        ),
      )
      .returning();
    await db.update(invitations).set({ status: "completed", completedAt: new Date("2026-02-01T03:00:00Z") }).where(eq(invitations.id, made[0]!.id));
    await db.update(invitations).set({ status: "revoked" }).where(eq(invitations.id, made[2]!.id));
    const rows = async (query: SQL) => ((await db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
    const kept = async () => ({
      counts: await rows(sql`select practice_id, clients, active_clients from practice_client_counts order by practice_id`),
      tally: await rows(sql`select practice_id, month::text, hours_to_complete, invitations from practice_monthly_invitations where invitations <> 0 order by 1, 2, 3`),
    });
    const before = await kept();
    expect(before.tally.filter((row) => row.practice_id === owner.practiceId)).toEqual([
      { practice_id: owner.practiceId, month: "2026-02-01", hours_to_complete: 7, invitations: 1 },
      { practice_id: owner.practiceId, month: "2026-02-01", hours_to_complete: -1, invitations: 1 },
    ].sort((x, y) => x.hours_to_complete - y.hours_to_complete));

    const migration = readFileSync(path.join(process.cwd(), "db/migrations/0011_overview_counts.sql"), "utf8");
    const backfill = migration.split("--> statement-breakpoint").filter((statement) => /^\s*(--[^\n]*\n\s*)*INSERT INTO "practice_/i.test(statement));
    expect(backfill).toHaveLength(2);
    await db.execute(sql`delete from practice_client_counts`);
    await db.execute(sql`delete from practice_monthly_invitations`);
    for (const statement of backfill) await db.execute(sql.raw(statement));
    expect(await kept()).toEqual(before);
  });
});
