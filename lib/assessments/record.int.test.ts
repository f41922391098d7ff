import { count, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { assessmentScores, assessments, clients } from "@/db/schema";
import { closenessV1 } from "@/lib/instruments";
import { answersForLevels, createClientFixture, createPracticeFixture } from "@/test/fixtures";
import { recordCompletedAssessments } from "./record";

const day = (n: number) => new Date(Date.UTC(2026, 0, n));

async function counts(clientIds: string[]) {
  const db = await getDb();
  const [a] = await db.select({ n: count() }).from(assessments).where(inArray(assessments.clientId, clientIds));
  const [s] = await db.select({ n: count() }).from(assessmentScores).where(inArray(assessmentScores.clientId, clientIds));
  return { assessments: a!.n, scores: s!.n };
}

describe("recordCompletedAssessments", () => {
  it("writes each assessment with its seven scores, and each client's newest as their latest, whatever the order", async () => {
    const practice = await createPracticeFixture();
    const ana = await createClientFixture(practice.practiceId, practice.clinician.userId);
    const ben = await createClientFixture(practice.practiceId, practice.clinician.userId);
    const row = (clientId: string, completedAt: Date, level: number) => ({
      practiceId: practice.practiceId,
      clientId,
      instrument: closenessV1,
      answers: answersForLevels({}, level),
      completedAt,
    });

    // Ana's newest (level 5 → 100) comes first in the batch; Ben's newest is level 2 → 25.
    const recorded = await recordCompletedAssessments(await getDb(), [row(ana.id, day(10), 5), row(ana.id, day(3), 1), row(ben.id, day(4), 4), row(ben.id, day(9), 2)]);
    expect(recorded.map((r) => (r.scored.kind === "profile" ? r.scored.scores.overall : null))).toEqual([100, 0, 75, 25]);
    expect(recorded.map((r) => r.assessment.completedAt)).toEqual([day(10), day(3), day(4), day(9)]);
    expect(await counts([ana.id, ben.id])).toEqual({ assessments: 4, scores: 28 });

    const db = await getDb();
    const latest = await db.select().from(clients).where(inArray(clients.id, [ana.id, ben.id]));
    const byId = new Map(latest.map((c) => [c.id, c]));
    expect(byId.get(ana.id)).toMatchObject({ lastAssessmentAt: day(10), latestOverall: 100 });
    expect(byId.get(ben.id)).toMatchObject({ lastAssessmentAt: day(9), latestOverall: 25 });

    // A later write of an older assessment keeps the newer latest.
    await recordCompletedAssessments(db, [row(ana.id, day(5), 3)]);
    const [after] = await db.select().from(clients).where(eq(clients.id, ana.id));
    expect(after).toMatchObject({ lastAssessmentAt: day(10), latestOverall: 100 });
  });

  it("writes nothing when any assessment of the batch cannot be written", async () => {
    const practice = await createPracticeFixture();
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    const good = { practiceId: practice.practiceId, clientId: client.id, instrument: closenessV1, answers: answersForLevels(), completedAt: day(1) };
    // Past the first insert's 500 rows, one names a client that does not exist: the second insert fails.
    const broken = { ...good, clientId: "00000000-0000-4000-8000-000000000000" };
    await expect(recordCompletedAssessments(await getDb(), [...Array.from({ length: 500 }, () => good), broken])).rejects.toThrow();
    expect(await counts([client.id])).toEqual({ assessments: 0, scores: 0 });
    const [untouched] = await (await getDb()).select().from(clients).where(eq(clients.id, client.id));
    expect(untouched!.lastAssessmentAt).toBeNull();

    // An incomplete response is refused before anything is written.
    const incomplete = Object.fromEntries(Object.entries(answersForLevels()).slice(1));
    await expect(recordCompletedAssessments(await getDb(), [{ ...good, answers: incomplete }])).rejects.toThrow(/incomplete/i);
    expect(await counts([client.id])).toEqual({ assessments: 0, scores: 0 });
  });
});
