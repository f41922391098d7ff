import { describe, expect, it } from "vitest";
import { groupAuditTrail } from "./audit-groups";

const at = (day: number) => new Date(Date.UTC(2026, 4, day, 9));
const entry = (id: number, text: string, day: number, actorName: string | null = "Maya") => ({ id, text, createdAt: at(day), actorName });

describe("groupAuditTrail", () => {
  it("folds a run of the same action by the same person into one line with a count", () => {
    const groups = groupAuditTrail([
      entry(9, "Viewed the record", 3),
      entry(8, "Viewed the record", 2),
      entry(7, "Viewed the record", 1),
      entry(6, "Edited: email", 1),
      entry(5, "Viewed the record", 1),
    ]);
    expect(groups.map((g) => [g.id, g.text, g.count])).toEqual([
      [9, "Viewed the record", 3],
      [6, "Edited: email", 1],
      [5, "Viewed the record", 1],
    ]);
    expect(groups[0]!.last).toEqual(at(3));
    expect(groups[0]!.first).toEqual(at(1));
  });

  it("keeps different people's views apart", () => {
    const groups = groupAuditTrail([entry(2, "Viewed the record", 2, "Sam"), entry(1, "Viewed the record", 1, "Maya")]);
    expect(groups.map((g) => g.count)).toEqual([1, 1]);
  });

  it("is empty for an empty trail", () => {
    expect(groupAuditTrail([])).toEqual([]);
  });
});
