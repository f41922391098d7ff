import "server-only";
import { and, eq, gt, inArray, isNull, max, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { clients, invitations, planMembers, planReminders, plans, practices, users, type Plan } from "@/db/schema";
import { appUrl } from "@/lib/core/app-url";
import { recordAudit } from "@/lib/core/audit";
import { enqueueEmail } from "@/lib/core/outbox";
import { invitationEmail, reminderEmail } from "@/lib/email/templates";
import { generateToken } from "@/lib/core/tokens";
import { addLocalDays, currentOccurrence, hasEnded, planLinkDays } from "./schedule";
import { clock } from "@/lib/core/clock";

/*
 * The plans' work, run by the job engine every minute (lib/core/jobs.ts) and right after a plan
 * is made or changed: send the current occurrence's invitations, send due reminders, close plans
 * that are done. Safe to run any number of times, at once, on any number of instances: every
 * "exactly once" is a unique index (invitations: plan, occurrence, client; plan_reminders:
 * invitation, reminder number), and a second run's insert finds the first one's row and does nothing.
 */

type RunOptions = {
  /** The current time (tests move it; the engine passes the real clock). */
  now?: Date;
  /** Only this plan (after a clinician changed it). */
  planId?: string;
  /** Only this practice's plans (tests that share a database). */
  practiceId?: string;
};

export type RunResult = { invitations: number; reminders: number; ended: number };

type PlanRow = Plan & { timeZone: string; practiceName: string };

export async function runPlans(options: RunOptions = {}): Promise<RunResult> {
  const now = options.now ?? clock.now();
  const db = await getDb();
  const active = await db
    .select({ plan: plans, timeZone: practices.timeZone, practiceName: practices.name })
    .from(plans)
    .innerJoin(practices, eq(practices.id, plans.practiceId))
    .where(
      and(
        eq(plans.status, "active"),
        options.planId ? eq(plans.id, options.planId) : undefined,
        options.practiceId ? eq(plans.practiceId, options.practiceId) : undefined,
      ),
    );
  const result: RunResult = { invitations: 0, reminders: 0, ended: 0 };
  for (const { plan, timeZone, practiceName } of active) {
    const row: PlanRow = { ...plan, timeZone, practiceName };
    result.invitations += await sendCurrentOccurrence(row, now);
    result.reminders += await sendDueReminders(row, now);
    result.ended += await endIfDone(row, now);
  }
  return result;
}

/** Invites every active member to the current occurrence, unless that was done already. */
async function sendCurrentOccurrence(plan: PlanRow, now: Date): Promise<number> {
  const current = currentOccurrence(plan, now, plan.timeZone);
  if (!current) return 0;
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Cheap check first; the unique index is what guarantees it.
    const [latest] = await tx.select({ index: max(invitations.planOccurrence) }).from(invitations).where(eq(invitations.planId, plan.id));
    if (latest?.index != null && latest.index >= current.index) return 0;
    const members = await tx
      .select({ client: clients, clinicianName: users.name })
      .from(planMembers)
      .innerJoin(clients, eq(clients.id, planMembers.clientId))
      .innerJoin(users, eq(users.id, clients.clinicianId))
      .where(and(eq(planMembers.planId, plan.id), eq(clients.status, "active")));
    const expiresAt = addLocalDays(now, planLinkDays(plan.expiryDays, plan.cadence), plan.timeZone);
    let sent = 0;
    for (const { client, clinicianName } of members) {
      const { token, tokenHash } = generateToken();
      const inserted = await tx
        .insert(invitations)
        .values({
          practiceId: plan.practiceId,
          clientId: client.id,
          createdBy: plan.createdBy,
          instruments: plan.instruments,
          tokenHash,
          expiresAt,
          lastSentAt: now,
          createdAt: now,
          updatedAt: now,
          planId: plan.id,
          planOccurrence: current.index,
        })
        .onConflictDoNothing()
        .returning({ id: invitations.id });
      if (inserted.length === 0) continue;
      const message = invitationEmail({
        practiceName: plan.practiceName,
        clinicianName,
        clientFirstName: client.preferredName || client.firstName,
        locale: client.language,
        link: appUrl(`/a/${token}`),
        expiresAt,
        timeZone: plan.timeZone,
      });
      await enqueueEmail(tx, { practiceId: plan.practiceId, kind: "invitation", to: client.email, ...message });
      await recordAudit(
        tx,
        { userId: null, practiceId: plan.practiceId },
        {
          action: "invitation.create",
          subjectType: "invitation",
          subjectId: inserted[0]!.id,
          clientId: client.id,
          details: { clientId: client.id, planId: plan.id, occurrence: current.index, expiresInDays: planLinkDays(plan.expiryDays, plan.cadence) },
        },
      );
      sent++;
    }
    return sent;
  });
}

/**
 * Sends each open invitation of the plan its latest due reminder, once. Never to someone who has
 * finished, whose link was revoked or has expired, who stopped reminders, or who was archived.
 * A reminder carries a fresh link only if the first was never opened: rotating an opened link
 * would break a questionnaire the client has open; their saved answers wait at the first link.
 */
async function sendDueReminders(plan: PlanRow, now: Date): Promise<number> {
  const days = plan.reminderDays;
  if (days.length === 0) return 0;
  const db = await getDb();
  const open = await db
    .select({ id: invitations.id, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt })
    .from(invitations)
    .innerJoin(planMembers, and(eq(planMembers.planId, invitations.planId), eq(planMembers.clientId, invitations.clientId)))
    .where(
      and(
        eq(invitations.planId, plan.id),
        inArray(invitations.status, ["pending", "opened"]),
        gt(invitations.expiresAt, now),
        isNull(planMembers.remindersStoppedAt),
      ),
    );
  let sent = 0;
  for (const invitation of open) {
    // The latest reminder due: after a downtime, one reminder, not every one missed.
    let number = 0;
    days.forEach((day, i) => {
      const at = addLocalDays(invitation.createdAt, day, plan.timeZone);
      if (at <= now && at < invitation.expiresAt) number = i + 1;
    });
    if (number === 0) continue;
    if (await remindOnce(plan, invitation.id, number, now)) sent++;
  }
  return sent;
}

async function remindOnce(plan: PlanRow, invitationId: string, number: number, now: Date): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ invitation: invitations, client: clients, clinicianName: users.name, stoppedAt: planMembers.remindersStoppedAt })
      .from(invitations)
      .innerJoin(clients, eq(clients.id, invitations.clientId))
      .innerJoin(users, eq(users.id, clients.clinicianId))
      .innerJoin(planMembers, and(eq(planMembers.planId, invitations.planId), eq(planMembers.clientId, invitations.clientId)))
      .where(eq(invitations.id, invitationId))
      .for("update", { of: invitations });
    // Checked again under the lock: the client may have finished a moment ago.
    if (!row) return false;
    const { invitation, client } = row;
    const stillOpen =
      (invitation.status === "pending" || invitation.status === "opened") && invitation.expiresAt > now && row.stoppedAt === null && client.status === "active";
    if (!stillOpen) return false;
    const [later] = await tx
      .select({ number: max(planReminders.reminderNumber) })
      .from(planReminders)
      .where(eq(planReminders.invitationId, invitation.id));
    if (later?.number != null && later.number >= number) return false;
    const stop = generateToken();
    const inserted = await tx
      .insert(planReminders)
      .values({
        practiceId: plan.practiceId,
        planId: plan.id,
        invitationId: invitation.id,
        clientId: client.id,
        reminderNumber: number,
        stopTokenHash: stop.tokenHash,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: planReminders.id });
    if (inserted.length === 0) return false;

    let link: string | null = null;
    if (invitation.status === "pending") {
      const fresh = generateToken();
      await tx
        .update(invitations)
        .set({ tokenHash: fresh.tokenHash, lastSentAt: now, sendCount: sql`${invitations.sendCount} + 1`, updatedAt: now })
        .where(eq(invitations.id, invitation.id));
      link = appUrl(`/a/${fresh.token}`);
    }
    const message = reminderEmail({
      practiceName: plan.practiceName,
      clinicianName: row.clinicianName,
      clientFirstName: client.preferredName || client.firstName,
      locale: client.language,
      link,
      firstSentAt: invitation.createdAt,
      expiresAt: invitation.expiresAt,
      stopLink: appUrl(`/r/${stop.token}`),
      timeZone: plan.timeZone,
    });
    await enqueueEmail(tx, { practiceId: plan.practiceId, kind: "reminder", to: client.email, ...message });
    await recordAudit(
      tx,
      { userId: null, practiceId: plan.practiceId },
      {
        action: "invitation.remind",
        subjectType: "invitation",
        subjectId: invitation.id,
        clientId: client.id,
        details: { clientId: client.id, planId: plan.id, reminder: number, newLink: link !== null },
      },
    );
    return true;
  });
}

/** A plan whose last occurrence is sent and whose links are all closed has run its course. */
async function endIfDone(plan: PlanRow, now: Date): Promise<number> {
  const current = currentOccurrence(plan, now, plan.timeZone);
  if (!current || !hasEnded(plan, current.index + 1)) return 0;
  const db = await getDb();
  const [open] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(invitations)
    .where(and(eq(invitations.planId, plan.id), inArray(invitations.status, ["pending", "opened"]), gt(invitations.expiresAt, now)));
  const [sent] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(invitations)
    .where(and(eq(invitations.planId, plan.id), eq(invitations.planOccurrence, current.index)));
  if ((open?.count ?? 0) > 0 || (sent?.count ?? 0) === 0) return 0;
  return db.transaction(async (tx) => {
    const ended = await tx
      .update(plans)
      .set({ status: "ended", endedAt: now, updatedAt: now })
      .where(and(eq(plans.id, plan.id), eq(plans.status, "active")))
      .returning({ id: plans.id });
    if (ended.length === 0) return 0;
    await recordAudit(tx, { userId: null, practiceId: plan.practiceId }, { action: "plan.complete", subjectType: "plan", subjectId: plan.id, clientId: null });
    return 1;
  });
}
