// Raising safety alerts on critical answers, inside the transaction that stores them: a sent
// sitting's (called by lib/assessments/record.ts) and a saved, unsent part's (lib/invitations/public.ts,
// decision "critical answers in drafts"). No `server-only`: the write path runs in plain Node too
// (seed, fixtures). The outbox and the app's origin are server-only modules (config/env.ts), so they
// are loaded only when an alert is raised: a fixture that writes ordinary assessments from plain Node
// (the Playwright specs) never loads them, and one that raises an alert maps `server-only` as vitest
// does (e2e/db.ts).
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { clients, clinicalAlerts, users } from "@/db/schema";
import { clinicalAlertEmail } from "@/lib/email/templates";

export type CriticalAnswers = {
  practiceId: string;
  clientId: string;
  /** The sent assessment; null for a saved draft (an unfinished questionnaire). */
  assessmentId: string | null;
  /** The link the answers came through; null for assessments written without one (the seed). */
  invitationId: string | null;
  instrumentKey: string;
  instrumentVersion: number;
  /** The critical items answered above their threshold. */
  itemIds: string[];
  /** When the answers were given (sent, or the draft saved): the alert is dated by them. */
  answeredAt: Date;
};

/**
 * One alert per link and critical item — or, without a link, per assessment and item (unique
 * indexes hold both) — and one email to each person who must see it: the client's clinician and
 * the practice's active owners, however many items were critical. An alert that already exists for
 * the link and item (raised when a draft was saved) is not raised again and sends no second email.
 * The email names no client and no answer: it asks them to sign in. Returns how many alerts were new.
 */
export async function raiseCriticalAlerts(executor: Executor, found: readonly CriticalAnswers[]): Promise<number> {
  let raisedCount = 0;
  for (const entry of found) {
    if (entry.itemIds.length === 0) continue;
    const fromDraft = entry.assessmentId === null;
    const raised = await executor
      .insert(clinicalAlerts)
      .values(
        entry.itemIds.map((itemId) => ({
          practiceId: entry.practiceId,
          clientId: entry.clientId,
          assessmentId: entry.assessmentId,
          invitationId: entry.invitationId,
          instrumentKey: entry.instrumentKey,
          instrumentVersion: entry.instrumentVersion,
          itemId,
          draftSavedAt: fromDraft ? entry.answeredAt : null,
          createdAt: entry.answeredAt,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: clinicalAlerts.id });
    if (raised.length === 0) continue;
    raisedCount += raised.length;
    await emailAlertRecipients(executor, entry);
  }
  return raisedCount;
}

/**
 * When a sitting is sent: each alert its saved drafts raised for the link and instrument now names
 * the sent assessment (and keeps when the draft was saved). Called before raising the sent answers'
 * alerts, so an item already alerted on is not raised twice. An alert whose answer was changed
 * before sending stays: a clinician, not the software, decides what a withdrawn answer means.
 */
export async function upgradeDraftAlerts(
  executor: Executor,
  sent: readonly { invitationId: string | null; instrumentKey: string; assessmentId: string }[],
): Promise<void> {
  for (const entry of sent) {
    if (!entry.invitationId) continue;
    await executor
      .update(clinicalAlerts)
      .set({ assessmentId: entry.assessmentId })
      .where(
        and(
          eq(clinicalAlerts.invitationId, entry.invitationId),
          eq(clinicalAlerts.instrumentKey, entry.instrumentKey),
          isNull(clinicalAlerts.assessmentId),
        ),
      );
  }
}

async function emailAlertRecipients(executor: Executor, entry: CriticalAnswers): Promise<void> {
  const [client] = await executor.select({ clinicianId: clients.clinicianId }).from(clients).where(eq(clients.id, entry.clientId));
  const recipients = await executor
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(
      and(
        eq(users.practiceId, entry.practiceId),
        eq(users.active, true),
        or(eq(users.role, "owner"), client ? inArray(users.id, [client.clinicianId]) : undefined),
      ),
    );
  const [{ appUrl }, { enqueueEmail }] = await Promise.all([import("@/lib/core/app-url"), import("@/lib/core/outbox")]);
  const link = appUrl(`/clients/${entry.clientId}`);
  for (const recipient of recipients) {
    const message = clinicalAlertEmail({ userName: recipient.name, link });
    await enqueueEmail(executor, {
      practiceId: entry.practiceId,
      kind: "clinical_alert",
      to: recipient.email,
      subject: message.subject,
      text: message.text,
      html: message.html,
    });
  }
}
