import { describe, expect, it } from "vitest";
import { displayName, namedValues, partnerLabels, shortName } from "./display-name";

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

describe("names on partners' values", () => {
  it("labels a value with the name a person goes by", () => {
    expect(shortName("Lee Park")).toBe("Lee");
    expect(shortName("Ana (Annie) Silva")).toBe("Annie");
    expect(shortName("Morgan")).toBe("Morgan");
  });

  it("tells two partners apart even when they share a first name", () => {
    expect(partnerLabels("Lee Park", "Morgan Park")).toEqual(["Lee", "Morgan"]);
    expect(partnerLabels("Sam Park", "Sam Reed")).toEqual(["Sam P.", "Sam R."]);
    expect(partnerLabels("Sam Park", "Sam Pratt")).toEqual(["Sam Park", "Sam Pratt"]);
    expect(partnerLabels("Ana (Jo) Silva", "Jo Reed")).toEqual(["Jo S.", "Jo R."]);
  });

  it("writes each value after its name", () => {
    expect(namedValues([{ name: "Lee", value: "43.8" }, { name: "Morgan", value: "12.5" }])).toBe("Lee 43.8 and Morgan 12.5");
    expect(namedValues([{ name: "Lee", value: "86.6" }, { name: "Morgan", value: "94.6" }], " · ")).toBe("Lee 86.6 · Morgan 94.6");
  });
});
