import { and, eq } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, emailOutbox, practices } from "@/db/schema";
import { openEmailBody } from "@/lib/core/outbox-body";
import { createTestPractice, setTestPassword, testIp, uniqueId } from "@/test/fixtures";
import { cancelEmailChangeWithToken, changePassword, checkEmailChangeCancelToken, checkEmailChangeToken, requestEmailChange } from "./account";
import { loadSessionActor } from "./actor";
import type { Actor } from "@/lib/core/actor-types";
import { signInWithPassword } from "./credentials";
import { requestPasswordReset, resetPasswordWithToken } from "./password-reset";
import { SIGN_IN_ACCOUNT_LIMIT } from "./sign-in-throttle";
import { signOutEverywhere } from "./session-store";
import { beginEnrolment, confirmEnrolment } from "./two-step";

/* Issue 24, probes 1 and 2: what takes an account over asks for the holder's secrets, and guessing them is throttled and audited. */

const codeAt = (secretText: string, atMs: number) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secretText.replaceAll(" ", "")), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: atMs });

async function member() {
  const { clinicians } = await createTestPractice({ clinicians: 1 });
  const clinician = clinicians[0]!;
  return { clinician, password: await setTestPassword(clinician.userId) };
}

async function signIn(email: string, password: string) {
  const outcome = await signInWithPassword({ email, password, ip: testIp(), userAgent: "test" });
  if (!outcome.ok) throw new Error(`sign-in refused: ${outcome.reason}`);
  return outcome.sessionId;
}

async function trail(actor: Actor, action: string) {
  const db = await getDb();
  return db.select({ details: auditEvents.details }).from(auditEvents).where(and(eq(auditEvents.practiceId, actor.practiceId), eq(auditEvents.action, action)));
}

/** The newest token of a kind of email in the outbox for `to`, read as the recipient would. */
async function linkTo(to: string, kind: string, path: string): Promise<string> {
  const db = await getDb();
  const rows = await db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, to), eq(emailOutbox.kind, kind)));
  const text = rows.map((row) => openEmailBody(row.sealedBody)?.text ?? "").join("\n");
  const matches = [...text.matchAll(new RegExp(`${path}/([A-Za-z0-9_-]{43})`, "g"))];
  const token = matches.at(-1)?.[1];
  if (!token) throw new Error(`no ${kind} link to ${to}`);
  return token;
}

describe("probe 1: account takeover through the email change", () => {
  it("a session alone cannot ask for a new email: the current password is needed, and a failure is audited", async () => {
    const { clinician, password } = await member();
    const newEmail = `thief-${uniqueId()}@example.test`;
    await expect(requestEmailChange(clinician, newEmail, { current: "", ip: testIp() })).rejects.toMatchObject({ field: "current" });
    await expect(requestEmailChange(clinician, newEmail, { current: "a wrong guess", ip: testIp() })).rejects.toMatchObject({ field: "current" });
    const db = await getDb();
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, newEmail))).toHaveLength(0);
    expect(await trail(clinician, "user.reauth_failed")).toHaveLength(2);
    await requestEmailChange(clinician, newEmail, { current: password, ip: testIp() });
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, newEmail))).toHaveLength(1);
  });

  it("with two-step sign-in on, the password is not enough: a code too", async () => {
    const { clinician, password } = await member();
    const t0 = Date.now();
    const enrolment = beginEnrolment(clinician, t0);
    await confirmEnrolment(clinician, { enrolment: enrolment.sealed, code: codeAt(enrolment.secretText, t0), reauth: { current: password, ip: testIp() } }, t0);
    const newEmail = `thief-${uniqueId()}@example.test`;
    await expect(requestEmailChange(clinician, newEmail, { current: password, ip: testIp() })).rejects.toMatchObject({ field: "code" });
    await expect(requestEmailChange(clinician, newEmail, { current: password, code: "000000", ip: testIp() })).rejects.toMatchObject({ field: "code" });
    expect((await trail(clinician, "user.reauth_failed")).map((row) => row.details)).toEqual([{ reason: "wrong_code" }, { reason: "wrong_code" }]);
    const later = t0 + 60_000;
    await requestEmailChange(clinician, newEmail, { current: password, code: codeAt(enrolment.secretText, later), ip: testIp() }, new Date(later));
  });

  it("new recovery codes (setting up two-step sign-in from My account) need the current password", async () => {
    const { clinician } = await member();
    const t0 = Date.now();
    const enrolment = beginEnrolment(clinician, t0);
    await expect(
      confirmEnrolment(clinician, { enrolment: enrolment.sealed, code: codeAt(enrolment.secretText, t0), reauth: { current: "guess", ip: testIp() } }, t0),
    ).rejects.toMatchObject({ field: "current" });
  });

  for (const [what, takeBack] of [
    ["a password change", async (actor: Actor, password: string) => {
      const sessionId = await signIn(actor.email, password);
      await changePassword(actor, sessionId, { current: password, password: `lantern quietly folded ${uniqueId()}`, ip: testIp() });
    }],
    ["a password reset", async (actor: Actor) => {
      await requestPasswordReset({ email: actor.email, ip: testIp() });
      const token = await linkTo(actor.email, "password_reset", "/reset-password");
      expect(await resetPasswordWithToken(token, `marble teapot orbit ${uniqueId()}`)).toMatchObject({ ok: true });
    }],
    ["signing out everywhere", async (actor: Actor) => {
      await signOutEverywhere(actor);
    }],
  ] as const) {
    it(`${what} cancels a pending change of email`, async () => {
      const { clinician, password } = await member();
      const newEmail = `thief-${uniqueId()}@example.test`;
      await requestEmailChange(clinician, newEmail, { current: password, ip: testIp() });
      const token = await linkTo(newEmail, "email_change", "/confirm-email");
      expect(await checkEmailChangeToken(token)).toEqual({ valid: true, newEmail });
      await takeBack(clinician, password);
      expect(await checkEmailChangeToken(token)).toEqual({ valid: false });
    });
  }

  it("the old address's \"this wasn't me\" link cancels the change and ends every session, once", async () => {
    const { clinician, password } = await member();
    const sessionId = await signIn(clinician.email, password);
    const newEmail = `thief-${uniqueId()}@example.test`;
    await requestEmailChange(clinician, newEmail, { current: password, ip: testIp() });
    const confirm = await linkTo(newEmail, "email_change", "/confirm-email");
    const cancel = await linkTo(clinician.email, "email_change_notice", "/email-change/cancel");
    expect(await checkEmailChangeCancelToken(cancel)).toBe(true);
    expect(await cancelEmailChangeWithToken(cancel)).toEqual({ ok: true, endedSessions: 1 });
    expect(await checkEmailChangeToken(confirm)).toEqual({ valid: false });
    expect(await loadSessionActor({ userId: clinician.userId, sessionId })).toBeNull();
    expect(await cancelEmailChangeWithToken(cancel)).toEqual({ ok: false });
    expect(await trail(clinician, "user.email_change_cancelled")).toHaveLength(1);
  });
});

describe("probe 2: current-password guessing on change password", () => {
  it("is throttled with the sign-in counters and audited: past the limit even the right password waits", async () => {
    const { clinician, password } = await member();
    const sessionId = await signIn(clinician.email, password);
    const ip = testIp();
    for (let i = 0; i < SIGN_IN_ACCOUNT_LIMIT.limit; i++) {
      await expect(changePassword(clinician, sessionId, { current: `guess ${i}`, password: `lantern quietly folded ${uniqueId()}`, ip })).rejects.toMatchObject({ field: "current" });
    }
    await expect(changePassword(clinician, sessionId, { current: password, password: `lantern quietly folded ${uniqueId()}`, ip })).rejects.toThrow(/Too many attempts/);
    const failures = await trail(clinician, "user.reauth_failed");
    expect(failures).toHaveLength(SIGN_IN_ACCOUNT_LIMIT.limit);
    expect(failures[0]!.details).toEqual({ reason: "wrong_password" });
  });
});

describe("probe 3: password strength out of context", () => {
  const practiceName = "Lantern Orchard Wellbeing Collective";
  async function inNamedPractice() {
    const { clinician, password } = await member();
    const db = await getDb();
    await db.update(practices).set({ name: practiceName }).where(eq(practices.id, clinician.practiceId));
    return { clinician: { ...clinician, practiceName }, password };
  }

  it("change password refuses the practice's name and the demo password", async () => {
    const { clinician, password } = await inNamedPractice();
    const sessionId = await signIn(clinician.email, password);
    for (const weak of [practiceName, `${practiceName}!`, "correcthorsebatterystaple", "velvet-orchard-compass"]) {
      await expect(changePassword(clinician, sessionId, { current: password, password: weak, ip: testIp() }), weak).rejects.toMatchObject({ field: "password" });
    }
  });

  it("reset password refuses the practice's name", async () => {
    const { clinician } = await inNamedPractice();
    await requestPasswordReset({ email: clinician.email, ip: testIp() });
    const token = await linkTo(clinician.email, "password_reset", "/reset-password");
    expect(await resetPasswordWithToken(token, practiceName)).toMatchObject({ ok: false, reason: "weak_password" });
    expect(await resetPasswordWithToken(token, "correct horse battery staple")).toMatchObject({ ok: false, reason: "weak_password" });
  });
});

describe("probe 7: mail abuse through change-email", () => {
  it("one source gets a handful of confirmation emails an hour, each without the asker's words", async () => {
    const { clinician, password } = await member();
    const ip = "2001:db8:99:1::1";
    const db = await getDb();
    const addresses: string[] = [];
    let refused = 0;
    for (let n = 0; n < 8; n++) {
      const email = `stranger-${n}-${uniqueId()}@example.test`;
      addresses.push(email);
      try {
        await requestEmailChange(clinician, email, { current: password, ip: ip.replace("::1", `::${n + 1}`) });
      } catch (error) {
        expect(String(error)).toMatch(/Too many changes of address/);
        refused++;
      }
    }
    expect(refused).toBe(3);
    const mailed = (await Promise.all(addresses.map((to) => db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to))))).flat();
    expect(mailed).toHaveLength(5);
    for (const row of mailed) expect(openEmailBody(row.sealedBody)?.text).not.toContain(clinician.name);
  });
});
