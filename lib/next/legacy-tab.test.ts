import { describe, expect, it } from "vitest";
import { CLIENT_TAB_ROUTES, COUPLE_TAB_ROUTES, legacyTabPath } from "./legacy-tab";

describe("legacyTabPath", () => {
  const base = "/clients/7f0c";

  it("leaves an address without a tab alone", () => {
    expect(legacyTabPath(base, {}, CLIENT_TAB_ROUTES)).toBeNull();
    expect(legacyTabPath(base, { alert: "acknowledged" }, CLIENT_TAB_ROUTES)).toBeNull();
  });

  it("sends each old tab to its route", () => {
    expect(legacyTabPath(base, { tab: "history" }, CLIENT_TAB_ROUTES)).toBe("/clients/7f0c/history");
    expect(legacyTabPath(base, { tab: "plans" }, CLIENT_TAB_ROUTES)).toBe("/clients/7f0c/plan");
    expect(legacyTabPath(base, { tab: "audit" }, CLIENT_TAB_ROUTES)).toBe("/clients/7f0c/audit");
    expect(legacyTabPath("/couples/1", { tab: "partners" }, COUPLE_TAB_ROUTES)).toBe("/couples/1/partners");
  });

  it("sends the summary tab, and a tab that never existed, to the summary", () => {
    expect(legacyTabPath(base, { tab: "summary" }, CLIENT_TAB_ROUTES)).toBe("/clients/7f0c");
    expect(legacyTabPath(base, { tab: "nonsense" }, CLIENT_TAB_ROUTES)).toBe("/clients/7f0c");
    // A couple never had an audit tab.
    expect(legacyTabPath("/couples/1", { tab: "audit" }, COUPLE_TAB_ROUTES)).toBe("/couples/1");
    // Not a route of its own: the prototype's keys are not tabs.
    expect(legacyTabPath(base, { tab: "constructor" }, CLIENT_TAB_ROUTES)).toBe("/clients/7f0c");
  });

  it("keeps the other parameters, encoded, and takes the first of repeated tabs", () => {
    expect(legacyTabPath(base, { tab: "history", dimension: "trust" }, CLIENT_TAB_ROUTES)).toBe("/clients/7f0c/history?dimension=trust");
    expect(legacyTabPath(base, { tab: ["plans", "audit"], edit: "a b&c" }, CLIENT_TAB_ROUTES)).toBe("/clients/7f0c/plan?edit=a+b%26c");
  });
});
