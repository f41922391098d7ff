import "server-only";
import { subMonths } from "date-fns";
import { and, asc, eq, gt, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { clients, invitations, planMembers, plans } from "@/db/schema";
import type { Actor } from "@/lib/core/actor-types";
import { clientScope } from "@/lib/core/client-access";
import { displayName } from "@/lib/core/display-name";
import type { OverviewRange } from "@/lib/overview/params";
import { addCalendarDays, currentOccurrence, localDay, occurrencesFrom } from "./schedule";
import { clock } from "@/lib/core/clock";

/*
 * The overview's view of the measurement plans, for the signed-in clinician (the owner: the
 * practice): what is due in the next seven days, what was sent and is about to expire unfinished,
 * and how many of the plans' assessments were completed in the chosen range.
 */

/** "Overdue": sent, not finished, and expiring within this many hours. */
export const EXPIRING_SOON_HOURS = 48;
const DUE_SOON_DAYS = 7;

export type ScheduleOverview = {
  activePlans: number;
  /** Occurrences not yet sent whose date is today or in the next seven days (practice calendar). */
  dueSoon: { planId: string; date: string; clients: { id: string; name: string }[] }[];
  overdue: { invitationId: string; clientId: string; clientName: string; sentAt: Date; expiresAt: Date }[];
  /** Of the plans' links settled in the range (completed, expired or revoked), how many were completed. */
  completion: { settled: number; completed: number; rate: number | null };
};

export async function getScheduleOverview(actor: Actor, range: OverviewRange, now: Date = clock.now()): Promise<ScheduleOverview> {
  const db = await getDb();
  const tz = actor.practiceTimeZone;
  const visible = and(eq(clients.practiceId, actor.practiceId), clientScope(actor));
  // The links the plans sent to the actor's clients.
  const plansLinks = and(isNotNull(invitations.planId), eq(invitations.practiceId, actor.practiceId), visible);

  const soon = new Date(now.getTime() + EXPIRING_SOON_HOURS * 60 * 60 * 1000);
  const since = range === "all" ? null : subMonths(now, Number(range));
  // Three statements at once, each plan's latest occurrence sent read with its rows.
  const [memberRows, overdueRows, [counts]] = await Promise.all([
    db
      .select({
        plan: plans,
        client: clients,
        latestSent: sql<number | null>`(select max(${invitations.planOccurrence}) from ${invitations} where ${invitations.planId} = ${plans.id})`,
      })
      .from(plans)
      .innerJoin(planMembers, eq(planMembers.planId, plans.id))
      .innerJoin(clients, eq(clients.id, planMembers.clientId))
      .where(and(eq(plans.practiceId, actor.practiceId), eq(plans.status, "active"), visible)),
    db
      .select({ invitation: invitations, client: clients })
      .from(invitations)
      .innerJoin(clients, eq(clients.id, invitations.clientId))
      .where(and(plansLinks, inArray(invitations.status, ["pending", "opened"]), gt(invitations.expiresAt, now), lte(invitations.expiresAt, soon)))
      .orderBy(asc(invitations.expiresAt))
      .limit(50),
    db
      .select({
        settled: sql<number>`count(*) filter (where ${invitations.status} in ('completed', 'revoked') or ${invitations.expiresAt} <= ${now.toISOString()}::timestamptz)::int`,
        completed: sql<number>`count(*) filter (where ${invitations.status} = 'completed')::int`,
      })
      .from(invitations)
      .innerJoin(clients, eq(clients.id, invitations.clientId))
      .where(and(plansLinks, since ? gt(invitations.createdAt, since) : undefined)),
  ]);
  const planIds = [...new Set(memberRows.map((row) => row.plan.id))];
  const nextIndex = new Map(memberRows.map((row) => [row.plan.id, (row.latestSent ?? -1) + 1]));

  const today = localDay(now, tz);
  const horizon = addCalendarDays(today, DUE_SOON_DAYS);
  const dueSoon: ScheduleOverview["dueSoon"] = [];
  for (const planId of planIds) {
    const members = memberRows.filter((row) => row.plan.id === planId);
    const plan = members[0]!.plan;
    // A due occurrence not sent yet (the next run sends it) counts as due today.
    const current = currentOccurrence(plan, now, tz);
    const from = Math.max(nextIndex.get(planId) ?? plan.firstOccurrence, plan.firstOccurrence);
    for (const occurrence of occurrencesFrom(plan, from, DUE_SOON_DAYS + 1)) {
      if (occurrence.date > horizon) break;
      if (occurrence.date < today && occurrence.index !== current?.index) continue;
      dueSoon.push({
        planId,
        date: occurrence.date < today ? today : occurrence.date,
        clients: members.map((row) => ({ id: row.client.id, name: displayName(row.client) })),
      });
    }
  }
  dueSoon.sort((a, b) => a.date.localeCompare(b.date) || a.clients[0]!.name.localeCompare(b.clients[0]!.name));

  const settled = counts?.settled ?? 0;
  const completed = counts?.completed ?? 0;

  return {
    activePlans: planIds.length,
    dueSoon,
    overdue: overdueRows.map(({ invitation, client }) => ({
      invitationId: invitation.id,
      clientId: client.id,
      clientName: displayName(client),
      sentAt: invitation.createdAt,
      expiresAt: invitation.expiresAt,
    })),
    completion: { settled, completed, rate: settled === 0 ? null : completed / settled },
  };
}
