import { describe, expect, it } from "vitest";
import { checkPasswordStrength, DEMO_PASSWORD, personalWords } from "./password-strength";

const noor = { name: "Noor Haddad", email: "noor.haddad@harbourtherapy.com", practiceName: "Harbour Couples Therapy" };

describe("checkPasswordStrength", () => {
  it("refuses repeated characters, with zxcvbn's warning as the message", async () => {
    expect(await checkPasswordStrength("aaaaaaaaaaaa")).toEqual({
      ok: false,
      message: expect.stringMatching(/^Repeated characters like "aaa" are easy to guess\. \S/),
    });
  });

  it("refuses common and breached passwords, and keyboard walks", async () => {
    for (const password of ["password1234", "qwertyuiop123", "iloveyou2024!"]) {
      const result = await checkPasswordStrength(password, noor);
      expect(result, password).toMatchObject({ ok: false, message: expect.stringContaining("commonly used password") });
    }
  });

  it("refuses passwords made of the person's name, email address or practice name", async () => {
    for (const password of ["noorhaddad2024", "Noor Haddad 1", "NoorHaddad!2024", "haddad-harbour-1987", "harbourtherapy2024"]) {
      expect(await checkPasswordStrength(password, noor), password).toMatchObject({ ok: false });
    }
    // The same passwords for someone else: it is the person's own words that make them weak.
    expect(await checkPasswordStrength("haddad-harbour-1987", { name: "Sam Lee", email: "sam@example.com" })).toEqual({ ok: true });
  });

  it("accepts a long passphrase, even one that includes a word of the person's own", async () => {
    expect(await checkPasswordStrength("violet tugboat marmalade sketch", noor)).toEqual({ ok: true });
    expect(await checkPasswordStrength("harbour lantern quietly folded", noor)).toEqual({ ok: true });
  });

  it("refuses the app's own demo passwords, for anyone (issue 24, probe 3)", async () => {
    const demo = { name: "Dr. Maya Okafor", email: "demo@attune.test", practiceName: "Harbour Couples Therapy" };
    expect(await checkPasswordStrength(DEMO_PASSWORD, demo)).toMatchObject({ ok: false });
    expect(await checkPasswordStrength(DEMO_PASSWORD, noor)).toMatchObject({ ok: false });
    expect(await checkPasswordStrength("attune-demo-password", demo)).toMatchObject({ ok: false });
  });
});

/**
 * Issue 24, probe 3: the one table of what a new password may not be. Every place a password is
 * chosen (sign-up, set-password, reset, change) calls checkPasswordStrength with the person's
 * name, email and practice name; lib/auth/reauth.int.test.ts and lib/team.int.test.ts prove each
 * place passes them.
 */
const harbour = { name: "Noor Haddad", email: "noor@harbour.example", practiceName: "Riverside Family Counselling" };
const TABLE: [password: string, context: typeof harbour | Record<string, never>, ok: boolean][] = [
  ["Riverside Family Counselling", harbour, false],
  ["riverside family counselling!", harbour, false],
  ["RiversideFamilyCounselling2026", harbour, false],
  ["correcthorsebatterystaple", {}, false],
  ["Correct Horse Battery Staple", {}, false],
  ["correct-horse-battery-staple-1", {}, false],
  ["the quick brown fox jumps over the lazy dog", {}, false],
  ["maytheforcebewithyou", {}, false],
  [DEMO_PASSWORD, {}, false],
  ["Velvet Orchard Compass", harbour, false],
  ["noor haddad harbour", harbour, false],
  ["noor@harbour.example", harbour, false],
  // A famous phrase inside a password that is strong without it is fine.
  ["correct horse battery staple violet tugboat marmalade", {}, true],
  ["violet tugboat marmalade sketch", harbour, true],
  ["riverside lantern quietly folded", harbour, true],
];

describe("checkPasswordStrength: the table", () => {
  for (const [password, context, ok] of TABLE) {
    it(`${ok ? "accepts" : "refuses"} ${JSON.stringify(password)}${Object.keys(context).length ? " for Noor of Riverside" : ""}`, async () => {
      expect((await checkPasswordStrength(password, context)).ok).toBe(ok);
    });
  }
});

describe("personalWords", () => {
  it("takes the whole name, email and practice name and each of their parts, but not the top-level domain", () => {
    expect(personalWords(noor)).toEqual(
      expect.arrayContaining(["noor haddad", "noor.haddad@harbourtherapy.com", "noor.haddad", "harbourtherapy", "noor", "haddad", "couples", "attune"]),
    );
    expect(personalWords(noor)).not.toContain("com");
    expect(personalWords({ name: "Al Li" }).sort()).toEqual(["al li", "attune"]);
  });
});
