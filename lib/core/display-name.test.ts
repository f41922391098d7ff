import { describe, expect, it } from "vitest";
import { displayName } from "./display-name";

describe("displayName", () => {
  it("is first and last name", () => {
    expect(displayName({ firstName: "Ana", lastName: "Silva", preferredName: null })).toBe("Ana Silva");
  });

  it("puts a preferred name in brackets after the first name", () => {
    expect(displayName({ firstName: "Ana", lastName: "Silva", preferredName: "Annie" })).toBe("Ana (Annie) Silva");
  });

  it("ignores an empty preferred name", () => {
    expect(displayName({ firstName: "Ana", lastName: "Silva", preferredName: "" })).toBe("Ana Silva");
  });
});
