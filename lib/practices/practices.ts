import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { practices, users } from "@/db/schema";
import { CRISIS_TEXT_MAX, DEFAULT_CRISIS_TEXT } from "@/lib/alerts/crisis";
import { recordAudit } from "@/lib/core/audit";
import type { Actor } from "@/lib/core/actor-types";
import { requireOwner } from "@/lib/core/owner";
import { hashPassword } from "@/lib/auth/password";
import { DomainError, isUniqueViolation, NotFoundError } from "@/lib/core/errors";
import { EXPIRY_DAYS } from "@/lib/invitations/invitations";
import { QUEUES, requestJobIfRunning } from "@/lib/core/jobs";
import { isPlainText, PLAIN_TEXT_ERROR } from "@/lib/core/validation";
import { clock } from "@/lib/core/clock";
import { isLocale } from "@/lib/i18n/catalogues";

type NewPracticeInput = {
  practiceName: string;
  name: string;
  email: string;
  password: string;
  timeZone: string;
};

/** Creates a practice and its owner. Returns `email_taken` rather than throwing for a used email. */
export async function createPracticeWithOwner(
  input: NewPracticeInput,
): Promise<{ ok: true; userId: string; practiceId: string } | { ok: false; reason: "email_taken" }> {
  const db = await getDb();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [practice] = await tx
        .insert(practices)
        .values({ name: input.practiceName, timeZone: input.timeZone })
        .returning({ id: practices.id });
      const [owner] = await tx
        .insert(users)
        .values({
          practiceId: practice!.id,
          name: input.name,
          email: input.email.toLowerCase(),
          passwordHash,
          role: "owner",
        })
        .returning({ id: users.id });
      const actor = { userId: owner!.id, practiceId: practice!.id };
      await recordAudit(tx, actor, { action: "practice.create", subjectType: "practice", subjectId: practice!.id });
      return { ok: true as const, userId: owner!.id, practiceId: practice!.id };
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_unique")) return { ok: false, reason: "email_taken" };
    throw error;
  }
}

export type PracticeSettings = {
  name: string;
  timeZone: string;
  defaultLinkExpiryDays: number;
  /** Null: the practice's name is the sender name. */
  emailSenderName: string | null;
  requireTwoStep: boolean;
  /** What a client who gave a critical answer reads on the thank-you page; null: the default (lib/alerts/crisis.ts). */
  crisisText: string | null;
  /** A new client's language unless the clinician chooses another (a catalogue in messages/). */
  language: string;
};

/** What the owner's settings form edits; extend here and in PracticeSettingsForm together. No language: unchanged. */
export type PracticeSettingsInput = Omit<PracticeSettings, "language"> & { language?: string | null };

export async function getPracticeSettings(actor: Actor): Promise<PracticeSettings> {
  const db = await getDb();
  const [row] = await db
    .select({
      name: practices.name,
      timeZone: practices.timeZone,
      defaultLinkExpiryDays: practices.defaultLinkExpiryDays,
      emailSenderName: practices.emailSenderName,
      requireTwoStep: practices.requireTwoStep,
      crisisText: practices.crisisText,
      language: practices.language,
    })
    .from(practices)
    .where(eq(practices.id, actor.practiceId));
  if (!row) throw new NotFoundError("Practice");
  return row;
}

/** Every zone the runtime knows (IANA names, e.g. "Europe/London"), plus "UTC". */
export function supportedTimeZones(): string[] {
  return [...new Set(["UTC", ...Intl.supportedValuesOf("timeZone")])];
}

/**
 * The one place a practice's settings change (owner only; audited with the names of the fields
 * that changed). Checks every field before writing any, so a bad value changes nothing.
 * A new time zone moves every date and every aggregation to the practice's new local day.
 */
export async function updatePracticeSettings(actor: Actor, input: PracticeSettingsInput): Promise<{ changed: (keyof PracticeSettings)[] }> {
  requireOwner(actor);
  if (!Number.isInteger(input.defaultLinkExpiryDays) || input.defaultLinkExpiryDays < EXPIRY_DAYS.min || input.defaultLinkExpiryDays > EXPIRY_DAYS.max) {
    throw new DomainError(`Choose ${EXPIRY_DAYS.min} to ${EXPIRY_DAYS.max} days.`, "defaultLinkExpiryDays");
  }
  crisisTextInput(input.crisisText);
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(practices).where(eq(practices.id, actor.practiceId)).for("update");
    if (!before) throw new NotFoundError("Practice");
    // A zone stored before the runtime renamed it (Europe/Kiev) may stay as it is.
    if (input.timeZone !== before.timeZone && !supportedTimeZones().includes(input.timeZone)) {
      throw new DomainError("Choose a time zone from the list: that one does not exist.", "timeZone");
    }
    if (input.language && !isLocale(input.language)) throw new DomainError("Choose a language from the list.", "language");
    const next: PracticeSettings = { ...input, language: input.language ?? before.language, emailSenderName: input.emailSenderName?.trim() || null, crisisText: crisisTextInput(input.crisisText) };
    const changed = (Object.keys(next) as (keyof PracticeSettings)[]).filter((key) => next[key] !== before[key]);
    if (changed.length === 0) return { changed };
    // A new time zone re-cuts the overview's aggregates by local day: marked stale here, rebuilt in
    // the background (lib/overview/rebuild.ts), so this answers at once at any size.
    const stale = changed.includes("timeZone") ? { aggregatesStaleSince: clock.now() } : {};
    await tx
      .update(practices)
      .set({ ...next, ...stale, updatedAt: clock.now() })
      .where(eq(practices.id, actor.practiceId));
    await recordAudit(tx, actor, { action: "practice.update_settings", subjectType: "practice", subjectId: actor.practiceId, details: { changed } });
    if (changed.includes("requireTwoStep") && next.requireTwoStep) await holdSessionsWithoutTwoStep(tx, actor);
    return { changed };
  });
  if (result.changed.includes("timeZone")) requestJobIfRunning(QUEUES.aggregates);
  return result;
}

/**
 * Issue 24, probe 10: turning on "require two-step sign-in" reaches sessions already signed in
 * without it — each waits for its member to set it up (the "enrolment" step, docs/decisions/0019),
 * as a new sign-in would, instead of going on until it ends. The owner who turns it on keeps the
 * session they do it from (they are asked at their next sign-in), so the settings page answers.
 */
async function holdSessionsWithoutTwoStep(tx: Executor, actor: Actor): Promise<void> {
  await tx.execute(sql`
    update sessions s set pending_step = 'enrolment'
    from users u
    where u.id = s.user_id and u.practice_id = ${actor.practiceId} and u.id <> ${actor.userId} and u.totp_secret_sealed is null
      and s.ended_at is null and s.pending_step is null
  `);
}

/**
 * The crisis text as stored: line endings as one, trimmed; empty, or the default word for word, is
 * null, so the practice follows the default (and any improvement to it). Refuses what cannot be shown.
 */
function crisisTextInput(value: string | null | undefined): string | null {
  const text = (value ?? "").replace(/\r\n?/g, "\n").trim();
  if (text.length > CRISIS_TEXT_MAX) throw new DomainError(`Keep the crisis information to ${CRISIS_TEXT_MAX} characters or fewer.`, "crisisText");
  if (!isPlainText(text)) throw new DomainError(PLAIN_TEXT_ERROR, "crisisText");
  return text === "" || text === DEFAULT_CRISIS_TEXT ? null : text;
}

