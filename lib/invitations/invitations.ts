import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { clients, invitations, practices, users, type Client, type Invitation } from "@/db/schema";
import { appUrl } from "@/lib/core/app-url";
import { recordAudit } from "@/lib/core/audit";
import type { Actor } from "@/lib/core/actor-types";
import { clientScope, getAccessibleClient, lockIncludablePartner } from "@/lib/core/client-access";
import { displayName } from "@/lib/core/display-name";
import { enqueueEmail, requestDispatch } from "@/lib/core/outbox";
import { invitationEmail } from "@/lib/email/templates";
import { DomainError, NotFoundError } from "@/lib/core/errors";
import { resolveInstrumentSelection } from "@/lib/invitations/instrument-selection";
import type { InstrumentRef } from "@/db/schema";
import { generateToken, hashToken } from "@/lib/core/tokens";
import { uuidSchema } from "@/lib/core/validation";
import { clock } from "@/lib/core/clock";
import { randomUUID } from "node:crypto";
import { claimSendRequest, finishSendRequest, openLinksOf, type EarlierSend, type SentLinkRecord } from "./send-requests";
import { describeRepeatedLinks, repeatedLinks } from "./send-safety";

export { EXPIRY_DAYS } from "./expiry";
import { EXPIRY_DAYS } from "./expiry";

/** What the dashboard shows. `expired` is derived: a pending or opened invitation past its expiry. */
export type InvitationDisplayStatus = "pending" | "opened" | "completed" | "expired" | "revoked";

/** A link just made. The token exists only here and in the email; the database keeps its hash. */
type SentInvitation = SentLinkRecord;

export type InvitationSummary = {
  id: string;
  clientId: string;
  status: InvitationDisplayStatus;
  instruments: InstrumentRef[];
  createdAt: Date;
  lastSentAt: Date;
  sendCount: number;
  openedAt: Date | null;
  completedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
};

const DAY_MS = 24 * 60 * 60 * 1000;

function invitationStatusOf(
  invitation: Pick<Invitation, "status" | "expiresAt">,
  now: Date = clock.now(),
): InvitationDisplayStatus {
  if ((invitation.status === "pending" || invitation.status === "opened") && invitation.expiresAt.getTime() <= now.getTime()) {
    return "expired";
  }
  return invitation.status;
}

function invitationLink(token: string): string {
  return appUrl(`/a/${token}`);
}

function checkExpiryDays(days: number): number {
  if (!Number.isInteger(days) || days < EXPIRY_DAYS.min || days > EXPIRY_DAYS.max) {
    throw new DomainError(`Choose an expiry of ${EXPIRY_DAYS.min} to ${EXPIRY_DAYS.max} days.`, "expiresInDays");
  }
  return days;
}

async function clinicianNames(executor: Executor, ids: string[]): Promise<Map<string, string>> {
  const rows = await executor.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Writes the invitation email to the outbox in the caller's transaction, so it commits with the link. */
async function enqueueInvitationEmail(
  executor: Executor,
  actor: Actor,
  client: Client,
  clinicianName: string,
  link: string,
  expiresAt: Date,
) {
  const message = invitationEmail({
    practiceName: actor.practiceName,
    clinicianName,
    clientFirstName: client.preferredName || client.firstName,
    locale: client.language,
    link,
    expiresAt,
    timeZone: actor.practiceTimeZone,
  });
  await enqueueEmail(executor, {
    practiceId: actor.practiceId,
    kind: "invitation",
    to: client.email,
    subject: message.subject,
    text: message.text,
    html: message.html,
  });
}

/** How long a new link works when the clinician does not choose: the practice's setting (Settings). */
export async function practiceDefaultExpiryDays(actor: Pick<Actor, "practiceId">, executor?: Executor): Promise<number> {
  const [row] = await (executor ?? (await getDb()))
    .select({ days: practices.defaultLinkExpiryDays })
    .from(practices)
    .where(eq(practices.id, actor.practiceId));
  return row?.days ?? EXPIRY_DAYS.default;
}

type SendInput = {
  clientId: string;
  includePartner: boolean;
  expiresInDays?: number;
  /** Instrument keys, answered in one sitting; undefined: the Closeness Inventory alone. */
  instruments?: readonly string[];
  /** The send form's key, made when it was drawn: a second submit of the same form makes nothing new. */
  requestKey?: string;
  /** The clinician was told the same people have an open link with the same questionnaires, and said yes. */
  confirmRepeat?: boolean;
};

/** The links made, or, for a form already sent, the earlier send (`replayed`) and nothing new. */
export type SendResult = { sent: SentInvitation[]; replayed: EarlierSend | null };

/**
 * Invites a client — and, with `includePartner`, their current partner — to the chosen
 * questionnaires: one invitation and one email each, all in one transaction, so either every
 * partner is invited or none is. Returns the links, which exist nowhere else afterwards but in the
 * emails (and, sealed, for a few minutes on the request, for a replay). Safe sending (issue 23):
 * - the form's `requestKey` is claimed first (a unique index): a double submit gets the first
 *   send back instead of a second set of links;
 * - when any of the people already has an open link with the same questionnaires, nothing is made
 *   until the clinician confirms (`confirmRepeat`): the refusal says who, what, when and whether
 *   it was opened, on the `confirmRepeat` field.
 */
export async function sendQuestionnaires(actor: Actor, input: SendInput): Promise<SendResult> {
  // Current versions: stored key + version keep old links and answers scorable.
  const instruments = resolveInstrumentSelection(input.instruments);
  const requestKey = input.requestKey ?? randomUUID();
  if (!uuidSchema.safeParse(requestKey).success) throw new DomainError("This form is out of date. Reload the page to send.");
  const db = await getDb();
  const days = checkExpiryDays(input.expiresInDays ?? (await practiceDefaultExpiryDays(actor, db)));
  const result = await db.transaction(async (tx): Promise<SendResult> => {
    // The people's rows are locked first: two forms sent at once for them take turns, so the second sees the first's links.
    const recipients = await lockRecipients(tx, actor, input);
    const claim = await claimSendRequest(tx, actor, { requestKey, clientId: input.clientId, instruments });
    if ("earlier" in claim) return { sent: [], replayed: claim.earlier };
    if (!input.confirmRepeat) {
      const open = await openLinksOf(tx, actor, recipients.map((recipient) => ({ id: recipient.id, name: displayName(recipient) })));
      const repeated = repeatedLinks(open, instruments);
      if (repeated.length > 0) throw new DomainError(describeRepeatedLinks(repeated, actor.practiceTimeZone), "confirmRepeat");
    }
    const sent = await makeLinks(tx, actor, recipients, { instruments, days, sendRequestId: claim.id });
    await finishSendRequest(tx, actor, claim.id, sent);
    return { sent, replayed: null };
  });
  if (!result.replayed) requestDispatch();
  return result;
}

/**
 * As sendQuestionnaires, without the repeat check: makes the links whatever is open already (the
 * seed and tests; the send form goes through sendQuestionnaires).
 */
export async function createInvitations(actor: Actor, input: Omit<SendInput, "confirmRepeat">): Promise<SentInvitation[]> {
  return (await sendQuestionnaires(actor, { ...input, confirmRepeat: true })).sent;
}

/** The client (locked) and, with `includePartner`, the partner (locked), each checked for sending. */
async function lockRecipients(tx: Executor, actor: Actor, input: Pick<SendInput, "clientId" | "includePartner">): Promise<Client[]> {
  const client = await getAccessibleClient(tx, actor, input.clientId, { forUpdate: true });
  if (client.status !== "active") throw new DomainError("This client is archived. Restore them before sending an assessment.");
  if (!input.includePartner) return [client];
  const partner = await lockIncludablePartner(tx, actor, client, {
    field: "includePartner",
    otherCaseload:
      "The partner is on another clinician's caseload, so you can send only to this client. Their clinician or the practice owner can invite the partner.",
    archived: "The partner's record is archived, so only this client can be invited.",
  });
  return [client, partner];
}

/** One invitation, one queued email and one audit row per person, in the caller's transaction. */
async function makeLinks(
  tx: Executor,
  actor: Actor,
  recipients: readonly Client[],
  options: { instruments: InstrumentRef[]; days: number; sendRequestId: string },
): Promise<SentInvitation[]> {
  const { instruments, days, sendRequestId } = options;
  const names = await clinicianNames(tx, [...new Set(recipients.map((recipient) => recipient.clinicianId))]);
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + days * DAY_MS);
  const results: SentInvitation[] = [];
  for (const recipient of recipients) {
    const { token, tokenHash } = generateToken();
    const [row] = await tx
      .insert(invitations)
      .values({ practiceId: actor.practiceId, clientId: recipient.id, createdBy: actor.userId, instruments, tokenHash, expiresAt, lastSentAt: now, sendRequestId })
      .returning({ id: invitations.id });
    const link = invitationLink(token);
    await enqueueInvitationEmail(tx, actor, recipient, names.get(recipient.clinicianId) ?? actor.name, link, expiresAt);
    await recordAudit(tx, actor, {
      action: "invitation.create",
      subjectType: "invitation",
      subjectId: row!.id,
      clientId: recipient.id,
      details: { clientId: recipient.id, instruments, expiresInDays: days },
    });
    results.push({ invitationId: row!.id, clientId: recipient.id, clientName: displayName(recipient), email: recipient.email, link, expiresAt, instruments });
  }
  return results;
}

/** A client's invitations, newest first, with the derived status. */
export async function listInvitations(actor: Actor, clientId: string): Promise<InvitationSummary[]> {
  const db = await getDb();
  const client = await getAccessibleClient(db, actor, clientId);
  const rows = await db
    .select({
      id: invitations.id,
      clientId: invitations.clientId,
      status: invitations.status,
      instruments: invitations.instruments,
      createdAt: invitations.createdAt,
      lastSentAt: invitations.lastSentAt,
      sendCount: invitations.sendCount,
      openedAt: invitations.openedAt,
      completedAt: invitations.completedAt,
      revokedAt: invitations.revokedAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .where(and(eq(invitations.practiceId, actor.practiceId), eq(invitations.clientId, client.id)))
    .orderBy(desc(invitations.createdAt), desc(invitations.id));
  const now = clock.now();
  return rows.map((row) => ({ ...row, status: invitationStatusOf(row, now) }));
}

/** Loads and locks an invitation the actor may manage, with its client; NotFound for anything else. */
async function lockInvitation(executor: Executor, actor: Actor, invitationId: string) {
  if (!uuidSchema.safeParse(invitationId).success) throw new NotFoundError("Invitation");
  const [row] = await executor
    .select({ invitation: invitations, client: clients })
    .from(invitations)
    .innerJoin(clients, eq(clients.id, invitations.clientId))
    .where(and(eq(invitations.id, invitationId), eq(invitations.practiceId, actor.practiceId), clientScope(actor)))
    .limit(1)
    .for("update", { of: invitations });
  if (!row) throw new NotFoundError("Invitation");
  return row;
}

/** Kills the link at once. Drafted answers go with it: nobody can submit them any more. */
export async function revokeInvitation(actor: Actor, invitationId: string): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { invitation } = await lockInvitation(tx, actor, invitationId);
    if (invitation.status === "completed") throw new DomainError("This assessment is already completed; there is no link left to revoke.");
    if (invitation.status === "revoked") return;
    const now = clock.now();
    await tx
      .update(invitations)
      .set({ status: "revoked", revokedAt: now, draftAnswers: null, draftUpdatedAt: null, updatedAt: now })
      .where(eq(invitations.id, invitation.id));
    await recordAudit(tx, actor, {
      action: "invitation.revoke",
      subjectType: "invitation",
      subjectId: invitation.id,
      clientId: invitation.clientId,
      details: { clientId: invitation.clientId },
    });
  });
}

/**
 * Sends the invitation again with a new link: the new token's hash replaces the old one, so the old
 * link stops working, and the expiry restarts (by default with the invitation's original length).
 * Answers already drafted stay, so the client resumes where they left off.
 */
export async function resendInvitation(
  actor: Actor,
  invitationId: string,
  options: { expiresInDays?: number } = {},
): Promise<SentInvitation> {
  const db = await getDb();
  const sent = await db.transaction(async (tx) => {
    const { invitation, client } = await lockInvitation(tx, actor, invitationId);
    if (invitation.status === "completed") throw new DomainError("This assessment is already completed, so it cannot be sent again.");
    if (invitation.status === "revoked") throw new DomainError("This link was revoked. Send a new assessment instead.");
    if (client.status !== "active") throw new DomainError("This client is archived. Restore them before sending an assessment.");

    const originalDays = Math.round((invitation.expiresAt.getTime() - invitation.lastSentAt.getTime()) / DAY_MS);
    const days = checkExpiryDays(
      options.expiresInDays ?? Math.min(EXPIRY_DAYS.max, Math.max(EXPIRY_DAYS.min, originalDays || EXPIRY_DAYS.default)),
    );
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + days * DAY_MS);
    const { token, tokenHash } = generateToken();
    await tx
      .update(invitations)
      .set({ tokenHash, expiresAt, lastSentAt: now, sendCount: invitation.sendCount + 1, updatedAt: now })
      .where(eq(invitations.id, invitation.id));

    const names = await clinicianNames(tx, [client.clinicianId]);
    const link = invitationLink(token);
    await enqueueInvitationEmail(tx, actor, client, names.get(client.clinicianId) ?? actor.name, link, expiresAt);
    await recordAudit(tx, actor, {
      action: "invitation.resend",
      subjectType: "invitation",
      subjectId: invitation.id,
      clientId: client.id,
      details: { clientId: client.id, sendCount: invitation.sendCount + 1, expiresInDays: days },
    });
    return { invitationId: invitation.id, clientId: client.id, clientName: displayName(client), email: client.email, link, expiresAt, instruments: invitation.instruments };
  });
  requestDispatch();
  return sent;
}

/**
 * Before "Open here" hands this device to a client: the link must be an open invitation of a
 * client the actor may see (NotFoundError otherwise), and the hand-over goes on the client's trail.
 */
export async function recordHandOver(actor: Actor, token: string): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [invitation] = await tx
      .select({ id: invitations.id, clientId: invitations.clientId })
      .from(invitations)
      .innerJoin(clients, eq(clients.id, invitations.clientId))
      .where(and(eq(invitations.tokenHash, hashToken(token)), inArray(invitations.status, ["pending", "opened"]), clientScope(actor)))
      .limit(1);
    if (!invitation) throw new NotFoundError("Invitation");
    await recordAudit(tx, actor, {
      action: "invitation.open_here",
      subjectType: "invitation",
      subjectId: invitation.id,
      clientId: invitation.clientId,
    });
  });
}
