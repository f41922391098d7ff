import { count, inArray, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { closeDb, getDb, pingDb } from "@/db/client";
import { assessments, assessmentScores, auditEvents, invitations } from "@/db/schema";
import { listCaseload } from "@/lib/clients/caseload";
import { parseCaseloadQuery } from "@/lib/clients/schemas";
import { closenessV1 } from "@/lib/instruments";
import { createInvitations } from "@/lib/invitations/invitations";
import { submitAssessment } from "@/lib/invitations/public";
import { createClientFixture, createPracticeFixture, type PracticeFixture } from "@/test/fixtures";
import { findPostgresBin, startPrivatePostgres, type PrivatePostgres } from "@/test/private-postgres";

/*
 * What the app does when PostgreSQL misbehaves: its connections killed, the server stopped, the
 * server crashing in the middle of a burst of submissions. Each case runs against a PostgreSQL of
 * this file's own (initdb into a temporary folder, on another port), so the shared test server
 * stays up. The app's code is the real one: lib/ and db/client.ts, with its pool, as a page uses them.
 * Runs in the postgres test project; needs PostgreSQL's server binaries (initdb, pg_ctl).
 */

const bin = findPostgresBin();
if (!bin) console.warn("[faults] skipped: no initdb/pg_ctl found under /usr/lib/postgresql/*/bin (install the PostgreSQL server package to run it)");

const ANSWERS = Object.fromEntries(closenessV1.items.map((item, i) => [item.id, String((i % 5) + 1)]));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Lets the event loop deliver what sockets already hold (e.g. the news that a backend is gone). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe.skipIf(!bin)("faults: PostgreSQL killed, stopped and crashed under the app (a private server; skipped without initdb)", () => {
  let server: PrivatePostgres;
  let admin: pg.Client | undefined;
  let practice: PracticeFixture;
  const originalUrl = process.env.DATABASE_URL;

  /** A superuser connection of the test's own, outside the app's pool; reopened after restarts. */
  async function adminQuery<T extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
    if (!admin) {
      admin = new pg.Client({ connectionString: server.url });
      admin.on("error", () => {});
      await admin.connect();
    }
    return admin.query<T>(text, values);
  }

  async function dropAdmin() {
    const client = admin;
    admin = undefined;
    await client?.end().catch(() => {});
  }

  beforeAll(async () => {
    server = await startPrivatePostgres(bin!);
    await closeDb();
    process.env.DATABASE_URL = server.url;
    // The app's database opens (and migrates) on first use, as on a real start.
    practice = await createPracticeFixture();
    await createClientFixture(practice.practiceId, practice.clinician.userId);
  }, 120_000);

  afterAll(async () => {
    await dropAdmin();
    await closeDb().catch(() => {});
    server?.destroy();
    process.env.DATABASE_URL = originalUrl;
  });

  async function readCaseload() {
    return (await listCaseload(practice.clinician, parseCaseloadQuery({}))).total;
  }

  it("(a) after every app connection is killed, the next request and transactions succeed", async () => {
    // Several connections open and idle in the pool, as after a busy moment.
    await Promise.all(Array.from({ length: 6 }, () => readCaseload()));

    const { rows } = await adminQuery<{ killed: boolean }>(
      // The timeout makes the call wait until each backend has really gone.
      `select pg_terminate_backend(pid, 10000) as killed from pg_stat_activity
       where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((row) => row.killed)).toBe(true);
    await settle();

    expect(await readCaseload()).toBe(1);
    await expect(pingDb(20_000)).resolves.toBeUndefined();
    // More transactions than the pool has connections: none may have been lost to the kill.
    const db = await getDb();
    for (let i = 0; i < 15; i++) {
      await db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
      });
    }
    await Promise.all(Array.from({ length: 12 }, () => db.transaction((tx) => tx.execute(sql`select pg_sleep(0.01)`))));
  });

  it("(b) with PostgreSQL stopped, the health check reports failure and requests fail with an error; after a restart it recovers by itself", async () => {
    await dropAdmin();
    server.stop("fast");
    await settle();

    await expect(pingDb(5000)).rejects.toThrow();
    const response = await health();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "error", db: "unavailable" });
    // What a page's data call meets: an error (the page's error boundary shows a calm message), not a hang.
    await expect(readCaseload()).rejects.toThrow();

    server.start();
    // The same process, the same pool: nothing was restarted but PostgreSQL.
    await expect(pingDb(20_000)).resolves.toBeUndefined();
    expect((await health()).status).toBe(200);
    expect(await readCaseload()).toBe(1);
  });

  it("(c) a burst of 40 submissions with a crash and restart of PostgreSQL in the middle: each acknowledged one stored exactly once", async () => {
    const BURST = 40;
    const tokens: string[] = [];
    const invitationIds: string[] = [];
    for (let i = 0; i < BURST; i++) {
      const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
      const [sent] = await createInvitations(practice.clinician, { clientId: client.id, includePartner: false });
      tokens.push(sent!.link.split("/a/")[1]!);
      invitationIds.push(sent!.invitationId);
    }

    const acknowledged = new Map<number, string>(); // invitation index → assessment id the app returned
    const alreadyDone = new Set<number>(); // a retry was told "completed": an earlier attempt had committed
    let failures = 0;
    let failuresWhileDown = 0;
    let crashed = false;
    let down = false;

    // Like a client pressing "Send" again after an error page, up to a bounded number of times.
    async function submitUntilAnswered(index: number) {
      for (let attempt = 0; attempt < 100; attempt++) {
        try {
          const result = await submitAssessment(tokens[index]!, ANSWERS);
          if (result.ok) acknowledged.set(index, result.assessmentIds[0]!);
          else if (result.reason === "completed") alreadyDone.add(index);
          else throw new Error(`unexpected answer for submission ${index}: ${JSON.stringify(result)}`);
          return;
        } catch (error) {
          if ((error as Error).message.startsWith("unexpected answer")) throw error;
          failures++;
          if (down) failuresWhileDown++;
          await pause(100);
        }
      }
      throw new Error(`submission ${index} never got an answer`);
    }

    let next = 0;
    const workers = Array.from({ length: 4 }, async () => {
      while (next < BURST) {
        const index = next++;
        await submitUntilAnswered(index);
        if (acknowledged.size >= 10 && !crashed) {
          crashed = true;
          // A crash (no checkpoint, connections cut) while the other workers' submissions are in
          // flight: this call blocks the process until PostgreSQL has gone.
          await dropAdmin();
          server.stop("immediate");
          down = true;
        }
      }
    });
    // While it is down, submissions keep coming and fail; then PostgreSQL comes back.
    const restart = (async () => {
      while (!crashed) await pause(20);
      while (failuresWhileDown < 3 && next < BURST) await pause(20);
      server.start();
      down = false;
    })();
    await Promise.all([...workers, restart]);

    console.info(`[faults] burst: ${acknowledged.size} acknowledged, ${alreadyDone.size} found already stored on retry, ${failures} failed attempts`);
    expect(failures, "the crash happened during the burst").toBeGreaterThan(0);
    // Every submission ended answered: acknowledged, or found completed by an earlier attempt.
    for (let index = 0; index < BURST; index++) expect(acknowledged.has(index) || alreadyDone.has(index), `submission ${index}`).toBe(true);

    const db = await getDb();
    const stored = await db
      .select({ id: assessments.id, invitationId: assessments.invitationId })
      .from(assessments)
      .where(inArray(assessments.invitationId, invitationIds));
    // Exactly one assessment per invitation: none missing, none twice.
    expect(stored.length).toBe(BURST);
    expect(new Set(stored.map((row) => row.invitationId)).size).toBe(BURST);
    // Each acknowledged id is the stored one for its invitation.
    const storedFor = new Map(stored.map((row) => [row.invitationId, row.id]));
    for (const [index, assessmentId] of acknowledged) expect(storedFor.get(invitationIds[index]!)).toBe(assessmentId);
    // And each is whole: its seven scores, one audit entry, the invitation completed.
    const ids = stored.map((row) => row.id);
    const [scores] = await db.select({ n: count() }).from(assessmentScores).where(inArray(assessmentScores.assessmentId, ids));
    expect(scores!.n).toBe(BURST * closenessV1.dimensions.length);
    const [audits] = await db.select({ n: count() }).from(auditEvents).where(inArray(auditEvents.subjectId, ids));
    expect(audits!.n).toBe(BURST);
    const [open] = await db
      .select({ n: count() })
      .from(invitations)
      .where(sql`${inArray(invitations.id, invitationIds)} and ${invitations.status} <> 'completed'`);
    expect(open!.n).toBe(0);
  }, 180_000);
});
