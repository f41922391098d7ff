import "server-only";
import { sql } from "drizzle-orm";
import { getEnv } from "@/config/env";
import type { Executor } from "@/db/client";
import { emailOutbox, practices } from "@/db/schema";
import { QUEUES, requestJob } from "./jobs";
import type { EmailKind } from "./email-kinds";
import { sealEmailBody } from "./outbox-body";

/**
 * The transactional outbox. A change that should send an email writes the email here in its own
 * transaction, so the email exists exactly when the change committed; the dispatcher
 * (lib/email/dispatcher.ts, run by the job engine) delivers it later and retries through SMTP outages.
 */

type OutgoingEmail = {
  /** The practice whose owner sees it in Settings; null for email about no practice yet (sign-up). */
  practiceId: string | null;
  /** What the email is for; shown to the owner in words (./email-kinds.ts). */
  kind: EmailKind;
  to: string;
  subject: string;
  text: string;
  html?: string;
};

/**
 * Writes a pending email. Pass the transaction of the change that causes it. The bodies are sealed
 * (./outbox-body.ts): the subject and address stay readable for the owner's list, the links do not.
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
  requestJob(QUEUES.email);
}
