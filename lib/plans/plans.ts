import "server-only";
import { and, asc, desc, eq, exists, inArray, max, ne, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { clients, invitations, planMembers, plans, type Client, type Plan, type PlanStatus } from "@/db/schema";
import { recordAudit } from "@/lib/core/audit";
import type { Actor } from "@/lib/core/actor-types";
import { clientScope, getAccessibleClient, lockIncludablePartner } from "@/lib/core/client-access";
import { displayName } from "@/lib/core/display-name";
import { requestDispatch } from "@/lib/core/outbox";
import { DomainError, NotFoundError } from "@/lib/core/errors";
import type { InstrumentRef } from "@/db/schema";
import { getInstrument, SENDABLE_INSTRUMENTS } from "@/lib/instruments";
import { resolveInstrumentSelection } from "@/lib/invitations/instrument-selection";
import { practiceDefaultExpiryDays } from "@/lib/invitations/invitations";
import { uuidSchema } from "@/lib/core/validation";
import { runPlans } from "./run";
import { addCalendarDays, CADENCES, currentOccurrence, localDay, occurrencesFrom, planLinkDays } from "./schedule";
import { PLAN_LIMITS, type PlanFields } from "./schemas";
import { clock } from "@/lib/core/clock";

/*
 * Measurement plans, as the clinician makes and changes them. The schedule itself is in
 * ./schedule.ts (pure) and the sending in ./run.ts (the job engine's work).
 */

/** The questionnaires a plan can use, as the form offers them: `key@version`. */
/** The questionnaires a plan can send (one or more per occurrence, answered in one sitting). */
export const PLAN_INSTRUMENTS = SENDABLE_INSTRUMENTS.map((instrument) => ({ value: instrument.key, label: instrument.title, description: instrument.description }));

/** "Closeness Inventory + PHQ-9": how a plan's questionnaires are named in lists. */
export function instrumentsLabel(refs: readonly InstrumentRef[]): string {
  return refs.map((ref) => getInstrument(ref.key, ref.version)?.shortTitle ?? ref.key).join(" + ");
}

const sameInstruments = (a: readonly InstrumentRef[], b: readonly InstrumentRef[]) =>
  a.length === b.length && a.every((ref, index) => ref.key === b[index]!.key && ref.version === b[index]!.version);

export type PlanInvitationView = {
  clientId: string;
  clientName: string;
  status: "pending" | "opened" | "completed" | "expired" | "revoked";
  expiresAt: Date;
  completedAt: Date | null;
};

export type PlanView = {
  id: string;
  coupleId: string | null;
  instrumentLabel: string;
  /** The questionnaires' keys, in the order they are answered (the edit form shows them ticked). */
  instrumentKeys: string[];
  cadence: Plan["cadence"];
  cadenceLabel: string;
  startDate: string;
  endKind: Plan["endKind"];
  endCount: number | null;
  endDate: string | null;
  expiryDays: number;
  reminderDays: number[];
  status: PlanStatus;
  pausedAt: Date | null;
  endedAt: Date | null;
  members: { clientId: string; name: string; remindersStoppedAt: Date | null }[];
  /** Occurrences already sent, newest first. */
  sent: { index: number; sentAt: Date; invitations: PlanInvitationView[] }[];
  /** The next dates (local calendar days), while the plan is not ended. */
  upcoming: { index: number; date: string }[];
  /** The first date an edit may keep: the next unsent occurrence, or today. */
  nextDate: string;
};

type NormalizedFields = {
  instruments: InstrumentRef[];
  cadence: Plan["cadence"];
  startDate: string;
  endKind: Plan["endKind"];
  endCount: number | null;
  endDate: string | null;
  expiryDays: number;
  reminderDays: number[];
};

/** The rules a form's shape cannot express; each error names its field. */
function checkFields(fields: PlanFields, timeZone: string, now: Date, options: { alreadySent?: number; defaultExpiryDays: number }): NormalizedFields {
  const instruments = resolveInstrumentSelection(fields.instruments);

  const today = localDay(now, timeZone);
  if (fields.startDate < today) throw new DomainError("The first date is in the past. Choose today or a later date.", "startDate");
  if (fields.startDate > addCalendarDays(today, 366)) throw new DomainError("Choose a first date within a year from today.", "startDate");

  let endCount: number | null = null;
  let endDate: string | null = null;
  if (fields.endKind === "after_count") {
    if (fields.endCount === undefined) throw new DomainError("Enter how many assessments in all.", "endCount");
    const sent = options.alreadySent ?? 0;
    if (fields.endCount <= sent) {
      throw new DomainError(`${sent} ${sent === 1 ? "assessment has" : "assessments have"} already been sent: enter more than ${sent}, or end the plan.`, "endCount");
    }
    endCount = fields.endCount;
  } else if (fields.endKind === "on_date") {
    if (fields.endDate === undefined) throw new DomainError("Enter the date the plan ends.", "endDate");
    if (fields.endDate < fields.startDate) throw new DomainError("The end date must be on or after the first date.", "endDate");
    if (fields.endDate > addCalendarDays(fields.startDate, 3 * 366)) throw new DomainError("Choose an end date within three years of the first date.", "endDate");
    endDate = fields.endDate;
  }

  // One range and one default with one-off sends; a link still never outlives its period.
  const expiryDays = fields.expiryDays ?? options.defaultExpiryDays;
  const linkDays = planLinkDays(expiryDays, fields.cadence);
  const reminderDays: number[] = [];
  for (const [field, day] of [
    ["reminder1", fields.reminder1],
    ["reminder2", fields.reminder2],
  ] as const) {
    if (day === undefined) continue;
    if (day >= linkDays) {
      throw new DomainError(
        linkDays === 1
          ? "A link that expires after 1 day leaves no time for a reminder: leave the reminders empty."
          : `A reminder must come before the link expires, so at most ${linkDays - 1} days after sending.`,
        field,
      );
    }
    if (reminderDays.length > 0 && day <= reminderDays[0]!) throw new DomainError("The second reminder must come after the first.", field);
    reminderDays.push(day);
  }
  if (reminderDays.length > PLAN_LIMITS.reminders.max) throw new DomainError(`At most ${PLAN_LIMITS.reminders.max} reminders.`, "reminder2");

  return {
    instruments,
    cadence: fields.cadence,
    startDate: fields.startDate,
    endKind: fields.endKind,
    endCount,
    endDate,
    expiryDays,
    reminderDays,
  };
}

/** The partner a couple plan includes; the same rules as inviting both (lib/core/client-access.ts). */
function lockPartner(tx: Executor, actor: Actor, client: Client): Promise<Client> {
  return lockIncludablePartner(tx, actor, client, {
    field: "forCouple",
    otherCaseload: "The partner is on another clinician's caseload, so a plan can include only this client.",
    archived: "The partner's record is archived, so the plan can include only this client.",
  });
}

/**
 * Makes a plan for a client, or with `forCouple` for both partners (same dates, a private link
 * each), and sends its first invitations at once if the first date is today and the send hour has
 * passed. Nothing is stored if any rule refuses.
 */
export async function createPlan(
  actor: Actor,
  input: PlanFields & { clientId: string; forCouple: boolean; coupleId?: string },
  now: Date = clock.now(),
): Promise<{ planId: string }> {
  const fields = checkFields(input, actor.practiceTimeZone, now, { defaultExpiryDays: await practiceDefaultExpiryDays(actor) });
  const db = await getDb();
  const planId = await db.transaction(async (tx) => {
    const client = await getAccessibleClient(tx, actor, input.clientId, { forUpdate: true });
    // From the couple's page: the client must be a partner of that couple (another couple's id is "not found").
    if (input.coupleId !== undefined && client.coupleId !== input.coupleId) throw new NotFoundError("Couple");
    if (input.coupleId !== undefined && !input.forCouple) throw new DomainError("A plan made on the couple's page includes both partners.", "forCouple");
    if (client.status !== "active") throw new DomainError("This client is archived. Restore them before making a plan.");
    const members = [client];
    if (input.forCouple) members.push(await lockPartner(tx, actor, client));

    // Under the client rows' locks, so two clinicians saving at once cannot both pass.
    const [clash] = await tx
      .select({ clientId: planMembers.clientId })
      .from(planMembers)
      .innerJoin(plans, eq(plans.id, planMembers.planId))
      .where(
        and(
          inArray(
            planMembers.clientId,
            members.map((member) => member.id),
          ),
          ne(plans.status, "ended"),
          // Any instrument in common: the same questionnaire must not go out on two schedules.
          sql`exists (select 1 from jsonb_array_elements(${plans.instruments}) e where e->>'key' in (${sql.join(
            fields.instruments.map((ref) => sql`${ref.key}`),
            sql`, `,
          )}))`,
        ),
      )
      .limit(1);
    if (clash) {
      const who = members.find((member) => member.id === clash.clientId)!;
      throw new DomainError(`${displayName(who)} already has a plan with one of these questionnaires. Change or end that plan instead.`, "instruments");
    }

    const [plan] = await tx
      .insert(plans)
      .values({
        practiceId: actor.practiceId,
        coupleId: input.forCouple ? client.coupleId : null,
        createdBy: actor.userId,
        ...fields,
      })
      .returning({ id: plans.id });
    await tx.insert(planMembers).values(members.map((member) => ({ planId: plan!.id, clientId: member.id, practiceId: actor.practiceId })));
    for (const member of members) {
      await recordAudit(tx, actor, {
        action: "plan.create",
        subjectType: "plan",
        subjectId: plan!.id,
        clientId: member.id,
        details: { cadence: fields.cadence, startDate: fields.startDate, endKind: fields.endKind, couple: input.forCouple },
      });
    }
    return plan!.id;
  });
  await runPlans({ now, planId });
  requestDispatch();
  return { planId };
}

/** The plan has a member the actor may see: that is who may see and manage it. */
function visibleMemberOf(executor: Executor, actor: Actor) {
  return exists(
    executor
      .select({ one: planMembers.clientId })
      .from(planMembers)
      .innerJoin(clients, eq(clients.id, planMembers.clientId))
      .where(and(eq(planMembers.planId, plans.id), clientScope(actor))),
  );
}

/** Loads a plan one of whose members the actor may see; NotFound otherwise. */
async function loadPlan(executor: Executor, actor: Actor, planId: string, options: { forUpdate?: boolean } = {}): Promise<Plan & { memberIds: string[] }> {
  if (!uuidSchema.safeParse(planId).success) throw new NotFoundError("Plan");
  const visibleMember = visibleMemberOf(executor, actor);
  const query = executor
    .select()
    .from(plans)
    .where(and(eq(plans.id, planId), eq(plans.practiceId, actor.practiceId), visibleMember))
    .limit(1);
  const [plan] = options.forUpdate ? await query.for("update") : await query;
  if (!plan) throw new NotFoundError("Plan");
  const members = await executor.select({ clientId: planMembers.clientId }).from(planMembers).where(eq(planMembers.planId, plan.id));
  return { ...plan, memberIds: members.map((member) => member.clientId) };
}

/**
 * Changes a plan. Every occurrence not yet sent follows the new settings: the schedule restarts
 * on the new first date and keeps counting from the occurrences already sent.
 */
export async function updatePlan(actor: Actor, planId: string, input: PlanFields, now: Date = clock.now()): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const plan = await loadPlan(tx, actor, planId, { forUpdate: true });
    if (plan.status === "ended") throw new DomainError("This plan has ended. Make a new plan instead.");
    const [latest] = await tx.select({ index: max(invitations.planOccurrence) }).from(invitations).where(eq(invitations.planId, plan.id));
    const firstOccurrence = latest?.index == null ? 0 : latest.index + 1;
    const fields = checkFields(input, actor.practiceTimeZone, now, { alreadySent: firstOccurrence, defaultExpiryDays: await practiceDefaultExpiryDays(actor, tx) });
    if (!sameInstruments(fields.instruments, plan.instruments)) {
      throw new DomainError("A plan keeps its questionnaires. End this plan and make a new one to change them.", "instruments");
    }
    await tx
      .update(plans)
      .set({ ...fields, firstOccurrence, updatedAt: now })
      .where(eq(plans.id, plan.id));
    for (const clientId of plan.memberIds) {
      await recordAudit(tx, actor, {
        action: "plan.update",
        subjectType: "plan",
        subjectId: plan.id,
        clientId,
        details: { cadence: fields.cadence, startDate: fields.startDate, endKind: fields.endKind },
      });
    }
  });
  await runPlans({ now, planId });
  requestDispatch();
}

/** Pauses (nothing is sent, no reminders), resumes (the current occurrence goes out if unsent) or ends a plan. */
export async function setPlanStatus(actor: Actor, planId: string, status: PlanStatus, now: Date = clock.now()): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const plan = await loadPlan(tx, actor, planId, { forUpdate: true });
    if (plan.status === status) return;
    if (plan.status === "ended") throw new DomainError("This plan has ended. Make a new plan instead.");
    await tx
      .update(plans)
      .set({
        status,
        pausedAt: status === "paused" ? now : null,
        endedAt: status === "ended" ? now : null,
        updatedAt: now,
      })
      .where(eq(plans.id, plan.id));
    const action = status === "paused" ? "plan.pause" : status === "ended" ? "plan.end" : "plan.resume";
    for (const clientId of plan.memberIds) {
      await recordAudit(tx, actor, { action, subjectType: "plan", subjectId: plan.id, clientId });
    }
  });
  if (status === "active") {
    await runPlans({ now, planId });
    requestDispatch();
  }
}

/** Archiving a client ends every plan they are in (a couple's plan too). Pass the archiving transaction. */
export async function endPlansOfClient(tx: Executor, actor: Actor, clientId: string, now: Date = clock.now()): Promise<void> {
  const memberOf = tx.select({ planId: planMembers.planId }).from(planMembers).where(eq(planMembers.clientId, clientId));
  const ended = await tx
    .update(plans)
    .set({ status: "ended", endedAt: now, updatedAt: now })
    .where(and(eq(plans.practiceId, actor.practiceId), ne(plans.status, "ended"), inArray(plans.id, memberOf)))
    .returning({ id: plans.id });
  for (const plan of ended) {
    await recordAudit(tx, actor, { action: "plan.end", subjectType: "plan", subjectId: plan.id, clientId, details: { reason: "client archived" } });
  }
}

/** The plans a client is in, newest first (a couple's plan appears on both partners' pages). */
export async function listPlansForClient(actor: Actor, clientId: string, now: Date = clock.now()): Promise<PlanView[]> {
  const db = await getDb();
  const client = await getAccessibleClient(db, actor, clientId);
  const ids = db.select({ planId: planMembers.planId }).from(planMembers).where(eq(planMembers.clientId, client.id));
  return planViews(actor, and(eq(plans.practiceId, actor.practiceId), inArray(plans.id, ids))!, now);
}

/** A couple's plans (both partners), for the couple page: those with a partner the actor may see. */
export async function listPlansForCouple(actor: Actor, coupleId: string, now: Date = clock.now()): Promise<PlanView[]> {
  if (!uuidSchema.safeParse(coupleId).success) throw new NotFoundError("Couple");
  const db = await getDb();
  return planViews(actor, and(eq(plans.practiceId, actor.practiceId), eq(plans.coupleId, coupleId), visibleMemberOf(db, actor))!, now);
}

async function planViews(actor: Actor, where: ReturnType<typeof and>, now: Date): Promise<PlanView[]> {
  const db = await getDb();
  const tz = actor.practiceTimeZone;
  const rows = await db.select().from(plans).where(where).orderBy(desc(plans.createdAt));
  if (rows.length === 0) return [];
  const planIds = rows.map((row) => row.id);
  const [members, sent] = await Promise.all([
    db
      .select({ planId: planMembers.planId, remindersStoppedAt: planMembers.remindersStoppedAt, client: clients })
      .from(planMembers)
      .innerJoin(clients, eq(clients.id, planMembers.clientId))
      .where(and(inArray(planMembers.planId, planIds), eq(clients.practiceId, actor.practiceId))),
    db
      .select({
        planId: invitations.planId,
        index: invitations.planOccurrence,
        clientId: invitations.clientId,
        status: invitations.status,
        createdAt: invitations.createdAt,
        expiresAt: invitations.expiresAt,
        completedAt: invitations.completedAt,
      })
      .from(invitations)
      .where(and(inArray(invitations.planId, planIds), eq(invitations.practiceId, actor.practiceId)))
      .orderBy(desc(invitations.planOccurrence), asc(invitations.createdAt)),
  ]);
  const names = new Map(members.map((member) => [member.client.id, displayName(member.client)]));
  return rows.map((plan) => {
    const occurrences = new Map<number, PlanView["sent"][number]>();
    for (const invitation of sent.filter((row) => row.planId === plan.id)) {
      const index = invitation.index ?? 0;
      const entry = occurrences.get(index) ?? { index, sentAt: invitation.createdAt, invitations: [] };
      const expired = (invitation.status === "pending" || invitation.status === "opened") && invitation.expiresAt <= now;
      entry.invitations.push({
        clientId: invitation.clientId,
        clientName: names.get(invitation.clientId) ?? "Client",
        status: expired ? "expired" : invitation.status,
        expiresAt: invitation.expiresAt,
        completedAt: invitation.completedAt,
      });
      occurrences.set(index, entry);
    }
    const sentList = [...occurrences.values()].sort((a, b) => b.index - a.index);
    const nextIndex = sentList.length > 0 ? sentList[0]!.index + 1 : plan.firstOccurrence;
    const current = currentOccurrence(plan, now, tz);
    // Occurrences already due but never sent (missed while paused) are not offered again.
    const fromIndex = Math.max(nextIndex, current && current.index >= nextIndex && plan.status !== "active" ? current.index + 1 : nextIndex);
    const upcoming = plan.status === "ended" ? [] : occurrencesFrom(plan, fromIndex, 4);
    const today = localDay(now, tz);
    return {
      id: plan.id,
      coupleId: plan.coupleId,
      instrumentLabel: instrumentsLabel(plan.instruments),
      instrumentKeys: plan.instruments.map((ref) => ref.key),
      cadence: plan.cadence,
      cadenceLabel: CADENCES[plan.cadence].label,
      startDate: plan.startDate,
      endKind: plan.endKind,
      endCount: plan.endCount,
      endDate: plan.endDate,
      expiryDays: plan.expiryDays,
      reminderDays: plan.reminderDays,
      status: plan.status,
      pausedAt: plan.pausedAt,
      endedAt: plan.endedAt,
      members: members
        .filter((member) => member.planId === plan.id)
        .map((member) => ({ clientId: member.client.id, name: displayName(member.client), remindersStoppedAt: member.remindersStoppedAt })),
      sent: sentList,
      upcoming,
      nextDate: upcoming[0] && upcoming[0].date >= today ? upcoming[0].date : today,
    };
  });
}
