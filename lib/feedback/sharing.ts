import "server-only";
import { and, desc, eq, inArray, isNull, max } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditEvents, clients, couples, practices, resultLinks, resultSharing, users } from "@/db/schema";
import { appUrl } from "@/lib/core/app-url";
import { recordAudit } from "@/lib/core/audit";
import type { Actor } from "@/lib/core/actor-types";
import { requireOwner } from "@/lib/core/owner";
import { clientScope, getAccessibleClient } from "@/lib/core/client-access";
import { enqueueEmail, requestDispatch } from "@/lib/core/outbox";
import { resultsLinkEmail } from "@/lib/email/templates";
import { DomainError, NotFoundError } from "@/lib/core/errors";
import { generateToken } from "@/lib/core/tokens";
import { uuidSchema } from "@/lib/core/validation";
import { loadClientResults, type ClientResults } from "./results-source";
import { clock } from "@/lib/core/clock";

/*
 * The clinician's side of sharing results with clients (issue 15): the practice's default (owner),
 * the switch per client, withholding the couple view, and the personal results links. Every
 * function takes the actor and reaches the client through getAccessibleClient, so another
 * practice's or another caseload's client is "not found". Every change is on the client's trail.
 */

export const RESULT_LINK_DAYS = { min: 1, max: 90, default: 30 } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export type ResultLinkStatus = "active" | "expired" | "revoked";

export type ResultLinkSummary = {
  id: string;
  status: ResultLinkStatus;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastViewedAt: Date | null;
};

export type SharingPanel = ClientResults & {
  clientEmail: string;
  clientActive: boolean;
  /** The partner's display facts the actor may know: whether they consented is shown only if the actor may see them. */
  partnerVisible: boolean;
  links: ResultLinkSummary[];
};

function linkStatus(link: { revokedAt: Date | null; expiresAt: Date }, now: Date): ResultLinkStatus {
  if (link.revokedAt) return "revoked";
  return link.expiresAt.getTime() <= now.getTime() ? "expired" : "active";
}

/** Everything the client page's Sharing tab shows, including the preview of what the client sees. */
export async function getSharingPanel(actor: Actor, clientId: string): Promise<SharingPanel> {
  const db = await getDb();
  const client = await getAccessibleClient(db, actor, clientId);
  const results = await loadClientResults(db, client);
  const partnerVisible = results.partnerId
    ? (await db.select({ id: clients.id }).from(clients).where(and(eq(clients.id, results.partnerId), clientScope(actor))).limit(1)).length > 0
    : false;
  const links = await db
    .select({ id: resultLinks.id, createdAt: resultLinks.createdAt, expiresAt: resultLinks.expiresAt, revokedAt: resultLinks.revokedAt })
    .from(resultLinks)
    .where(and(eq(resultLinks.practiceId, actor.practiceId), eq(resultLinks.clientId, client.id)))
    .orderBy(desc(resultLinks.createdAt), desc(resultLinks.id))
    .limit(20);
  // When each link was last opened, from the client's trail (a view writes only its audit row).
  const views = links.length
    ? await db
        .select({ linkId: auditEvents.subjectId, at: max(auditEvents.createdAt) })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.practiceId, actor.practiceId),
            eq(auditEvents.clientId, client.id),
            eq(auditEvents.action, "results.view"),
            inArray(auditEvents.subjectId, links.map((link) => link.id)),
          ),
        )
        .groupBy(auditEvents.subjectId)
    : [];
  const lastViewed = new Map(views.map((view) => [view.linkId, view.at]));
  const now = clock.now();
  return {
    ...results,
    partnerConsent: partnerVisible ? results.partnerConsent : false,
    clientEmail: client.email,
    clientActive: client.status === "active",
    partnerVisible,
    links: links.map((link) => ({ ...link, lastViewedAt: lastViewed.get(link.id) ?? null, status: linkStatus(link, now) })),
  };
}

/** Switches sharing a client's results with them on or off, at once (the next page load shows it). */
export async function setResultsShared(actor: Actor, clientId: string, shared: boolean): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const client = await getAccessibleClient(tx, actor, clientId, { forUpdate: true });
    const now = clock.now();
    const [before] = await tx.select({ shared: resultSharing.shared }).from(resultSharing).where(eq(resultSharing.clientId, client.id));
    if (before?.shared === shared) return;
    await tx
      .insert(resultSharing)
      .values({ clientId: client.id, practiceId: client.practiceId, shared, updatedAt: now })
      .onConflictDoUpdate({ target: resultSharing.clientId, set: { shared, updatedAt: now } });
    await recordAudit(tx, actor, { action: shared ? "results.share_on" : "results.share_off", subjectType: "client", subjectId: client.id });
  });
}

/**
 * Withholds (or allows again) the couple view for the client's current couple, whatever the
 * partners agreed — for example for safety. Recorded on both partners' trails.
 */
export async function setCoupleWithheld(actor: Actor, clientId: string, withheld: boolean): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const client = await getAccessibleClient(tx, actor, clientId, { forUpdate: true });
    if (!client.coupleId) throw new DomainError("This client has no linked partner, so there is no couple view to withhold.");
    const [couple] = await tx
      .select()
      .from(couples)
      .where(and(eq(couples.id, client.coupleId), eq(couples.practiceId, actor.practiceId)))
      .for("update");
    if (!couple) throw new NotFoundError("Couple");
    if (couple.resultsCoupleWithheld === withheld) return;
    await tx.update(couples).set({ resultsCoupleWithheld: withheld }).where(eq(couples.id, couple.id));
    const members = await tx.select({ id: clients.id }).from(clients).where(eq(clients.coupleId, couple.id));
    for (const member of members) {
      await recordAudit(tx, actor, {
        action: withheld ? "results.couple_withheld" : "results.couple_allowed",
        subjectType: "couple",
        subjectId: couple.id,
        clientId: member.id,
      });
    }
  });
}

function checkDays(days: number): number {
  if (!Number.isInteger(days) || days < RESULT_LINK_DAYS.min || days > RESULT_LINK_DAYS.max) {
    throw new DomainError(`Choose a number of days from ${RESULT_LINK_DAYS.min} to ${RESULT_LINK_DAYS.max}.`, "expiresInDays");
  }
  return days;
}

/**
 * A new personal results link for the client, replacing any earlier one (which stops working), and
 * with `email` written to the outbox in the same transaction. The link exists only in the answer
 * and the email: the database keeps its hash.
 */
export async function createResultLink(
  actor: Actor,
  input: { clientId: string; expiresInDays?: number; email: boolean },
): Promise<{ link: string; email: string | null; expiresAt: Date }> {
  const days = checkDays(input.expiresInDays ?? RESULT_LINK_DAYS.default);
  const db = await getDb();
  const made = await db.transaction(async (tx) => {
    const client = await getAccessibleClient(tx, actor, input.clientId, { forUpdate: true });
    if (client.status !== "active") throw new DomainError("This client is archived. Restore them before sharing their results.");
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + days * DAY_MS);
    const replaced = await tx
      .update(resultLinks)
      .set({ revokedAt: now })
      .where(and(eq(resultLinks.clientId, client.id), isNull(resultLinks.revokedAt)))
      .returning({ id: resultLinks.id });
    const { token, tokenHash } = generateToken();
    const [row] = await tx
      .insert(resultLinks)
      .values({ practiceId: client.practiceId, clientId: client.id, createdBy: actor.userId, tokenHash, expiresAt })
      .returning({ id: resultLinks.id });
    const link = appUrl(`/results/${token}`);
    if (input.email) {
      const [clinician] = await tx.select({ name: users.name }).from(users).where(eq(users.id, client.clinicianId));
      const message = resultsLinkEmail({
        practiceName: actor.practiceName,
        clinicianName: clinician?.name ?? actor.name,
        clientFirstName: client.preferredName || client.firstName,
        locale: client.language,
        link,
        expiresAt,
        timeZone: actor.practiceTimeZone,
      });
      await enqueueEmail(tx, { practiceId: actor.practiceId, kind: "results_link", to: client.email, subject: message.subject, text: message.text, html: message.html });
    }
    await recordAudit(tx, actor, {
      action: input.email ? "results.link_emailed" : "results.link_create",
      subjectType: "result_link",
      subjectId: row!.id,
      clientId: client.id,
      details: { expiresInDays: days, replaced: replaced.length },
    });
    return { link, email: input.email ? client.email : null, expiresAt };
  });
  if (input.email) requestDispatch();
  return made;
}

/** Stops a results link at once. */
export async function revokeResultLink(actor: Actor, linkId: string): Promise<void> {
  if (!uuidSchema.safeParse(linkId).success) throw new NotFoundError("Results link");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ link: resultLinks })
      .from(resultLinks)
      .innerJoin(clients, eq(clients.id, resultLinks.clientId))
      .where(and(eq(resultLinks.id, linkId), eq(resultLinks.practiceId, actor.practiceId), clientScope(actor)))
      .limit(1)
      .for("update", { of: resultLinks });
    if (!row) throw new NotFoundError("Results link");
    if (row.link.revokedAt) return;
    await tx.update(resultLinks).set({ revokedAt: clock.now() }).where(eq(resultLinks.id, row.link.id));
    await recordAudit(tx, actor, { action: "results.link_revoke", subjectType: "result_link", subjectId: row.link.id, clientId: row.link.clientId });
  });
}

/** The practice's default for clients whose sharing nobody has set (owner only to change). */
export async function getShareResultsByDefault(actor: Actor): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ value: practices.shareResultsByDefault }).from(practices).where(eq(practices.id, actor.practiceId));
  return row?.value ?? false;
}

export async function setShareResultsByDefault(actor: Actor, value: boolean): Promise<void> {
  requireOwner(actor);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [row] = await tx.select({ value: practices.shareResultsByDefault }).from(practices).where(eq(practices.id, actor.practiceId)).for("update");
    if (!row || row.value === value) return;
    await tx.update(practices).set({ shareResultsByDefault: value, updatedAt: clock.now() }).where(eq(practices.id, actor.practiceId));
    await recordAudit(tx, actor, { action: "practice.update", subjectType: "practice", subjectId: actor.practiceId, details: { fields: ["shareResultsByDefault"], value } });
  });
}

