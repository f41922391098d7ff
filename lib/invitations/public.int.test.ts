import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { assessmentScores, assessments, clients, invitations } from "@/db/schema";
import { closenessV1, scoreResponse } from "@/lib/instruments";
import { generateToken } from "@/lib/core/tokens";
import { answersForLevels, createClientFixture, createPracticeFixture, insertAssessmentFixture, type PracticeFixture } from "@/test/fixtures";
import { createInvitations } from "./invitations";
import { getInvitationView, saveDraft, submitAssessment } from "./public";

const tokenOf = (link: string) => link.split("/a/")[1]!;
const itemIds = closenessV1.items.map((item) => item.id);

/** A full response as a form would post it: strings, a deterministic pattern over the scale. */
function fullAnswers(seed = 0): Record<string, string> {
  return Object.fromEntries(itemIds.map((id, i) => [id, String(((i * 7 + seed) % 5) + 1)]));
}

let practice: PracticeFixture;

beforeAll(async () => {
  practice = await createPracticeFixture();
});

async function invite(options: { clientOverrides?: Parameters<typeof createClientFixture>[2] } = {}) {
  const client = await createClientFixture(practice.practiceId, practice.clinician.userId, options.clientOverrides);
  const [sent] = await createInvitations(practice.clinician, { clientId: client.id, includePartner: false });
  return { client, invitationId: sent!.invitationId, token: tokenOf(sent!.link) };
}

async function invitationRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(invitations).where(eq(invitations.id, id));
  return row!;
}

async function assessmentCount(clientId: string) {
  const db = await getDb();
  const [a] = await db.select({ n: count() }).from(assessments).where(eq(assessments.clientId, clientId));
  const [s] = await db.select({ n: count() }).from(assessmentScores).where(eq(assessmentScores.clientId, clientId));
  return { assessments: a!.n, scores: s!.n };
}

describe("the client's link", () => {
  it("goes pending → opened → completed, and then says so", async () => {
    const { client, invitationId, token } = await invite();
    expect((await invitationRow(invitationId)).status).toBe("pending");

    const view = await getInvitationView(token);
    expect(view).toMatchObject({
      state: "open",
      practiceName: practice.practiceName,
      clinicianName: practice.clinician.name,
      draft: {},
    });
    if (view.state === "open") expect(view.instruments).toEqual([closenessV1]);
    const opened = await invitationRow(invitationId);
    expect(opened.status).toBe("opened");
    expect(opened.openedAt).toBeInstanceOf(Date);

    // A second view keeps the first opened_at.
    await getInvitationView(token);
    expect((await invitationRow(invitationId)).openedAt).toEqual(opened.openedAt);

    const answers = fullAnswers(2);
    const result = await submitAssessment(token, answers);
    expect(result.ok).toBe(true);

    const done = await invitationRow(invitationId);
    expect(done).toMatchObject({ status: "completed", draftAnswers: null });
    expect(done.completedAt).toBeInstanceOf(Date);
    expect(await getInvitationView(token)).toEqual({ state: "completed" });
    expect(await saveDraft(token, { k1: "3" })).toEqual({ ok: false, reason: "completed" });

    const expected = scoreResponse(closenessV1, Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, Number(v)])));
    const db = await getDb();
    const [assessment] = await db.select().from(assessments).where(eq(assessments.invitationId, invitationId));
    expect(assessment).toMatchObject({ clientId: client.id, practiceId: practice.practiceId, instrumentKey: "closeness", instrumentVersion: 1 });
    expect(assessment!.overall).toBeCloseTo(expected.overall, 10);
    expect(assessment!.answers).toEqual(Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, Number(v)])));
    const scores = await db.select().from(assessmentScores).where(eq(assessmentScores.assessmentId, assessment!.id));
    expect(scores).toHaveLength(7);
    for (const score of scores) {
      expect(score.score).toBeCloseTo(expected.dimensions[score.dimension as keyof typeof expected.dimensions], 10);
      expect(score.completedAt).toEqual(assessment!.completedAt);
    }
    const [updated] = await db.select().from(clients).where(eq(clients.id, client.id));
    expect(updated!.lastAssessmentAt).toEqual(assessment!.completedAt);
    expect(updated!.latestOverall).toBeCloseTo(expected.overall, 10);
  });

  it("shows one calm invalid state, without names, for unknown, malformed, expired, revoked and archived", async () => {
    expect(await getInvitationView(generateToken().token)).toEqual({ state: "invalid" });
    for (const junk of ["", "short", "x".repeat(44), "../../etc/passwd", `${"a".repeat(42)}=`]) {
      expect(await getInvitationView(junk)).toEqual({ state: "invalid" });
      expect(await saveDraft(junk, { k1: "3" })).toEqual({ ok: false, reason: "invalid" });
      expect(await submitAssessment(junk, fullAnswers())).toEqual({ ok: false, reason: "invalid" });
    }

    const expired = await invite();
    const db = await getDb();
    await db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, expired.invitationId));
    expect(await getInvitationView(expired.token)).toEqual({ state: "invalid" });
    expect(await saveDraft(expired.token, { k1: "3" })).toEqual({ ok: false, reason: "invalid" });
    expect(await submitAssessment(expired.token, fullAnswers())).toEqual({ ok: false, reason: "invalid" });
    expect((await invitationRow(expired.invitationId)).status).toBe("pending");

    const archived = await invite();
    await db.update(clients).set({ status: "archived" }).where(eq(clients.id, archived.client.id));
    expect(await getInvitationView(archived.token)).toEqual({ state: "invalid" });
    expect(await assessmentCount(expired.client.id)).toEqual({ assessments: 0, scores: 0 });
  });

  it("saves drafts by merging valid answers, ignoring out-of-range values and unknown keys", async () => {
    const { invitationId, token } = await invite();
    expect(await saveDraft(token, { k1: "5", k2: "1", k3: "9", k4: "0", k5: "2.5", nope: "3" })).toEqual({
      ok: true,
      help: null,
      answered: 2,
      invalid: ["k3", "k4", "k5"],
    });
    expect(await saveDraft(token, { k2: "4", k6: 3 })).toMatchObject({ ok: true, answered: 3 });
    const row = await invitationRow(invitationId);
    expect(row.draftAnswers).toEqual({ k1: 5, k2: 4, k6: 3 });
    expect(row.status).toBe("opened");
    expect(row.draftUpdatedAt).toBeInstanceOf(Date);

    const view = await getInvitationView(token);
    expect(view.state === "open" && view.draft).toEqual({ k1: 5, k2: 4, k6: 3 });
  });

  it("writes nothing when no answer given can be read", async () => {
    const { invitationId, token } = await invite();
    await saveDraft(token, { k1: "5" });
    const before = await invitationRow(invitationId);
    expect(await saveDraft(token, { k1: "9", k2: "\u0000", nope: "3" })).toEqual({ ok: true, answered: 1, invalid: ["k1", "k2"], help: null });
    expect(await saveDraft(token, {})).toEqual({ ok: true, answered: 1, invalid: [], help: null });
    expect(await invitationRow(invitationId)).toEqual(before);
  });

  it("lists missing answers in order and keeps every answer given", async () => {
    const { client, invitationId, token } = await invite();
    await saveDraft(token, { k1: "2" });
    const partial = Object.fromEntries(Object.entries(fullAnswers()).filter(([id]) => !["k1", "k5", "k28"].includes(id)));
    delete partial.k5;
    const result = await submitAssessment(token, { ...partial, k28: "7" });
    expect(result).toEqual({ ok: false, reason: "missing", missing: ["k5", "k28"] });

    const row = await invitationRow(invitationId);
    expect(row.status).toBe("opened");
    expect(Object.keys(row.draftAnswers!)).toHaveLength(26);
    expect(row.draftAnswers!.k1).toBe(2);
    expect(await assessmentCount(client.id)).toEqual({ assessments: 0, scores: 0 });

    // Answering the rest completes it from the draft.
    expect(await submitAssessment(token, { k5: "3", k28: "4" })).toMatchObject({ ok: true });
  });

  it("completes exactly once under two concurrent submits", async () => {
    const { client, invitationId, token } = await invite();
    const results = await Promise.all([submitAssessment(token, fullAnswers(1)), submitAssessment(token, fullAnswers(3))]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "completed" }]);
    expect(await assessmentCount(client.id)).toEqual({ assessments: 1, scores: 7 });
    expect((await invitationRow(invitationId)).status).toBe("completed");

    // And a later one writes nothing either.
    expect(await submitAssessment(token, fullAnswers(4))).toEqual({ ok: false, reason: "completed" });
    expect(await assessmentCount(client.id)).toEqual({ assessments: 1, scores: 7 });
  });

  it("leaves nothing half-written when the submit fails midway", async () => {
    const { client, invitationId, token } = await invite();
    await saveDraft(token, { k1: "1" });
    const db = await getDb();
    // A row already holding this invitation makes the assessment insert violate the unique index
    // after the invitation was locked and checked — a real failure inside the transaction.
    await db.insert(assessments).values({
      practiceId: practice.practiceId,
      clientId: client.id,
      invitationId,
      instrumentKey: "closeness",
      instrumentVersion: 1,
      answers: {},
      overall: 0,
    });
    const before = await invitationRow(invitationId);

    expect(await submitAssessment(token, fullAnswers())).toEqual({ ok: false, reason: "completed" });
    expect(await assessmentCount(client.id)).toEqual({ assessments: 1, scores: 0 });
    const after = await invitationRow(invitationId);
    expect(after.status).toBe("opened");
    expect(after.completedAt).toBeNull();
    expect(after.draftAnswers).toEqual(before.draftAnswers);
    const [row] = await db.select().from(clients).where(eq(clients.id, client.id));
    expect(row!.lastAssessmentAt).toBeNull();
    expect(row!.latestOverall).toBeNull();
  });

  it("updates the client's latest score only when the assessment is the newest", async () => {
    const { client, token } = await invite();
    // Far ahead, so no slow run can reach it before the submission below is stamped.
    const future = new Date(Date.now() + 365 * 24 * 60 * 60_000);
    const db = await getDb();
    // A newer assessment already stored (every answer 1: overall 0).
    await insertAssessmentFixture({ practiceId: client.practiceId, clientId: client.id, completedAt: future, answers: answersForLevels({}, 1) });
    expect((await submitAssessment(token, fullAnswers())).ok).toBe(true);
    const [row] = await db.select().from(clients).where(eq(clients.id, client.id));
    expect(row!.lastAssessmentAt).toEqual(future);
    expect(row!.latestOverall).toBe(0);
  });
});
