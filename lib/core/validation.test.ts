import { describe, expect, it } from "vitest";
import { clientInputSchema } from "@/lib/clients/schemas";
import { isPlainText, requiredText } from "./validation";

describe("isPlainText", () => {
  it.each([
    ["an accented name, precomposed", "Zoë Brontë"],
    ["an accented name, with combining marks", "Zoe\u0308 Bronte\u0308"],
    ["emoji, joined", "Sam 👩‍❤️‍👨"],
    ["right-to-left script", "שרה כהן"],
    ["a tab and line breaks", "line one\r\nline\ttwo"],
  ])("accepts %s", (_label, value) => {
    expect(isPlainText(value)).toBe(true);
  });

  it.each([
    ["NUL", "A\u0000B"],
    ["another C0 control", "A\u001BB"],
    ["a C1 control", "A\u0085B"],
    ["DEL", "A\u007FB"],
    ["a right-to-left override", "invoice\u202Efdp.exe"],
    ["a bidirectional isolate", "A\u2066B"],
    ["a lone high surrogate", "A\uD800B"],
    ["a lone low surrogate", "A\uDC00"],
    ["the replacement character", "A\uFFFDB"],
  ])("refuses %s", (_label, value) => {
    expect(isPlainText(value)).toBe(false);
  });
});

describe("free-text fields", () => {
  it("refuse untypeable characters with a message a person can act on", () => {
    const result = requiredText("Name").safeParse("Sam\u0000");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/control or formatting characters/);
  });

  it("apply to the client form's optional text too", () => {
    const base = { firstName: "Sam", lastName: "Lee", email: "sam@example.test" };
    expect(clientInputSchema.safeParse({ ...base, preferredName: "S\u202Em" }).success).toBe(false);
    expect(clientInputSchema.safeParse({ ...base, preferredName: "Sämmy 🙂" }).success).toBe(true);
  });
});
