import "server-only";
import { and, count, desc, eq, sql } from "drizzle-orm";
import { getEnv } from "@/config/env";
import { log } from "@/config/log";
import { getDb, type Executor } from "@/db/client";
import { emailOutbox, practices, type EmailMessage } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor-types";
import { requireOwner } from "@/lib/auth/owner";
import { sealEmailBody } from "./sealed-body";
import type { EmailKind } from "./kinds";

/**
 * The transactional outbox. A change that should send an email writes the email here in its own
 * transaction, so the email exists exactly when the change committed; the dispatcher
 * (./dispatcher.ts) delivers it later and retries through SMTP outages.
 */

type OutgoingEmail = {
  /** The practice whose owner sees it in Settings; null for email about no practice yet (sign-up). */
  practiceId: string | null;
  /** What the email is for; shown to the owner in words (./kinds.ts). */
  kind: EmailKind;
  to: string;
  subject: string;
  text: string;
  html?: string;
};

/**
 * Writes a pending email. Pass the transaction of the change that causes it. The bodies are sealed
 * (./sealed-body.ts): the subject and address stay readable for the owner's list, the links do not.
 */
export async function enqueueEmail(executor: Executor, email: OutgoingEmail): Promise<{ id: string }> {
  const [row] = await executor
    .insert(emailOutbox)
    .values({
      practiceId: email.practiceId,
      kind: email.kind,
      toAddress: email.to.trim(),
      subject: email.subject,
      sealedBody: sealEmailBody({ text: email.text, html: email.html ?? null }),
      // The practice's sender name (Settings) as it is now, if it chose one: the From line's display name.
      fromName: email.practiceId
        ? sql`(select ${practices.emailSenderName} from ${practices} where ${practices.id} = ${email.practiceId})`
        : null,
    })
    .returning({ id: emailOutbox.id });
  return { id: row!.id };
}

/** True when SMTP_URL is set, i.e. a dispatcher delivers what is enqueued. */
export function isEmailDeliveryConfigured(): boolean {
  return Boolean(getEnv().SMTP_URL);
}

/**
 * Asks the dispatcher to run now instead of at its next tick. Call it after the transaction that
 * enqueued the email has committed (before, the dispatcher cannot see the row; the periodic run
 * would still deliver it). Fire-and-forget: never throws, never waits, and does nothing when
 * delivery is not configured.
 */
export function requestDispatch(): void {
  if (!isEmailDeliveryConfigured()) return;
  try {
    // Imported lazily so that modules enqueueing email do not load nodemailer until it is needed.
    import("./dispatcher")
      .then((dispatcher) => dispatcher.kickEmailDispatcher())
      .catch((error: unknown) => log.error({ module: "email", err: error }, "could not request a dispatch"));
  } catch (error) {
    log.error({ module: "email", err: error }, "could not request a dispatch");
  }
}

/** What the owner sees of an email: never its body, which holds a one-time link. */
export type OutboxEntry = Pick<
  EmailMessage,
  "id" | "kind" | "toAddress" | "subject" | "status" | "attempts" | "nextAttemptAt" | "lastError" | "sentAt" | "createdAt"
>;

export const OUTBOX_DEFAULT_LIMIT = 50;
const OUTBOX_MAX_LIMIT = 200;

/**
 * The practice's outgoing email, newest first, for the owner: what was sent, what waits, what
 * failed and why. Links are shown once where they are made, never here.
 */
export async function listOutbox(actor: Actor, options: { limit?: number } = {}): Promise<OutboxEntry[]> {
  requireOwner(actor);
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? OUTBOX_DEFAULT_LIMIT), 1), OUTBOX_MAX_LIMIT);
  const db = await getDb();
  return db
    .select({
      id: emailOutbox.id,
      kind: emailOutbox.kind,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      nextAttemptAt: emailOutbox.nextAttemptAt,
      lastError: emailOutbox.lastError,
      sentAt: emailOutbox.sentAt,
      createdAt: emailOutbox.createdAt,
    })
    .from(emailOutbox)
    .where(eq(emailOutbox.practiceId, actor.practiceId))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(limit);
}

/**
 * How many of the practice's emails wait unsent (pending), for the overview to say while email is
 * not set up. A count only: who they are to is the owner's to read (listOutbox).
 */
export async function countWaitingEmails(actor: Actor): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.practiceId, actor.practiceId), eq(emailOutbox.status, "pending")));
  return row?.n ?? 0;
}
