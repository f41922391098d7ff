import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seal, secretRing, unseal, unsealWithAge } from "./seal";

describe("seal and unseal", () => {
  const names = ["AUTH_SECRET", "AUTH_SECRET_1", "AUTH_SECRET_2", "AUTH_SECRET_3"] as const;
  const saved = names.map((name) => process.env[name]);
  beforeEach(() => {
    for (const name of names) delete process.env[name];
    process.env.AUTH_SECRET = "test-secret-for-seal";
  });
  afterEach(() => {
    names.forEach((name, i) => {
      if (saved[i] === undefined) delete process.env[name];
      else process.env[name] = saved[i];
    });
  });

  it("round-trips without containing the plaintext, differently every time", () => {
    const secret = "https://attune.example/set-password/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    const [a, b] = [seal("email-outbox", secret), seal("email-outbox", secret)];
    expect(a).not.toContain("abcdefghijklmnop");
    expect(a).not.toBe(b);
    expect(unseal("email-outbox", a)).toBe(secret);
    expect(unseal("email-outbox", b)).toBe(secret);
  });

  it("opens nothing tampered with, sealed for another purpose, or under another secret", () => {
    const sealed = seal("email-outbox", "hello");
    const flipped = sealed.slice(0, 20) + (sealed[20] === "A" ? "B" : "A") + sealed.slice(21);
    for (const bad of [flipped, sealed.slice(0, -2), `${sealed}AA`, "", "not base64!", 42, null, undefined]) {
      expect(unseal("email-outbox", bad)).toBeNull();
    }
    expect(unseal("sign-up-link", sealed)).toBeNull();
    expect(unseal("email-outbox", sealed, { maxLength: sealed.length - 1 })).toBeNull();
    expect(unseal("email-outbox", sealed, { secret: "another-secret" })).toBeNull();
    process.env.AUTH_SECRET = "another-secret";
    expect(unseal("email-outbox", sealed)).toBeNull();
  });

  it("refuses to work without AUTH_SECRET rather than treating every value as invalid", () => {
    const sealed = seal("email-outbox", "hello");
    delete process.env.AUTH_SECRET;
    expect(() => seal("email-outbox", "hello")).toThrow(/AUTH_SECRET/);
    expect(() => unseal("email-outbox", sealed)).toThrow(/AUTH_SECRET/);
  });

  it("opens what an earlier secret sealed once it is AUTH_SECRET_1…_3, and seals only under the current one", () => {
    process.env.AUTH_SECRET = "secret-a";
    const underA = seal("two-step-secret", "JBSWY3DPEHPK3PXP");

    // Rotated: B is current, A is the earlier one.
    process.env.AUTH_SECRET = "secret-b";
    expect(unseal("two-step-secret", underA)).toBeNull();
    process.env.AUTH_SECRET_1 = "secret-a";
    expect(unsealWithAge("two-step-secret", underA)).toEqual({ plaintext: "JBSWY3DPEHPK3PXP", secretIndex: 1 });
    const underB = seal("two-step-secret", "JBSWY3DPEHPK3PXP");
    expect(unsealWithAge("two-step-secret", underB)?.secretIndex).toBe(0);
    expect(unseal("two-step-secret", underB, { secret: "secret-a" })).toBeNull();

    // Two rotations later A is AUTH_SECRET_3 and still opens; dropped from the ring, it no longer does.
    process.env.AUTH_SECRET = "secret-d";
    process.env.AUTH_SECRET_1 = "secret-c";
    process.env.AUTH_SECRET_2 = "secret-b";
    process.env.AUTH_SECRET_3 = "secret-a";
    expect(unsealWithAge("two-step-secret", underA)?.secretIndex).toBe(3);
    expect(unsealWithAge("two-step-secret", underB)?.secretIndex).toBe(2);
    delete process.env.AUTH_SECRET_3;
    expect(unseal("two-step-secret", underA)).toBeNull();
    expect(unseal("two-step-secret", underB)).toBe("JBSWY3DPEHPK3PXP");
  });

  it("builds the ring current first, skipping blanks and repeats, and empty without AUTH_SECRET", () => {
    expect(secretRing({ AUTH_SECRET: "b", AUTH_SECRET_1: "a", AUTH_SECRET_2: " ", AUTH_SECRET_3: "b" })).toEqual(["b", "a"]);
    expect(secretRing({ AUTH_SECRET_1: "a" })).toEqual([]);
  });
});
