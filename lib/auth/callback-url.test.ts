import { describe, expect, it } from "vitest";
import { isSafeCallbackUrl, withoutUnsafeCallbackUrl } from "./callback-url";

const origin = "https://attune.example";

describe("probe 10: a malformed callbackUrl", () => {
  it("is unsafe unless it is a path here or this origin", () => {
    for (const bad of ["javascript:alert(1)", "https://attune.example.evil.test/x", "//evil.test", "/\\evil.test", "https://evil.test", "data:text/html,x", "http://[::1", "/x\u0000y"]) {
      expect(isSafeCallbackUrl(bad, origin), bad).toBe(false);
    }
    for (const good of ["/clients", "/clients?x=1", "https://attune.example/settings"]) expect(isSafeCallbackUrl(good, origin), good).toBe(true);
  });

  it("is dropped from the auth route's URL, the rest kept", () => {
    expect(withoutUnsafeCallbackUrl(`${origin}/api/auth/signin?callbackUrl=javascript:alert(1)&x=1`, origin)?.toString()).toBe(`${origin}/api/auth/signin?x=1`);
    expect(withoutUnsafeCallbackUrl(`${origin}/api/auth/signin?callbackUrl=%2Fclients`, origin)).toBeNull();
  });
});
