import "server-only";
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { teamInvitations } from "@/db/schema";
import { appUrl } from "@/lib/core/app-url";
import type { Actor } from "@/lib/core/actor-types";
import { recordAudit } from "@/lib/core/audit";
import { clock } from "@/lib/core/clock";
import { DomainError } from "@/lib/core/errors";
import { enqueueEmail } from "@/lib/core/outbox";
import { generateToken } from "@/lib/core/tokens";
import { uuidSchema } from "@/lib/core/validation";
import { teamInvitationExistingAccountEmail } from "@/lib/email/templates";

/*
 * Issue 24, probe 8: an address the owner adds that already has an account in another practice.
 * Its holder gets a note (no link); the owner's team list shows a row for it that reads and acts
 * like a clinician with a free address who has not set a password yet — "Invited", a new link, deactivate,
 * reactivate — so the list does not tell the owner which addresses have an Attune account
 * (docs/decisions/0008, 0040). Each operation here is the twin of the one on a real member in team.ts.
 */

export type InvitedElsewhere = typeof teamInvitations.$inferSelect;

/** The practice's rows of addresses held elsewhere, shaped by the caller as team members. */
export function listInvitedElsewhere(executor: Executor, practiceId: string): Promise<InvitedElsewhere[]> {
  return executor.select().from(teamInvitations).where(eq(teamInvitations.practiceId, practiceId));
}

/** This practice's row with this id, locked; null when there is none (the caller then answers "not found"). */
export async function findInvitedElsewhere(executor: Executor, actor: Actor, id: string): Promise<InvitedElsewhere | null> {
  if (!uuidSchema.safeParse(id).success) return null;
  const [row] = await executor
    .select()
    .from(teamInvitations)
    .where(and(eq(teamInvitations.id, id), eq(teamInvitations.practiceId, actor.practiceId)))
    .limit(1)
    .for("update");
  return row ?? null;
}

function noteFor(actor: Actor, name: string) {
  return teamInvitationExistingAccountEmail({ practiceName: actor.practiceName, ownerName: actor.name, userName: name });
}

/** Adding: the holder is told, and the practice keeps a row the team list shows as "Invited". */
export async function inviteHeldAddress(tx: Executor, actor: Actor, input: { name: string; email: string }): Promise<void> {
  const [existing] = await tx
    .select({ id: teamInvitations.id })
    .from(teamInvitations)
    .where(and(eq(teamInvitations.practiceId, actor.practiceId), eq(teamInvitations.email, input.email)))
    .limit(1);
  // The same answer as for a member of the team: the owner sees this row in their list.
  if (existing) throw new DomainError("Someone on your team already uses this email.", "email");
  const [row] = await tx.insert(teamInvitations).values({ practiceId: actor.practiceId, name: input.name, email: input.email }).returning({ id: teamInvitations.id });
  await enqueueEmail(tx, { practiceId: actor.practiceId, kind: "set_password", to: input.email, ...noteFor(actor, input.name) });
  await recordAudit(tx, actor, { action: "user.create", subjectType: "user", subjectId: row!.id });
}

/**
 * "New set-password link": the holder is told again; the owner gets a link shaped like every other,
 * which opens onto "this link no longer works" (there is no account here to set a password for).
 */
export async function resendToHeldAddress(tx: Executor, actor: Actor, row: InvitedElsewhere): Promise<{ link: string; expiresAt: Date }> {
  if (!row.active) throw new DomainError(`${row.name} is deactivated; reactivate them first.`);
  await enqueueEmail(tx, { practiceId: actor.practiceId, kind: "set_password", to: row.email, ...noteFor(actor, row.name) });
  await recordAudit(tx, actor, { action: "user.resend_set_password", subjectType: "user", subjectId: row.id });
  return { link: appUrl(`/set-password/${generateToken().token}`), expiresAt: new Date(clock.ms() + 72 * 60 * 60 * 1000) };
}

export async function setHeldAddressActive(tx: Executor, actor: Actor, row: InvitedElsewhere, active: boolean): Promise<void> {
  if (row.active === active) return;
  await tx.update(teamInvitations).set({ active }).where(eq(teamInvitations.id, row.id));
  await recordAudit(tx, actor, {
    action: active ? "user.reactivate" : "user.deactivate",
    subjectType: "user",
    subjectId: row.id,
    details: active ? undefined : { endedSessions: 0 },
  });
}
