import "server-only";
import { and, asc, eq, inArray, lte, sql, type SQL } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "@/config/env";
import { log as rootLog } from "@/config/log";
import { getDb } from "@/db/client";
import { emailOutbox, type EmailMessage } from "@/db/schema";
import { openEmailBody } from "@/lib/core/outbox-body";

/**
 * Delivers the outbox (lib/core/outbox.ts) through SMTP.
 *
 * Each run claims due emails with `SELECT … FOR UPDATE SKIP LOCKED` in a short transaction that
 * also takes a lease on them (pushes `next_attempt_at` forward and counts the attempt), commits,
 * and only then talks to SMTP, so no database transaction or row lock is held across the network.
 * Two app instances never claim the same email: the second skips rows the first has locked, and
 * once the first commits the rows are no longer due.
 *
 * The guarantee is at-least-once, which is the honest one SMTP allows: if the process dies after
 * the SMTP server accepted a message but before the row is marked sent, the lease runs out and the
 * email is sent again. Each message carries a Message-ID derived from the outbox id, so a receiving
 * system that deduplicates can recognise the repeat. Marking is fenced on the attempt count, so a
 * slow instance whose lease ran out cannot overwrite the outcome recorded by the one that took over.
 */

const log = rootLog.child({ module: "email" });

type DispatchOptions = {
  transport: Transporter;
  from: string;
  /** Emails claimed per run. Default 20. */
  batchSize?: number;
  /** The current time; defaults to the database clock, which every instance shares. */
  now?: Date;
  /** Attempts before an email is marked failed. Default 8. */
  maxAttempts?: number;
  /** Delay before the second attempt, doubling after each failure. Default 30 s. */
  backoffBaseMs?: number;
  /** Longest delay between attempts. Default 1 hour. */
  backoffMaxMs?: number;
  /** How long a claim keeps other instances off an email. Default 2 minutes. */
  leaseMs?: number;
  /** Only this practice's email (tests that share a database; a per-practice sender). */
  practiceId?: string;
  /** Only email to these addresses (tests that share a database and send email of no practice). */
  recipients?: string[];
};

type DispatchResult = { sent: number; retried: number; failed: number };

const DEFAULTS = {
  batchSize: 20,
  maxAttempts: 8,
  backoffBaseMs: 30_000,
  backoffMaxMs: 60 * 60_000,
  leaseMs: 2 * 60_000,
};

/** The wait after the n-th failed attempt: base · 2^(n−1), capped. */
export function retryDelayMs(failedAttempts: number, baseMs = DEFAULTS.backoffBaseMs, maxMs = DEFAULTS.backoffMaxMs): number {
  return Math.min(baseMs * 2 ** Math.max(failedAttempts - 1, 0), maxMs);
}

/** Claims the due emails, sends them, and records each outcome. */
export async function dispatchDueEmails(options: DispatchOptions): Promise<DispatchResult> {
  const batchSize = options.batchSize ?? DEFAULTS.batchSize;
  const maxAttempts = options.maxAttempts ?? DEFAULTS.maxAttempts;
  const backoffBaseMs = options.backoffBaseMs ?? DEFAULTS.backoffBaseMs;
  const backoffMaxMs = options.backoffMaxMs ?? DEFAULTS.backoffMaxMs;
  const leaseMs = options.leaseMs ?? DEFAULTS.leaseMs;
  const at = (offsetMs: number): Date | SQL =>
    options.now ? new Date(options.now.getTime() + offsetMs) : sql`now() + ${`${Math.round(offsetMs)} milliseconds`}::interval`;

  const db = await getDb();
  const claimStartedAt = performance.now();
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(
        and(
          eq(emailOutbox.status, "pending"),
          lte(emailOutbox.nextAttemptAt, at(0)),
          options.practiceId ? eq(emailOutbox.practiceId, options.practiceId) : undefined,
          options.recipients ? inArray(emailOutbox.toAddress, options.recipients) : undefined,
        ),
      )
      .orderBy(asc(emailOutbox.nextAttemptAt))
      .limit(batchSize)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(emailOutbox)
      .set({ attempts: sql`${emailOutbox.attempts} + 1`, nextAttemptAt: at(leaseMs) })
      .where(
        inArray(
          emailOutbox.id,
          due.map((row) => row.id),
        ),
      )
      .returning();
  });
  claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

  const result: DispatchResult = { sent: 0, retried: 0, failed: 0 };
  const messageIdDomain = domainOf(options.from);
  for (const [index, message] of claimed.entries()) {
    // Send only well inside the lease, so no other instance can have re-claimed what we send.
    // (Each send is bounded by the transport's timeouts, ~10 s per step with createTransportFromEnv.)
    if (performance.now() - claimStartedAt > leaseMs / 2) {
      await releaseClaims(claimed.slice(index), at(0));
      break;
    }
    const body = openEmailBody(message.sealedBody);
    if (!body) {
      // Sealed under a secret no longer in the ring (AUTH_SECRET…AUTH_SECRET_3): no retry can open it.
      const lastError = "Not sent: its text could not be decrypted (sealed under an AUTH_SECRET no longer configured). Send a new link.";
      const updated = await db
        .update(emailOutbox)
        .set({ status: "failed", lastError, sealedBody: null })
        .where(claimedBy(message))
        .returning({ id: emailOutbox.id });
      log.error({ emailId: message.id }, "could not open a queued email (its AUTH_SECRET is no longer configured); given up");
      if (updated.length > 0) result.failed++;
      continue;
    }
    try {
      await options.transport.sendMail({
        // The practice's sender name, on the configured address.
        from: message.fromName ? { name: message.fromName, address: addressOf(options.from) } : options.from,
        to: message.toAddress,
        subject: message.subject,
        text: body.text,
        html: body.html ?? undefined,
        messageId: `<${message.id}@${messageIdDomain}>`,
        headers: { "Auto-Submitted": "auto-generated" },
      });
    } catch (error) {
      const lastError = describeSendError(error);
      const giveUp = message.attempts >= maxAttempts || isPermanentRejection(error);
      const updated = await db
        .update(emailOutbox)
        .set(
          giveUp
            ? // Given up: the one-time link it carried goes too.
              { status: "failed", lastError, sealedBody: null }
            : { lastError, nextAttemptAt: at(retryDelayMs(message.attempts, backoffBaseMs, backoffMaxMs)) },
        )
        .where(claimedBy(message))
        .returning({ id: emailOutbox.id });
      log.error({ emailId: message.id, attempt: message.attempts, giveUp, error: lastError }, giveUp ? "delivery failed; giving up" : "delivery failed; will retry");
      if (updated.length > 0) result[giveUp ? "failed" : "retried"]++;
      continue;
    }
    // Delivered: the sealed body goes too, since it held a one-time link (the database otherwise
    // keeps only hashes of tokens) and names that need not be kept once the email has left.
    const updated = await db
      .update(emailOutbox)
      .set({ status: "sent", sentAt: at(0), sealedBody: null })
      .where(claimedBy(message))
      .returning({ id: emailOutbox.id });
    if (updated.length > 0) result.sent++;
    else log.warn({ emailId: message.id }, "sent, but its claim had already passed to another run");
  }
  return result;
}

/** The bare address of a From value ("Attune <no-reply@x>" or "no-reply@x"). */
function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1]?.trim() ?? from.trim();
}

/** Still ours: pending, and no other run has claimed it since (each claim counts an attempt). */
function claimedBy(message: EmailMessage): SQL {
  return and(eq(emailOutbox.id, message.id), eq(emailOutbox.status, "pending"), eq(emailOutbox.attempts, message.attempts))!;
}

/** Hands unsent claims back, due now, without counting the attempt that never happened. */
async function releaseClaims(messages: EmailMessage[], now: Date | SQL): Promise<void> {
  const db = await getDb();
  for (const message of messages) {
    await db
      .update(emailOutbox)
      .set({ attempts: sql`${emailOutbox.attempts} - 1`, nextAttemptAt: now })
      .where(claimedBy(message));
  }
}

/** The server refused this message for good (unknown mailbox, rejected content): retrying won't help. */
function isPermanentRejection(error: unknown): boolean {
  const e = error as { code?: unknown; permanent?: unknown; responseCode?: unknown };
  const permanent = e.permanent === true || (typeof e.responseCode === "number" && e.responseCode >= 500 && e.responseCode !== 503);
  // Authentication or connection errors are configuration or outage, which a retry may outlive.
  return permanent && (e.code === "EENVELOPE" || e.code === "EMESSAGE");
}

/** The error as stored and logged: its message and code, with anything secret removed, bounded. */
function describeSendError(error: unknown): string {
  const e = error as { message?: unknown; code?: unknown };
  let text = typeof e?.message === "string" && e.message ? e.message : String(error);
  if (typeof e?.code === "string" && !text.includes(e.code)) text = `${e.code}: ${text}`;
  return redactSecrets(text).slice(0, 1000);
}

/** Removes credentials from URLs (`smtp://user:pass@host` → `smtp://***@host`) and SMTP_URL's password. */
export function redactSecrets(text: string): string {
  let redacted = text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, "$1***@");
  const password = smtpPassword();
  if (password && password.length >= 3) redacted = redacted.replaceAll(password, "***");
  return redacted;
}

function smtpPassword(): string | undefined {
  try {
    const url = getEnv().SMTP_URL;
    if (!url) return undefined;
    const { password } = new URL(url);
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}

function domainOf(from: string): string {
  const match = /@([^\s<>@]+?)>?\s*$/.exec(from);
  return match?.[1] ?? "attune.local";
}

/**
 * The SMTP transport from SMTP_URL (e.g. `smtp://user:pass@host:587`, `smtps://…:465`), and the
 * sender from EMAIL_FROM. Null when SMTP_URL is unset. Short timeouts make an outage fail fast,
 * so a run gets through its batch well inside the lease.
 */
function createTransportFromEnv(): { transport: Transporter; from: string } | null {
  const { SMTP_URL: url, EMAIL_FROM: from } = getEnv();
  if (!url) return null;
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 10_000,
    dnsTimeout: 10_000,
  });
  return { transport, from };
}

// On globalThis: Next bundles this module into more than one layer; one transport per process.
const store = globalThis as typeof globalThis & { __attuneEmailTransport?: { transport: Transporter; from: string; url: string } };

/**
 * One run of the outbox's delivery, as the job engine (lib/core/jobs.ts) runs it: every minute,
 * and soon after an email is queued (`requestDispatch`). Goes on while batches come back full.
 * Does nothing when SMTP_URL is unset: the outbox then stays readable in the app.
 */
export async function runEmailDispatch(): Promise<DispatchResult> {
  const total: DispatchResult = { sent: 0, retried: 0, failed: 0 };
  const config = transportFromEnv();
  if (!config) return total;
  const batchSize = DEFAULTS.batchSize;
  for (;;) {
    const result = await dispatchDueEmails({ transport: config.transport, from: config.from, batchSize });
    total.sent += result.sent;
    total.retried += result.retried;
    total.failed += result.failed;
    // A full batch means more may be due.
    if (result.sent + result.retried + result.failed < batchSize) return total;
  }
}

function transportFromEnv(): { transport: Transporter; from: string } | null {
  const url = getEnv().SMTP_URL;
  if (!url) return null;
  const cached = store.__attuneEmailTransport;
  if (cached && cached.url === url && cached.from === getEnv().EMAIL_FROM) return cached;
  cached?.transport.close();
  let config: ReturnType<typeof createTransportFromEnv>;
  try {
    config = createTransportFromEnv();
  } catch (error) {
    // Never log SMTP_URL itself: it holds the SMTP password.
    log.error({ error: describeSendError(error) }, "SMTP_URL could not be used; email stays in the outbox");
    return null;
  }
  if (!config) return null;
  store.__attuneEmailTransport = { ...config, url };
  return config;
}

/** Closes the SMTP transport (the engine calls it when it stops). */
export function closeEmailTransport(): void {
  store.__attuneEmailTransport?.transport.close();
  store.__attuneEmailTransport = undefined;
}
