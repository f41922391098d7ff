import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { createPracticeFixture } from "@/test/fixtures";
import { recordAudit } from "./audit";
import { auditChainStatus, runAuditChainChecks, verifyAuditChains } from "./audit-chain";
import { setClockForTests } from "./clock";
import { ForbiddenError } from "./errors";

// Issue 24 item 4: the audit trail is tamper-evident. Rewriting it takes the database's owner (the
// app's own role cannot: db/app-role.int.test.ts); these tests play that owner, turning the
// append-only trigger off for one transaction (`session_replication_role`, superuser only).

async function practiceWithTrail(rows: number) {
  const practice = await createPracticeFixture();
  const db = await getDb();
  for (let i = 0; i < rows; i++) {
    await recordAudit(db, practice.owner, { action: "test.chain", subjectType: "test", subjectId: `row-${i}`, details: { i } });
  }
  const trail = await db.select().from(auditEvents).where(eq(auditEvents.practiceId, practice.practiceId)).orderBy(asc(auditEvents.chainSeq));
  return { practice, trail };
}

async function asOwnerBehindTheTrigger(statement: ReturnType<typeof sql>) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });
}

async function chainOf(practiceId: string) {
  const [report] = await verifyAuditChains(await getDb(), { practiceId });
  return report!;
}

describe("the audit trail's hash chain", () => {
  it("links each row of a practice to the one before, and a whole chain reads as whole", async () => {
    const { practice, trail } = await practiceWithTrail(4);
    expect(trail.map((row) => row.chainSeq)).toEqual(trail.map((_, i) => i + 1));
    expect(new Set(trail.map((row) => row.hash)).size).toBe(trail.length);
    expect(trail.every((row) => /^[0-9a-f]{64}$/.test(row.hash ?? ""))).toBe(true);
    expect(await chainOf(practice.practiceId)).toEqual({ practiceId: practice.practiceId, rows: trail.length, whole: true, firstBroken: null });
    // A clinician may not ask; the owner's settings page reads the background check's report.
    await expect(auditChainStatus(practice.clinician)).rejects.toThrow(ForbiddenError);
  });

  it("is checked in the background, hourly, and the owner's page reads the last check", async () => {
    const { practice, trail } = await practiceWithTrail(3);
    const db = await getDb();
    // Not yet checked: the page says so (and asks the job engine for a run).
    expect(await auditChainStatus(practice.owner)).toBeNull();
    const start = new Date("2031-05-06T09:00:00Z");
    setClockForTests(start);
    try {
      // Every practice not checked within the hour is due; in the shared test database others may be too.
      await runAuditChainChecks(db, { limit: 100_000 });
      const first = await auditChainStatus(practice.owner);
      expect(first).toMatchObject({ practiceId: practice.practiceId, rows: trail.length, whole: true, firstBroken: null });
      // The pinned clock still runs: the check is stamped when it ran.
      expect(first!.checkedAt.getTime() - start.getTime()).toBeGreaterThanOrEqual(0);
      expect(first!.checkedAt.getTime() - start.getTime()).toBeLessThan(60_000);

      // A row changed after it was written: seen by the next check once the hour is up, not before.
      const victim = trail[1]!;
      await asOwnerBehindTheTrigger(sql`update audit_events set details = '{"i": 42}' where id = ${victim.id}`);
      setClockForTests(new Date(start.getTime() + 30 * 60_000));
      await runAuditChainChecks(db, { limit: 100_000 });
      expect((await auditChainStatus(practice.owner))?.whole).toBe(true);
      const later = new Date(start.getTime() + 61 * 60_000);
      setClockForTests(later);
      await runAuditChainChecks(db, { limit: 100_000 });
      const after = await auditChainStatus(practice.owner);
      expect(after).toMatchObject({
        rows: trail.length,
        whole: false,
        firstBroken: { id: victim.id, chainSeq: victim.chainSeq, reason: "changed after it was written" },
      });
      expect(after!.checkedAt.getTime()).toBeGreaterThanOrEqual(later.getTime());
    } finally {
      setClockForTests(undefined);
    }
  });

  it("detects a row changed after it was written (tampered as superuser), naming it", async () => {
    const { practice, trail } = await practiceWithTrail(4);
    const victim = trail[trail.length - 2]!;
    await asOwnerBehindTheTrigger(sql`update audit_events set details = '{"i": 99}' where id = ${victim.id}`);
    expect(await chainOf(practice.practiceId)).toMatchObject({
      whole: false,
      firstBroken: { id: victim.id, chainSeq: victim.chainSeq, reason: "changed after it was written" },
    });
  });

  it("detects a deleted row, in the middle and at the end", async () => {
    const { practice, trail } = await practiceWithTrail(4);
    const middle = trail[1]!;
    await asOwnerBehindTheTrigger(sql`delete from audit_events where id = ${middle.id}`);
    expect(await chainOf(practice.practiceId)).toMatchObject({
      whole: false,
      firstBroken: { id: trail[2]!.id, reason: "rows before it are missing" },
    });

    const other = await practiceWithTrail(3);
    const last = other.trail.at(-1)!;
    await asOwnerBehindTheTrigger(sql`delete from audit_events where id = ${last.id}`);
    expect(await chainOf(other.practice.practiceId)).toMatchObject({
      whole: false,
      firstBroken: { id: null, chainSeq: last.chainSeq, reason: "the newest rows are missing" },
    });
  });

  it("detects a row slipped in with the trigger off", async () => {
    const { practice } = await practiceWithTrail(2);
    await asOwnerBehindTheTrigger(
      sql`insert into audit_events (practice_id, action, subject_type) values (${practice.practiceId}, 'test.forged', 'test')`,
    );
    expect((await chainOf(practice.practiceId)).firstBroken?.reason).toBe("written without a link (the chain trigger was off)");
  });

  it("stays whole under concurrent inserts, and a rolled-back insert takes its link with it", async () => {
    const { practice } = await practiceWithTrail(1);
    const db = await getDb();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        db.transaction(async (tx) => {
          await recordAudit(tx, practice.owner, { action: "test.concurrent", subjectType: "test", subjectId: `c-${i}` });
          if (i % 4 === 0) throw new Error("rolled back");
        }).catch((error: Error) => {
          if (error.message !== "rolled back") throw error;
        }),
      ),
    );
    const rows = await db.select().from(auditEvents).where(and(eq(auditEvents.practiceId, practice.practiceId), eq(auditEvents.action, "test.concurrent")));
    expect(rows).toHaveLength(9);
    expect(await chainOf(practice.practiceId)).toMatchObject({ rows: 10, whole: true });
  });
});
