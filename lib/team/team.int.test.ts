import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { emailOutbox, users, userTokens } from "@/db/schema";
import { listOutbox } from "@/lib/email/outbox-list";
import { checkPasswordStrength } from "@/lib/auth/password-strength";
import { DomainError, ForbiddenError, NotFoundError } from "@/lib/core/errors";
import { loadActiveActor } from "@/lib/auth/actor";
import { signInWithPassword } from "@/lib/auth/credentials";
import { ADD_CLINICIAN_LIMIT, addClinician, checkSetPasswordToken, listTeam, resendSetPasswordLink, setPasswordWithToken, setUserActive } from "./team";
import { createClient } from "@/lib/clients/clients";
import { practiceExportStream } from "@/lib/export/practice-export";
import { resetTwoStep } from "@/lib/auth/two-step";
import { unzipExport } from "@/test/unzip-export";
import { addedClinician, clientInput, createTestPractice, emailTextOf, setTestPassword, testIp, uniqueId } from "@/test/fixtures";

const tokenOf = (link: string) => link.split("/set-password/")[1]!;
const signIn = (email: string, password: string) => signInWithPassword({ email, password, ip: testIp(), userAgent: null });

// Costs paid once per file, not by whichever test runs first: the database opens and migrates,
// and the password dictionaries load.
beforeAll(async () => {
  await getDb();
  await checkPasswordStrength("warm up the dictionaries");
});

describe("team", () => {
  it("the owner adds a clinician, who sets a password once through the emailed link and signs in", async () => {
    const { owner } = await createTestPractice();
    const email = `new-${uniqueId()}@example.test`;
    expect(await addClinician(owner, { name: "Noor Haddad", email })).toBeUndefined();
    const { user, link, mails } = await addedClinician(email);
    expect(user).toMatchObject({ practiceId: owner.practiceId, name: "Noor Haddad", role: "clinician", passwordHash: null });
    expect(mails[0]).toMatchObject({ kind: "set_password", practiceId: owner.practiceId, status: "pending" });
    const token = tokenOf(link);

    const db = await getDb();
    const stored = await db.select().from(userTokens).where(eq(userTokens.userId, user.id));
    expect(JSON.stringify(stored)).not.toContain(token);

    expect(await checkSetPasswordToken(token)).toMatchObject({ valid: true, name: "Noor Haddad", email });
    expect(await signIn(email, "whatever password")).toEqual({ ok: false, reason: "invalid" });
    // A guessable password is refused with a reason, and the link still works.
    expect(await setPasswordWithToken(token, "noorhaddad2024")).toMatchObject({ ok: false, reason: "weak_password", message: expect.any(String) });
    expect(await setPasswordWithToken(token, "aaaaaaaaaaaa")).toMatchObject({ ok: false, reason: "weak_password" });
    expect(await setPasswordWithToken(token, "a brand new password")).toEqual({ ok: true, email });
    expect(await signIn(email, "a brand new password")).toMatchObject({ ok: true, user: { id: user.id } });
    // Spent.
    expect(await setPasswordWithToken(token, "another new password")).toEqual({ ok: false, reason: "invalid" });
    expect(await checkSetPasswordToken(token)).toEqual({ valid: false });
  });

  it("a new link replaces the old one; an expired link is refused", async () => {
    const { owner } = await createTestPractice();
    const email = `ira-${uniqueId()}@example.test`;
    await addClinician(owner, { name: "Ira", email });
    const { user, link: first } = await addedClinician(email);
    const { link: second } = await resendSetPasswordLink(owner, user.id);
    expect(await checkSetPasswordToken(tokenOf(first))).toEqual({ valid: false });
    expect(await checkSetPasswordToken(tokenOf(second))).toMatchObject({ valid: true });

    const db = await getDb();
    await db.update(userTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(userTokens.userId, user.id));
    expect(await setPasswordWithToken(tokenOf(second), "a brand new password")).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses an email already on the owner's own team with a field error", async () => {
    const { owner, clinicians } = await createTestPractice({ clinicians: 1 });
    await expect(addClinician(owner, { name: "Dup", email: owner.email })).rejects.toMatchObject({ name: "DomainError", field: "email" });
    await expect(addClinician(owner, { name: "Dup", email: clinicians[0]!.email.toUpperCase() })).rejects.toBeInstanceOf(DomainError);
  });

  it("answers the same for an address with an account in another practice, and tells its holder instead", async () => {
    const { owner } = await createTestPractice();
    const elsewhere = await createTestPractice({ clinicians: 1 });
    const holder = elsewhere.clinicians[0]!;
    const free = `free-${uniqueId()}@example.test`;

    const answers = [
      await addClinician(owner, { name: "Free Person", email: free }),
      await addClinician(owner, { name: "Held Person", email: holder.email.toUpperCase() }),
    ];
    expect(answers).toEqual([undefined, undefined]);

    // The holder's account is untouched, and nothing was made for it in the owner's practice.
    const db = await getDb();
    const holderRows = await db.select().from(users).where(eq(users.email, holder.email));
    expect(holderRows).toEqual([expect.objectContaining({ id: holder.userId, practiceId: elsewhere.practice.id, name: holder.name })]);
    expect(await db.select().from(userTokens).where(eq(userTokens.userId, holder.userId))).toEqual([]);

    // The owner's outbox lists both the same way: same kind, same subject, same state.
    const outbox = await listOutbox(owner);
    const shown = (to: string) => {
      const entry = outbox.find((e) => e.toAddress === to);
      expect(entry, to).toBeDefined();
      const { kind, subject, status, attempts, lastError, sentAt } = entry!;
      return { kind, subject, status, attempts, lastError, sentAt };
    };
    expect(shown(holder.email)).toEqual(shown(free));

    // The holder is told, calmly and without any link; the free address gets its set-password link.
    const [note] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, holder.email));
    expect(emailTextOf(note!)).toContain("already has an Attune account");
    expect(emailTextOf(note!)).toContain(owner.practiceName);
    expect(emailTextOf(note!)).not.toMatch(/https?:\/\//);
    expect((await addedClinician(free)).link).toMatch(/\/set-password\//);
  });

  it("clinicians cannot manage the team; other practices' users are not found", async () => {
    const { owner, clinicians } = await createTestPractice({ clinicians: 1 });
    const other = await createTestPractice({ clinicians: 1 });
    const clinician = clinicians[0]!;
    await expect(addClinician(clinician, { name: "X", email: `x-${uniqueId()}@example.test` })).rejects.toThrow(ForbiddenError);
    await expect(listTeam(clinician)).rejects.toThrow(ForbiddenError);
    await expect(setUserActive(clinician, owner.userId, false)).rejects.toThrow(ForbiddenError);
    await expect(setUserActive(owner, other.clinicians[0]!.userId, false)).rejects.toThrow(NotFoundError);
    await expect(setUserActive(owner, owner.userId, false)).rejects.toThrow(DomainError);
  });

  it("counts each member's active clients", async () => {
    const { owner, clinicians } = await createTestPractice({ clinicians: 1 });
    await createClient(owner, clientInput({ clinicianId: clinicians[0]!.userId }));
    await createClient(owner, clientInput({ clinicianId: clinicians[0]!.userId }));
    await createClient(owner, clientInput());
    const team = await listTeam(owner);
    expect(Object.fromEntries(team.map((member) => [member.id, member.activeClients]))).toEqual({
      [owner.userId]: 1,
      [clinicians[0]!.userId]: 2,
    });
  });

  it("deactivation takes effect at once and can be undone", async () => {
    const { owner, clinicians } = await createTestPractice({ clinicians: 1 });
    const clinician = clinicians[0]!;
    await setUserActive(owner, clinician.userId, false);
    expect(await loadActiveActor(clinician.userId)).toBeNull();
    await setUserActive(owner, clinician.userId, true);
    expect(await loadActiveActor(clinician.userId)).toMatchObject({ role: "clinician" });
  });
});

describe("probe 8: account discovery through the team list", () => {
  it("adding is limited per practice: past the limit nothing is added and nobody is mailed", async () => {
    const { owner } = await createTestPractice();
    for (let n = 0; n < ADD_CLINICIAN_LIMIT.limit; n++) await addClinician(owner, { name: `Added ${n}`, email: `added-${n}-${uniqueId()}@example.test` });
    const extra = `one-too-many-${uniqueId()}@example.test`;
    await expect(addClinician(owner, { name: "One too many", email: extra })).rejects.toThrow(/added many people/);
    const db = await getDb();
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, extra))).toHaveLength(0);
    expect((await listTeam(owner)).map((member) => member.email)).not.toContain(extra);
  });

  it("the team list shows an address with an account elsewhere exactly as a free one: both Invited, and both act alike", async () => {
    const { owner } = await createTestPractice();
    const elsewhere = await createTestPractice({ clinicians: 1 });
    const holder = elsewhere.clinicians[0]!;
    const free = `free-${uniqueId()}@example.test`;
    await addClinician(owner, { name: "Free Person", email: free });
    await addClinician(owner, { name: "Held Person", email: holder.email.toUpperCase() });

    const team = await listTeam(owner);
    expect(team.map((member) => member.email).sort()).toEqual([free, holder.email, owner.email].sort());
    const shape = (email: string) => {
      const { id, name, email: _email, ...rest } = team.find((member) => member.email === email)!;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(name).toMatch(/ Person$/);
      return rest;
    };
    // Not set a password, active, a clinician, no clients, not locked: "Invited" on the page.
    expect(shape(holder.email)).toEqual(shape(free));
    expect(shape(free)).toEqual({ role: "clinician", active: true, hasPassword: false, hasTwoStep: false, activeClients: 0, signInLockedForSeconds: null });

    const idOf = (email: string) => team.find((member) => member.email === email)!.id;
    for (const email of [free, holder.email]) {
      // Adding it again: the same refusal.
      await expect(addClinician(owner, { name: "Again", email })).rejects.toThrow("Someone on your team already uses this email.");
      // A new link: the same shape of answer, and a mail to the address.
      const { link } = await resendSetPasswordLink(owner, idOf(email));
      expect(link, email).toMatch(/\/set-password\/[A-Za-z0-9_-]{43}$/);
      // Deactivated and back, as any member.
      await setUserActive(owner, idOf(email), false);
      await expect(resendSetPasswordLink(owner, idOf(email))).rejects.toThrow("is deactivated; reactivate them first.");
      await setUserActive(owner, idOf(email), true);
    }
    // The holder's own account was never touched, and the made-up link opens nothing.
    const db = await getDb();
    expect(await db.select().from(userTokens).where(eq(userTokens.userId, holder.userId))).toEqual([]);
    const { link } = await resendSetPasswordLink(owner, idOf(holder.email));
    expect(await checkSetPasswordToken(tokenOf(link))).toEqual({ valid: false });
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, holder.email))).toHaveLength(3);
    // The practice export lists both alike too (clinicians.csv).
    const exported = (await unzipExport(await practiceExportStream(owner))).csv("clinicians.csv");
    const exportedShape = (email: string) => {
      const { id, name, email: _email, created_at, ...rest } = exported.find((row) => row.email === email)!;
      expect([id, name, created_at].every(Boolean)).toBe(true);
      return rest;
    };
    expect(exportedShape(holder.email)).toEqual(exportedShape(free));
    expect(exportedShape(free)).toEqual({ role: "clinician", active: "true" });
    // Resetting two-step sign-in: neither has it on, and both say so.
    const ownerPassword = await setTestPassword(owner.userId);
    for (const email of [free, holder.email]) {
      await expect(resetTwoStep(owner, idOf(email), { current: ownerPassword, ip: testIp() }), email).rejects.toThrow("does not have two-step sign-in on.");
    }
    // Another practice's owner finds neither.
    await expect(setUserActive(elsewhere.owner, idOf(holder.email), false)).rejects.toThrow(NotFoundError);
    await expect(resendSetPasswordLink(elsewhere.owner, idOf(free))).rejects.toThrow(NotFoundError);
  });
});

