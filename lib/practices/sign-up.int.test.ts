import { desc, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { emailOutbox, practices, users } from "@/db/schema";
import { createTestPractice, emailTextOf, testIp, uniqueId } from "@/test/fixtures";
import { checkPasswordStrength } from "@/lib/auth/password-strength";
import { signInWithPassword } from "@/lib/auth/credentials";
import { checkSignUpLink, completeSignUp, requestSignUp } from "./sign-up";

const request = (email: string) => ({ practiceName: `Lantern ${uniqueId()}`, name: "Lee Lantern", email, timeZone: "Europe/Berlin" });

async function emailsTo(address: string) {
  const db = await getDb();
  return db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, address)).orderBy(desc(emailOutbox.createdAt));
}

async function signUpTokenFor(address: string): Promise<string> {
  const [latest] = await emailsTo(address);
  const token = /\/sign-up\/confirm\/([A-Za-z0-9_-]+)/.exec(emailTextOf(latest!))?.[1];
  if (!token) throw new Error(`no sign-up link in the email to ${address}`);
  return token;
}

// Costs paid once per file, not by whichever test runs first: the database opens and migrates,
// and the password dictionaries load.
beforeAll(async () => {
  await getDb();
  await checkPasswordStrength("warm up the dictionaries");
});

afterEach(() => {
  vi.useRealTimers();
});

describe("sign-up", () => {
  it("answers an address that has an account exactly as a free one, and tells each address which it was", async () => {
    const { owner } = await createTestPractice();
    const free = `free-${uniqueId()}@example.test`;
    const answers = [await requestSignUp(request(free), testIp()), await requestSignUp(request(owner.email.toUpperCase()), testIp())];
    expect(answers).toEqual([undefined, undefined]);

    const [toFree] = await emailsTo(free);
    const [toHolder] = await emailsTo(owner.email);
    // Email about no practice: no owner's outbox lists it.
    for (const email of [toFree!, toHolder!]) expect(email).toMatchObject({ kind: "sign_up", practiceId: null, status: "pending" });
    expect(emailTextOf(toFree!)).toMatch(/\/sign-up\/confirm\/[A-Za-z0-9_-]+/);
    expect(emailTextOf(toHolder!)).toContain("already has an Attune account, so nothing was created");
    expect(emailTextOf(toHolder!)).not.toContain("/sign-up/confirm/");

    // Nothing exists until the link is used; the holder's account is as it was.
    const db = await getDb();
    expect(await db.select().from(users).where(eq(users.email, free))).toEqual([]);
    expect(await db.select().from(users).where(eq(users.email, owner.email))).toEqual([
      expect.objectContaining({ id: owner.userId, practiceId: owner.practiceId }),
    ]);
  });

  it("the emailed link creates the practice once, with a password that is hard to guess", async () => {
    const email = `maya-${uniqueId()}@example.test`;
    const input = request(email);
    await requestSignUp(input, testIp());
    const token = await signUpTokenFor(email);

    expect(await checkSignUpLink(token)).toEqual({ state: "open", name: input.name, email, practiceName: input.practiceName });
    for (const weak of ["aaaaaaaaaaaa", "password1234", "leelantern2024"]) {
      expect(await completeSignUp(token, weak), weak).toMatchObject({ ok: false, reason: "weak_password", message: expect.any(String) });
    }
    const db = await getDb();
    expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);

    expect(await completeSignUp(token, "violet tugboat marmalade sketch")).toEqual({ ok: true, email });
    const [practice] = await db.select().from(practices).where(eq(practices.name, input.practiceName));
    expect(practice).toMatchObject({ timeZone: "Europe/Berlin" });
    expect(await signInWithPassword({ email, password: "violet tugboat marmalade sketch", ip: testIp(), userAgent: null })).toMatchObject({
      ok: true,
      user: { email, name: input.name },
    });

    // Used: the address has its account now.
    expect(await checkSignUpLink(token)).toEqual({ state: "used" });
    expect(await completeSignUp(token, "another violet tugboat sketch")).toEqual({ ok: false, reason: "used" });
    expect(await db.select().from(practices).where(eq(practices.name, input.practiceName))).toHaveLength(1);
  });

  it("refuses a link that was tampered with, invented, or is past its 24 hours", async () => {
    const email = `late-${uniqueId()}@example.test`;
    await requestSignUp(request(email), testIp());
    const token = await signUpTokenFor(email);
    const flipped = token.slice(0, 30) + (token[30] === "A" ? "B" : "A") + token.slice(31);
    for (const bad of [flipped, token.slice(0, -3), "x".repeat(43), "A".repeat(3000)]) {
      expect(await checkSignUpLink(bad)).toEqual({ state: "invalid" });
      expect(await completeSignUp(bad, "violet tugboat marmalade sketch")).toEqual({ ok: false, reason: "invalid" });
    }

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 24 * 60 * 60 * 1000 + 1000);
    expect(await checkSignUpLink(token)).toEqual({ state: "invalid" });
    expect(await completeSignUp(token, "violet tugboat marmalade sketch")).toEqual({ ok: false, reason: "invalid" });
  });

  it("sends at most five sign-up emails an hour to one address, answering the same when it stops", async () => {
    const email = `flood-${uniqueId()}@example.test`;
    for (let n = 0; n < 7; n++) expect(await requestSignUp(request(email), testIp())).toBeUndefined();
    expect(await emailsTo(email)).toHaveLength(5);
  });

  it("probe 7: one source gets a handful of sign-up emails an hour, and none carries what the visitor typed", async () => {
    const ip = "2001:db8:77:1::5";
    const sent: string[] = [];
    for (let n = 0; n < 12; n++) {
      const email = `stranger-${n}-${uniqueId()}@example.test`;
      // Rotating inside the /64 does not help.
      await requestSignUp({ practiceName: "URGENT: verify your bank at http://evil.example", name: "Bank Security Team", email, timeZone: "Europe/London" }, ip.replace("::5", `::${n + 1}`));
      sent.push(...(await emailsTo(email)).map(emailTextOf));
    }
    expect(sent).toHaveLength(5);
    for (const text of sent) {
      expect(text).not.toContain("evil.example");
      expect(text).not.toContain("URGENT");
      expect(text).not.toContain("Bank Security Team");
      expect(text).toContain("Someone asked to create an Attune practice with this address");
    }
  });
});
