import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { auditEvents, clients, clinicalAlerts, invitations, practices, users } from "@/db/schema";
import { crisisTextIn } from "@/lib/alerts/crisis-language";
import { raiseCriticalAlerts } from "@/lib/alerts/raise";
import { recordCompletedAssessments } from "@/lib/assessments/record";
import { requestDispatch } from "@/lib/core/outbox";
import { isUniqueViolation } from "@/lib/core/errors";
import { resolveLocale } from "@/lib/i18n/catalogues";
import { criticalAnswers, getInstrument, isOptionalItem, isTotalInstrument, validateAnswers, type AnyInstrument } from "@/lib/instruments";
import { instrumentIn } from "@/lib/instruments/translations";
import { InvitationBusyError, inInvitationTransaction } from "@/lib/invitations/invitation-transaction";
import { hashToken, isWellFormedToken } from "@/lib/core/tokens";
import { log } from "@/config/log";
import { clock } from "@/lib/core/clock";

/*
 * The client's side of an invitation. There is no actor here: the token in the link is the
 * client's only credential, so everything is looked up by its hash, and anything that is not a
 * usable invitation — unknown, revoked, expired, archived client — is one and the same "invalid",
 * which reveals nothing about whose link it was.
 */

export type OpenInvitationView = {
  state: "open";
  /** The client's language: the page's words and, where translated, the instruments'. */
  locale: string;
  practiceName: string;
  clinicianName: string;
  /** Answered in one sitting, in this order; item ids are unique across instruments. */
  instruments: AnyInstrument[];
  /** Answers saved so far, valid values for known items only. */
  draft: Record<string, number>;
  /** Where to get help now, once a saved answer of this link was critical (lib/alerts/crisis.ts); else null. */
  help: string | null;
};

export type PublicInvitationView = { state: "invalid" } | { state: "completed" } | OpenInvitationView;

export type SaveDraftResult =
  | { ok: true; answered: number; invalid: string[]; help: string | null }
  | { ok: false; reason: "invalid" | "completed" };

export type SubmitResult =
  | { ok: true; assessmentIds: string[]; critical: boolean }
  | { ok: false; reason: "missing"; missing: string[] }
  | { ok: false; reason: "invalid" | "completed"; missing?: undefined };

type Found = NonNullable<Awaited<ReturnType<typeof findByToken>>>;

async function findByToken(executor: Executor, token: string, options: { forUpdate?: boolean } = {}) {
  const query = executor
    .select({
      invitation: invitations,
      clientStatus: clients.status,
      practiceName: practices.name,
      practiceCrisisText: practices.crisisText,
      practiceLanguage: practices.language,
      clientLanguage: clients.language,
      clinicianName: users.name,
    })
    .from(invitations)
    .innerJoin(clients, eq(clients.id, invitations.clientId))
    .innerJoin(practices, eq(practices.id, invitations.practiceId))
    .innerJoin(users, eq(users.id, clients.clinicianId))
    .where(eq(invitations.tokenHash, hashToken(token)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for("update", { of: invitations }) : await query;
  return row;
}

function stateOf(found: Found | undefined, now: Date): "invalid" | "completed" | "open" {
  if (!found) return "invalid";
  const { invitation } = found;
  if (invitation.status === "completed") return "completed";
  if (invitation.status === "revoked") return "invalid";
  if (invitation.expiresAt.getTime() <= now.getTime()) return "invalid";
  if (found.clientStatus !== "active") return "invalid";
  const unknown = invitation.instruments.filter((ref) => !getInstrument(ref.key, ref.version));
  if (unknown.length > 0 || invitation.instruments.length === 0) {
    log.error({ module: "invitations", invitationId: invitation.id, unknown }, "invitation names an unknown instrument");
    return "invalid";
  }
  return "open";
}

/** The sitting's instruments in the client's language, each with the language it is actually shown in (English without a translation). */
function sittingOf(found: Found): { instrument: AnyInstrument; language: string }[] {
  return found.invitation.instruments.map((ref) => instrumentIn(getInstrument(ref.key, ref.version)!, resolveLocale(found.clientLanguage)));
}

function instrumentsOf(found: Found): AnyInstrument[] {
  return sittingOf(found).map((entry) => entry.instrument);
}

/** Where to get help, in the client's language. */
function helpTextOf(found: Found): string {
  return crisisTextIn(found.practiceCrisisText, resolveLocale(found.clientLanguage), found.practiceLanguage);
}

/** Valid answers to any of the sitting's instruments, one flat map (item ids are unique across instruments). */
function validAnswers(instruments: readonly AnyInstrument[], raw: Readonly<Record<string, unknown>>) {
  const result = { answers: {} as Record<string, number>, invalid: [] as string[] };
  for (const instrument of instruments) {
    const given = validateAnswers(instrument, raw);
    Object.assign(result.answers, given.answers);
    result.invalid.push(...given.invalid);
  }
  return result;
}

/** The stored draft, re-validated: it is our own data, but a bad value must never reach scoring. */
function draftOf(instruments: readonly AnyInstrument[], found: Found): Record<string, number> {
  return validAnswers(instruments, found.invitation.draftAnswers ?? {}).answers;
}

/** Only this instrument's answers: each is stored and scored on its own. */
function answersFor(instrument: AnyInstrument, answers: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(instrument.items.filter((item) => Object.hasOwn(answers, item.id)).map((item) => [item.id, answers[item.id]!]));
}

/** What `/a/<token>` shows. The first view of an open invitation marks it opened. */
export async function getInvitationView(token: string): Promise<PublicInvitationView> {
  // Junk costs no query.
  if (!isWellFormedToken(token)) return { state: "invalid" };
  const db = await getDb();
  const found = await findByToken(db, token);
  const now = clock.now();
  const state = stateOf(found, now);
  if (state !== "open" || !found) return { state: state === "completed" ? "completed" : "invalid" };

  if (found.invitation.status === "pending") {
    // Marking it opened is a courtesy to the clinician: a locked row must not keep the page from showing.
    await inInvitationTransaction(token, (tx) =>
      tx
        .update(invitations)
        .set({ status: "opened", openedAt: now, updatedAt: now })
        .where(and(eq(invitations.id, found.invitation.id), eq(invitations.status, "pending"))),
    ).catch((error: unknown) => {
      if (!(error instanceof InvitationBusyError)) throw error;
      log.warn({ module: "invitations", invitationId: found.invitation.id }, "invitation is locked; not marked opened on this view");
    });
  }
  const instruments = instrumentsOf(found);
  return {
    state: "open",
    locale: resolveLocale(found.clientLanguage),
    practiceName: found.practiceName,
    clinicianName: found.clinicianName,
    instruments,
    draft: draftOf(instruments, found),
    help: (await hasAlert(db, found.invitation.id)) ? helpTextOf(found) : null,
  };
}

/** Whether any answer given through this link, sent or only saved, raised an alert. */
async function hasAlert(executor: Executor, invitationId: string): Promise<boolean> {
  const [alert] = await executor.select({ id: clinicalAlerts.id }).from(clinicalAlerts).where(eq(clinicalAlerts.invitationId, invitationId)).limit(1);
  return alert !== undefined;
}

/**
 * Raises an alert for each critical answer in a saved draft (decision: critical answers in drafts),
 * in the save's transaction; once per link and item (the unique index), so saving again raises
 * nothing new. Returns whether this save raised one, so its emails can be sent at once.
 */
async function raiseDraftAlerts(tx: Executor, found: Found, instruments: readonly AnyInstrument[], draft: Record<string, number>, now: Date) {
  const { invitation } = found;
  const raised = await raiseCriticalAlerts(
    tx,
    instruments.filter(isTotalInstrument).map((instrument) => ({
      practiceId: invitation.practiceId,
      clientId: invitation.clientId,
      assessmentId: null,
      invitationId: invitation.id,
      instrumentKey: instrument.key,
      instrumentVersion: instrument.version,
      itemIds: criticalAnswers(instrument, draft),
      answeredAt: now,
    })),
  );
  return raised > 0;
}

/** How long after completing the thank-you page still names who the answers went to. */
export const THANK_YOU_NAMES_FOR_MS = 60 * 60 * 1000;

/**
 * What the thank-you page of a completed link shows; null for any other link. `sentTo` names who
 * the answers went to, only for an hour after completion: later, whoever holds the used link learns
 * nothing about whose it was, as with every other used or unusable link. `help` has no such limit:
 * after a critical answer, where to get help stays for as long as the page can be opened (it names
 * nobody unless the practice's own text does).
 */
export type ThankYouView = {
  sentTo: { practiceName: string; clinicianName: string } | null;
  /** The practice's crisis information, when an answer given through this link was critical (lib/alerts); else null. */
  help: string | null;
};

export async function getThankYouView(token: string, now = clock.now()): Promise<ThankYouView | null> {
  if (!isWellFormedToken(token)) return null;
  const db = await getDb();
  const found = await findByToken(db, token);
  const completedAt = found?.invitation.status === "completed" ? found.invitation.completedAt : null;
  if (!found || !completedAt) return null;
  const recent = now.getTime() - completedAt.getTime() <= THANK_YOU_NAMES_FOR_MS;
  return {
    sentTo: recent ? { practiceName: found.practiceName, clinicianName: found.clinicianName } : null,
    help: (await hasAlert(db, found.invitation.id)) ? helpTextOf(found) : null,
  };
}

/**
 * Merges answers into the saved draft. Values that are not on the scale, and keys that are not
 * items, are ignored (reported in `invalid` for known items), so one bad field never costs the rest.
 * A critical answer in the stored draft raises its alert in the same transaction, and the result
 * carries the help to show the client at once. Throws InvitationBusyError, rather than waiting,
 * while the invitation's row is locked elsewhere.
 */
export async function saveDraft(token: string, rawAnswers: Readonly<Record<string, unknown>>): Promise<SaveDraftResult> {
  if (!isWellFormedToken(token)) return { ok: false, reason: "invalid" };
  const saved = await inInvitationTransaction(token, async (tx): Promise<SaveDraftResult & { raised?: boolean }> => {
    const found = await findByToken(tx, token, { forUpdate: true });
    const now = clock.now();
    const state = stateOf(found, now);
    if (state !== "open" || !found) return { ok: false, reason: state === "completed" ? "completed" : "invalid" };

    const instruments = instrumentsOf(found);
    const given = validAnswers(instruments, rawAnswers);
    const draft = { ...draftOf(instruments, found), ...given.answers };
    const helpIf = async (alerted: boolean) => (alerted || (await hasAlert(tx, found.invitation.id)) ? helpTextOf(found) : null);
    // Nothing readable arrived: write nothing, so the draft's time still says when an answer last did.
    if (Object.keys(given.answers).length === 0 && found.invitation.status === "opened") {
      return { ok: true, answered: Object.keys(draft).length, invalid: given.invalid, help: await helpIf(false) };
    }
    await tx
      .update(invitations)
      .set({
        draftAnswers: draft,
        draftUpdatedAt: now,
        status: "opened",
        openedAt: found.invitation.openedAt ?? now,
        updatedAt: now,
      })
      .where(eq(invitations.id, found.invitation.id));
    const raised = await raiseDraftAlerts(tx, found, instruments, draft, now);
    return { ok: true, answered: Object.keys(draft).length, invalid: given.invalid, help: await helpIf(raised), raised };
  });
  // The alert's emails are in the outbox with the draft: send them now.
  if (saved.ok && saved.raised) requestDispatch();
  if (!saved.ok) return saved;
  return { ok: true, answered: saved.answered, invalid: saved.invalid, help: saved.help };
}

/**
 * Completes the assessment, exactly once: the invitation row is locked and re-checked, then the
 * response, its seven scores, the invitation's completion and the client's latest score commit
 * together or not at all. A submit that finds it completed (a double click, a second tab, a
 * concurrent request that waited on the lock) writes nothing. With answers missing, what was given
 * is kept as the draft and the missing item ids come back in presentation order. Throws
 * InvitationBusyError, rather than waiting, while the invitation's row is locked elsewhere.
 */
export async function submitAssessment(token: string, rawAnswers: Readonly<Record<string, unknown>>): Promise<SubmitResult> {
  if (!isWellFormedToken(token)) return { ok: false, reason: "invalid" };
  let draftRaised = false;
  try {
    const result = await inInvitationTransaction(token, async (tx): Promise<SubmitResult> => {
      const found = await findByToken(tx, token, { forUpdate: true });
      const now = clock.now();
      const state = stateOf(found, now);
      if (state !== "open" || !found) return { ok: false, reason: state === "completed" ? "completed" : "invalid" };

      const { invitation } = found;
      const instruments = instrumentsOf(found);
      const answers = { ...draftOf(instruments, found), ...validAnswers(instruments, rawAnswers).answers };
      const missing = instruments.flatMap((instrument) =>
        instrument.items.filter((item) => !isOptionalItem(item) && !Object.hasOwn(answers, item.id)).map((item) => item.id),
      );
      if (missing.length > 0) {
        await tx
          .update(invitations)
          .set({
            draftAnswers: answers,
            draftUpdatedAt: now,
            status: "opened",
            openedAt: invitation.openedAt ?? now,
            updatedAt: now,
          })
          .where(eq(invitations.id, invitation.id));
        // What was given is now a saved draft: a critical answer in it counts as in any other save.
        if (await raiseDraftAlerts(tx, found, instruments, answers, now)) draftRaised = true;
        return { ok: false, reason: "missing", missing };
      }

      const languages = new Map(sittingOf(found).map((entry) => [entry.instrument.key, entry.language]));
      const recorded = await recordCompletedAssessments(
        tx,
        instruments.map((instrument) => ({
          language: languages.get(instrument.key) ?? "en",
          practiceId: invitation.practiceId,
          clientId: invitation.clientId,
          invitationId: invitation.id,
          instrument,
          answers: answersFor(instrument, answers),
          completedAt: now,
        })),
      );
      const assessmentIds = recorded.map((entry) => entry.assessment.id);
      await tx
        .update(invitations)
        .set({ status: "completed", completedAt: now, draftAnswers: null, draftUpdatedAt: null, updatedAt: now })
        .where(eq(invitations.id, invitation.id));
      // The client has no user id; the row still says when which assessment arrived.
      await tx.insert(auditEvents).values({
        practiceId: invitation.practiceId,
        actorUserId: null,
        action: "assessment.submit",
        subjectType: "assessment",
        subjectId: assessmentIds[0]!,
        details: {
          invitationId: invitation.id,
          clientId: invitation.clientId,
          assessmentIds,
          instruments: instruments.map((instrument) => instrument.key),
        },
      });
      const critical = recorded.some((entry) => entry.scored.kind === "total" && entry.scored.score.critical.length > 0);
      return { ok: true, assessmentIds, critical };
    });
    // An alert's emails are in the outbox with the assessment (or the draft): send them now.
    if ((result.ok && result.critical) || draftRaised) requestDispatch();
    return result;
  } catch (error) {
    // The lock makes this unreachable in normal operation; the unique index is the backstop.
    if (isUniqueViolation(error, "assessments_invitation_instrument_unique")) return { ok: false, reason: "completed" };
    throw error;
  }
}
