// One link, several instruments: what a sitting stores, and what it leaves alone (issue 14).
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { assessmentScores, assessments, clientInstrumentTotals, clients, invitations, practices } from "@/db/schema";
import { DEFAULT_CRISIS_TEXT } from "@/lib/alerts/crisis";
import { DomainError } from "@/lib/core/errors";
import { closenessV1, gad7V1, phq9V1 } from "@/lib/instruments";
import { createInvitations } from "@/lib/invitations/invitations";
import { getThankYouView, saveDraft, submitAssessment } from "@/lib/invitations/public";
import { answersForLevels, createClientFixture, createPracticeFixture, type PracticeFixture } from "@/test/fixtures";
import { recordCompletedAssessments } from "./record";

let p: PracticeFixture;

beforeAll(async () => {
  p = await createPracticeFixture();
});

async function invite(instruments?: string[]) {
  const client = await createClientFixture(p.practiceId, p.clinician.userId);
  const [sent] = await createInvitations(p.clinician, { clientId: client.id, includePartner: false, instruments });
  return { client, token: sent!.link.split("/a/")[1]!, invitationId: sent!.invitationId };
}

/** Every item of an instrument at one value (as form fields post them). */
const all = (ids: readonly { id: string }[], value: number) => Object.fromEntries(ids.map((item) => [item.id, String(value)]));
const scoredItems = (def: typeof phq9V1) => def.items.filter((item) => item.scored);

async function storedOf(clientId: string) {
  const db = await getDb();
  return db.select().from(assessments).where(eq(assessments.clientId, clientId));
}

describe("a sitting of several instruments", () => {
  it("stores and scores each instrument on its own, in one submission", async () => {
    const { client, token, invitationId } = await invite(["csi4", "closeness", "gad7", "phq9"]);
    const db = await getDb();
    const [invitation] = await db.select().from(invitations).where(eq(invitations.id, invitationId));
    // The library's order, whatever order they were chosen in.
    expect(invitation!.instruments).toEqual([
      { key: "closeness", version: 1 },
      { key: "phq9", version: 1 },
      { key: "gad7", version: 1 },
      { key: "csi4", version: 1 },
    ]);

    const answers = {
      ...Object.fromEntries(Object.entries(answersForLevels({}, 4)).map(([id, value]) => [id, String(value)])),
      ...all(scoredItems(phq9V1), 1),
      phq9_1: "2",
      phq9_9: "0", // 7 × 1 + 2 + 0 = 9: Mild, and no critical answer
      phq9_difficulty: "2", // unscored
      ...all(scoredItems(gad7V1), 2), // 7 × 2 = 14: Moderate
      csi4_1: "6", // Perfect (0–6)
      csi4_2: "5",
      csi4_3: "5",
      csi4_4: "5", // 21
    };
    // A part at a time, as the form saves it; then the last part submits.
    expect(await saveDraft(token, all(scoredItems(phq9V1), 1))).toMatchObject({ ok: true, invalid: [] });
    const result = await submitAssessment(token, answers);
    expect(result).toMatchObject({ ok: true, critical: false });

    const stored = await storedOf(client.id);
    const byKey = new Map(stored.map((row) => [row.instrumentKey, row]));
    expect([...byKey.keys()].sort()).toEqual(["closeness", "csi4", "gad7", "phq9"]);
    expect(byKey.get("closeness")).toMatchObject({ overall: 75, total: null, invitationId });
    expect(byKey.get("phq9")).toMatchObject({ overall: null, total: 9 });
    expect(byKey.get("phq9")!.answers).toMatchObject({ phq9_difficulty: 2, phq9_9: 0 });
    expect(Object.keys(byKey.get("phq9")!.answers).every((id) => id.startsWith("phq9_"))).toBe(true);
    expect(byKey.get("gad7")).toMatchObject({ overall: null, total: 14 });
    expect(byKey.get("csi4")).toMatchObject({ overall: null, total: 21 });
    // Dimension rows only for the Closeness Inventory.
    const scoreRows = await db.select().from(assessmentScores).where(eq(assessmentScores.clientId, client.id));
    expect(scoreRows).toHaveLength(closenessV1.dimensions.length);
    // The caseload's latest score is the closeness one; the kept totals, one row per instrument.
    const [row] = await db.select().from(clients).where(eq(clients.id, client.id));
    expect(row!.latestOverall).toBe(75);
    const totals = await db.select().from(clientInstrumentTotals).where(eq(clientInstrumentTotals.clientId, client.id));
    expect(totals.map((t) => [t.instrumentKey, t.latestTotal, t.firstTotal, t.assessmentCount]).sort()).toEqual([
      ["csi4", 21, 21, 1],
      ["gad7", 14, 14, 1],
      ["phq9", 9, 9, 1],
    ]);
    // Exactly once: a second submission of the same link stores nothing.
    expect(await submitAssessment(token, answers)).toEqual({ ok: false, reason: "completed" });
    expect(await storedOf(client.id)).toHaveLength(4);
  });

  it("asks for every scored item of every instrument, never the optional difficulty question", async () => {
    const { client, token } = await invite(["phq9", "csi4"]);
    const partial = { ...all(scoredItems(phq9V1), 0), csi4_1: "3", csi4_2: "3" };
    const result = await submitAssessment(token, partial);
    expect(result).toEqual({ ok: false, reason: "missing", missing: ["csi4_3", "csi4_4"] });
    expect(await storedOf(client.id)).toHaveLength(0);
    // What was given is kept as the draft, so nothing is lost.
    const finished = await submitAssessment(token, { csi4_3: "2", csi4_4: "2" });
    expect(finished.ok).toBe(true);
    const stored = await storedOf(client.id);
    expect(stored.map((row) => [row.instrumentKey, row.total]).sort()).toEqual([
      ["csi4", 10],
      ["phq9", 0],
    ]);
  });

  it("refuses answers off an item's own scale without losing the rest", async () => {
    const { token } = await invite(["csi4"]);
    // CSI-4 item 1 runs 0–6, items 2–4 only 0–5.
    const saved = await saveDraft(token, { csi4_1: "6", csi4_2: "6", csi4_3: "-1", csi4_4: "5" });
    expect(saved).toEqual({ ok: true, answered: 2, invalid: ["csi4_2", "csi4_3"], help: null });
    expect(await submitAssessment(token, {})).toEqual({ ok: false, reason: "missing", missing: ["csi4_2", "csi4_3"] });
  });

  it("a sitting without the Closeness Inventory leaves the closeness score alone but counts as the latest assessment", async () => {
    const { client, token } = await invite(["gad7"]);
    const db = await getDb();
    const earlier = new Date(Date.now() - 86_400_000);
    await recordCompletedAssessments(db, [
      { practiceId: p.practiceId, clientId: client.id, instrument: closenessV1, answers: answersForLevels({}, 2), completedAt: earlier },
    ]);
    expect((await submitAssessment(token, all(scoredItems(gad7V1), 3))).ok).toBe(true);
    const [row] = await db.select().from(clients).where(eq(clients.id, client.id));
    expect(row!.latestOverall).toBe(25);
    expect(row!.lastAssessmentAt!.getTime()).toBeGreaterThan(earlier.getTime());
  });

  it("keeps the first and latest totals in time order, whatever order they are written in", async () => {
    const client = await createClientFixture(p.practiceId, p.clinician.userId);
    const db = await getDb();
    const at = (day: number) => new Date(Date.UTC(2026, 0, day, 12));
    const phq = (value: number, day: number) => ({
      practiceId: p.practiceId,
      clientId: client.id,
      instrument: phq9V1,
      answers: Object.fromEntries(scoredItems(phq9V1).map((item) => [item.id, value])),
      completedAt: at(day),
    });
    await recordCompletedAssessments(db, [phq(2, 10)]); // 18
    await recordCompletedAssessments(db, [phq(3, 1), phq(0, 20)]); // 27 (first), 0 (latest)
    await recordCompletedAssessments(db, [phq(1, 5)]); // 9, neither first nor latest
    const [kept] = await db
      .select()
      .from(clientInstrumentTotals)
      .where(and(eq(clientInstrumentTotals.clientId, client.id), eq(clientInstrumentTotals.instrumentKey, "phq9")));
    expect(kept).toMatchObject({ firstTotal: 27, firstAt: at(1), latestTotal: 0, latestAt: at(20), assessmentCount: 4 });
  });
});

describe("choosing instruments", () => {
  it("refuses an empty choice, an unknown key and a repeat, next to the field, and stores nothing", async () => {
    const client = await createClientFixture(p.practiceId, p.clinician.userId);
    for (const [instruments, message] of [
      [[], /at least one/],
      [["phq10"], /not one Attune offers/],
      [["phq9", "phq9"], /once/],
    ] as const) {
      const error = await createInvitations(p.clinician, { clientId: client.id, includePartner: false, instruments: [...instruments] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ field: "instruments", message: expect.stringMatching(message) });
    }
    const db = await getDb();
    expect(await db.select().from(invitations).where(eq(invitations.clientId, client.id))).toHaveLength(0);
  });
});

describe("the thank-you page after a critical answer", () => {
  it("shows the practice's crisis information, or the safe default, only when an answer was critical", async () => {
    const calm = await invite(["phq9"]);
    expect((await submitAssessment(calm.token, all(scoredItems(phq9V1), 0))).ok).toBe(true);
    expect((await getThankYouView(calm.token))!.help).toBeNull();

    const critical = await invite(["phq9"]);
    const result = await submitAssessment(critical.token, { ...all(scoredItems(phq9V1), 0), phq9_9: "1" });
    expect(result).toMatchObject({ ok: true, critical: true });
    expect((await getThankYouView(critical.token))!.help).toBe(DEFAULT_CRISIS_TEXT);

    const db = await getDb();
    await db.update(practices).set({ crisisText: "Call the practice's out-of-hours line: 0100 000 000." }).where(eq(practices.id, p.practiceId));
    expect((await getThankYouView(critical.token))!.help).toBe("Call the practice's out-of-hours line: 0100 000 000.");
    await db.update(practices).set({ crisisText: null }).where(eq(practices.id, p.practiceId));
  });
});
