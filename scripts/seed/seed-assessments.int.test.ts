import { and, eq, inArray, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { assessmentScores, assessments, clientInstrumentTotals, clients, clinicalAlerts, invitations } from "@/db/schema";
import { closenessV1, getInstrument, isTotalInstrument, reliableChange, scoreResponse, scoreTotal } from "@/lib/instruments";
import { getInvitationView } from "@/lib/invitations/public";
import { createClientFixture, createPracticeFixture, linkCoupleFixture } from "@/test/fixtures";
import { seedDemoAssessments } from "./seed-assessments";

const DAY = 86_400_000;

async function seedOnce(now: Date) {
  const practice = await createPracticeFixture();
  const list = [];
  for (let i = 0; i < 16; i++) list.push(await createClientFixture(practice.practiceId, practice.clinician.userId));
  // Four couples, then eight people on their own.
  const coupleIds: (string | null)[] = list.map(() => null);
  for (let c = 0; c < 4; c++) {
    const id = await linkCoupleFixture(practice.practiceId, list[2 * c]!, list[2 * c + 1]!);
    coupleIds[2 * c] = id;
    coupleIds[2 * c + 1] = id;
  }
  const result = await seedDemoAssessments(await getDb(), {
    practiceId: practice.practiceId,
    clients: list.map((c, i) => ({ id: c.id, clinicianId: c.clinicianId, coupleId: coupleIds[i]! })),
    now,
  });
  return { list, result };
}

describe("seedDemoAssessments", () => {
  it("writes believable, scored, deterministic histories and one working pending link", async () => {
    // Today at midnight UTC: fixed across both runs, yet recent enough for the pending link to work.
    const now = new Date(Math.floor(Date.now() / DAY) * DAY);
    const runs = [await seedOnce(now), await seedOnce(now)];
    const db = await getDb();
    const histories = [];

    for (const { list, result } of runs) {
      expect(result.pendingInvitations).toHaveLength(1);
      const view = await getInvitationView(result.pendingInvitations[0]!.link.split("/a/")[1]!);
      expect(view.state).toBe("open");
      const open = await db.select().from(invitations).where(inArray(invitations.clientId, list.map((c) => c.id)));
      expect(open.filter((row) => row.status === "pending" || row.status === "opened")).toHaveLength(3);

      const history: unknown[] = [];
      const byClient = new Map<string, (typeof assessments.$inferSelect)[]>();
      for (const client of list) {
        const rows = await db
          .select()
          .from(assessments)
          .where(and(eq(assessments.clientId, client.id), eq(assessments.instrumentKey, closenessV1.key)))
          .orderBy(assessments.completedAt);
        byClient.set(client.id, rows);
        for (const row of rows) {
          expect(row.overall).toBeCloseTo(scoreResponse(closenessV1, row.answers).overall, 10);
          expect(await db.select().from(assessmentScores).where(eq(assessmentScores.assessmentId, row.id))).toHaveLength(7);
        }
        const [updated] = await db.select().from(clients).where(eq(clients.id, client.id));
        expect(updated!.latestOverall).toBe(rows.at(-1)?.overall ?? null);
        if (rows.length) {
          // Six to twelve months of therapy, every two to four weeks (partners a day or two apart).
          const span = (now.getTime() - rows[0]!.completedAt.getTime()) / DAY;
          expect(span).toBeGreaterThan(170);
          expect(span).toBeLessThan(370);
          for (let i = 1; i < rows.length; i++) {
            const gap = (rows[i]!.completedAt.getTime() - rows[i - 1]!.completedAt.getTime()) / DAY;
            expect(gap).toBeGreaterThan(10);
            expect(gap).toBeLessThan(32);
          }
        }
        history.push(rows.map((row) => [row.completedAt.toISOString(), row.answers]));
      }
      histories.push(history);

      // Some clients have no assessments yet; most have many.
      const counts = list.map((client) => byClient.get(client.id)!.length);
      expect(counts.filter((n) => n === 0).length).toBeGreaterThan(0);
      expect(counts.filter((n) => n >= 6).length).toBeGreaterThan(8);

      // Someone's latest assessment is a reliable deterioration against the previous one.
      const dropped = list.some((client) => {
        const rows = byClient.get(client.id)!;
        if (rows.length < 2) return false;
        const [before, after] = [scoreResponse(closenessV1, rows.at(-2)!.answers), scoreResponse(closenessV1, rows.at(-1)!.answers)];
        return closenessV1.dimensions.some((d) => reliableChange(closenessV1, d.key, before.dimensions[d.key], after.dimensions[d.key]).status === "deteriorated");
      });
      expect(dropped).toBe(true);

      // A couple drifting apart: their overall gap grows from the first to the last assessment.
      const drifting = [0, 1, 2, 3].some((c) => {
        const a = byClient.get(list[2 * c]!.id)!;
        const b = byClient.get(list[2 * c + 1]!.id)!;
        if (a.length < 2 || b.length < 2) return false;
        return Math.abs(a.at(-1)!.overall! - b.at(-1)!.overall!) - Math.abs(a[0]!.overall! - b[0]!.overall!) > 20;
      });
      expect(drifting).toBe(true);

      // Some are followed on PHQ-9 and GAD-7 too, some couples on CSI-4: scored as submissions are,
      // answered in the same sitting as their closeness assessment.
      const ids = list.map((c) => c.id);
      const others = (await db.select().from(assessments).where(inArray(assessments.clientId, ids))).filter((row) => row.instrumentKey !== closenessV1.key);
      expect(new Set(others.map((row) => row.instrumentKey))).toEqual(new Set(["phq9", "gad7", "csi4"]));
      for (const row of others) {
        const def = getInstrument(row.instrumentKey, row.instrumentVersion)!;
        expect(isTotalInstrument(def) && scoreTotal(def, row.answers).total).toBe(row.total);
        expect(row.invitationId).not.toBeNull();
      }
      const totals = await db.select().from(clientInstrumentTotals).where(inArray(clientInstrumentTotals.clientId, ids));
      expect(totals.length).toBeGreaterThan(4);
      // The first crisis story ends with a critical answer: one open alert, for the demo's first look.
      const alerts = await db.select().from(clinicalAlerts).where(and(inArray(clinicalAlerts.clientId, ids), isNull(clinicalAlerts.acknowledgedAt)));
      expect(alerts).toHaveLength(1);
      // Dated by the answers it was raised on, not by when the seed ran.
      const [answered] = await db.select().from(assessments).where(eq(assessments.id, alerts[0]!.assessmentId!));
      expect(alerts[0]!.createdAt).toEqual(answered!.completedAt);
      expect(alerts.every((alert) => alert.itemId === "phq9_9")).toBe(true);
    }
    expect(histories[0]).toEqual(histories[1]);
  });
});
