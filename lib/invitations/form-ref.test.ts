import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateToken } from "@/lib/core/tokens";
import { openInvitationRef, sealInvitationToken } from "./form-ref";

describe("sealed form references", () => {
  const saved = process.env.AUTH_SECRET;
  beforeEach(() => {
    process.env.AUTH_SECRET = "test-secret-for-form-refs";
  });
  afterEach(() => {
    process.env.AUTH_SECRET = saved;
  });

  it("round-trips a token without containing it, differently every time", () => {
    const { token } = generateToken();
    const [a, b] = [sealInvitationToken(token), sealInvitationToken(token)];
    expect(a).not.toContain(token);
    expect(a).not.toBe(b);
    expect(openInvitationRef(a)).toBe(token);
    expect(openInvitationRef(b)).toBe(token);
  });

  it("opens nothing that was tampered with, invented, or sealed under another secret", () => {
    const { token } = generateToken();
    const ref = sealInvitationToken(token);
    const flipped = ref.slice(0, 20) + (ref[20] === "A" ? "B" : "A") + ref.slice(21);
    for (const bad of [flipped, ref.slice(0, -2), `${ref}AA`, "", "not base64!", "A".repeat(300), 42, null, undefined, { ref }]) {
      expect(openInvitationRef(bad)).toBeNull();
    }
    process.env.AUTH_SECRET = "another-secret";
    expect(openInvitationRef(ref)).toBeNull();
  });
});
