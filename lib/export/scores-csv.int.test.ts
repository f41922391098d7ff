import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, clients } from "@/db/schema";
import type { Actor } from "@/lib/core/actor-types";
import { NotFoundError } from "@/lib/core/errors";
import { recordCompletedAssessments } from "@/lib/assessments/record";
import { DomainError } from "@/lib/core/errors";
import { csi4V1, gad7V1, phq9V1, type AnyInstrument } from "@/lib/instruments";
import { answersForLevels, createTestPractice, insertAssessmentFixture, uniqueId } from "@/test/fixtures";
import { clientScoresCsv, clientScoresFilename, instrumentScoresFilename, parseScoresInstrument } from "./scores-csv";

async function addClient(actor: Actor, clinicianId = actor.userId) {
  const db = await getDb();
  const id = uniqueId();
  const [client] = await db
    .insert(clients)
    .values({ practiceId: actor.practiceId, clinicianId, firstName: `Ada${id}`, lastName: `Lovelace${id}`, email: `ada-${id}@example.test` })
    .returning();
  return client!;
}

async function exportAudits(clientId: string) {
  const db = await getDb();
  return db
    .select({ actorUserId: auditEvents.actorUserId, subjectType: auditEvents.subjectType, details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "client.export_scores"), eq(auditEvents.subjectId, clientId)));
}

// Worked by hand: (R) = reverse-keyed, v' = 6 − v; score = (mean(v') − 1) / 4 × 100.
// knowledge       k1=4 k2=5 k3(R)=2→4 k4=3     16/4 = 4    → 75        → 75.0
// interdependence k5=2 k6(R)=4→2 k7=3 k8=2      9/4 = 2.25 → 31.25     → 31.3
// care            k9=5 k10=4 k11=4 k12(R)=1→5  18/4 = 4.5  → 87.5      → 87.5
// trust           k13(R)=3→3 k14=4 k15=3 k16=4 14/4 = 3.5  → 62.5      → 62.5
// responsiveness  k17=1 k18=2 k19(R)=5→1 k20=1  5/4 = 1.25 → 6.25      → 6.3
// mutuality       k21=4 k22=4 k23=3 k24(R)=2→4 15/4 = 3.75 → 68.75     → 68.8
// commitment      k25=5 k26(R)=1→5 k27=5 k28=4 19/4 = 4.75 → 93.75     → 93.8
// overall 425 / 7 = 60.714…                                             → 60.7
const FIRST = {
  k1: 4, k2: 5, k3: 2, k4: 3,
  k5: 2, k6: 4, k7: 3, k8: 2,
  k9: 5, k10: 4, k11: 4, k12: 1,
  k13: 3, k14: 4, k15: 3, k16: 4,
  k17: 1, k18: 2, k19: 5, k20: 1,
  k21: 4, k22: 4, k23: 3, k24: 2,
  k25: 5, k26: 1, k27: 5, k28: 4,
};

// knowledge       k1=3 k2=3 k3(R)=4→2 k4=3     11/4 = 2.75 → 43.75 → 43.8
// interdependence k5=1 k6(R)=5→1 k7=1 k8=1      4/4 = 1    → 0     → 0.0
// care            k9=5 k10=5 k11=5 k12(R)=1→5  20/4 = 5    → 100   → 100.0
// trust           k13(R)=5→1 k14=2 k15=2 k16=2  7/4 = 1.75 → 18.75 → 18.8
// responsiveness  k17=4 k18=3 k19(R)=3→3 k20=3 13/4 = 3.25 → 56.25 → 56.3
// mutuality       k21=5 k22=4 k23=4 k24(R)=2→4 17/4 = 4.25 → 81.25 → 81.3
// commitment      k25=1 k26(R)=5→1 k27=1 k28=2  5/4 = 1.25 → 6.25  → 6.3
// overall (43.75 + 0 + 100 + 18.75 + 56.25 + 81.25 + 6.25) / 7 = 306.25 / 7 = 43.75 → 43.8
const SECOND = {
  k1: 3, k2: 3, k3: 4, k4: 3,
  k5: 1, k6: 5, k7: 1, k8: 1,
  k9: 5, k10: 5, k11: 5, k12: 1,
  k13: 5, k14: 2, k15: 2, k16: 2,
  k17: 4, k18: 3, k19: 3, k20: 3,
  k21: 5, k22: 4, k23: 4, k24: 2,
  k25: 1, k26: 5, k27: 1, k28: 2,
};

const EXPECTED =
  "completed_at,instrument,version,knowledge,interdependence,care,trust,responsiveness,mutuality,commitment,overall\r\n" +
  "2026-03-01T09:30:00.000Z,closeness,1,75.0,31.3,87.5,62.5,6.3,68.8,93.8,60.7\r\n" +
  "2026-04-12T18:05:07.250Z,closeness,1,43.8,0.0,100.0,18.8,56.3,81.3,6.3,43.8\r\n";

describe("clientScoresCsv", () => {
  it("writes the exact bytes of DESIGN §4: oldest first, UTC ISO timestamps, one decimal half away from zero, CRLF", async () => {
    const { owner } = await createTestPractice({ timeZone: "Pacific/Auckland" });
    const client = await addClient(owner);
    const other = await addClient(owner);
    // Inserted newest first, so the order comes from the query, not the insert.
    await insertAssessmentFixture({ practiceId: owner.practiceId, clientId: client.id, completedAt: new Date("2026-04-12T18:05:07.250Z"), answers: SECOND });
    await insertAssessmentFixture({ practiceId: owner.practiceId, clientId: client.id, completedAt: new Date("2026-03-01T09:30:00Z"), answers: FIRST });
    await insertAssessmentFixture({ practiceId: owner.practiceId, clientId: other.id, completedAt: new Date("2026-03-02T09:30:00Z"), answers: answersForLevels() });

    const csv = await clientScoresCsv(owner, client.id);
    expect(csv).toBe(EXPECTED);
    expect(Buffer.from(csv, "utf8").equals(Buffer.from(EXPECTED, "ascii"))).toBe(true);
    // Nothing in it names the client.
    expect(csv).not.toContain(client.firstName);
    expect(csv).not.toContain(client.email);

    expect(await exportAudits(client.id)).toEqual([
      { actorUserId: owner.userId, subjectType: "client", details: { format: "csv", assessments: 2 } },
    ]);
  });

  it("gives the header alone for a client without assessments, still audited", async () => {
    const { owner } = await createTestPractice();
    const client = await addClient(owner);
    expect(await clientScoresCsv(owner, client.id)).toBe(
      "completed_at,instrument,version,knowledge,interdependence,care,trust,responsiveness,mutuality,commitment,overall\r\n",
    );
    expect(await exportAudits(client.id)).toHaveLength(1);
  });

  it("is NotFound for another practice's client, another clinician's client and a malformed id, with no audit row", async () => {
    const { owner, clinicians } = await createTestPractice({ clinicians: 2 });
    const [mine, colleague] = clinicians as [Actor, Actor];
    const client = await addClient(owner, colleague.userId);
    await insertAssessmentFixture({ practiceId: owner.practiceId, clientId: client.id, completedAt: new Date("2026-03-01T09:30:00Z"), answers: FIRST });
    const { owner: stranger } = await createTestPractice();

    await expect(clientScoresCsv(stranger, client.id)).rejects.toThrow(NotFoundError);
    await expect(clientScoresCsv(mine, client.id)).rejects.toThrow(NotFoundError);
    await expect(clientScoresCsv(mine, "not-a-uuid")).rejects.toThrow(NotFoundError);
    expect(await exportAudits(client.id)).toEqual([]);

    // Its own clinician and the practice owner may export it.
    expect((await clientScoresCsv(colleague, client.id)).split("\r\n")).toHaveLength(3);
    expect((await clientScoresCsv(owner, client.id)).split("\r\n")).toHaveLength(3);
    expect((await exportAudits(client.id)).map((row) => row.actorUserId).sort()).toEqual([colleague.userId, owner.userId].sort());
  });
});

describe("clientScoresFilename", () => {
  it("names the file by the export date in the practice's time zone, never the client", () => {
    // 12:30Z on 31 May is already 1 June in Auckland, still 31 May in Honolulu.
    const at = new Date("2026-05-31T12:30:00Z");
    expect(clientScoresFilename({ practiceTimeZone: "Pacific/Auckland" }, at)).toBe("client-scores-2026-06-01.csv");
    expect(clientScoresFilename({ practiceTimeZone: "Pacific/Honolulu" }, at)).toBe("client-scores-2026-05-31.csv");
  });
});

async function recordTotal(actor: Actor, clientId: string, instrument: AnyInstrument, answers: Record<string, number>, at: string) {
  await recordCompletedAssessments(await getDb(), [{ practiceId: actor.practiceId, clientId, instrument, answers, completedAt: new Date(at) }]);
}

const PHQ9_HEADER = "completed_at,instrument,version,phq9_1,phq9_2,phq9_3,phq9_4,phq9_5,phq9_6,phq9_7,phq9_8,phq9_9,phq9_difficulty,total,band\r\n";

describe("clientScoresCsv with an instrument", () => {
  it("keeps the closeness contract without the parameter and with instrument=closeness, whatever else the client answered", async () => {
    const { owner } = await createTestPractice();
    const client = await addClient(owner);
    await insertAssessmentFixture({ practiceId: owner.practiceId, clientId: client.id, completedAt: new Date("2026-03-01T09:30:00Z"), answers: FIRST });
    await insertAssessmentFixture({ practiceId: owner.practiceId, clientId: client.id, completedAt: new Date("2026-04-12T18:05:07.250Z"), answers: SECOND });
    await recordTotal(owner, client.id, phq9V1, { phq9_1: 1, phq9_2: 1, phq9_3: 1, phq9_4: 1, phq9_5: 1, phq9_6: 1, phq9_7: 1, phq9_8: 1, phq9_9: 0 }, "2026-03-15T09:00:00Z");

    expect(await clientScoresCsv(owner, client.id)).toBe(EXPECTED);
    expect(await clientScoresCsv(owner, client.id, "closeness")).toBe(EXPECTED);
  });

  it("writes PHQ-9, GAD-7 and CSI-4 with their item columns (unscored ones too), total and band, oldest first", async () => {
    const { owner } = await createTestPractice();
    const client = await addClient(owner);
    // 1 + 2 + 3 + 0 + 1 + 2 + 3 + 0 + 1 = 13 → Moderate; the difficulty question answered 2 (not summed).
    await recordTotal(owner, client.id, phq9V1, { phq9_1: 1, phq9_2: 2, phq9_3: 3, phq9_4: 0, phq9_5: 1, phq9_6: 2, phq9_7: 3, phq9_8: 0, phq9_9: 1, phq9_difficulty: 2 }, "2026-05-02T10:00:00.500Z");
    // 9 × 0 = 0 → Minimal; the difficulty question left out → empty.
    await recordTotal(owner, client.id, phq9V1, { phq9_1: 0, phq9_2: 0, phq9_3: 0, phq9_4: 0, phq9_5: 0, phq9_6: 0, phq9_7: 0, phq9_8: 0, phq9_9: 0 }, "2026-04-01T08:00:00Z");
    // GAD-7: 3 × 7 = 21 → Severe.
    await recordTotal(owner, client.id, gad7V1, { gad7_1: 3, gad7_2: 3, gad7_3: 3, gad7_4: 3, gad7_5: 3, gad7_6: 3, gad7_7: 3 }, "2026-04-01T08:00:00Z");
    // CSI-4: 6 + 5 + 5 + 5 = 21 → No notable dissatisfaction; 0 → Notable dissatisfaction.
    await recordTotal(owner, client.id, csi4V1, { csi4_1: 6, csi4_2: 5, csi4_3: 5, csi4_4: 5 }, "2026-04-01T08:00:00Z");
    await recordTotal(owner, client.id, csi4V1, { csi4_1: 0, csi4_2: 0, csi4_3: 0, csi4_4: 0 }, "2026-04-02T08:00:00Z");

    expect(await clientScoresCsv(owner, client.id, "phq9")).toBe(
      PHQ9_HEADER +
        "2026-04-01T08:00:00.000Z,phq9,1,0,0,0,0,0,0,0,0,0,,0,Minimal\r\n" +
        "2026-05-02T10:00:00.500Z,phq9,1,1,2,3,0,1,2,3,0,1,2,13,Moderate\r\n",
    );
    expect(await clientScoresCsv(owner, client.id, "gad7")).toBe(
      "completed_at,instrument,version,gad7_1,gad7_2,gad7_3,gad7_4,gad7_5,gad7_6,gad7_7,gad7_difficulty,total,band\r\n" +
        "2026-04-01T08:00:00.000Z,gad7,1,3,3,3,3,3,3,3,,21,Severe\r\n",
    );
    expect(await clientScoresCsv(owner, client.id, "csi4")).toBe(
      "completed_at,instrument,version,csi4_1,csi4_2,csi4_3,csi4_4,total,band\r\n" +
        "2026-04-01T08:00:00.000Z,csi4,1,6,5,5,5,21,No notable dissatisfaction\r\n" +
        "2026-04-02T08:00:00.000Z,csi4,1,0,0,0,0,0,Notable dissatisfaction\r\n",
    );
    // A client without any: the header alone. Each export audited with its instrument.
    const empty = await addClient(owner);
    expect(await clientScoresCsv(owner, empty.id, "phq9")).toBe(PHQ9_HEADER);
    expect((await exportAudits(client.id)).map((row) => row.details)).toEqual([
      { format: "csv", instrument: "phq9", assessments: 2 },
      { format: "csv", instrument: "gad7", assessments: 1 },
      { format: "csv", instrument: "csi4", assessments: 2 },
    ]);
  });

  it("refuses an unknown instrument with a plain message, before reading anything, and keeps access rules", async () => {
    const { owner, clinicians } = await createTestPractice({ clinicians: 1 });
    const client = await addClient(owner);
    await expect(clientScoresCsv(owner, client.id, "bdi2")).rejects.toThrow(DomainError);
    expect(await exportAudits(client.id)).toEqual([]);
    expect(parseScoresInstrument(null)).toEqual({ ok: true, key: "closeness" });
    expect(parseScoresInstrument("")).toEqual({ ok: true, key: "closeness" });
    expect(parseScoresInstrument("gad7")).toEqual({ ok: true, key: "gad7" });
    expect(parseScoresInstrument("PHQ9")).toEqual({ ok: false, message: 'There is no instrument "PHQ9". Use one of: closeness, phq9, gad7, csi4.' });
    await expect(clientScoresCsv(clinicians[0]!, client.id, "phq9")).rejects.toThrow(NotFoundError);
    const { owner: stranger } = await createTestPractice();
    await expect(clientScoresCsv(stranger, client.id, "phq9")).rejects.toThrow(NotFoundError);
  });

  it("names an instrument's file after it, and leaves the closeness file name as it was", () => {
    const at = new Date("2026-05-31T12:30:00Z");
    expect(instrumentScoresFilename({ practiceTimeZone: "Pacific/Auckland" }, "phq9", at)).toBe("client-scores-phq9-2026-06-01.csv");
    expect(instrumentScoresFilename({ practiceTimeZone: "Pacific/Auckland" }, "closeness", at)).toBe("client-scores-2026-06-01.csv");
  });
});
