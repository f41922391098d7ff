import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, sessions } from "@/db/schema";
import { addClinician, setPasswordWithToken, setUserActive } from "@/lib/team/team";
import { addedClinician, createTestPractice, setTestPassword, testIp } from "@/test/fixtures";
import type { Actor } from "@/lib/core/actor-types";
import { loadSessionActor } from "./actor";
import { signInWithPassword } from "./credentials";
import { endSession, signOutEverywhere, startSession } from "./session-store";

async function signedIn(user: Actor, password: string) {
  const outcome = await signInWithPassword({ email: user.email, password, ip: testIp(), userAgent: "vitest" });
  if (!outcome.ok) throw new Error(`sign-in failed: ${JSON.stringify(outcome)}`);
  return { userId: user.userId, sessionId: outcome.sessionId };
}

async function practiceWithSignedInClinician() {
  const { owner, clinicians } = await createTestPractice({ clinicians: 1 });
  const clinician = clinicians[0]!;
  const password = await setTestPassword(clinician.userId);
  return { owner, clinician, password, session: await signedIn(clinician, password) };
}

async function sessionRow(sessionId: string) {
  const db = await getDb();
  const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
  return row!;
}

/** Moves a session's clock back, as if it had last been used (or begun) that many seconds ago. */
async function age(sessionId: string, column: "last_seen_at" | "created_at", seconds: number) {
  const db = await getDb();
  await db.execute(sql`update sessions set ${sql.raw(column)} = now() - make_interval(secs => ${seconds}) where id = ${sessionId}`);
}

describe("server-side sessions", () => {
  it("sign-out ends the session for every copy of the cookie, once, and is audited", async () => {
    const { clinician, session } = await practiceWithSignedInClinician();
    expect(await loadSessionActor(session)).toMatchObject({ userId: clinician.userId, role: "clinician" });

    expect(await endSession(session.sessionId)).toBe(true);
    expect(await loadSessionActor(session)).toBeNull();
    expect(await sessionRow(session.sessionId)).toMatchObject({ endedReason: "sign_out" });
    expect(await endSession(session.sessionId)).toBe(false);

    const db = await getDb();
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "user.sign_out"), eq(auditEvents.actorUserId, clinician.userId)));
    expect(rows).toMatchObject([{ practiceId: clinician.practiceId, subjectId: clinician.userId, details: { sessionId: session.sessionId } }]);
  });

  it("a session belongs to its user: another user id with it loads nothing", async () => {
    const { owner, session } = await practiceWithSignedInClinician();
    expect(await loadSessionActor({ userId: owner.userId, sessionId: session.sessionId })).toBeNull();
  });

  it("ends after 30 minutes idle, sliding with use", async () => {
    const { session } = await practiceWithSignedInClinician();
    await age(session.sessionId, "last_seen_at", 29 * 60);
    expect(await loadSessionActor(session)).not.toBeNull();
    // That use moved last_seen_at to now, so the session has another 30 minutes.
    const touched = await sessionRow(session.sessionId);
    expect(Date.now() - touched.lastSeenAt.getTime()).toBeLessThan(60_000);

    await age(session.sessionId, "last_seen_at", 30 * 60 + 5);
    expect(await loadSessionActor(session)).toBeNull();
    expect(await sessionRow(session.sessionId)).toMatchObject({ endedReason: "idle" });
    // Over is over: using it again does not revive it.
    await age(session.sessionId, "last_seen_at", 0);
    expect(await loadSessionActor(session)).toBeNull();
  });

  it("writes last_seen_at at most once a minute", async () => {
    const { session } = await practiceWithSignedInClinician();
    await age(session.sessionId, "last_seen_at", 20);
    const before = (await sessionRow(session.sessionId)).lastSeenAt;
    expect(await loadSessionActor(session)).not.toBeNull();
    expect((await sessionRow(session.sessionId)).lastSeenAt).toEqual(before);

    await age(session.sessionId, "last_seen_at", 61);
    const stale = (await sessionRow(session.sessionId)).lastSeenAt;
    expect(await loadSessionActor(session)).not.toBeNull();
    expect((await sessionRow(session.sessionId)).lastSeenAt.getTime()).toBeGreaterThan(stale.getTime() + 30_000);
  });

  it("ends 12 hours after sign-in however busy", async () => {
    const { session } = await practiceWithSignedInClinician();
    await age(session.sessionId, "created_at", 12 * 60 * 60 + 5);
    expect(await loadSessionActor(session)).toBeNull();
    expect(await sessionRow(session.sessionId)).toMatchObject({ endedReason: "expired" });
  });

  it("deactivation ends every session at once; reactivation does not bring them back", async () => {
    const { owner, clinician, password, session } = await practiceWithSignedInClinician();
    const second = await signedIn(clinician, password);

    await setUserActive(owner, clinician.userId, false);
    for (const s of [session, second]) {
      expect(await sessionRow(s.sessionId)).toMatchObject({ endedReason: "deactivated" });
    }
    await setUserActive(owner, clinician.userId, true);
    expect(await loadSessionActor(session)).toBeNull();
    expect(await loadSessionActor(second)).toBeNull();
    expect(await loadSessionActor(await signedIn(clinician, password))).not.toBeNull();
  });

  it("a new password ends the sessions signed in before it", async () => {
    const { owner } = await createTestPractice();
    const email = `ren-${crypto.randomUUID()}@example.test`;
    await addClinician(owner, { name: "Ren", email });
    const { user, link } = await addedClinician(email);
    const userId = user.id;
    // A session opened before the password changed (however it came to be).
    const sessionId = await startSession(await getDb(), { userId, practiceId: owner.practiceId }, { userAgent: null, ip: null });
    expect(await loadSessionActor({ userId, sessionId })).not.toBeNull();

    expect(await setPasswordWithToken(link.split("/set-password/")[1]!, "a brand new password")).toMatchObject({ ok: true });
    expect(await loadSessionActor({ userId, sessionId })).toBeNull();
    expect(await sessionRow(sessionId)).toMatchObject({ endedReason: "password_change" });
  });

  it("sign out of all devices ends every session of that user only", async () => {
    const { owner, clinician, password, session } = await practiceWithSignedInClinician();
    const ownerPassword = await setTestPassword(owner.userId);
    const ownerSession = await signedIn(owner, ownerPassword);
    const second = await signedIn(clinician, password);

    expect(await signOutEverywhere(clinician)).toBe(2);
    expect(await loadSessionActor(session)).toBeNull();
    expect(await loadSessionActor(second)).toBeNull();
    expect(await loadSessionActor(ownerSession)).not.toBeNull();
    const db = await getDb();
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "user.sign_out_everywhere"), eq(auditEvents.actorUserId, clinician.userId)));
    expect(rows).toMatchObject([{ details: { sessions: 2 } }]);
  });
});
