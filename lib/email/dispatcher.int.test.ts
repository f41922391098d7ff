import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, getHandle } from "@/db/client";
import { emailOutbox, practices } from "@/db/schema";
import type { Actor } from "@/lib/core/actor-types";
import { ForbiddenError } from "@/lib/core/errors";
import { createClient } from "@/lib/clients/clients";
import { createInvitations } from "@/lib/invitations/invitations";
import { getInvitationView } from "@/lib/invitations/public";
import { clientInput, createTestPractice } from "@/test/fixtures";
import { closeAllSmtp, closedPort, decoded, startSmtp, transportTo } from "@/test/smtp";
import { stopJobEngine } from "@/lib/core/jobs";
import { registerJobHandlers } from "@/lib/jobs/handlers";
import { dispatchDueEmails, redactSecrets, retryDelayMs } from "./dispatcher";
import { enqueueEmail, requestDispatch } from "@/lib/core/outbox";
import { listOutbox } from "./outbox-list";
import { invitationEmail } from "./templates";

const unique = () => Math.random().toString(36).slice(2, 10);

/** Practices made by this file: on PostgreSQL the database is shared with other test files. */
const practiceIds: string[] = [];

async function newPractice(): Promise<string> {
  const db = await getDb();
  const [practice] = await db
    .insert(practices)
    .values({ name: `Outbox Practice ${unique()}`, timeZone: "Europe/London" })
    .returning({ id: practices.id });
  practiceIds.push(practice!.id);
  return practice!.id;
}

async function enqueueSimple(practiceId: string, to = `client-${unique()}@example.test`) {
  const db = await getDb();
  const { id } = await enqueueEmail(db, {
    practiceId,
    kind: "invitation",
    to,
    subject: `Test ${to}`,
    text: `Hello ${to}`,
  });
  return { id, to };
}

async function rowOf(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return row!;
}

const FROM = "Attune Test <no-reply@attune.test>";
const LATER = () => new Date(Date.now() + 24 * 60 * 60_000);

let practiceId: string;

beforeAll(async () => {
  practiceId = await newPractice();
});

afterEach(async () => {
  // No test leaves due email behind for the next one to deliver.
  const db = await getDb();
  await db
    .update(emailOutbox)
    .set({ status: "failed" })
    .where(and(eq(emailOutbox.status, "pending"), inArray(emailOutbox.practiceId, practiceIds)));
});

afterAll(async () => {
  await stopJobEngine();
  await closeAllSmtp();
});

describe("enqueueEmail", () => {
  it("writes the email only if the change that causes it commits", async () => {
    const db = await getDb();
    const to = `rolled-back-${unique()}@example.test`;
    await expect(
      db.transaction(async (tx) => {
        await enqueueEmail(tx, { practiceId, kind: "invitation", to, subject: "s", text: "t" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to))).toEqual([]);

    const committed = await db.transaction((tx) => enqueueEmail(tx, { practiceId, kind: "invitation", to, subject: "s", text: "t" }));
    expect(await rowOf(committed.id)).toMatchObject({ status: "pending", attempts: 0, toAddress: to, lastError: null });
  });
});

describe("dispatchDueEmails", () => {
  it("delivers an invitation over SMTP and marks it sent", async () => {
    const smtp = await startSmtp();
    const db = await getDb();
    const link = `https://attune.example/a/${unique()}`;
    const email = invitationEmail({
      practiceName: "Harbour Practice",
      clinicianName: "Dr Ana Ruiz",
      clientFirstName: "Sam",
      link,
      expiresAt: new Date("2026-12-08T23:30:00Z"),
      timeZone: "Pacific/Auckland",
    });
    const to = `sam-${unique()}@example.test`;
    const { id } = await db.transaction((tx) => enqueueEmail(tx, { practiceId, kind: "invitation", to, ...email }));

    const result = await dispatchDueEmails({ transport: transportTo(smtp.port), from: FROM, practiceId });

    expect(result).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const message = smtp.received[0]!;
    expect(message.to).toEqual([to]);
    expect(message.raw).toMatch(/^Subject: Harbour Practice: a short questionnaire from Dr Ana Ruiz\r?$/m);
    expect(message.raw).toMatch(/^From: Attune Test <no-reply@attune\.test>\r?$/m);
    expect(message.raw).toContain(`Message-ID: <${id}@attune.test>`);
    expect(message.raw).toMatch(/^Content-Type: multipart\/alternative/m);
    const body = decoded(message.raw);
    expect(body).toContain(link);
    expect(body).toContain("expires on Wednesday 9 December 2026");
    expect(body).toContain("5–10 minutes");

    const row = await rowOf(id);
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null, sealedBody: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    // Sent once: nothing is due any more.
    expect(await dispatchDueEmails({ transport: transportTo(smtp.port), from: FROM, practiceId })).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    expect(smtp.received).toHaveLength(1);
    await smtp.close();
  });

  it("delivers the invitation a clinician sends, and the emailed link opens the assessment", async () => {
    const smtp = await startSmtp();
    const { owner } = await createTestPractice();
    practiceIds.push(owner.practiceId);
    const client = await createClient(owner, clientInput({ firstName: "Robin" }));
    await createInvitations(owner, { clientId: client.id, includePartner: false, expiresInDays: 14 });

    const result = await dispatchDueEmails({ transport: transportTo(smtp.port), from: FROM, practiceId: owner.practiceId });
    expect(result.sent).toBe(1);
    const body = decoded(smtp.received[0]!.raw);
    const token = /\/a\/([A-Za-z0-9_-]{43})/.exec(body)?.[1];
    expect(token).toBeDefined();
    const view = await getInvitationView(token!);
    expect(view).toMatchObject({ state: "open", practiceName: owner.practiceName, clinicianName: owner.name });
    await smtp.close();
  });

  it("keeps the email through an SMTP outage and delivers it exactly once when SMTP is back", async () => {
    const port = await closedPort();
    const { id, to } = await enqueueSimple(practiceId);
    const transport = transportTo(port);

    const before = Date.now();
    const down = await dispatchDueEmails({ transport, from: FROM, practiceId });
    expect(down).toEqual({ sent: 0, retried: 1, failed: 0 });
    let row = await rowOf(id);
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/ECONNREFUSED/);
    // Backed off by the base delay (30 s) from the database clock.
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 25_000);
    expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + 35_000);
    // Not due again before the backoff has passed.
    expect(await dispatchDueEmails({ transport, from: FROM, practiceId })).toEqual({ sent: 0, retried: 0, failed: 0 });

    // SMTP comes back on the same address; time moves past the backoff.
    const smtp = await startSmtp(port);
    expect(smtp.port).toBe(port);
    const up = await dispatchDueEmails({ transport, from: FROM, practiceId, now: LATER() });
    expect(up).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await dispatchDueEmails({ transport, from: FROM, practiceId, now: LATER() })).toEqual({ sent: 0, retried: 0, failed: 0 });

    expect(smtp.received.filter((message) => message.to.includes(to))).toHaveLength(1);
    row = await rowOf(id);
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    // The error of the failed attempt stays on record.
    expect(row.lastError).toMatch(/ECONNREFUSED/);
    await smtp.close();
  });

  it("marks an email failed, with the error, after maxAttempts", async () => {
    const port = await closedPort();
    const { id } = await enqueueSimple(practiceId);
    const options = { transport: transportTo(port), from: FROM, practiceId, maxAttempts: 3, backoffBaseMs: 0 };

    expect(await dispatchDueEmails(options)).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await dispatchDueEmails(options)).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await dispatchDueEmails(options)).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await dispatchDueEmails(options)).toEqual({ sent: 0, retried: 0, failed: 0 });

    const row = await rowOf(id);
    expect(row).toMatchObject({ status: "failed", attempts: 3, sealedBody: null });
    expect(row.lastError).toMatch(/ECONNREFUSED/);
    expect(row.sentAt).toBeNull();
  });

  it("keeps the body sealed while it waits, and gives up an email that no longer opens (AUTH_SECRET rotated)", async () => {
    const smtp = await startSmtp();
    const { id, to } = await enqueueSimple(practiceId);
    const waiting = await rowOf(id);
    expect(waiting.sealedBody).toEqual(expect.any(String));
    expect(waiting.sealedBody).not.toContain(to);

    const saved = process.env.AUTH_SECRET;
    process.env.AUTH_SECRET = "a-rotated-secret";
    try {
      expect(await dispatchDueEmails({ transport: transportTo(smtp.port), from: FROM, practiceId })).toEqual({ sent: 0, retried: 0, failed: 1 });
    } finally {
      process.env.AUTH_SECRET = saved;
    }
    expect(smtp.received).toEqual([]);
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: "failed", sealedBody: null });
    expect(row.lastError).toMatch(/could not be decrypted/);
    await smtp.close();
  });

  it("gives up at once when the server refuses the recipient for good", async () => {
    const rejected = `nobody-${unique()}@example.test`;
    const smtp = await startSmtp(0, { rejectRecipient: rejected });
    const { id } = await enqueueSimple(practiceId, rejected);
    const delivered = await enqueueSimple(practiceId);

    expect(await dispatchDueEmails({ transport: transportTo(smtp.port), from: FROM, practiceId })).toEqual({
      sent: 1,
      retried: 0,
      failed: 1,
    });
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.lastError).toMatch(/550/);
    expect(smtp.received.map((message) => message.to)).toEqual([[delivered.to]]);
    await smtp.close();
  });

  it("sends each email exactly once when several dispatchers run at the same time", async () => {
    const smtp = await startSmtp();
    const concurrentPractice = await newPractice();
    const emails = await Promise.all(Array.from({ length: 15 }, () => enqueueSimple(concurrentPractice)));

    const worker = async () => {
      const transport = transportTo(smtp.port);
      let sent = 0;
      for (let run = 0; run < 20; run++) {
        const result = await dispatchDueEmails({ transport, from: FROM, practiceId: concurrentPractice, batchSize: 2 });
        if (result.sent === 0) break;
        sent += result.sent;
      }
      transport.close();
      return sent;
    };
    const perWorker = await Promise.all([worker(), worker(), worker(), worker()]);

    expect(perWorker.reduce((a, b) => a + b, 0)).toBe(15);
    expect(smtp.received).toHaveLength(15);
    const recipients = smtp.received.flatMap((message) => message.to);
    expect(new Set(recipients).size).toBe(15);
    expect(recipients.sort()).toEqual(emails.map((email) => email.to).sort());
    const db = await getDb();
    const rows = await db
      .select({ status: emailOutbox.status, attempts: emailOutbox.attempts })
      .from(emailOutbox)
      .where(eq(emailOutbox.practiceId, concurrentPractice));
    expect(rows).toHaveLength(15);
    expect(rows.every((row) => row.status === "sent" && row.attempts === 1)).toBe(true);
    await smtp.close();
  });

  it("skips an email another instance has locked instead of waiting for it (PostgreSQL)", async ({ skip }) => {
    const handle = await getHandle();
    if (handle.driver !== "pg") skip("PGlite has one connection: no second instance can hold a lock");
    const smtp = await startSmtp();
    const lockedPractice = await newPractice();
    const locked = await enqueueSimple(lockedPractice);
    const free = await enqueueSimple(lockedPractice);
    const transport = transportTo(smtp.port);

    let releaseLock!: () => void;
    const lockHeld = new Promise<void>((resolve) => (releaseLock = resolve));
    let lockTaken!: (holderPid: number) => void;
    const lockReady = new Promise<number>((resolve) => (lockTaken = resolve));
    const otherInstance = handle.db.transaction(async (tx) => {
      await tx.select().from(emailOutbox).where(eq(emailOutbox.id, locked.id)).for("update");
      const { rows } = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as { rows: { pid: number }[] };
      lockTaken(rows[0]!.pid);
      await lockHeld;
    });
    const holderPid = await lockReady;
    try {
      // A dispatcher that waited for the lock would wait until the other instance committed, which
      // it does only after this check. PostgreSQL shows such a wait (a session blocked by the
      // holder), so the check needs no timer: either the dispatcher returns, or the wait shows.
      let dispatched = false;
      const dispatch = dispatchDueEmails({ transport, from: FROM, practiceId: lockedPractice }).finally(() => (dispatched = true));
      const waitedForTheLock = (async () => {
        while (!dispatched) {
          const { rows } = (await handle.db.execute(
            sql`select count(*)::int as blocked from pg_stat_activity where ${holderPid}::int = any(pg_blocking_pids(pid))`,
          )) as unknown as { rows: { blocked: number }[] };
          if (rows[0]!.blocked > 0) throw new Error("the dispatcher waited for a locked email");
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return new Promise<never>(() => {});
      })();
      const result = await Promise.race([dispatch, waitedForTheLock]);
      expect(result).toEqual({ sent: 1, retried: 0, failed: 0 });
      expect(smtp.received.map((message) => message.to)).toEqual([[free.to]]);
    } finally {
      releaseLock();
      await otherInstance;
    }
    expect(await dispatchDueEmails({ transport, from: FROM, practiceId: lockedPractice })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received.map((message) => message.to)).toEqual([[free.to], [locked.to]]);
    await smtp.close();
  });
});

describe("the job engine and requestDispatch", () => {
  it("deliver an enqueued email soon after it is requested (in-memory database only)", async ({ skip }) => {
    // The dispatcher delivers every practice's due email; on a database shared with other test
    // files it would deliver theirs too.
    if ((await getHandle()).driver !== "pglite") skip("runs where the database belongs to this file");
    const smtp = await startSmtp();
    const saved = { SMTP_URL: process.env.SMTP_URL, EMAIL_FROM: process.env.EMAIL_FROM };
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`;
    process.env.EMAIL_FROM = FROM;
    try {
      registerJobHandlers();
      const { id, to } = await enqueueSimple(practiceId);
      requestDispatch();
      // Fire-and-forget, so there is nothing to await: poll, with a bound that only catches a hang.
      await vi.waitFor(() => expect(smtp.received).not.toHaveLength(0), { timeout: 120_000, interval: 50 });
      await stopJobEngine();
      expect(smtp.received.map((message) => message.to)).toEqual([[to]]);
      expect((await rowOf(id)).status).toBe("sent");
    } finally {
      await stopJobEngine();
      process.env.SMTP_URL = saved.SMTP_URL;
      process.env.EMAIL_FROM = saved.EMAIL_FROM;
      if (saved.SMTP_URL === undefined) delete process.env.SMTP_URL;
      if (saved.EMAIL_FROM === undefined) delete process.env.EMAIL_FROM;
      await smtp.close();
    }
  });

  it("requestDispatch does nothing without SMTP_URL", () => {
    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    try {
      expect(() => requestDispatch()).not.toThrow();
    } finally {
      if (saved !== undefined) process.env.SMTP_URL = saved;
    }
  });
});

describe("listOutbox", () => {
  const actorFor = (id: string, role: Actor["role"]): Actor => ({
    userId: "00000000-0000-4000-8000-000000000000",
    practiceId: id,
    role,
    name: "Someone",
    email: `someone-${unique()}@example.test`,
    practiceName: "Outbox Practice",
    practiceTimeZone: "Europe/London",
  });

  it("shows the owner their practice's email, newest first, and no other practice's", async () => {
    const mine = await newPractice();
    const theirs = await newPractice();
    const first = await enqueueSimple(mine);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await enqueueSimple(mine);
    await enqueueSimple(theirs);

    const entries = await listOutbox(actorFor(mine, "owner"));
    expect(entries.map((entry) => entry.id)).toEqual([second.id, first.id]);
    expect(entries[0]).toMatchObject({ toAddress: second.to, subject: `Test ${second.to}`, status: "pending", attempts: 0 });
    // The owner never sees a body: it would hold a one-time link.
    expect(Object.keys(entries[0]!).filter((key) => /body/i.test(key))).toEqual([]);
    expect(await listOutbox(actorFor(mine, "owner"), { limit: 1 })).toHaveLength(1);
  });

  it("shows delivered email as sent, its body erased", async () => {
    const mine = await newPractice();
    const smtp = await startSmtp();
    const { id } = await enqueueSimple(mine);
    await dispatchDueEmails({ transport: transportTo(smtp.port), from: FROM, practiceId: mine });
    const [entry] = await listOutbox(actorFor(mine, "owner"));
    expect(entry).toMatchObject({ id, status: "sent" });
    expect((await rowOf(id)).sealedBody).toBeNull();
    await smtp.close();
  });

  it("refuses a clinician", async () => {
    await expect(listOutbox(actorFor(practiceId, "clinician"))).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("retryDelayMs and redactSecrets", () => {
  it("doubles from the base and stops at the cap", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(8)).toBe(60 * 60_000);
    expect(retryDelayMs(3, 0)).toBe(0);
  });

  it("removes credentials from URLs in error messages", () => {
    expect(redactSecrets("connect to smtp://mailer:s3cret@mail.example:587 failed")).toBe(
      "connect to smtp://***@mail.example:587 failed",
    );
  });
});
