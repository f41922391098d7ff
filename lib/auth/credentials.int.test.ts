import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, sessions, users } from "@/db/schema";
import { ForbiddenError } from "@/lib/core/errors";
import { consumeRateLimit } from "@/lib/http/rate-limit";
import { listTeam, unlockSignIn } from "@/lib/team/team";
import { createTestPractice, setTestPassword, testIp, uniqueId } from "@/test/fixtures";
import { signInWithPassword } from "./credentials";
import { DEVICE_COOKIE, deviceCookieFrom, deviceCookieValue, isTrustedDevice } from "./device";
import {
  accountDelaySeconds,
  accountKey,
  emailFingerprint,
  ipKey,
  reserveSignInAttempt,
  SIGN_IN_ACCOUNT_LIMIT,
  SIGN_IN_IP_LIMIT,
  SIGN_IN_SOURCE_LIMIT,
  sourceKey,
} from "./sign-in-throttle";

const attempt = (email: string, password: string, ip = testIp()) => signInWithPassword({ email, password, ip, userAgent: "vitest" });

async function userWithPassword() {
  const { owner, clinicians } = await createTestPractice({ clinicians: 1 });
  const clinician = clinicians[0]!;
  const password = await setTestPassword(clinician.userId);
  return { owner, clinician, password };
}

async function auditFor(practiceId: string, action: string) {
  const db = await getDb();
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.practiceId, practiceId), eq(auditEvents.action, action)));
}

describe("signing in with a password", () => {
  it("accepts the right password in any case of email, opens a session and records it", async () => {
    const { clinician, password } = await userWithPassword();
    const ip = testIp();
    const outcome = await attempt(clinician.email.toUpperCase(), password, ip);
    expect(outcome).toMatchObject({ ok: true, user: { id: clinician.userId, email: clinician.email } });
    if (!outcome.ok) return;

    const db = await getDb();
    const [session] = await db.select().from(sessions).where(eq(sessions.id, outcome.sessionId));
    expect(session).toMatchObject({ userId: clinician.userId, practiceId: clinician.practiceId, endedAt: null, ip, userAgent: "vitest" });
    const signIns = await auditFor(clinician.practiceId, "user.sign_in");
    expect(signIns).toMatchObject([{ actorUserId: clinician.userId, subjectId: clinician.userId, details: { sessionId: outcome.sessionId } }]);
  });

  it("refuses a wrong password and records the failure against the user, without the password", async () => {
    const { clinician } = await userWithPassword();
    const wrong = `wrong password ${uniqueId()}`;
    expect(await attempt(clinician.email, wrong)).toEqual({ ok: false, reason: "invalid" });

    const failures = await auditFor(clinician.practiceId, "user.sign_in_failed");
    expect(failures).toMatchObject([{ actorUserId: null, subjectType: "user", subjectId: clinician.userId, details: { reason: "wrong_password" } }]);
    expect(JSON.stringify(failures)).not.toContain(wrong);
  });

  it("records a failure for an unknown email with no practice and nothing that names the address", async () => {
    const email = `nobody-${uniqueId()}@example.test`;
    const password = `typed password ${uniqueId()}`;
    expect(await attempt(email, password)).toEqual({ ok: false, reason: "invalid" });

    const db = await getDb();
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "user.sign_in_failed"), sql`${auditEvents.details}->>'emailFingerprint' = ${emailFingerprint(email)}`));
    expect(rows).toMatchObject([{ practiceId: null, actorUserId: null, subjectId: null, details: { reason: "unknown_email" } }]);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(email);
    expect(text).not.toContain(email.split("@")[0]);
    expect(text).not.toContain(password);
  });

  it("refuses a deactivated user's right password", async () => {
    const { clinician, password } = await userWithPassword();
    const db = await getDb();
    await db.update(users).set({ active: false }).where(eq(users.id, clinician.userId));
    expect(await attempt(clinician.email, password)).toEqual({ ok: false, reason: "invalid" });
    expect(await auditFor(clinician.practiceId, "user.sign_in_failed")).toMatchObject([{ details: { reason: "inactive" } }]);
  });
});

describe("sign-in throttle", () => {
  const { limit } = SIGN_IN_ACCOUNT_LIMIT;

  /**
   * Counts failures straight into a counter, as that many wrong passwords would (each of which
   * costs a full argon2 verification — too slow to repeat dozens of times in every test).
   */
  async function failuresAlready(key: string, count: number, options: { limit: number; windowSeconds: number }) {
    for (let i = 0; i < count; i++) await consumeRateLimit(key, options);
  }

  /** Failed attempts as the throttle counts them (reserved, never settled), from the given sources. */
  async function failedFrom(email: string, ips: string[]) {
    for (const ip of ips) expect((await reserveSignInAttempt(email, ip)).allowed).toBe(true);
  }

  it(`probe 9: ${limit} failures from elsewhere do not lock the account: the next attempt waits seconds, and a known browser not at all`, async () => {
    const { clinician, password } = await userWithPassword();
    await failedFrom(clinician.email, Array.from({ length: limit }, () => testIp()));
    const refused = await attempt(clinician.email, password);
    expect(refused).toMatchObject({ ok: false, reason: "throttled" });
    if (refused.ok || refused.reason !== "throttled") return;
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(accountDelaySeconds(limit));
    // The clinician's own browser, which signed in before, is not held up.
    const trustedDevice = isTrustedDevice(deviceCookieValue(clinician.email), clinician.email);
    expect(await signInWithPassword({ email: clinician.email, password, ip: testIp(), userAgent: "vitest", trustedDevice })).toMatchObject({ ok: true });
  });

  it("spaces attempts past the free failures exponentially, up to 15 minutes, never a hard lock", () => {
    expect([0, limit - 1, limit, limit + 1, limit + 2, limit + 5, limit + 30].map(accountDelaySeconds)).toEqual([0, 0, 2, 4, 8, 64, 900]);
  });

  it(`probe 9: ${SIGN_IN_SOURCE_LIMIT.limit} failures for one account from one source stop that source (IPv6 by /64), not the others`, async () => {
    const { clinician, password } = await userWithPassword();
    // Rotating addresses inside one /64 is one source.
    const net = `2001:db8:${uniqueId().slice(0, 4)}:${uniqueId().slice(0, 4)}`;
    await failedFrom(clinician.email, Array.from({ length: SIGN_IN_SOURCE_LIMIT.limit }, (_, n) => `${net}::${n + 1}`));
    const trustedDevice = isTrustedDevice(deviceCookieValue(clinician.email), clinician.email);
    const sameSource = await signInWithPassword({ email: clinician.email, password, ip: `${net}:ffff::1`, userAgent: "vitest", trustedDevice });
    expect(sameSource).toMatchObject({ ok: false, reason: "throttled" });
    expect(await signInWithPassword({ email: clinician.email, password, ip: testIp(), userAgent: "vitest", trustedDevice })).toMatchObject({ ok: true });
  });

  it("counts attempts before checking them, so a burst of guesses from one source gets no more than its limit", async () => {
    const { clinician } = await userWithPassword();
    const ip = testIp();
    await failuresAlready(sourceKey(clinician.email, ip), SIGN_IN_SOURCE_LIMIT.limit - 3, SIGN_IN_SOURCE_LIMIT);
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => attempt(clinician.email, `guess ${i}`, ip)));
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === "invalid")).toHaveLength(3);
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === "throttled")).toHaveLength(5);
  });

  it("counts only failures: a success forgets the account's earlier ones", async () => {
    const { clinician, password } = await userWithPassword();
    for (let round = 0; round < 2; round++) {
      await failuresAlready(accountKey(clinician.email), limit - 1, SIGN_IN_ACCOUNT_LIMIT);
      expect(await attempt(clinician.email, password)).toMatchObject({ ok: true });
    }
  });

  it(`limits one source to ${SIGN_IN_IP_LIMIT.limit} failures, whatever the accounts`, async () => {
    const { clinician, password } = await userWithPassword();
    const ip = testIp();
    await failuresAlready(ipKey(ip), SIGN_IN_IP_LIMIT.limit - 1, SIGN_IN_IP_LIMIT);
    expect(await attempt(`spray-${uniqueId()}@example.test`, "password", ip)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(clinician.email, password, ip)).toMatchObject({ ok: false, reason: "throttled" });
    // The account itself is not held up: from another address the right password works.
    expect(await attempt(clinician.email, password, testIp())).toMatchObject({ ok: true });
  });

  it("the owner sees the delay and lifts it, from every source; a clinician cannot; the unlock is audited", async () => {
    const { owner, clinician, password } = await userWithPassword();
    const ip = testIp();
    await failedFrom(clinician.email, Array.from({ length: limit }, () => ip));
    expect(await attempt(clinician.email, password, ip)).toMatchObject({ reason: "throttled" });

    const team = await listTeam(owner);
    expect(team.find((member) => member.id === clinician.userId)!.signInLockedForSeconds).toBeGreaterThan(0);
    expect(team.find((member) => member.id === owner.userId)!.signInLockedForSeconds).toBeNull();

    await expect(unlockSignIn(clinician, clinician.userId)).rejects.toThrow(ForbiddenError);
    await unlockSignIn(owner, clinician.userId);
    expect((await listTeam(owner)).find((member) => member.id === clinician.userId)!.signInLockedForSeconds).toBeNull();
    expect(await attempt(clinician.email, password, ip)).toMatchObject({ ok: true });
    expect(await auditFor(clinician.practiceId, "user.unlock_sign_in")).toMatchObject([{ actorUserId: owner.userId, subjectId: clinician.userId }]);
  });

  it("the device cookie vouches only for its own account, unaltered", () => {
    const value = deviceCookieValue("noor@example.test");
    expect(isTrustedDevice(value, "Noor@Example.test")).toBe(true);
    expect(isTrustedDevice(value, "sam@example.test")).toBe(false);
    expect(isTrustedDevice(`${value.slice(0, -2)}xx`, "noor@example.test")).toBe(false);
    expect(isTrustedDevice(deviceCookieFrom(`a=1; ${DEVICE_COOKIE}=${value}; b=2`), "noor@example.test")).toBe(true);
    expect(isTrustedDevice(deviceCookieValue("noor@example.test", Date.now() - 200 * 86_400_000), "noor@example.test")).toBe(false);
  });
});
