import { describe, expect, it } from "vitest";
import { pairCoupleAssessments } from "@/lib/scores/couple-pairs";
import { readTotals, totalInstrumentInfo, type InstrumentTotals } from "@/lib/scores/instrument-totals";
import { CLOSENESS_DIMENSIONS, csi4V1, phq9V1, type TotalInstrument } from "@/lib/instruments";
import { summariseScores, type ScoredAssessment } from "@/lib/scores/score-summary";
import { buildPreSessionSummary, preSessionText, type SummaryPerson } from "./summary";

const TZ = "Europe/London";

function closeness(id: string, completedAt: string, scores: Partial<Record<string, number>>): ScoredAssessment {
  const dimensions = Object.fromEntries(CLOSENESS_DIMENSIONS.map((key) => [key, scores[key] ?? 50])) as ScoredAssessment["dimensions"];
  const values = Object.values(dimensions);
  return { id, completedAt, overall: values.reduce((sum, v) => sum + v, 0) / values.length, dimensions };
}

function totals(def: TotalInstrument, points: [string, number][]): InstrumentTotals {
  return {
    instrument: totalInstrumentInfo(def),
    points: readTotals(
      def,
      points.map(([completedAt, total], index) => ({ assessmentId: `${def.key}-${index}`, completedAt, total })),
    ),
  };
}

// Lee: trust 75 → 50 (−25, past closeness' reliable change of about 22: a reliable drop, strength → developing);
// PHQ-9 8 → 17 (Mild → Moderately severe, +9: reliable), and an open critical answer on item 9.
// Morgan: knowledge 62.5 → 56.25 (−6.25: noise); CSI-4 15 → 9 (−6, reliable change 4: a reliable drop).
const leeList = [closeness("l1", "2026-11-01T10:00:00Z", { trust: 75 }), closeness("l2", "2026-12-01T10:00:00Z", { trust: 50 })];
const morganList = [closeness("m1", "2026-11-02T10:00:00Z", { knowledge: 62.5, trust: 100 }), closeness("m2", "2026-12-02T10:00:00Z", { knowledge: 56.25, trust: 100 })];

const lee: SummaryPerson = {
  id: "lee",
  name: "Lee Hart",
  closeness: summariseScores(leeList),
  totals: [totals(phq9V1, [["2026-11-01T10:00:00Z", 8], ["2026-12-01T10:00:00Z", 17]])],
  invitations: [],
  alerts: [{ id: "alert-1", raisedAt: new Date("2026-12-01T10:05:00Z"), item: "PHQ-9 item 9: “Thoughts that you would be better off dead”" }],
};
const morgan: SummaryPerson = {
  id: "morgan",
  name: "Morgan Hart",
  closeness: summariseScores(morganList),
  totals: [totals(csi4V1, [["2026-11-02T10:00:00Z", 15], ["2026-12-02T10:00:00Z", 9]])],
  invitations: [
    {
      status: "pending",
      instruments: "Closeness + CSI-4",
      createdAt: new Date("2026-12-03T09:00:00Z"),
      lastSentAt: new Date("2026-12-03T09:00:00Z"),
      openedAt: null,
      expiresAt: new Date("2026-12-17T09:00:00Z"),
    },
    {
      status: "completed",
      instruments: "Closeness",
      createdAt: new Date("2026-11-01T09:00:00Z"),
      lastSentAt: new Date("2026-11-01T09:00:00Z"),
      openedAt: new Date("2026-11-01T09:30:00Z"),
      expiresAt: new Date("2026-11-15T09:00:00Z"),
    },
  ],
  alerts: [],
};

describe("buildPreSessionSummary for a couple", () => {
  const pair = pairCoupleAssessments(leeList, morganList).at(-1)!;
  const summary = buildPreSessionSummary({ people: [lee, morgan], pair, timeZone: TZ, nextSend: { date: "2026-12-15", instruments: "Closeness", to: "both partners" } });

  it("puts either partner's open safety alert first, named, with the item and when", () => {
    expect(summary.alerts).toHaveLength(1);
    expect(summary.alerts[0]!.text).toBe("Lee Hart: critical answer on PHQ-9 item 9: “Thoughts that you would be better off dead”, 1 Dec 2026, 10:05.");
    expect(summary.alerts[0]!.id).toBe("alert-1");
  });

  it("names reliable changes and band changes on every instrument, for both partners, drops first", () => {
    const texts = summary.attention.map((line) => line.text);
    expect(texts).toContain("Lee Hart: Closeness Trust 75.0 → 50.0 since 1 Nov 2026, a reliable deterioration, now developing (was strength).");
    expect(texts).toContain("Lee Hart: PHQ-9 8 → 17 since 1 Nov 2026, a reliable deterioration, now moderately severe (was mild).");
    expect(texts.some((text) => text.startsWith("Morgan Hart: CSI-4 15 → 9 since 2 Nov 2026, a reliable deterioration"))).toBe(true);
    // Morgan's knowledge moved 6.3 points: noise, and no band crossed, so it needs no attention.
    expect(texts.some((text) => text.includes("Knowledge"))).toBe(false);
    expect(summary.attention.every((line) => line.tone === "worse")).toBe(true);
  });

  it("says what moved in words, calling noise noise", () => {
    const morganMoves = summary.moved.filter((line) => line.personId === "morgan");
    expect(morganMoves[0]!.text).toBe("Morgan Hart: Knowledge fell 6.3 points since 2 Nov 2026 (within measurement noise).");
    expect(morganMoves[0]!.tone).toBe("neutral");
  });

  it("names each partner's value in every gap", () => {
    expect(summary.gaps).toEqual(["Trust: Lee 50.0, Morgan 100.0 (gap 50.0)."]);
  });

  it("lists every instrument's latest status for each partner", () => {
    expect(summary.instruments.map((p) => p.name)).toEqual(["Lee Hart", "Morgan Hart"]);
    expect(summary.instruments[0]!.lines).toEqual(["Closeness: overall 50.0 of 100, 1 Dec 2026.", "PHQ-9: 17 (0–27), moderately severe, 1 Dec 2026."]);
    expect(summary.instruments[1]!.lines[1]).toMatch(/^CSI-4: 9 \(0–21\), .+, 2 Dec 2026\.$/);
  });

  it("lists links still open with what they carry, and the next planned send", () => {
    expect(summary.openLinks).toEqual(["Morgan Hart: Closeness + CSI-4 link sent 3 Dec 2026, not opened yet; expires 17 Dec 2026."]);
    expect(summary.nextSend).toBe("Next planned send: 15 Dec 2026, Closeness to both partners.");
  });

  it("copies exactly what it shows: every section, every instrument and the alert", () => {
    const text = preSessionText("Lee & Morgan Hart", summary);
    for (const line of [
      ...summary.alerts.map((a) => a.text),
      ...summary.attention.map((a) => a.text),
      ...summary.instruments.flatMap((p) => p.lines),
      ...summary.moved.map((m) => m.text),
      ...summary.gaps,
      ...summary.openLinks,
      summary.nextSend!,
    ]) {
      expect(text).toContain(line);
    }
    expect(text.indexOf("Open safety alerts")).toBeLessThan(text.indexOf("Changes on every questionnaire"));
    expect(text).toContain("PHQ-9");
    expect(text).toContain("CSI-4");
  });
});

describe("buildPreSessionSummary for one client", () => {
  it("mentions the partner's open alert without its content, and only when given", () => {
    const withPartner = buildPreSessionSummary({ people: [morgan], partnerAlerts: { name: "Lee Hart", count: 1 }, timeZone: TZ });
    expect(withPartner.alerts).toEqual([]);
    expect(withPartner.partnerAlertNote).toBe("Lee Hart has an open safety alert: see their record.");
    expect(preSessionText("Morgan Hart", withPartner)).not.toContain("item 9");
    const hidden = buildPreSessionSummary({ people: [morgan], timeZone: TZ });
    expect(hidden.partnerAlertNote).toBeNull();
    expect(buildPreSessionSummary({ people: [morgan], partnerAlerts: { name: "Lee Hart", count: 0 }, timeZone: TZ }).partnerAlertNote).toBeNull();
  });

  it("says so when nothing is completed yet, and leaves the gaps out", () => {
    const empty = buildPreSessionSummary({ people: [{ id: "x", name: "Ana New", closeness: null, totals: [], invitations: [], alerts: [] }], timeZone: TZ });
    expect(empty.instruments[0]!.lines).toEqual(["No questionnaire completed yet."]);
    const text = preSessionText("Ana New", empty);
    expect(text).toContain("Open safety alerts:\n- none");
    expect(text).not.toContain("gaps between partners");
  });
});
