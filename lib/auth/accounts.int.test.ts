import { and, desc, eq, inArray } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, emailOutbox, practices, recoveryCodes, users } from "@/db/schema";
import { dispatchDueEmails } from "@/lib/email/dispatcher";
import { DomainError, ForbiddenError } from "@/lib/core/errors";
import { createInvitations } from "@/lib/invitations/invitations";
import { getOverview } from "@/lib/overview/overview";
import { getPracticeSettings, updatePracticeSettings, type PracticeSettings } from "@/lib/practices/practices";
import { runAggregateRebuilds } from "@/lib/overview/rebuild";
import { createClient } from "@/lib/clients/clients";
import { answersForLevels, clientInput, createTestPractice, insertAssessmentFixture, setTestPassword, testIp, uniqueId } from "@/test/fixtures";
import { closeAllSmtp, decoded, startSmtp, transportTo } from "@/test/smtp";
import { changeName, changePassword, checkEmailChangeToken, confirmEmailChange, recentSignIns, requestEmailChange } from "./account";
import { loadActiveActor, loadSessionActor, loadSessionState } from "./actor";
import type { Actor } from "@/lib/core/actor-types";
import { signInWithPassword } from "./credentials";
import { checkPasswordResetToken, requestPasswordReset, resetPasswordWithToken } from "./password-reset";
import { beginEnrolment, completeSecondStep, confirmEnrolment, resetTwoStep, twoStepStatus } from "./two-step";

afterAll(closeAllSmtp);

const STEP_MS = 30_000;
const codeAt = (secretText: string, atMs: number) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secretText.replaceAll(" ", "")), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: atMs });

async function clinicianWithPassword(timeZone?: string) {
  const { owner, clinicians, practice } = await createTestPractice({ clinicians: 1, timeZone });
  const clinician = clinicians[0]!;
  const password = await setTestPassword(clinician.userId);
  return { owner, clinician, password, practice };
}

const signIn = async (email: string, password: string) => {
  const outcome = await signInWithPassword({ email, password, ip: testIp(), userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" });
  if (!outcome.ok) throw new Error(`sign-in refused: ${outcome.reason}`);
  return outcome;
};

/** Turns two-step sign-in on at `atMs`; returns the secret (as shown) and the recovery codes. */
async function enrol(user: Actor, password: string, atMs = Date.now()) {
  const enrolment = beginEnrolment(user, atMs);
  const reauth = { current: password, ip: testIp() };
  const { recoveryCodes: codes } = await confirmEnrolment(user, { enrolment: enrolment.sealed, code: codeAt(enrolment.secretText, atMs), reauth }, atMs);
  return { secretText: enrolment.secretText, codes };
}

async function auditActions(practiceId: string) {
  const db = await getDb();
  const rows = await db.select({ action: auditEvents.action, details: auditEvents.details }).from(auditEvents).where(eq(auditEvents.practiceId, practiceId));
  return rows;
}

describe("two-step sign-in", () => {
  it("enrols with a first code, stores the secret sealed, then asks for a code after the password", async () => {
    const { clinician, password } = await clinicianWithPassword();
    const t0 = Date.now();
    const enrolment = beginEnrolment(clinician, t0);
    expect(enrolment.secretText).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    expect(enrolment.qr.path.length).toBeGreaterThan(100);

    // A wrong first code turns nothing on.
    const reauth = { current: password, ip: testIp() };
    await expect(confirmEnrolment(clinician, { enrolment: enrolment.sealed, code: "000000" === codeAt(enrolment.secretText, t0) ? "111111" : "000000", reauth }, t0)).rejects.toMatchObject({ field: "code" });
    expect((await twoStepStatus(clinician)).enabled).toBe(false);
    // Someone else's set-up cannot be confirmed.
    const other = (await createTestPractice()).owner;
    const otherReauth = { current: await setTestPassword(other.userId), ip: testIp() };
    await expect(confirmEnrolment(other, { enrolment: enrolment.sealed, code: codeAt(enrolment.secretText, t0), reauth: otherReauth }, t0)).rejects.toBeInstanceOf(DomainError);

    const { recoveryCodes: codes } = await confirmEnrolment(clinician, { enrolment: enrolment.sealed, code: codeAt(enrolment.secretText, t0), reauth }, t0);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.id, clinician.userId));
    const secret = enrolment.secretText.replaceAll(" ", "");
    expect(row!.totpSecretSealed).toBeTruthy();
    expect(JSON.stringify(row)).not.toContain(secret);
    const stored = await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, clinician.userId));
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code.replace("-", ""));
    expect((await twoStepStatus(clinician)).recoveryCodesLeft).toBe(10);

    // The password alone opens a session that is not signed in yet.
    const outcome = await signIn(clinician.email, password);
    expect(outcome.pendingStep).toBe("second_factor");
    const session = { userId: clinician.userId, sessionId: outcome.sessionId };
    expect(await loadSessionActor(session)).toBeNull();
    expect((await loadSessionState(session))?.pendingStep).toBe("second_factor");

    // A wrong code: refused, recorded, still pending.
    expect(await completeSecondStep(session, { code: "12345", ip: testIp() })).toEqual({ ok: false, reason: "invalid" });
    // The enrolment's own code cannot be used again (the same time step).
    expect(await completeSecondStep(session, { code: codeAt(enrolment.secretText, t0), ip: testIp() }, t0)).toEqual({ ok: false, reason: "invalid" });
    expect(await loadSessionActor(session)).toBeNull();

    // A code computed here for a later moment, as the phone would show it then.
    const t1 = t0 + 2 * STEP_MS;
    const code = codeAt(enrolment.secretText, t1);
    expect(await completeSecondStep(session, { code, ip: testIp() }, t1)).toEqual({ ok: true });
    expect(await loadSessionActor(session)).toMatchObject({ userId: clinician.userId });
    const trail = await auditActions(clinician.practiceId);
    expect(trail.map((r) => r.action)).toEqual(expect.arrayContaining(["user.two_step_enable", "user.sign_in", "user.sign_in_failed"]));
    expect(trail.find((r) => r.action === "user.sign_in")?.details).toMatchObject({ secondStep: "app" });

    // The same code, on another sign-in at the same moment, is refused: it was used.
    const again = await signIn(clinician.email, password);
    const second = { userId: clinician.userId, sessionId: again.sessionId };
    expect(await completeSecondStep(second, { code, ip: testIp() }, t1)).toEqual({ ok: false, reason: "invalid" });
    expect(await loadSessionActor(second)).toBeNull();
  });

  it("accepts a recovery code once, in any case and with or without its dash", async () => {
    const { clinician, password } = await clinicianWithPassword();
    const { codes } = await enrol(clinician, password);
    const first = await signIn(clinician.email, password);
    const session = { userId: clinician.userId, sessionId: first.sessionId };
    expect(await completeSecondStep(session, { code: ` ${codes[3]!.toLowerCase()} `, ip: testIp() })).toEqual({ ok: true });
    expect(await loadSessionActor(session)).toMatchObject({ userId: clinician.userId });
    expect((await twoStepStatus(clinician)).recoveryCodesLeft).toBe(9);

    const again = await signIn(clinician.email, password);
    const second = { userId: clinician.userId, sessionId: again.sessionId };
    expect(await completeSecondStep(second, { code: codes[3]!.replace("-", ""), ip: testIp() })).toEqual({ ok: false, reason: "invalid" });
    expect(await loadSessionActor(second)).toBeNull();
  });

  it("counts wrong codes with wrong passwords: the account locks, and a right password does not clear the count", async () => {
    const { clinician, password } = await clinicianWithPassword();
    const { secretText } = await enrol(clinician, password);
    let session = { userId: clinician.userId, sessionId: (await signIn(clinician.email, password)).sessionId };
    let refused: Awaited<ReturnType<typeof completeSecondStep>> | undefined;
    for (let i = 0; i < 11; i++) {
      // Sign in again with the right password half-way: the wrong codes stay counted.
      if (i === 5) session = { userId: clinician.userId, sessionId: (await signIn(clinician.email, password)).sessionId };
      refused = await completeSecondStep(session, { code: "99999x", ip: testIp() });
    }
    expect(refused).toMatchObject({ ok: false, reason: "throttled" });
    const later = Date.now() + 2 * STEP_MS;
    expect(await completeSecondStep(session, { code: codeAt(secretText, later), ip: testIp() }, later)).toMatchObject({ reason: "throttled" });
  });

  it("when the practice requires it, a member without it can only set it up; setting it up lets them in", async () => {
    const { owner, clinician, password } = await clinicianWithPassword();
    const settings = await getPracticeSettings(owner);
    await expect(updatePracticeSettings(clinician, { ...settings, requireTwoStep: true })).rejects.toBeInstanceOf(ForbiddenError);
    // Probe 10: a session signed in before the rule is held too, not only new sign-ins.
    const before = await signIn(clinician.email, password);
    expect(await loadSessionActor({ userId: clinician.userId, sessionId: before.sessionId })).not.toBeNull();
    await updatePracticeSettings(owner, { ...settings, requireTwoStep: true });
    expect(await loadSessionState({ userId: clinician.userId, sessionId: before.sessionId })).toMatchObject({ pendingStep: "enrolment" });

    const outcome = await signIn(clinician.email, password);
    expect(outcome.pendingStep).toBe("enrolment");
    const session = { userId: clinician.userId, sessionId: outcome.sessionId };
    expect(await loadSessionActor(session)).toBeNull();

    const t0 = Date.now();
    const enrolment = beginEnrolment(clinician, t0);
    await confirmEnrolment(clinician, { enrolment: enrolment.sealed, code: codeAt(enrolment.secretText, t0), sessionId: outcome.sessionId }, t0);
    expect(await loadSessionActor(session)).toMatchObject({ userId: clinician.userId });
    // From now on, the code is asked for.
    expect((await signIn(clinician.email, password)).pendingStep).toBe("second_factor");
  });

  it("the owner can reset a member's second step (audited); a clinician cannot", async () => {
    const { owner, clinician, password } = await clinicianWithPassword();
    await enrol(clinician, password);
    const ownerPassword = await setTestPassword(owner.userId);
    const asOwner = { current: ownerPassword, ip: testIp() };
    await expect(resetTwoStep(clinician, clinician.userId, { current: password, ip: testIp() })).rejects.toBeInstanceOf(ForbiddenError);
    const stranger = (await createTestPractice()).owner;
    await expect(resetTwoStep(stranger, clinician.userId, { current: await setTestPassword(stranger.userId), ip: testIp() })).rejects.toThrow(/not found/i);
    // Probe 1: a copied owner cookie alone cannot turn a member's second step off.
    await expect(resetTwoStep(owner, clinician.userId, { current: "", ip: testIp() })).rejects.toMatchObject({ field: "current" });
    expect((await twoStepStatus(clinician)).enabled).toBe(true);
    await resetTwoStep(owner, clinician.userId, asOwner);
    expect(await twoStepStatus(clinician)).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0 });
    expect((await signIn(clinician.email, password)).pendingStep).toBeNull();
    expect((await auditActions(owner.practiceId)).map((r) => r.action)).toContain("user.two_step_reset");
    await expect(resetTwoStep(owner, clinician.userId, asOwner)).rejects.toBeInstanceOf(DomainError);
  });
});

/** Sends what the outbox holds for `to` through a real SMTP server; returns the messages' text. */
async function deliver(practiceId: string, to: string): Promise<string[]> {
  const smtp = await startSmtp();
  try {
    await dispatchDueEmails({ transport: transportTo(smtp.port), from: "Attune <no-reply@attune.test>", practiceId, recipients: [to] });
    return smtp.received.map((message) => decoded(message.raw));
  } finally {
    await smtp.close();
  }
}

const linkIn = (text: string, path: string) => new RegExp(`${path}/([A-Za-z0-9_-]{43})`).exec(text)?.[1];

describe("forgot password", () => {
  it("emails a one-time link that sets a new password and ends every session; used and old links fail", async () => {
    const { clinician, password } = await clinicianWithPassword();
    const before = await signIn(clinician.email, password);

    await requestPasswordReset({ email: clinician.email.toUpperCase(), ip: testIp() });
    const [firstMail] = await deliver(clinician.practiceId, clinician.email);
    const oldToken = linkIn(firstMail!, "/reset-password")!;
    await requestPasswordReset({ email: clinician.email, ip: testIp() });
    const [mail] = await deliver(clinician.practiceId, clinician.email);
    expect(mail).toContain("Reset your Attune password");
    const token = linkIn(mail!, "/reset-password")!;
    expect(token).toBeTruthy();
    // Only the newest link works.
    expect(await checkPasswordResetToken(oldToken)).toEqual({ valid: false });
    expect(await checkPasswordResetToken(token)).toMatchObject({ valid: true, email: clinician.email });

    // Weak, then right.
    expect(await resetPasswordWithToken(token, "password1234")).toMatchObject({ ok: false, reason: "weak_password" });
    const fresh = `quiet harbour lantern ${uniqueId()}`;
    expect(await resetPasswordWithToken(token, fresh)).toEqual({ ok: true, email: clinician.email });
    expect(await loadSessionActor({ userId: clinician.userId, sessionId: before.sessionId })).toBeNull();
    expect(await signInWithPassword({ email: clinician.email, password, ip: testIp(), userAgent: null })).toMatchObject({ ok: false });
    await signIn(clinician.email, fresh);
    // Used: refused.
    expect(await resetPasswordWithToken(token, `another long phrase ${uniqueId()}`)).toEqual({ ok: false, reason: "invalid" });
    // The holder is told.
    const [notice] = await deliver(clinician.practiceId, clinician.email);
    expect(notice).toContain("Your Attune password was changed");
  });

  it("a link expires after an hour; an unknown address is answered the same and gets nothing", async () => {
    const { clinician, password } = await clinicianWithPassword();
    const t0 = new Date();
    await requestPasswordReset({ email: clinician.email, ip: testIp() }, t0);
    const [mail] = await deliver(clinician.practiceId, clinician.email);
    const token = linkIn(mail!, "/reset-password")!;
    const later = new Date(t0.getTime() + 61 * 60 * 1000);
    expect(await checkPasswordResetToken(token, later)).toEqual({ valid: false });
    expect(await resetPasswordWithToken(token, `quiet harbour lantern ${uniqueId()}`, later)).toEqual({ ok: false, reason: "invalid" });
    await signIn(clinician.email, password);

    const unknown = `nobody-${uniqueId()}@example.test`;
    await expect(requestPasswordReset({ email: unknown, ip: testIp() })).resolves.toBeUndefined();
    const db = await getDb();
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, unknown))).toEqual([]);
  });

  it("is limited per address and per IP, silently", async () => {
    const { clinician } = await clinicianWithPassword();
    for (let i = 0; i < 7; i++) await requestPasswordReset({ email: clinician.email, ip: testIp() });
    const db = await getDb();
    const queued = await db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, clinician.email), eq(emailOutbox.kind, "password_reset")));
    expect(queued).toHaveLength(5);

    const ip = testIp();
    const others = await Promise.all(Array.from({ length: 3 }, () => clinicianWithPassword()));
    for (let i = 0; i < 20; i++) await requestPasswordReset({ email: `nobody-${uniqueId()}@example.test`, ip });
    for (const other of others) await requestPasswordReset({ email: other.clinician.email, ip });
    const fromIp = await db
      .select()
      .from(emailOutbox)
      .where(inArray(emailOutbox.toAddress, others.map((o) => o.clinician.email)));
    expect(fromIp).toEqual([]);
  });
});

describe("my account", () => {
  it("changes the password given the current one, ending the other sessions but not this one", async () => {
    const { clinician, password } = await clinicianWithPassword();
    const here = await signIn(clinician.email, password);
    const elsewhere = await signIn(clinician.email, password);
    await expect(changePassword(clinician, here.sessionId, { current: "not it at all", password: `quiet harbour lantern ${uniqueId()}`, ip: testIp() })).rejects.toMatchObject({ field: "current" });
    await expect(changePassword(clinician, here.sessionId, { current: password, password: "password1234", ip: testIp() })).rejects.toMatchObject({ field: "password" });
    expect(await loadSessionActor({ userId: clinician.userId, sessionId: elsewhere.sessionId })).not.toBeNull();

    const fresh = `quiet harbour lantern ${uniqueId()}`;
    expect(await changePassword(clinician, here.sessionId, { current: password, password: fresh, ip: testIp() })).toEqual({ endedSessions: 1 });
    expect(await loadSessionActor({ userId: clinician.userId, sessionId: here.sessionId })).not.toBeNull();
    expect(await loadSessionActor({ userId: clinician.userId, sessionId: elsewhere.sessionId })).toBeNull();
    await signIn(clinician.email, fresh);
  });

  it("changes the name; changes the email once the new address confirms it, telling the old one", async () => {
    const { clinician, password } = await clinicianWithPassword();
    await changeName(clinician, "Dr Renamed");
    expect((await loadActiveActor(clinician.userId))?.name).toBe("Dr Renamed");

    const reauth = { current: password, ip: testIp() };
    await expect(requestEmailChange(clinician, clinician.email.toUpperCase(), reauth)).rejects.toMatchObject({ field: "email" });
    const newEmail = `moved-${uniqueId()}@example.test`;
    await requestEmailChange(clinician, newEmail, reauth);
    const [confirmation] = await deliver(clinician.practiceId, newEmail);
    const [notice] = await deliver(clinician.practiceId, clinician.email);
    expect(notice).toContain(newEmail);
    const token = linkIn(confirmation!, "/confirm-email")!;
    // Nothing changed until the link is used.
    expect((await loadActiveActor(clinician.userId))?.email).toBe(clinician.email);
    expect(await checkEmailChangeToken(token)).toEqual({ valid: true, newEmail });
    expect(await confirmEmailChange(token)).toEqual({ ok: true, email: newEmail });
    expect(await confirmEmailChange(token)).toEqual({ ok: false, reason: "invalid" });
    expect((await loadActiveActor(clinician.userId))?.email).toBe(newEmail);
    await signIn(newEmail, password);
  });

  it("lists recent sign-ins with the browser and the network, not the address", async () => {
    const { clinician, password } = await clinicianWithPassword();
    const outcome = await signInWithPassword({ email: clinician.email, password, ip: "203.0.113.77", userAgent: "Mozilla/5.0 (Windows NT 10.0) Chrome/140.0 Safari/537.36" });
    if (!outcome.ok) throw new Error("refused");
    const [entry] = await recentSignIns(clinician, outcome.sessionId);
    expect(entry).toMatchObject({ browser: "Chrome on Windows", origin: "203.0.113.x", current: true, open: true });
  });
});

describe("practice settings", () => {
  const change = async (owner: Actor, changes: Partial<PracticeSettings>) => updatePracticeSettings(owner, { ...(await getPracticeSettings(owner)), ...changes });

  it("refuses a time zone that does not exist and an expiry out of range, changing nothing", async () => {
    const { owner } = await createTestPractice();
    const before = await getPracticeSettings(owner);
    await expect(change(owner, { name: "New name", timeZone: "Mars/Olympus_Mons" })).rejects.toMatchObject({ field: "timeZone" });
    await expect(change(owner, { name: "New name", defaultLinkExpiryDays: 0 })).rejects.toMatchObject({ field: "defaultLinkExpiryDays" });
    expect(await getPracticeSettings(owner)).toEqual(before);
  });

  it("saves and audits the changed fields; new links use the default expiry; the sender name is on the From line", async () => {
    const { owner } = await createTestPractice();
    expect(await change(owner, { name: "Harbour Practice", defaultLinkExpiryDays: 5, emailSenderName: "Dr Harbour's office" })).toEqual({
      changed: ["name", "defaultLinkExpiryDays", "emailSenderName"],
    });
    const db = await getDb();
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.practiceId, owner.practiceId), eq(auditEvents.action, "practice.update_settings")));
    expect(audit?.details).toEqual({ changed: ["name", "defaultLinkExpiryDays", "emailSenderName"] });
    expect((await db.select().from(practices).where(eq(practices.id, owner.practiceId)))[0]?.name).toBe("Harbour Practice");

    const input = { ...clientInput(), clinicianId: owner.userId };
    const client = { ...(await createClient(owner, input)), email: input.email };
    const before = Date.now();
    const [sent] = await createInvitations(owner, { clientId: client.id, includePartner: false });
    const days = (sent!.expiresAt.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(4.99);
    expect(days).toBeLessThan(5.01);
    const [mail] = await deliver(owner.practiceId, client.email);
    expect(mail).toMatch(/^From: "?Dr Harbour's office"? <no-reply@attune\.test>/m);
  });

  it("a new time zone moves a late-evening assessment into its local day on the overview", async () => {
    const { owner } = await createTestPractice({ timeZone: "UTC" });
    const client = await createClient(owner, { ...clientInput(), clinicianId: owner.userId });
    // 30 April 23:30 in New York is 1 May 03:30 UTC.
    await insertAssessmentFixture({ practiceId: owner.practiceId, clientId: client.id, completedAt: new Date("2026-05-01T03:30:00Z"), answers: answersForLevels({}, 4) });
    const now = new Date("2026-05-20T12:00:00Z");
    const inUtc = await getOverview(owner, { range: "3", granularity: "month", now });
    expect(inUtc.periods.filter((p) => p.assessments > 0).map((p) => p.start)).toEqual(["2026-05-01"]);

    expect(inUtc.recalculating).toBe(false);

    // The change answers at once; the overview says it is being recalculated until the background
    // rebuild (the job engine's aggregates queue) has run.
    await change(owner, { timeZone: "America/New_York" });
    const actor = (await loadActiveActor(owner.userId))!;
    expect(actor.practiceTimeZone).toBe("America/New_York");
    expect((await getOverview(actor, { range: "3", granularity: "month", now })).recalculating).toBe(true);
    expect(await runAggregateRebuilds()).toEqual({ rebuilt: 1 });
    const local = await getOverview(actor, { range: "3", granularity: "month", now });
    expect(local.recalculating).toBe(false);
    expect(local.periods.filter((p) => p.assessments > 0).map((p) => p.start)).toEqual(["2026-04-01"]);
    expect(await runAggregateRebuilds()).toEqual({ rebuilt: 0 });
    const db = await getDb();
    const [row] = await db.select().from(auditEvents).where(eq(auditEvents.practiceId, owner.practiceId)).orderBy(desc(auditEvents.id)).limit(1);
    expect(row?.details).toEqual({ changed: ["timeZone"] });
  });
});

