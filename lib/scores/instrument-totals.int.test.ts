import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { recordCompletedAssessments } from "@/lib/assessments/record";
import { NotFoundError } from "@/lib/core/errors";
import { csi4V1, gad7V1, phq9V1, type AnyInstrument } from "@/lib/instruments";
import { answersForLevels, createClientFixture, createPracticeFixture, insertAssessmentFixture } from "@/test/fixtures";
import { getClientInstrumentTotals, getInstrumentTotalsOf, sideBySide } from "./instrument-totals";

/** Answers in item order (scored items only; unscored ones left out, as a client may). */
const answers = (prefix: string, values: number[]) => Object.fromEntries(values.map((value, index) => [`${prefix}_${index + 1}`, value]));

async function record(practiceId: string, clientId: string, instrument: AnyInstrument, values: number[], at: string, extra: Record<string, number> = {}) {
  await recordCompletedAssessments(await getDb(), [
    { practiceId, clientId, instrument, answers: { ...answers(instrument.key, values), ...extra }, completedAt: new Date(at) },
  ]);
}

describe("instrument totals", () => {
  it("reads each total against its instrument, oldest first: band, clinical range, change against the first and the previous", async () => {
    const p = await createPracticeFixture();
    const client = await createClientFixture(p.practiceId, p.clinician.userId);
    // Written out of order: the order comes from the query.
    // PHQ-9 (bands 0–4 Minimal, 5–9 Mild, 10–14 Moderate, 15–19 Moderately severe, 20–27 Severe;
    // clinical at 10 or more; reliable change 6 points).
    // 10 Feb: 2+2+2+1+1+1+1+1+0 = 11 → Moderate (2), clinical; vs 18: −7, |7| ≥ 6 and lower is better → improved.
    await record(p.practiceId, client.id, phq9V1, [2, 2, 2, 1, 1, 1, 1, 1, 0], "2026-02-10T09:00:00Z", { phq9_difficulty: 1 });
    // 10 Jan: 9 × 2 = 18 → Moderately severe (3), clinical; the first.
    await record(p.practiceId, client.id, phq9V1, [2, 2, 2, 2, 2, 2, 2, 2, 2], "2026-01-10T09:00:00Z");
    // 10 Mar: 8 × 1 + 0 = 8 → Mild (1), not clinical; vs first 18: −10 → improved; vs previous 11: −3 → no reliable change.
    await record(p.practiceId, client.id, phq9V1, [1, 1, 1, 1, 1, 1, 1, 1, 0], "2026-03-10T09:00:00Z");
    // GAD-7 (0–4 Minimal, 5–9 Mild, 10–14 Moderate, 15–21 Severe; clinical at 10): 7 × 3 = 21 → Severe (4), clinical.
    await record(p.practiceId, client.id, gad7V1, [3, 3, 3, 3, 3, 3, 3], "2026-01-10T09:00:00Z");
    // A closeness assessment is not a total: it stays out.
    await insertAssessmentFixture({ practiceId: p.practiceId, clientId: client.id, completedAt: new Date("2026-01-10T09:00:00Z"), answers: answersForLevels() });

    const totals = await getClientInstrumentTotals(p.clinician, client.id);
    expect(totals.client.id).toBe(client.id);
    expect(totals.instruments.map((entry) => entry.instrument.key)).toEqual(["phq9", "gad7"]);

    const [phq9, gad7] = totals.instruments;
    expect(phq9!.instrument).toMatchObject({
      key: "phq9",
      version: 1,
      shortTitle: "PHQ-9",
      min: 0,
      max: 27,
      direction: "higher_is_worse",
      directionLabel: "Higher is worse",
      cutOff: { value: 10, provisional: false },
      reliableChange: { value: 6, provisional: false },
    });
    expect(phq9!.instrument.cutOff.source).not.toBe("");
    expect(phq9!.points.map((p) => [p.completedAt, p.total, p.band, p.clinical, p.sinceFirst, p.sincePrevious])).toEqual([
      ["2026-01-10T09:00:00.000Z", 18, { label: "Moderately severe", severity: 3 }, true, null, null],
      ["2026-02-10T09:00:00.000Z", 11, { label: "Moderate", severity: 2 }, true, { change: -7, status: "improved" }, { change: -7, status: "improved" }],
      ["2026-03-10T09:00:00.000Z", 8, { label: "Mild", severity: 1 }, false, { change: -10, status: "improved" }, { change: -3, status: "no_change" }],
    ]);
    expect(gad7!.instrument.directionLabel).toBe("Higher is worse");
    expect(gad7!.points.map((p) => [p.total, p.band, p.clinical, p.sinceFirst])).toEqual([[21, { label: "Severe", severity: 4 }, true, null]]);

    // The practice owner sees the same; a client with no total instrument has none.
    expect((await getClientInstrumentTotals(p.owner, client.id)).instruments).toHaveLength(2);
    const closenessOnly = await createClientFixture(p.practiceId, p.clinician.userId);
    await insertAssessmentFixture({ practiceId: p.practiceId, clientId: closenessOnly.id, completedAt: new Date("2026-01-10T09:00:00Z"), answers: answersForLevels() });
    expect((await getClientInstrumentTotals(p.clinician, closenessOnly.id)).instruments).toEqual([]);
  });

  it("reads a higher-is-better total the other way (CSI-4), and puts a couple's partners side by side per instrument", async () => {
    const p = await createPracticeFixture();
    const a = await createClientFixture(p.practiceId, p.clinician.userId);
    const b = await createClientFixture(p.practiceId, p.clinician.userId);
    // A: PHQ-9 4 → Minimal (0); GAD-7 5 → Mild (1).
    await record(p.practiceId, a.id, phq9V1, [1, 1, 1, 1, 0, 0, 0, 0, 0], "2026-01-05T09:00:00Z");
    await record(p.practiceId, a.id, gad7V1, [1, 1, 1, 1, 1, 0, 0], "2026-01-05T09:00:00Z");
    // B: CSI-4 (0–13 Notable dissatisfaction, 14–21 none; clinical below 13.5; reliable change 4, provisional).
    // 12 Jan: 2+2+2+2 = 8 → Notable dissatisfaction, clinical. 12 Mar: 5+4+4+4 = 17 → no notable
    // dissatisfaction, not clinical; +9, |9| ≥ 4 and higher is better → improved.
    await record(p.practiceId, b.id, csi4V1, [2, 2, 2, 2], "2026-01-12T09:00:00Z");
    await record(p.practiceId, b.id, csi4V1, [5, 4, 4, 4], "2026-03-12T09:00:00Z");
    // B: PHQ-9 0 → Minimal.
    await record(p.practiceId, b.id, phq9V1, [0, 0, 0, 0, 0, 0, 0, 0, 0], "2026-01-12T09:00:00Z");

    const partners = await getInstrumentTotalsOf(p.clinician, [a.id, b.id]);
    expect(partners.map((partner) => partner.client.id)).toEqual([a.id, b.id]);
    const csi4 = partners[1]!.instruments.find((entry) => entry.instrument.key === "csi4")!;
    expect(csi4.instrument).toMatchObject({ direction: "higher_is_better", directionLabel: "Higher is better", cutOff: { value: 13.5 }, reliableChange: { value: 4, provisional: true } });
    expect(csi4.points.map((p) => [p.total, p.band.label, p.band.severity, p.clinical, p.sinceFirst])).toEqual([
      [8, "Notable dissatisfaction", 2, true, null],
      [17, "No notable dissatisfaction", 0, false, { change: 9, status: "improved" }],
    ]);

    const side = sideBySide(partners);
    expect(side.map((entry) => entry.instrument.key)).toEqual(["phq9", "gad7", "csi4"]);
    expect(side.map((entry) => entry.partners.map((partner) => partner.points.map((point) => point.total)))).toEqual([
      [[4], [0]],
      [[5], []],
      [[], [8, 17]],
    ]);
  });

  it("is NotFound for another practice's clinician, another clinician's client and a malformed id", async () => {
    const p = await createPracticeFixture();
    const other = await createPracticeFixture();
    const client = await createClientFixture(p.practiceId, p.clinician.userId);
    const colleagues = await createClientFixture(p.practiceId, p.otherClinician.userId);
    await record(p.practiceId, client.id, phq9V1, [3, 3, 3, 3, 3, 3, 3, 3, 0], "2026-01-10T09:00:00Z");

    await expect(getClientInstrumentTotals(other.clinician, client.id)).rejects.toThrow(NotFoundError);
    await expect(getClientInstrumentTotals(other.owner, client.id)).rejects.toThrow(NotFoundError);
    await expect(getClientInstrumentTotals(p.otherClinician, client.id)).rejects.toThrow(NotFoundError);
    await expect(getClientInstrumentTotals(p.clinician, "not-a-uuid")).rejects.toThrow(NotFoundError);
    // One partner out of reach refuses the whole set.
    await expect(getInstrumentTotalsOf(p.clinician, [client.id, colleagues.id])).rejects.toThrow(NotFoundError);
    await expect(getInstrumentTotalsOf(other.clinician, [client.id])).rejects.toThrow(NotFoundError);
    await expect(getInstrumentTotalsOf(p.clinician, ["not-a-uuid"])).rejects.toThrow(NotFoundError);
    expect((await getInstrumentTotalsOf(p.owner, [client.id, colleagues.id])).map((c) => c.instruments.length)).toEqual([1, 0]);
  });
});
