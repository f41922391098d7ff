import { describe, expect, it } from "vitest";
import { describeRepeatedLinks, linkCarries, REPLAY_WINDOW_MS, repeatedLinks, replayStillShowsLinks, sameQuestionnaires, type OpenLink } from "./send-safety";

const closeness = { key: "closeness", version: 1 };
const phq9 = { key: "phq9", version: 1 };
const gad7 = { key: "gad7", version: 1 };

const link = (overrides: Partial<OpenLink> = {}): OpenLink => ({
  clientName: "Lee Hart",
  instruments: [closeness, phq9],
  // 3 Dec 2026, 10:00 in London (UTC in winter).
  lastSentAt: new Date("2026-12-03T10:00:00Z"),
  openedAt: null,
  ...overrides,
});

describe("safe sending, the pure rules", () => {
  it("names what a link carries in the order answered", () => {
    expect(linkCarries([closeness, phq9])).toBe("Closeness + PHQ-9");
    expect(linkCarries([{ key: "retired", version: 9 }])).toBe("retired");
  });

  it("compares questionnaires as a set: order and version do not make a different link", () => {
    expect(sameQuestionnaires([closeness, phq9], [phq9, closeness])).toBe(true);
    expect(sameQuestionnaires([closeness, phq9], [{ key: "closeness", version: 2 }, phq9])).toBe(true);
    expect(sameQuestionnaires([closeness, phq9], [closeness])).toBe(false);
    expect(sameQuestionnaires([closeness], [closeness, gad7])).toBe(false);
  });

  it("finds only the open links with the same questionnaires", () => {
    const same = link();
    const other = link({ instruments: [closeness] });
    expect(repeatedLinks([same, other], [phq9, closeness])).toEqual([same]);
    expect(repeatedLinks([same, other], [gad7])).toEqual([]);
  });

  it("says who, what, when and whether it was opened, and asks", () => {
    expect(describeRepeatedLinks([link()], "Europe/London")).toBe(
      "Lee Hart already has an open link (Closeness + PHQ-9), sent 3 Dec 2026, 10:00, not opened yet. Send another link anyway? The open link keeps working either way.",
    );
    const both = describeRepeatedLinks([link(), link({ clientName: "Morgan Hart", openedAt: new Date("2026-12-04T09:30:00Z") })], "Europe/London");
    expect(both).toContain("Lee Hart already has an open link (Closeness + PHQ-9), sent 3 Dec 2026, 10:00, not opened yet.");
    expect(both).toContain("Morgan Hart already has an open link (Closeness + PHQ-9), sent 3 Dec 2026, 10:00, opened 4 Dec 2026, 09:30 but not finished.");
    expect(both).toContain("Send another set of links anyway? The open links keep working either way.");
  });

  it("shows a replayed form's links only within the window", () => {
    const first = new Date("2026-12-03T10:00:00Z");
    expect(replayStillShowsLinks(first, new Date(first.getTime() + REPLAY_WINDOW_MS))).toBe(true);
    expect(replayStillShowsLinks(first, new Date(first.getTime() + REPLAY_WINDOW_MS + 1))).toBe(false);
  });
});
