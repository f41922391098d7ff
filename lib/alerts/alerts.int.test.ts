import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, clinicalAlerts, emailOutbox, type Client } from "@/db/schema";
import type { Actor } from "@/lib/core/actor-types";
import { DomainError, NotFoundError } from "@/lib/core/errors";
import { getResultsAfterQuestionnaire } from "@/lib/feedback/public-results";
import { setResultsShared } from "@/lib/feedback/sharing";
import { closenessV1 } from "@/lib/instruments";
import { createInvitations } from "@/lib/invitations/invitations";
import { getThankYouView, submitAssessment } from "@/lib/invitations/public";
import {
  createClientFixture,
  createPracticeFixture,
  emailTextOf,
  linkCoupleFixture,
  type PracticeFixture,
} from "@/test/fixtures";
import { acknowledgeAlert, describeAlertItem, listAlertHistory, listOpenAlerts, NOTE_REQUIRED } from "./alerts";
import { DEFAULT_CRISIS_TEXT } from "./crisis";

const ITEM_9 = "Thoughts that you would be better off dead or of hurting yourself in some way";

/** A PHQ-9 sitting sent by `actor` and answered by the client: every item 1, item 9 as given. */
async function sitPhq9(actor: Actor, client: Client, item9: number, instruments: string[] = ["phq9"]) {
  const [sent] = await createInvitations(actor, { clientId: client.id, includePartner: false, instruments });
  const token = sent!.link.split("/a/")[1]!;
  const answers: Record<string, string> = { phq9_difficulty: "1" };
  for (let n = 1; n <= 8; n++) answers[`phq9_${n}`] = "1";
  answers.phq9_9 = String(item9);
  if (instruments.includes("closeness")) for (const item of closenessV1.items) answers[item.id] = "4";
  const result = await submitAssessment(token, answers);
  return { token, result };
}

async function alertRows(clientId: string) {
  return (await getDb()).select().from(clinicalAlerts).where(eq(clinicalAlerts.clientId, clientId));
}

async function alertEmails(practiceId: string) {
  return (await getDb())
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.practiceId, practiceId), eq(emailOutbox.kind, "clinical_alert")));
}

async function auditOf(clientId: string, action: string) {
  return (await getDb())
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.clientId, clientId), eq(auditEvents.action, action)));
}

describe("raising an alert on a critical answer", () => {
  it("raises nothing when PHQ-9 item 9 is 0", async () => {
    const practice = await createPracticeFixture();
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    const { token, result } = await sitPhq9(practice.clinician, client, 0);
    expect(result.ok).toBe(true);
    expect(await alertRows(client.id)).toEqual([]);
    expect(await alertEmails(practice.practiceId)).toEqual([]);
    expect(await listOpenAlerts(practice.owner)).toEqual([]);
    expect((await getThankYouView(token))?.help).toBeNull();
  });

  it("raises one alert and emails the clinician and the owner once each, with no clinical detail; a second submit raises nothing", async () => {
    const practice = await createPracticeFixture();
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    const { token, result } = await sitPhq9(practice.clinician, client, 2);
    expect(result.ok).toBe(true);

    const rows = await alertRows(client.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ instrumentKey: "phq9", itemId: "phq9_9", acknowledgedAt: null });

    const emails = await alertEmails(practice.practiceId);
    expect(emails.map((email) => email.toAddress).sort()).toEqual([practice.clinician.email, practice.owner.email].sort());
    for (const email of emails) {
      const text = `${email.subject}\n${emailTextOf(email)}`;
      expect(text).toContain(`/clients/${client.id}`);
      for (const secret of [client.firstName, client.lastName, client.email!, "PHQ", "phq9", "depress", ITEM_9, "better off dead", "More than half the days"]) {
        expect(text.toLowerCase(), `the alert email names "${secret}"`).not.toContain(secret.toLowerCase());
      }
    }

    // The client sees where to get help; the practice wrote nothing of its own, so the safe default.
    expect((await getThankYouView(token))?.help).toBe(DEFAULT_CRISIS_TEXT);

    // A double submit (second tab, back button) is refused and raises nothing more.
    const again = await submitAssessment(token, { phq9_9: "3" });
    expect(again).toMatchObject({ ok: false, reason: "completed" });
    expect(await alertRows(client.id)).toHaveLength(1);
    expect(await alertEmails(practice.practiceId)).toHaveLength(2);
  });

  it("emails once when the client's clinician is the owner", async () => {
    const practice = await createPracticeFixture();
    const client = await createClientFixture(practice.practiceId, practice.owner.userId);
    await sitPhq9(practice.owner, client, 1);
    const emails = await alertEmails(practice.practiceId);
    expect(emails.map((email) => email.toAddress)).toEqual([practice.owner.email]);
  });

  it("raises one alert per critical assessment: a later sitting with item 9 above 0 raises its own", async () => {
    const practice = await createPracticeFixture();
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    await sitPhq9(practice.clinician, client, 1);
    await sitPhq9(practice.clinician, client, 3, ["closeness", "phq9"]);
    expect(await alertRows(client.id)).toHaveLength(2);
    expect(await listOpenAlerts(practice.clinician, { clientId: client.id })).toHaveLength(2);
  });
});

describe("seeing and acknowledging alerts", () => {
  let practice: PracticeFixture;
  let other: PracticeFixture;

  beforeAll(async () => {
    [practice, other] = await Promise.all([createPracticeFixture(), createPracticeFixture()]);
  });

  it("shows the client's clinician and the owner which client, which item and when; nobody else", async () => {
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId, { preferredName: "Annie" });
    const before = new Date();
    await sitPhq9(practice.clinician, client, 2);

    for (const actor of [practice.clinician, practice.owner]) {
      const open = (await listOpenAlerts(actor)).filter((alert) => alert.clientId === client.id);
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({
        clientName: `${client.firstName} (Annie) ${client.lastName}`,
        instrumentShortTitle: "PHQ-9",
        itemNumber: 9,
        itemText: ITEM_9,
      });
      expect(open[0]!.raisedAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
      expect(describeAlertItem(open[0]!)).toBe(`PHQ-9 item 9: “${ITEM_9}”`);
    }
    expect((await listOpenAlerts(practice.otherClinician)).some((alert) => alert.clientId === client.id)).toBe(false);
    expect(await listOpenAlerts(other.owner)).toEqual([]);
    expect(await listOpenAlerts(practice.otherClinician, { clientId: client.id })).toEqual([]);
    expect(await listOpenAlerts(practice.owner, { clientId: "not-a-uuid" })).toEqual([]);
  });

  it("refuses an empty note and stores nothing; clears with a note, audited, and keeps it in the history", async () => {
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    await sitPhq9(practice.clinician, client, 2);
    const [alert] = await listOpenAlerts(practice.clinician, { clientId: client.id });

    for (const note of ["", "   \n\t  "]) {
      const refused = await acknowledgeAlert(practice.clinician, { alertId: alert!.id, note }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({ field: "note", message: NOTE_REQUIRED });
    }
    const tooLong = await acknowledgeAlert(practice.clinician, { alertId: alert!.id, note: "x".repeat(1001) }).catch((error: unknown) => error);
    expect(tooLong).toMatchObject({ field: "note" });
    expect((await alertRows(client.id))[0]).toMatchObject({ acknowledgedAt: null, acknowledgedBy: null, acknowledgementNote: null });
    expect(await auditOf(client.id, "alert.acknowledge")).toEqual([]);
    expect(await listOpenAlerts(practice.clinician, { clientId: client.id })).toHaveLength(1);

    const note = "Called her at 14:10: safe tonight, plan agreed with her GP.\r\nSession moved to Thursday.";
    expect(await acknowledgeAlert(practice.clinician, { alertId: alert!.id, note: `  ${note}  ` })).toEqual({ clientId: client.id });
    expect(await listOpenAlerts(practice.clinician, { clientId: client.id })).toEqual([]);
    expect(await listOpenAlerts(practice.owner, { clientId: client.id })).toEqual([]);

    const stored = note.replace("\r\n", "\n");
    const [row] = await alertRows(client.id);
    expect(row).toMatchObject({ acknowledgedBy: practice.clinician.userId, acknowledgementNote: stored });
    const audit = await auditOf(client.id, "alert.acknowledge");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: practice.clinician.userId, subjectType: "clinical_alert", subjectId: alert!.id });
    expect(JSON.stringify(audit[0]!.details)).not.toContain("GP");

    for (const actor of [practice.clinician, practice.owner]) {
      const history = await listAlertHistory(actor, client.id);
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ id: alert!.id, itemNumber: 9, acknowledgedByName: practice.clinician.name, note: stored });
    }

    // A colleague (or a second tab) who acknowledges it again is told who did, and changes nothing.
    const twice = await acknowledgeAlert(practice.owner, { alertId: alert!.id, note: "Also called." }).catch((error: unknown) => error);
    expect(twice).toBeInstanceOf(DomainError);
    expect((twice as Error).message).toMatch(new RegExp(`already acknowledged by ${practice.clinician.name} at `));
    expect((await alertRows(client.id))[0]).toMatchObject({ acknowledgedBy: practice.clinician.userId, acknowledgementNote: stored });
    expect(await auditOf(client.id, "alert.acknowledge")).toHaveLength(1);
  });

  it("lets the owner acknowledge a clinician's client's alert", async () => {
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    await sitPhq9(practice.clinician, client, 1);
    const [alert] = await listOpenAlerts(practice.owner, { clientId: client.id });
    await acknowledgeAlert(practice.owner, { alertId: alert!.id, note: "Spoke with the clinician; she called the client." });
    expect(await listOpenAlerts(practice.clinician, { clientId: client.id })).toEqual([]);
  });

  it("is not found for another practice, a clinician who cannot see the client, and an unknown id", async () => {
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    await sitPhq9(practice.clinician, client, 3);
    const [alert] = await listOpenAlerts(practice.clinician, { clientId: client.id });

    for (const actor of [other.owner, other.clinician, practice.otherClinician]) {
      await expect(acknowledgeAlert(actor, { alertId: alert!.id, note: "Trying." })).rejects.toBeInstanceOf(NotFoundError);
      await expect(listAlertHistory(actor, client.id)).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(acknowledgeAlert(practice.owner, { alertId: "not-a-uuid", note: "Trying." })).rejects.toBeInstanceOf(NotFoundError);
    await expect(acknowledgeAlert(practice.owner, { alertId: "00000000-0000-4000-8000-000000000000", note: "Trying." })).rejects.toBeInstanceOf(NotFoundError);
    expect((await alertRows(client.id))[0]).toMatchObject({ acknowledgedAt: null, acknowledgementNote: null });
    expect(await auditOf(client.id, "alert.acknowledge")).toEqual([]);
  });

  it("shows the partner nothing of the other partner's critical answer", async () => {
    const a = await createClientFixture(practice.practiceId, practice.clinician.userId);
    const b = await createClientFixture(practice.practiceId, practice.clinician.userId);
    await linkCoupleFixture(practice.practiceId, a, b);
    await setResultsShared(practice.clinician, a.id, true);
    await setResultsShared(practice.clinician, b.id, true);

    await sitPhq9(practice.clinician, a, 3, ["closeness", "phq9"]);
    const [sent] = await createInvitations(practice.clinician, { clientId: b.id, includePartner: false });
    const tokenB = sent!.link.split("/a/")[1]!;
    const answersB = Object.fromEntries(closenessV1.items.map((item) => [item.id, "5"]));
    expect((await submitAssessment(tokenB, answersB)).ok).toBe(true);

    expect(await listOpenAlerts(practice.clinician, { clientId: a.id })).toHaveLength(1);
    const thankYou = await getThankYouView(tokenB);
    expect(thankYou).not.toBeNull();
    expect(thankYou!.help).toBeNull();
    const results = await getResultsAfterQuestionnaire(tokenB);
    expect(results, "B's results are shared, so the thank-you page shows them").not.toBeNull();
    const seen = JSON.stringify(results).toLowerCase();
    for (const secret of ["phq", "critical", "alert", "better off dead", "self-harm", "crisis", "emergency"]) {
      expect(seen, `the partner's pages mention "${secret}"`).not.toContain(secret);
    }
  });
});
