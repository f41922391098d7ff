import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TOKEN_LENGTH, generateToken, hashToken, isWellFormedToken } from "./tokens";

describe("generateToken", () => {
  it("returns 43 base64url characters encoding 32 bytes", () => {
    const { token } = generateToken();
    expect(token).toHaveLength(TOKEN_LENGTH);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(isWellFormedToken(token)).toBe(true);
  });

  it("returns the SHA-256 hex of the token as its hash", () => {
    const { token, tokenHash } = generateToken();
    expect(tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(tokenHash).toBe(hashToken(token));
  });

  it("does not repeat over 1000 tokens", () => {
    const generated = Array.from({ length: 1000 }, () => generateToken());
    expect(new Set(generated.map((g) => g.token)).size).toBe(1000);
    expect(new Set(generated.map((g) => g.tokenHash)).size).toBe(1000);
    for (const { token } of generated) expect(isWellFormedToken(token)).toBe(true);
  });
});

describe("hashToken", () => {
  it("is deterministic 64-character lowercase hex", () => {
    const token = "A".repeat(43);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toBe(hashToken("B".repeat(43)));
  });

  it("matches a known SHA-256 value", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("isWellFormedToken", () => {
  const valid = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123_-Q";

  it("accepts 43 characters of the base64url alphabet", () => {
    expect(valid).toHaveLength(43);
    expect(isWellFormedToken(valid)).toBe(true);
  });

  it.each([
    ["empty", ""],
    ["too short", valid.slice(0, 42)],
    ["too long", `${valid}A`],
    ["standard base64 +", `${valid.slice(0, 42)}+`],
    ["standard base64 /", `${valid.slice(0, 42)}/`],
    ["padding", `${valid.slice(0, 42)}=`],
    ["space", ` ${valid.slice(1)}`],
    ["trailing newline", `${valid.slice(0, 42)}\n`],
    ["non-ASCII", `${valid.slice(0, 42)}é`],
    ["path traversal", `../${valid.slice(3)}`],
  ])("rejects %s", (_, s) => {
    expect(isWellFormedToken(s)).toBe(false);
  });

  it("rejects non-strings", () => {
    expect(isWellFormedToken(undefined)).toBe(false);
    expect(isWellFormedToken(null)).toBe(false);
    expect(isWellFormedToken(12345)).toBe(false);
    expect(isWellFormedToken(["a".repeat(43)])).toBe(false);
  });
});
