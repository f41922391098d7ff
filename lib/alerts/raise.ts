// Raising safety alerts on critical answers, inside the submission's transaction (called by
// lib/assessments/record.ts). No `server-only`: the write path runs in plain Node too (seed, fixtures).
// The outbox and the app's origin are server-only modules (config/env.ts), so they are loaded only
// when an alert is raised: a fixture that writes ordinary assessments from plain Node (the
// Playwright specs) never loads them, and one that raises an alert maps `server-only` as vitest
// does (e2e/db.ts).
import { and, eq, inArray, or } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { clients, clinicalAlerts, users } from "@/db/schema";
import { clinicalAlertEmail } from "@/lib/email/templates";

export type CriticalAnswers = {
  practiceId: string;
  clientId: string;
  assessmentId: string;
  instrumentKey: string;
  /** The critical items answered above their threshold. */
  itemIds: string[];
  /** When the answers were given: the alert is dated by them (a late write of an old sitting, the seed). */
  answeredAt: Date;
};

/**
 * One alert per assessment and critical item (a unique index holds it), and one email to each
 * person who must see it — the client's clinician and the practice's active owners — however many
 * items were critical. The email names no client and no answer: it asks them to sign in.
 */
export async function raiseCriticalAlerts(executor: Executor, found: readonly CriticalAnswers[]): Promise<void> {
  for (const entry of found) {
    if (entry.itemIds.length === 0) continue;
    const raised = await executor
      .insert(clinicalAlerts)
      .values(
        entry.itemIds.map((itemId) => ({
          practiceId: entry.practiceId,
          clientId: entry.clientId,
          assessmentId: entry.assessmentId,
          instrumentKey: entry.instrumentKey,
          itemId,
          createdAt: entry.answeredAt,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: clinicalAlerts.id });
    if (raised.length === 0) continue;

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
}
