import { describe, expect, it } from "vitest";
import { checkPasswordStrength, personalWords } from "./password-strength";

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

  it("the demo and test passwords pass for the people they belong to", async () => {
    const demo = { name: "Dr. Maya Okafor", email: "demo@attune.test", practiceName: "Harbour Couples Therapy" };
    expect(await checkPasswordStrength("velvet-orchard-compass", demo)).toEqual({ ok: true });
    // The old demo password is the site's name plus "demo" plus "password".
    expect(await checkPasswordStrength("attune-demo-password", demo)).toMatchObject({ ok: false });
  });
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
