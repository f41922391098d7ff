import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, clients } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor-types";
import { NotFoundError } from "@/lib/errors";
import { answersForLevels, createTestPractice, insertAssessmentFixture, uniqueId } from "@/test/fixtures";
import { clientScoresCsv, clientScoresFilename } from "./exports";

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
