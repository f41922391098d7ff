import "server-only";
import { and, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { clients, clinicalAlerts, users } from "@/db/schema";
import { recordAudit, recordRefusedClientAccess } from "@/lib/core/audit";
import type { Actor } from "@/lib/core/actor-types";
import { clientScope, getAccessibleClient } from "@/lib/core/client-access";
import { displayName } from "@/lib/core/display-name";
import { DomainError, NotFoundError } from "@/lib/core/errors";
import { formatDateTime } from "@/lib/core/format";
import { getInstrument, isTotalInstrument } from "@/lib/instruments";
import { isPlainText, PLAIN_TEXT_ERROR, uuidSchema } from "@/lib/core/validation";
import { clock } from "@/lib/core/clock";

/*
 * Safety alerts on critical answers, as clinicians see and clear them. Raised by lib/alerts/raise.ts
 * in the submission's transaction; an alert stays open until someone who may see the client writes
 * what they did or decided. Who may see one is who may see the client (lib/core/client-access.ts).
 */

export const ACKNOWLEDGEMENT_NOTE_MAX = 1000;
export const NOTE_REQUIRED = "Write what you did or decided — a note is required.";

/** Which item an alert is about, in words a clinician recognises. */
export type AlertItem = {
  instrumentKey: string;
  /** "PHQ-9"; the key itself for an instrument this build no longer knows. */
  instrumentShortTitle: string;
  /** 1-based position in the questionnaire, or null when the definition is unknown. */
  itemNumber: number | null;
  /** The item as the client read it, or null when the definition is unknown. */
  itemText: string | null;
};

/**
 * Where the answer came from: a sent questionnaire, or a saved part of one not sent (yet) — then
 * `draftSavedAt` says when that part was saved. An alert raised from a draft and sent later has both.
 */
export type AlertSource = {
  /** True while the questionnaire holding the answer has not been sent. */
  fromUnfinished: boolean;
  /** When the unfinished questionnaire holding the answer was saved; null when it was first seen sent. */
  draftSavedAt: Date | null;
};

/** "From an unfinished questionnaire, saved 3 Dec 2026, 14:05" and the like; null for an ordinary sent one. */
export function describeAlertSource(source: AlertSource, timeZone: string): string | null {
  if (!source.draftSavedAt) return null;
  const saved = formatDateTime(source.draftSavedAt, timeZone);
  return source.fromUnfinished
    ? `From an unfinished questionnaire, saved ${saved} — not sent yet.`
    : `First seen in an unfinished questionnaire saved ${saved}; since sent.`;
}

export type OpenAlert = AlertItem & AlertSource & {
  id: string;
  clientId: string;
  clientName: string;
  raisedAt: Date;
};

export type AcknowledgedAlert = AlertItem & AlertSource & {
  id: string;
  raisedAt: Date;
  acknowledgedAt: Date;
  /** Null when the user who acknowledged it no longer exists (never, today: users are deactivated, not deleted). */
  acknowledgedByName: string | null;
  note: string;
};

/** "PHQ-9 item 9: “Thoughts that you would be better off dead or of hurting yourself in some way”". */
export function describeAlertItem(item: AlertItem): string {
  if (item.itemNumber === null || item.itemText === null) return `${item.instrumentShortTitle}: a critical answer`;
  return `${item.instrumentShortTitle} item ${item.itemNumber}: “${item.itemText}”`;
}

function alertItem(instrumentKey: string, instrumentVersion: number, itemId: string): AlertItem {
  const def = getInstrument(instrumentKey, instrumentVersion);
  if (!def || !isTotalInstrument(def)) return { instrumentKey, instrumentShortTitle: def?.shortTitle ?? instrumentKey, itemNumber: null, itemText: null };
  const index = def.items.findIndex((item) => item.id === itemId);
  return {
    instrumentKey,
    instrumentShortTitle: def.shortTitle,
    itemNumber: index < 0 ? null : index + 1,
    itemText: index < 0 ? null : def.items[index]!.text,
  };
}

/**
 * The alerts nobody has acknowledged yet, of the clients the actor may see (an owner: the practice's;
 * a clinician: their caseload's), newest first. `clientId` narrows to one client.
 */
export async function listOpenAlerts(actor: Actor, options: { clientId?: string } = {}): Promise<OpenAlert[]> {
  if (options.clientId !== undefined && !uuidSchema.safeParse(options.clientId).success) return [];
  const db = await getDb();
  const rows = await db
    .select({
      id: clinicalAlerts.id,
      clientId: clinicalAlerts.clientId,
      instrumentKey: clinicalAlerts.instrumentKey,
      instrumentVersion: clinicalAlerts.instrumentVersion,
      assessmentId: clinicalAlerts.assessmentId,
      draftSavedAt: clinicalAlerts.draftSavedAt,
      itemId: clinicalAlerts.itemId,
      raisedAt: clinicalAlerts.createdAt,
      firstName: clients.firstName,
      lastName: clients.lastName,
      preferredName: clients.preferredName,
    })
    .from(clinicalAlerts)
    .innerJoin(clients, eq(clients.id, clinicalAlerts.clientId))
    .where(
      and(
        eq(clinicalAlerts.practiceId, actor.practiceId),
        isNull(clinicalAlerts.acknowledgedAt),
        clientScope(actor),
        options.clientId ? eq(clinicalAlerts.clientId, options.clientId) : undefined,
      ),
    )
    .orderBy(desc(clinicalAlerts.createdAt), clinicalAlerts.itemId);
  return rows.map((row) => ({
    id: row.id,
    clientId: row.clientId,
    clientName: displayName(row),
    raisedAt: row.raisedAt,
    fromUnfinished: row.assessmentId === null,
    draftSavedAt: row.draftSavedAt,
    ...alertItem(row.instrumentKey, row.instrumentVersion, row.itemId),
  }));
}

/**
 * Clears an alert with a note of what was done or decided (stored on the alert: it is part of the
 * clinical record). Audited with the alert's id, not the note. Someone who may not see the client
 * gets NotFoundError, as for the client itself; an alert already cleared (a second tab, a colleague
 * first) is refused with who cleared it and when, and changes nothing.
 */
export async function acknowledgeAlert(actor: Actor, input: { alertId: string; note: string }): Promise<{ clientId: string }> {
  const note = input.note.replace(/\r\n?/g, "\n").trim();
  if (!note) throw new DomainError(NOTE_REQUIRED, "note");
  if (note.length > ACKNOWLEDGEMENT_NOTE_MAX) throw new DomainError(`Keep the note to ${ACKNOWLEDGEMENT_NOTE_MAX} characters or fewer.`, "note");
  if (!isPlainText(note)) throw new DomainError(PLAIN_TEXT_ERROR, "note");
  if (!uuidSchema.safeParse(input.alertId).success) throw new NotFoundError("Alert");

  const db = await getDb();
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ alert: clinicalAlerts, clientPracticeId: clients.practiceId })
      .from(clinicalAlerts)
      .innerJoin(clients, eq(clients.id, clinicalAlerts.clientId))
      .where(and(eq(clinicalAlerts.id, input.alertId), eq(clinicalAlerts.practiceId, actor.practiceId), clientScope(actor)))
      .for("update", { of: clinicalAlerts });
    if (!found) {
      // Recorded in the client's trail when the alert is this practice's (another clinician's client).
      const [other] = await tx.select({ clientId: clinicalAlerts.clientId }).from(clinicalAlerts).where(eq(clinicalAlerts.id, input.alertId));
      if (other) void recordRefusedClientAccess(actor, other.clientId);
      throw new NotFoundError("Alert");
    }
    const { alert } = found;
    if (alert.acknowledgedAt) {
      const [by] = alert.acknowledgedBy ? await tx.select({ name: users.name }).from(users).where(eq(users.id, alert.acknowledgedBy)) : [];
      throw new DomainError(
        `This alert was already acknowledged by ${by?.name ?? "someone"} at ${formatDateTime(alert.acknowledgedAt, actor.practiceTimeZone)}.`,
      );
    }
    await tx
      .update(clinicalAlerts)
      .set({ acknowledgedAt: clock.now(), acknowledgedBy: actor.userId, acknowledgementNote: note })
      .where(and(eq(clinicalAlerts.id, alert.id), isNull(clinicalAlerts.acknowledgedAt)));
    await recordAudit(tx, actor, {
      action: "alert.acknowledge",
      subjectType: "clinical_alert",
      subjectId: alert.id,
      clientId: alert.clientId,
      details: { alertId: alert.id, instrumentKey: alert.instrumentKey, itemId: alert.itemId },
    });
    return { clientId: alert.clientId };
  });
}

/** A client's acknowledged alerts, newest acknowledgement first, with who cleared each, when and why. */
export async function listAlertHistory(actor: Actor, clientId: string): Promise<AcknowledgedAlert[]> {
  const db = await getDb();
  const client = await getAccessibleClient(db, actor, clientId);
  const rows = await db
    .select({
      id: clinicalAlerts.id,
      instrumentKey: clinicalAlerts.instrumentKey,
      instrumentVersion: clinicalAlerts.instrumentVersion,
      assessmentId: clinicalAlerts.assessmentId,
      draftSavedAt: clinicalAlerts.draftSavedAt,
      itemId: clinicalAlerts.itemId,
      raisedAt: clinicalAlerts.createdAt,
      acknowledgedAt: clinicalAlerts.acknowledgedAt,
      acknowledgedByName: users.name,
      note: clinicalAlerts.acknowledgementNote,
    })
    .from(clinicalAlerts)
    .leftJoin(users, eq(users.id, clinicalAlerts.acknowledgedBy))
    .where(and(eq(clinicalAlerts.practiceId, actor.practiceId), eq(clinicalAlerts.clientId, client.id), isNotNull(clinicalAlerts.acknowledgedAt)))
    .orderBy(desc(clinicalAlerts.acknowledgedAt), clinicalAlerts.itemId);
  return rows.map((row) => ({
    id: row.id,
    raisedAt: row.raisedAt,
    acknowledgedAt: row.acknowledgedAt!,
    acknowledgedByName: row.acknowledgedByName,
    note: row.note ?? "",
    fromUnfinished: row.assessmentId === null,
    draftSavedAt: row.draftSavedAt,
    ...alertItem(row.instrumentKey, row.instrumentVersion, row.itemId),
  }));
}
