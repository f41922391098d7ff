import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { emailOutbox, userTokens } from "@/db/schema";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";
import { loadActiveActor } from "./auth/actor";
import { signInWithPassword } from "./auth/credentials";
import { addClinician, checkSetPasswordToken, listTeam, resendSetPasswordLink, setPasswordWithToken, setUserActive } from "./team";
import { createClient } from "./clients/clients";
import { clientInput, createTestPractice, testIp, uniqueId } from "@/test/fixtures";

const tokenOf = (link: string) => link.split("/set-password/")[1]!;
const signIn = (email: string, password: string) => signInWithPassword({ email, password, ip: testIp(), userAgent: null });

describe("team", () => {
  it("the owner adds a clinician, who sets a password once through the emailed link and signs in", async () => {
    const { owner } = await createTestPractice();
    const email = `new-${uniqueId()}@example.test`;
    const { link, userId } = await addClinician(owner, { name: "Noor Haddad", email });
    const token = tokenOf(link);

    const db = await getDb();
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));
    expect(mail!.bodyText).toContain(link);
    const stored = await db.select().from(userTokens).where(eq(userTokens.userId, userId));
    expect(JSON.stringify(stored)).not.toContain(token);

    expect(await checkSetPasswordToken(token)).toMatchObject({ valid: true, name: "Noor Haddad" });
    expect(await signIn(email, "whatever password")).toEqual({ ok: false, reason: "invalid" });
    expect(await setPasswordWithToken(token, "a brand new password")).toEqual({ ok: true, email });
    expect(await signIn(email, "a brand new password")).toMatchObject({ ok: true, user: { id: userId } });
    // Spent.
    expect(await setPasswordWithToken(token, "another new password")).toEqual({ ok: false });
    expect(await checkSetPasswordToken(token)).toEqual({ valid: false });
  });

  it("a new link replaces the old one; an expired link is refused", async () => {
    const { owner } = await createTestPractice();
    const { link: first, userId } = await addClinician(owner, { name: "Ira", email: `ira-${uniqueId()}@example.test` });
    const { link: second } = await resendSetPasswordLink(owner, userId);
    expect(await checkSetPasswordToken(tokenOf(first))).toEqual({ valid: false });
    expect(await checkSetPasswordToken(tokenOf(second))).toMatchObject({ valid: true });

    const db = await getDb();
    await db.update(userTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(userTokens.userId, userId));
    expect(await setPasswordWithToken(tokenOf(second), "a brand new password")).toEqual({ ok: false });
  });

  it("refuses a taken email with a field error", async () => {
    const { owner } = await createTestPractice();
    await expect(addClinician(owner, { name: "Dup", email: owner.email })).rejects.toThrow(DomainError);
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
