import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seal, unseal } from "./seal";

describe("seal and unseal", () => {
  const saved = process.env.AUTH_SECRET;
  beforeEach(() => {
    process.env.AUTH_SECRET = "test-secret-for-seal";
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.AUTH_SECRET;
    else process.env.AUTH_SECRET = saved;
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
});
