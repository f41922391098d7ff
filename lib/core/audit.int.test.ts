import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { createClientFixture, createPracticeFixture } from "@/test/fixtures";
import { recordAudit, recordRefusedClientAccess } from "./audit";
import { getAccessibleClient } from "./client-access";
import { NotFoundError } from "./errors";

async function refusals(actorUserId: string, clientId: string) {
  const db = await getDb();
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "client.access_refused"), eq(auditEvents.actorUserId, actorUserId), eq(auditEvents.subjectId, clientId)));
}

describe("audit_events is append-only in the database", () => {
  it("refuses UPDATE, DELETE and TRUNCATE, and the row stays as written", async () => {
    const practice = await createPracticeFixture();
    const db = await getDb();
    await recordAudit(db, practice.owner, { action: "test.append_only", subjectType: "test", subjectId: practice.practiceId });
    const [row] = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, practice.practiceId));

    await expect(db.execute(sql`update audit_events set action = 'test.rewritten' where id = ${row!.id}`)).rejects.toThrow();
    await expect(db.update(auditEvents).set({ details: { forged: true } }).where(eq(auditEvents.id, row!.id))).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_events where id = ${row!.id}`)).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_events`)).rejects.toThrow();

    expect(await db.select().from(auditEvents).where(eq(auditEvents.id, row!.id))).toEqual([row]);
    // Inserting is still allowed, of course.
    await recordAudit(db, practice.owner, { action: "test.append_only", subjectType: "test", subjectId: practice.practiceId });
  });

  it("says why", async () => {
    const db = await getDb();
    await expect(db.execute(sql`delete from audit_events where false`)).resolves.toBeDefined();
    const error = await db.execute(sql`delete from audit_events where id = (select max(id) from audit_events)`).catch((e: unknown) => e);
    // Drizzle wraps the driver's error; the database's message is on it or its cause.
    const messages = [error as Error, (error as { cause?: Error }).cause].map((e) => e?.message ?? "").join(" ");
    expect(messages).toMatch(/append-only/);
  });
});

describe("refused access to a client is recorded", () => {
  it("another clinician's client: a 404 for them, a row in the client's trail for the owner", async () => {
    const practice = await createPracticeFixture();
    const client = await createClientFixture(practice.practiceId, practice.otherClinician.userId);
    const db = await getDb();
    await expect(getAccessibleClient(db, practice.clinician, client.id)).rejects.toThrow(NotFoundError);

    await expect.poll(() => refusals(practice.clinician.userId, client.id), { timeout: 10_000 }).toHaveLength(1);
    expect((await refusals(practice.clinician.userId, client.id))[0]).toMatchObject({
      practiceId: practice.practiceId,
      subjectType: "client",
      clientId: client.id,
      details: { scope: "other_caseload" },
    });
  });

  it("another practice's client: recorded in the asker's practice, kept out of any client trail", async () => {
    const here = await createPracticeFixture();
    const elsewhere = await createPracticeFixture();
    const client = await createClientFixture(elsewhere.practiceId, elsewhere.clinician.userId);
    const db = await getDb();
    await expect(getAccessibleClient(db, here.owner, client.id)).rejects.toThrow(NotFoundError);

    await expect.poll(() => refusals(here.owner.userId, client.id), { timeout: 10_000 }).toHaveLength(1);
    expect((await refusals(here.owner.userId, client.id))[0]).toMatchObject({
      practiceId: here.practiceId,
      clientId: null,
      details: { scope: "other_practice" },
    });
  });

  it("survives the rollback of the transaction that asked", async () => {
    const practice = await createPracticeFixture();
    const client = await createClientFixture(practice.practiceId, practice.otherClinician.userId);
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        await getAccessibleClient(tx, practice.clinician, client.id, { forUpdate: true });
      }),
    ).rejects.toThrow(NotFoundError);
    await expect.poll(() => refusals(practice.clinician.userId, client.id), { timeout: 10_000 }).toHaveLength(1);
  });

  it("records nothing for an id that names no client", async () => {
    const practice = await createPracticeFixture();
    const id = randomUUID();
    await recordRefusedClientAccess(practice.clinician, id);
    expect(await refusals(practice.clinician.userId, id)).toEqual([]);
  });
});
