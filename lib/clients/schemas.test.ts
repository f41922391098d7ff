import { describe, expect, it } from "vitest";
import { caseloadHref, clientInputSchema, parseCaseloadQuery } from "./schemas";

describe("caseload URL state", () => {
  it("falls back to defaults for out-of-range or malformed values", () => {
    expect(parseCaseloadQuery({ status: "deleted", kind: "pets", sort: "dob", dir: "sideways", page: "-3", size: "7", clinician: "x", plan: "maybe" })).toEqual({
      q: "",
      status: "active",
      kind: "all",
      clinician: undefined,
      plan: "all",
      sort: "name",
      dir: "asc",
      page: 1,
      size: 25,
    });
  });

  it("round-trips a view through its URL", () => {
    const query = parseCaseloadQuery({ q: "ana", status: "all", kind: "couples", plan: "active", sort: "latestOverall", dir: "desc", page: "3", size: "50" });
    expect(caseloadHref(query)).toBe("/clients?q=ana&status=all&kind=couples&plan=active&sort=latestOverall&dir=desc&page=3&size=50");
    expect(caseloadHref(query, { page: 1 })).toBe("/clients?q=ana&status=all&kind=couples&plan=active&sort=latestOverall&dir=desc&size=50");
  });
});

describe("client input", () => {
  const valid = { firstName: " Ana ", lastName: "Silva", email: "Ana@Example.com" };

  it("trims, lower-cases the email and turns empty optionals into null", () => {
    expect(clientInputSchema.parse({ ...valid, preferredName: "", phone: "", dateOfBirth: "", language: "" })).toEqual({
      firstName: "Ana",
      lastName: "Silva",
      email: "ana@example.com",
      preferredName: null,
      phone: null,
      dateOfBirth: null,
      language: null,
      clinicianId: null,
    });
  });

  it("takes a language tag, and refuses anything that is not one", () => {
    expect(clientInputSchema.parse({ ...valid, language: "es" }).language).toBe("es");
    expect(clientInputSchema.safeParse({ ...valid, language: "Spanish<script>" }).success).toBe(false);
  });

  it("refuses a date of birth in the future, a malformed date and a letters-only phone", () => {
    const result = clientInputSchema.safeParse({ ...valid, dateOfBirth: "2999-01-01", phone: "call me" });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    expect(issues).toContain("dateOfBirth: Date of birth cannot be in the future.");
    expect(issues).toContain("phone: Enter a phone number using digits, spaces and + ( ) - only.");
    expect(clientInputSchema.safeParse({ ...valid, dateOfBirth: "2001-02-31x" }).success).toBe(false);
  });

  it("requires names and a well-formed email", () => {
    const result = clientInputSchema.safeParse({ firstName: "", lastName: " ", email: "not-an-email" });
    expect(result.error!.issues.map((issue) => issue.message)).toEqual([
      "First name is required.",
      "Last name is required.",
      "Enter an email address like name@example.com.",
    ]);
  });
});
