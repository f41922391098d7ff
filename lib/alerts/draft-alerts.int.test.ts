import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { assessments, clinicalAlerts, emailOutbox, type Client } from "@/db/schema";
import type { Actor } from "@/lib/core/actor-types";
import { closenessV1 } from "@/lib/instruments";
import { createInvitations } from "@/lib/invitations/invitations";
import { getInvitationView, saveDraft, submitAssessment } from "@/lib/invitations/public";
import { createClientFixture, createPracticeFixture } from "@/test/fixtures";
import { acknowledgeAlert, describeAlertSource, listOpenAlerts } from "./alerts";
import { DEFAULT_CRISIS_TEXT } from "./crisis";

// Decision "critical answers in drafts": a critical answer raises its alert when it is saved, sent or not.

async function invite(actor: Actor, client: Client, instruments: string[] = ["phq9"]) {
  const [sent] = await createInvitations(actor, { clientId: client.id, includePartner: false, instruments });
  return sent!.link.split("/a/")[1]!;
}

/** PHQ-9 items 1–8 at 1 and item 9 as given (a whole PHQ-9 but for its optional difficulty question). */
function phq9(item9: number): Record<string, string> {
  const answers: Record<string, string> = { phq9_9: String(item9) };
  for (let n = 1; n <= 8; n++) answers[`phq9_${n}`] = "1";
  return answers;
}

async function alertRows(clientId: string) {
  return (await getDb()).select().from(clinicalAlerts).where(eq(clinicalAlerts.clientId, clientId));
}

async function alertEmailCount(practiceId: string) {
  const rows = await (await getDb())
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.practiceId, practiceId), eq(emailOutbox.kind, "clinical_alert")));
  return rows.length;
}

describe("a critical answer in a saved, unsent part", () => {
  it("raises one alert at save time, marked unfinished with when it was saved, and shows the client help at once", async () => {
    const practice = await createPracticeFixture();
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    const token = await invite(practice.clinician, client);

    // The part before item 9 holds nothing critical: nothing is raised, no help.
    const calm = await saveDraft(token, { phq9_1: "2", phq9_2: "3" });
    expect(calm).toMatchObject({ ok: true, help: null });
    expect(await alertRows(client.id)).toEqual([]);

    const saved = await saveDraft(token, { phq9_9: "2" });
    expect(saved).toMatchObject({ ok: true, help: DEFAULT_CRISIS_TEXT });
    const rows = await alertRows(client.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ instrumentKey: "phq9", instrumentVersion: 1, itemId: "phq9_9", assessmentId: null, acknowledgedAt: null });
    expect(rows[0]!.draftSavedAt).toBeInstanceOf(Date);
    // The clinician and the owner are emailed, as for a sent one.
    expect(await alertEmailCount(practice.practiceId)).toBe(2);

    // The clinician sees it now, said to come from an unfinished questionnaire with when it was saved.
    const [open] = await listOpenAlerts(practice.clinician, { clientId: client.id });
    expect(open).toMatchObject({ fromUnfinished: true, itemNumber: 9, draftSavedAt: rows[0]!.draftSavedAt });
    expect(describeAlertSource(open!, "UTC")).toMatch(/^From an unfinished questionnaire, saved .+ — not sent yet\.$/);
    expect((await listOpenAlerts(practice.owner)).map((alert) => alert.id)).toContain(open!.id);

    // Coming back to the link (no JavaScript: the page after the part's post) shows the help too.
    const view = await getInvitationView(token);
    expect(view.state === "open" && view.help).toBe(DEFAULT_CRISIS_TEXT);

    // Saving again, even a higher answer, raises nothing more and sends no second email.
    expect(await saveDraft(token, { phq9_9: "3", phq9_3: "1" })).toMatchObject({ ok: true, help: DEFAULT_CRISIS_TEXT });
    expect(await alertRows(client.id)).toHaveLength(1);
    expect(await alertEmailCount(practice.practiceId)).toBe(2);
  });

  it("is upgraded, not duplicated, when the sitting is sent", async () => {
    const practice = await createPracticeFixture();
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    const token = await invite(practice.clinician, client, ["closeness", "phq9"]);
    await saveDraft(token, { phq9_9: "1" });
    const [draftAlert] = await alertRows(client.id);

    const closeness = Object.fromEntries(closenessV1.items.map((item) => [item.id, "4"]));
    const sent = await submitAssessment(token, { ...closeness, ...phq9(3) });
    expect(sent.ok).toBe(true);

    const rows = await alertRows(client.id);
    expect(rows).toHaveLength(1);
    const [phqAssessment] = await (await getDb())
      .select({ id: assessments.id })
      .from(assessments)
      .where(and(eq(assessments.clientId, client.id), eq(assessments.instrumentKey, "phq9")));
    expect(rows[0]).toMatchObject({ id: draftAlert!.id, assessmentId: phqAssessment!.id, draftSavedAt: draftAlert!.draftSavedAt });
    expect(await alertEmailCount(practice.practiceId)).toBe(2);
    const [open] = await listOpenAlerts(practice.clinician, { clientId: client.id });
    expect(open).toMatchObject({ fromUnfinished: false });
    expect(describeAlertSource(open!, "UTC")).toMatch(/^First seen in an unfinished questionnaire saved .+; since sent\.$/);
  });

  it("stays when the answer is changed back to 0 before sending, and an acknowledgement made meanwhile stands", async () => {
    const practice = await createPracticeFixture();
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    const token = await invite(practice.clinician, client);
    await saveDraft(token, { phq9_9: "2" });
    const [alert] = await alertRows(client.id);
    await acknowledgeAlert(practice.clinician, { alertId: alert!.id, note: "Called the client; safe, seeing them tomorrow." });

    expect(await saveDraft(token, { phq9_9: "0" })).toMatchObject({ ok: true, help: DEFAULT_CRISIS_TEXT });
    expect((await submitAssessment(token, phq9(0))).ok).toBe(true);
    const rows = await alertRows(client.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.assessmentId).not.toBeNull();
    expect(rows[0]!.acknowledgementNote).toBe("Called the client; safe, seeing them tomorrow.");
    expect(await listOpenAlerts(practice.clinician, { clientId: client.id })).toEqual([]);
  });

  it("counts a send refused for missing answers as a save", async () => {
    const practice = await createPracticeFixture();
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    const token = await invite(practice.clinician, client, ["closeness", "phq9"]);
    const refused = await submitAssessment(token, phq9(1));
    expect(refused).toMatchObject({ ok: false, reason: "missing" });
    expect(await alertRows(client.id)).toHaveLength(1);
    expect((await alertRows(client.id))[0]).toMatchObject({ assessmentId: null });
  });

  it("raises nothing for instruments without a critical item", async () => {
    const practice = await createPracticeFixture();
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    const token = await invite(practice.clinician, client, ["gad7", "csi4"]);
    expect(await saveDraft(token, { gad7_1: "3", gad7_2: "3", csi4_1: "0" })).toMatchObject({ ok: true, help: null });
    expect(await alertRows(client.id)).toEqual([]);
  });
});
