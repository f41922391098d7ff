import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { assessmentScores, assessments, clients } from "@/db/schema";
import { closenessV1, scoreResponse } from "@/lib/instruments";
import { getInvitationView } from "@/lib/invitations/public";
import { createClientFixture, createPracticeFixture } from "@/test/db-fixtures";
import { seedDemoAssessments } from "./seed-assessments";

describe("seedDemoAssessments", () => {
  it("writes scored, deterministic demo history and one working pending link", async () => {
    const runs = [];
    for (let run = 0; run < 2; run++) {
      const practice = await createPracticeFixture();
      const list = [];
      for (let i = 0; i < 5; i++) list.push(await createClientFixture(practice.practiceId, practice.clinician.userId));
      // Today at midnight UTC: fixed across both runs, yet recent enough for the pending link to work.
      const now = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
      const result = await seedDemoAssessments(await getDb(), {
        practiceId: practice.practiceId,
        clients: list.map((c) => ({ id: c.id, clinicianId: c.clinicianId })),
        now,
      });
      runs.push({ list, result });
    }

    const db = await getDb();
    const histories = [];
    for (const { list, result } of runs) {
      expect(result.assessments).toBe(2 + 3 + 4 + 3);
      expect(result.pendingInvitations).toHaveLength(1);
      expect(result.pendingInvitations[0]!.clientId).toBe(list[3]!.id);
      const view = await getInvitationView(result.pendingInvitations[0]!.link.split("/a/")[1]!);
      expect(view.state).toBe("open");

      const history = [];
      for (const client of list) {
        const rows = await db.select().from(assessments).where(eq(assessments.clientId, client.id)).orderBy(assessments.completedAt);
        for (const row of rows) {
          expect(row.overall).toBeCloseTo(scoreResponse(closenessV1, row.answers).overall, 10);
          expect(await db.select().from(assessmentScores).where(eq(assessmentScores.assessmentId, row.id))).toHaveLength(7);
        }
        const [updated] = await db.select().from(clients).where(eq(clients.id, client.id));
        expect(updated!.latestOverall).toBe(rows.at(-1)?.overall ?? null);
        history.push(rows.map((row) => [row.completedAt.toISOString(), row.answers]));
      }
      histories.push(history);
    }
    expect(histories[0]).toEqual(histories[1]);
  });
});
