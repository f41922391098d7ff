import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { planMembers, planReminders, practices } from "@/db/schema";
import { recordAudit } from "@/lib/core/audit";
import { hashToken, isWellFormedToken } from "@/lib/core/tokens";
import { clock } from "@/lib/core/clock";

export type StopOutcome = { practiceName: string; stoppedAt: Date } | null;

/**
 * The reminder email's one-click link (`/r/<token>`): stops this plan's reminders to the person it
 * was sent to. Idempotent: a second click (or a mail scanner's) changes nothing and says the same.
 * Null for a link that matches nothing. The token is stored only as its SHA-256.
 */
export async function stopRemindersByToken(token: string, now: Date = clock.now()): Promise<StopOutcome> {
  if (!isWellFormedToken(token)) return null;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [reminder] = await tx
      .select({ planId: planReminders.planId, clientId: planReminders.clientId, practiceId: planReminders.practiceId, practiceName: practices.name })
      .from(planReminders)
      .innerJoin(practices, eq(practices.id, planReminders.practiceId))
      .where(eq(planReminders.stopTokenHash, hashToken(token)))
      .limit(1);
    if (!reminder) return null;
    const member = and(eq(planMembers.planId, reminder.planId), eq(planMembers.clientId, reminder.clientId));
    const stopped = await tx
      .update(planMembers)
      .set({ remindersStoppedAt: now })
      .where(and(member, isNull(planMembers.remindersStoppedAt)))
      .returning({ at: planMembers.remindersStoppedAt });
    if (stopped.length > 0) {
      await recordAudit(
        tx,
        { userId: null, practiceId: reminder.practiceId },
        { action: "plan.reminders_stopped_by_client", subjectType: "plan", subjectId: reminder.planId, clientId: reminder.clientId },
      );
      return { practiceName: reminder.practiceName, stoppedAt: stopped[0]!.at! };
    }
    const [row] = await tx.select({ at: planMembers.remindersStoppedAt }).from(planMembers).where(member);
    return { practiceName: reminder.practiceName, stoppedAt: row?.at ?? now };
  });
}
