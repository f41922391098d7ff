import "server-only";
import { and, asc, desc, eq, isNull, ne, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { getDb, type Executor } from "@/db/client";
import { auditEvents, clients, couples, practices, users, type Client } from "@/db/schema";
import { recordAudit } from "@/lib/core/audit";
import { forgetCoupleGapChanges, refreshCoupleGaps } from "@/lib/couples/couple-gap";
import type { Actor } from "@/lib/core/actor-types";
import { isOwner, requireOwner } from "@/lib/core/owner";
import { DomainError, isUniqueViolation } from "@/lib/core/errors";
import { endPlansOfClient } from "@/lib/plans/plans";
import { uuidSchema } from "@/lib/core/validation";
import { canSeeClient, clientScope, getAccessibleClient } from "@/lib/core/client-access";
import { displayName } from "@/lib/core/display-name";
import type { ClientInput, CoupleInput, NewPartnerInput } from "./schemas";
import { clock } from "@/lib/core/clock";
import { isLocale } from "@/lib/i18n/catalogues";

const EMAIL_IN_USE = "Another active client of your practice already uses this email.";

/** The clinician a new or edited client belongs to: a clinician's own; an owner's choice within the practice. */
async function resolveClinician(executor: Executor, actor: Actor, requested: string | null, current?: string): Promise<string> {
  if (!isOwner(actor)) return current ?? actor.userId;
  const clinicianId = requested ?? current ?? actor.userId;
  if (!uuidSchema.safeParse(clinicianId).success) throw new DomainError("Choose a clinician from the list.", "clinicianId");
  const [clinician] = await executor
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, clinicianId), eq(users.practiceId, actor.practiceId), eq(users.active, true)))
    .limit(1);
  if (!clinician) throw new DomainError("Choose an active clinician of your practice.", "clinicianId");
  return clinician.id;
}

async function assertEmailFree(executor: Executor, actor: Actor, email: string, exceptClientId?: string, field = "email") {
  const [other] = await executor
    .select({ id: clients.id })
    .from(clients)
    .where(
      and(
        eq(clients.practiceId, actor.practiceId),
        eq(clients.status, "active"),
        eq(sql`lower(${clients.email})`, email.toLowerCase()),
        exceptClientId ? ne(clients.id, exceptClientId) : undefined,
      ),
    )
    .limit(1);
  if (other) throw new DomainError(EMAIL_IN_USE, field);
}

/**
 * Runs a change in a transaction, turning a race on the active-email index into the same calm
 * message (on `emailField`; a form with two emails cannot tell which one raced, so it names none).
 */
async function writeClient<T>(work: (tx: Executor) => Promise<T>, emailField: string | undefined = "email"): Promise<T> {
  const db = await getDb();
  try {
    return await db.transaction(work);
  } catch (error) {
    if (isUniqueViolation(error, "clients_active_email_unique")) throw new DomainError(EMAIL_IN_USE, emailField);
    throw error;
  }
}

type NewClientFields = Omit<ClientInput, "clinicianId" | "language"> & { language?: string | null };

/** A new client's language when the clinician chose none: the practice's (Settings). */
async function practiceLanguage(tx: Executor, practiceId: string): Promise<string> {
  const [row] = await tx.select({ language: practices.language }).from(practices).where(eq(practices.id, practiceId)).limit(1);
  return row?.language ?? "en";
}

/** A language the client can be written to in: one with a catalogue (messages/). */
function checkLanguage(language: string | null | undefined, field = "language"): void {
  if (language && !isLocale(language)) throw new DomainError("Choose a language from the list.", field);
}

/** The one insert of a new client, with its audit row; the caller has checked the email and clinician. */
async function insertClient(tx: Executor, actor: Actor, input: NewClientFields, clinicianId: string, coupleId: string | null = null): Promise<string> {
  const [created] = await tx
    .insert(clients)
    .values({
      practiceId: actor.practiceId,
      clinicianId,
      firstName: input.firstName,
      lastName: input.lastName,
      preferredName: input.preferredName,
      email: input.email,
      phone: input.phone,
      dateOfBirth: input.dateOfBirth,
      language: input.language ?? (await practiceLanguage(tx, actor.practiceId)),
      coupleId,
    })
    .returning({ id: clients.id });
  await recordAudit(tx, actor, { action: "client.create", subjectType: "client", subjectId: created!.id });
  return created!.id;
}

/** Both sides of a new link, as linkPartners, createCouple and addNewPartner record it. */
async function recordLink(tx: Executor, actor: Actor, coupleId: string, a: string, b: string) {
  for (const [subject, other] of [
    [a, b],
    [b, a],
  ] as const) {
    await recordAudit(tx, actor, { action: "client.link_partner", subjectType: "client", subjectId: subject, details: { partnerId: other, coupleId } });
  }
}

export async function createClient(actor: Actor, input: ClientInput): Promise<{ id: string }> {
  return writeClient(async (tx) => {
    const clinicianId = await resolveClinician(tx, actor, input.clinicianId);
    await assertEmailFree(tx, actor, input.email);
    checkLanguage(input.language);
    return { id: await insertClient(tx, actor, input, clinicianId) };
  });
}

/**
 * Both partners and their couple in one transaction: all three or nothing. The clinician follows
 * createClient's rule (a clinician's own; an owner's choice), one clinician for both, since the
 * couple is one piece of work. Errors name the partner's field (`partner2.email`).
 */
export async function createCouple(actor: Actor, input: CoupleInput): Promise<{ coupleId: string; clientIds: [string, string] }> {
  return writeClient(async (tx) => {
    const clinicianId = await resolveClinician(tx, actor, input.clinicianId);
    for (const [index, partner] of input.partners.entries()) {
      await assertEmailFree(tx, actor, partner.email, undefined, `partner${index + 1}.email`);
      checkLanguage(partner.language, `partner${index + 1}.language`);
    }
    const [couple] = await tx.insert(couples).values({ practiceId: actor.practiceId }).returning({ id: couples.id });
    const first = await insertClient(tx, actor, input.partners[0], clinicianId, couple!.id);
    const second = await insertClient(tx, actor, input.partners[1], clinicianId, couple!.id);
    await recordLink(tx, actor, couple!.id, first, second);
    return { coupleId: couple!.id, clientIds: [first, second] };
  }, undefined);
}

/**
 * A new client made as the partner of an existing one, and linked, in one step. The partner joins
 * the client's clinician's caseload (the couple is one piece of work), whoever adds them.
 */
export async function addNewPartner(actor: Actor, clientId: string, input: NewPartnerInput): Promise<{ coupleId: string; partnerId: string }> {
  return writeClient(async (tx) => {
    const client = await getAccessibleClient(tx, actor, clientId, { forUpdate: true });
    await assertCanLink(tx, client);
    await assertEmailFree(tx, actor, input.email);
    const [couple] = await tx.insert(couples).values({ practiceId: actor.practiceId }).returning({ id: couples.id });
    const fields = { ...input, preferredName: null, phone: null, dateOfBirth: null };
    const partnerId = await insertClient(tx, actor, fields, client.clinicianId, couple!.id);
    await tx.update(clients).set({ coupleId: couple!.id, updatedAt: clock.now() }).where(eq(clients.id, client.id));
    await recordLink(tx, actor, couple!.id, client.id, partnerId);
    return { coupleId: couple!.id, partnerId };
  });
}

const EDITABLE_FIELDS = ["firstName", "lastName", "preferredName", "email", "phone", "dateOfBirth", "language"] as const;

export async function updateClient(actor: Actor, clientId: string, given: ClientInput): Promise<void> {
  await writeClient(async (tx) => {
    const client = await getAccessibleClient(tx, actor, clientId, { forUpdate: true });
    // No language posted: it stays as it was.
    const input = { ...given, language: given.language ?? client.language };
    checkLanguage(input.language);
    const clinicianId = await resolveClinician(tx, actor, input.clinicianId, client.clinicianId);
    if (client.status === "active") await assertEmailFree(tx, actor, input.email, client.id);

    const changed = EDITABLE_FIELDS.filter((field) => (client[field] ?? null) !== (input[field] ?? null));
    const reassigned = clinicianId !== client.clinicianId;
    if (changed.length === 0 && !reassigned) return;

    await tx
      .update(clients)
      .set({ ...Object.fromEntries(changed.map((field) => [field, input[field]])), clinicianId, updatedAt: clock.now() })
      .where(eq(clients.id, client.id));
    // Field names only: the audit trail must not become a second copy of the record.
    if (changed.length) {
      await recordAudit(tx, actor, { action: "client.update", subjectType: "client", subjectId: client.id, details: { fields: changed } });
    }
    if (reassigned) {
      await recordAudit(tx, actor, {
        action: "client.reassign",
        subjectType: "client",
        subjectId: client.id,
        details: { from: client.clinicianId, to: clinicianId },
      });
    }
  });
}

export async function setClientArchived(actor: Actor, clientId: string, archived: boolean): Promise<void> {
  await writeClient(async (tx) => {
    const client = await getAccessibleClient(tx, actor, clientId, { forUpdate: true });
    if ((client.status === "archived") === archived) return;
    if (!archived) await assertEmailFree(tx, actor, client.email, client.id);
    await tx
      .update(clients)
      .set({ status: archived ? "archived" : "active", archivedAt: archived ? clock.now() : null, updatedAt: clock.now() })
      .where(eq(clients.id, client.id));
    await recordAudit(tx, actor, { action: archived ? "client.archive" : "client.restore", subjectType: "client", subjectId: client.id });
    // Nothing more is sent to an archived client: their plans (a couple's plan too) end with the archiving.
    if (archived) await endPlansOfClient(tx, actor, client.id);
  });
}

/** Moves every client of one clinician to another (e.g. when someone leaves). Owners only. */
export async function reassignAllClients(actor: Actor, fromClinicianId: string, toClinicianId: string): Promise<number> {
  requireOwner(actor);
  if (!uuidSchema.safeParse(fromClinicianId).success) throw new DomainError("Choose a clinician from the list.");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const target = await resolveClinician(tx, actor, toClinicianId);
    if (target === fromClinicianId) return 0;
    const moved = await tx
      .update(clients)
      .set({ clinicianId: target, updatedAt: clock.now() })
      .where(and(eq(clients.practiceId, actor.practiceId), eq(clients.clinicianId, fromClinicianId)))
      .returning({ id: clients.id });
    for (const client of moved) {
      await recordAudit(tx, actor, {
        action: "client.reassign",
        subjectType: "client",
        subjectId: client.id,
        details: { from: fromClinicianId, to: target },
      });
    }
    return moved.length;
  });
}

/** The other member of a client's current couple, within the same practice. */
async function findPartner(executor: Executor, client: Client): Promise<Client | null> {
  if (!client.coupleId) return null;
  const [partner] = await executor
    .select()
    .from(clients)
    .where(and(eq(clients.coupleId, client.coupleId), ne(clients.id, client.id), eq(clients.practiceId, client.practiceId)))
    .limit(1);
  return partner ?? null;
}

/** Links two active clients as partners. Either one already in a couple: a message, and nothing changes. */
export async function linkPartners(actor: Actor, clientId: string, partnerId: string): Promise<{ coupleId: string }> {
  if (clientId === partnerId) throw new DomainError("A client cannot be their own partner.", "partnerId");
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Lock both rows in a fixed order so two concurrent links cannot deadlock or double-link.
    const [firstId, secondId] = [clientId, partnerId].sort() as [string, string];
    const first = await getAccessibleClient(tx, actor, firstId, { forUpdate: true });
    const second = await getAccessibleClient(tx, actor, secondId, { forUpdate: true });
    const client = first.id === clientId ? first : second;
    const partner = first.id === clientId ? second : first;

    for (const someone of [client, partner]) await assertCanLink(tx, someone);

    const [couple] = await tx.insert(couples).values({ practiceId: actor.practiceId }).returning({ id: couples.id });
    await tx
      .update(clients)
      .set({ coupleId: couple!.id, updatedAt: clock.now() })
      .where(sql`${clients.id} in (${client.id}, ${partner.id})`);
    await recordLink(tx, actor, couple!.id, client.id, partner.id);
    // Partners linked with assessments already behind them have a gap at once.
    await refreshCoupleGaps(tx, [client.id]);
    return { coupleId: couple!.id };
  });
}

/** Only an active client without a partner can be linked; the message names who and why. */
async function assertCanLink(executor: Executor, someone: Client) {
  if (someone.status !== "active") {
    throw new DomainError(`${displayName(someone)} is archived; restore them before linking.`, "partnerId");
  }
  if (someone.coupleId) {
    const current = await findPartner(executor, someone);
    throw new DomainError(`${displayName(someone)} is already linked with ${current ? displayName(current) : "a partner"}. Unlink them first.`, "partnerId");
  }
}

export async function unlinkPartner(actor: Actor, clientId: string): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const client = await getAccessibleClient(tx, actor, clientId, { forUpdate: true });
    if (!client.coupleId) throw new DomainError(`${displayName(client)} has no partner linked.`);
    const partner = await findPartner(tx, client);
    await tx.update(couples).set({ unlinkedAt: clock.now() }).where(eq(couples.id, client.coupleId));
    await tx.update(clients).set({ coupleId: null, updatedAt: clock.now() }).where(eq(clients.coupleId, client.coupleId));
    await forgetCoupleGapChanges(tx, [client.coupleId]);
    for (const subject of [client, partner]) {
      if (!subject) continue;
      await recordAudit(tx, actor, {
        action: "client.unlink_partner",
        subjectType: "client",
        subjectId: subject.id,
        details: { coupleId: client.coupleId, partnerId: subject.id === client.id ? partner?.id : client.id },
      });
    }
  });
}

/** A client the actor may see, for forms; unlike the client page this is not an audited view. */
export async function getClient(actor: Actor, clientId: string): Promise<Client> {
  return getAccessibleClient(await getDb(), actor, clientId);
}

export type PartnerSummary = { id: string; name: string; status: Client["status"]; accessible: boolean };

type ClientDetail = {
  client: Client;
  clinicianName: string;
  partner: PartnerSummary | null;
};

/**
 * A client's record for their page. Viewing is itself recorded: who opened which record, when.
 * The partner is named even when they are on another clinician's caseload (the couple is
 * shared work), but `accessible` says whether their page can be opened.
 */
export async function getClientDetail(actor: Actor, clientId: string): Promise<ClientDetail> {
  const db = await getDb();
  const client = await getAccessibleClient(db, actor, clientId);
  const [clinician] = await db.select({ name: users.name }).from(users).where(eq(users.id, client.clinicianId));
  const partner = await findPartner(db, client);
  await recordAudit(db, actor, { action: "client.view", subjectType: "client", subjectId: client.id });
  return {
    client,
    clinicianName: clinician?.name ?? "—",
    partner: partner
      ? {
          id: partner.id,
          name: displayName(partner),
          status: partner.status,
          accessible: canSeeClient(actor, partner),
        }
      : null,
  };
}

/** Active clients the actor may link as a partner of `clientId`: not in a couple, matching a search. */
export async function findPartnerCandidates(actor: Actor, clientId: string, search: string) {
  const db = await getDb();
  const client = await getAccessibleClient(db, actor, clientId);
  const term = search.trim().toLowerCase();
  if (!term) return [];
  return db
    .select({ id: clients.id, firstName: clients.firstName, lastName: clients.lastName, preferredName: clients.preferredName, email: clients.email })
    .from(clients)
    .where(
      and(
        clientScope(actor),
        eq(clients.status, "active"),
        isNull(clients.coupleId),
        ne(clients.id, client.id),
        sql`${searchExpression()} like ${likePattern(term)}`,
      ),
    )
    .orderBy(asc(clients.lastName), asc(clients.firstName))
    .limit(10);
}

type SearchableColumns = { firstName: PgColumn; lastName: PgColumn; preferredName: PgColumn; email: PgColumn };

/** The expression the trigram index is built on; searches must use exactly this to hit it (`table` for an alias). */
export function searchExpression(table: SearchableColumns = clients) {
  return sql`lower(${table.firstName} || ' ' || ${table.lastName} || ' ' || coalesce(${table.preferredName}, '') || ' ' || ${table.email})`;
}

export function likePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type AuditEntry = { id: number; action: string; actorName: string | null; createdAt: Date; details: Record<string, unknown> | null };

/** A client's audit trail, newest first. Owners only. */
export async function listClientAudit(actor: Actor, clientId: string, limit = 100): Promise<AuditEntry[]> {
  requireOwner(actor);
  const db = await getDb();
  const client = await getAccessibleClient(db, actor, clientId);
  return db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      actorName: users.name,
      createdAt: auditEvents.createdAt,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(eq(auditEvents.practiceId, actor.practiceId), eq(auditEvents.clientId, client.id)))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(limit);
}
