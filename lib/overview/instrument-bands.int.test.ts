import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { recordCompletedAssessments } from "@/lib/assessments/record";
import { csi4V1, phq9V1, type AnyInstrument } from "@/lib/instruments";
import { createClientFixture, createPracticeFixture } from "@/test/fixtures";
import { getInstrumentBandCounts } from "./instrument-bands";

const answers = (prefix: string, values: number[]) => Object.fromEntries(values.map((value, index) => [`${prefix}_${index + 1}`, value]));

async function record(practiceId: string, clientId: string, instrument: AnyInstrument, values: number[], at: string) {
  await recordCompletedAssessments(await getDb(), [{ practiceId, clientId, instrument, answers: answers(instrument.key, values), completedAt: new Date(at) }]);
}

const counts = (entry: { bands: { label: string; count: number }[] }) => Object.fromEntries(entry.bands.map((band) => [band.label, band.count]));

describe("overview instrument bands", () => {
  it("counts each active client's latest total per band and in the clinical range, scoped like the overview", async () => {
    const p = await createPracticeFixture();
    const mineA = await createClientFixture(p.practiceId, p.clinician.userId);
    const mineB = await createClientFixture(p.practiceId, p.clinician.userId);
    const theirs = await createClientFixture(p.practiceId, p.otherClinician.userId);
    const archived = await createClientFixture(p.practiceId, p.clinician.userId, { status: "archived", archivedAt: new Date("2026-04-01T00:00:00Z") });

    // mineA: PHQ-9 18 (Moderately severe) then 8 (Mild): only the latest counts → Mild, not clinical.
    await record(p.practiceId, mineA.id, phq9V1, [2, 2, 2, 2, 2, 2, 2, 2, 2], "2026-01-10T09:00:00Z");
    await record(p.practiceId, mineA.id, phq9V1, [1, 1, 1, 1, 1, 1, 1, 1, 0], "2026-02-10T09:00:00Z");
    // mineB: PHQ-9 0 → Minimal; CSI-4 2+2+2+2 = 8 → Notable dissatisfaction, clinical (below 13.5).
    await record(p.practiceId, mineB.id, phq9V1, [0, 0, 0, 0, 0, 0, 0, 0, 0], "2026-01-10T09:00:00Z");
    await record(p.practiceId, mineB.id, csi4V1, [2, 2, 2, 2], "2026-01-10T09:00:00Z");
    // theirs: PHQ-9 3 × 8 = 24 → Severe, clinical.
    await record(p.practiceId, theirs.id, phq9V1, [3, 3, 3, 3, 3, 3, 3, 3, 0], "2026-01-10T09:00:00Z");
    // archived: PHQ-9 15 → not counted, archived clients are not on a caseload.
    await record(p.practiceId, archived.id, phq9V1, [2, 2, 2, 2, 2, 2, 2, 1, 0], "2026-01-10T09:00:00Z");

    // The owner: the practice. PHQ-9: mineA Mild, mineB Minimal, theirs Severe; 1 clinical.
    const practice = await getInstrumentBandCounts(p.owner);
    expect(practice.map((entry) => entry.instrument.key)).toEqual(["phq9", "csi4"]);
    expect(practice[0]).toMatchObject({ clients: 3, clinical: 1 });
    expect(counts(practice[0]!)).toEqual({ Minimal: 1, Mild: 1, Moderate: 0, "Moderately severe": 0, Severe: 1 });
    expect(practice[1]).toMatchObject({ clients: 1, clinical: 1 });
    expect(counts(practice[1]!)).toEqual({ "Notable dissatisfaction": 1, "No notable dissatisfaction": 0 });

    // A clinician: their own caseload only.
    const caseload = await getInstrumentBandCounts(p.clinician);
    expect(caseload[0]).toMatchObject({ clients: 2, clinical: 0 });
    expect(counts(caseload[0]!)).toEqual({ Minimal: 1, Mild: 1, Moderate: 0, "Moderately severe": 0, Severe: 0 });
    const colleague = await getInstrumentBandCounts(p.otherClinician);
    expect(colleague.map((entry) => [entry.instrument.key, entry.clients, entry.clinical])).toEqual([["phq9", 1, 1]]);

    // Another practice sees none of it.
    const other = await createPracticeFixture();
    expect(await getInstrumentBandCounts(other.owner)).toEqual([]);
  });
});
