import { describe, expect, it } from "vitest";
import { hashToken } from "@/lib/core/tokens";
import { hashRecoveryCode, newRecoveryCode, normalizeCode, recoveryCodeMatches } from "./second-factor";

describe("probe 10: recovery codes were unsalted SHA-256 of ~50 bits", () => {
  it("are 16 characters of 31 (~79 bits), written in groups of four", () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}$/);
    expect(normalizeCode(code)).toHaveLength(16);
  });

  it("are stored salted and slow: the same code hashes differently each time, and is no SHA-256", async () => {
    const code = newRecoveryCode();
    const [a, b] = [await hashRecoveryCode(code), await hashRecoveryCode(code)];
    expect(a).toMatch(/^scrypt\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(hashToken(normalizeCode(code)));
    expect(await recoveryCodeMatches(a, code.toLowerCase())).toBe(true);
    expect(await recoveryCodeMatches(a, newRecoveryCode())).toBe(false);
  });

  it("codes made before keep working (their SHA-256)", async () => {
    expect(await recoveryCodeMatches(hashToken("ABCDE23456"), "abcde-23456")).toBe(true);
  });
});
