import { describe, expect, it } from "vitest";
import { isSafeCallbackUrl, withoutUnsafeCallbackCookie, withoutUnsafeCallbackField, withoutUnsafeCallbackUrl } from "./callback-url";

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

  it("is dropped from next-auth's callback-url cookie, and from a posted form, the rest kept", () => {
    expect(withoutUnsafeCallbackCookie(`a=1; authjs.callback-url=${encodeURIComponent("javascript:alert(1)")}; b=2`, origin)).toBe("a=1; b=2");
    expect(withoutUnsafeCallbackCookie(`__Secure-authjs.callback-url=${encodeURIComponent("https://attune.example.evil.test/")}`, origin)).toBe("");
    expect(withoutUnsafeCallbackCookie("authjs.callback-url=%E0%A4%A", origin)).toBe("");
    expect(withoutUnsafeCallbackCookie(`a=1; authjs.callback-url=${encodeURIComponent("/clients")}`, origin)).toBeNull();
    expect(withoutUnsafeCallbackCookie(`authjs.callback-url=${encodeURIComponent("/clients")}`, origin, true)).toBe("");
    expect(withoutUnsafeCallbackCookie(null, origin)).toBeNull();
    expect(withoutUnsafeCallbackField("csrfToken=x&callbackUrl=javascript%3Aalert(1)", origin)).toBe("csrfToken=x");
    expect(withoutUnsafeCallbackField("csrfToken=x&callbackUrl=%2Fclients", origin)).toBeNull();
  });
});
