import { describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/core/errors";
import { isOwner, requireOwner } from "./owner";

describe("owner only", () => {
  it("lets the owner through and refuses a clinician as forbidden", () => {
    expect(isOwner({ role: "owner" })).toBe(true);
    expect(isOwner({ role: "clinician" })).toBe(false);
    expect(() => requireOwner({ role: "owner" })).not.toThrow();
    expect(() => requireOwner({ role: "clinician" })).toThrow(ForbiddenError);
    expect(() => requireOwner({ role: "clinician" })).toThrow("Only the practice owner can do that.");
  });
});
