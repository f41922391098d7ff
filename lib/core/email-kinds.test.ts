import { describe, expect, it } from "vitest";
import { EMAIL_KIND_WORDS, emailKindWords } from "./email-kinds";

describe("what each email is, in words", () => {
  it("names every kind in words, never as a code", () => {
    expect(emailKindWords("results_link")).toBe("Results shared with a client");
    expect(emailKindWords("clinical_alert")).toBe("Safety alert to the clinician");
    for (const words of Object.values(EMAIL_KIND_WORDS)) expect(words).not.toMatch(/_|^[A-Z_]+$/);
  });

  it("says an unknown kind in plain words", () => {
    expect(emailKindWords("WEEKLY_DIGEST")).toBe("Weekly digest");
    expect(emailKindWords("")).toBe("Email");
  });
});
