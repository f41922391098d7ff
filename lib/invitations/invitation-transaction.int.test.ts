import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, pingDb } from "@/db/client";
import { invitations } from "@/db/schema";
import { listCaseload } from "@/lib/clients/caseload";
import { parseCaseloadQuery } from "@/lib/clients/schemas";
import { closenessV1 } from "@/lib/instruments";
import { createClientFixture, createPracticeFixture } from "@/test/fixtures";
import { InvitationBusyError, inInvitationTransaction, LOCK_WAIT_MS } from "./invitation-transaction";
import { createInvitations } from "./invitations";
import { getInvitationView, saveDraft, submitAssessment } from "./public";

// Row-lock waits need a second connection holding the lock; PGlite is one connection in one
// process, so a lock can never be held against it. The postgres project runs these.
const onPostgres = Boolean(process.env.DATABASE_URL);
const ifPostgres = describe.skipIf(!onPostgres);

const itemIds = closenessV1.items.map((item) => item.id);

async function invite() {
  const practice = await createPracticeFixture();
  const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
  const [sent] = await createInvitations(practice.clinician, { clientId: client.id, includePartner: false });
  return { invitationId: sent!.invitationId, token: sent!.link.split("/a/")[1]! };
}

async function waitUntil(condition: () => Promise<boolean>, what: string, attempts = 200) {
  for (let i = 0; i < attempts; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting until ${what}`);
}

/** The server's own default for a setting: what a connection carries when nobody changed it. */
async function serverDefault(name: string): Promise<string> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return ((await client.query(`show ${name}`)).rows[0] as Record<string, string>)[name]!;
  } finally {
    await client.end();
  }
}

ifPostgres("timeouts on PostgreSQL connections (skipped on PGlite: these are PostgreSQL settings)", () => {
  const showIn = async (executor: { execute: (query: ReturnType<typeof sql.raw>) => Promise<unknown> }, name: string) =>
    ((await executor.execute(sql.raw(`show ${name}`))) as { rows: Record<string, string>[] }).rows[0]![name];

  it("bounds statements, lock waits and idle time in every transaction, and leaves nothing on the connection after", async () => {
    const db = await getDb();
    const inside = await db.transaction(async (tx) => ({
      statement: await showIn(tx, "statement_timeout"),
      lock: await showIn(tx, "lock_timeout"),
      idle: await showIn(tx, "idle_in_transaction_session_timeout"),
    }));
    expect(inside).toEqual({ statement: "30s", lock: "10s", idle: "15s" });
    // SET LOCAL: a pooler (PgBouncer, transaction mode) may hand this server connection to anyone next.
    for (let i = 0; i < 3; i++) expect(await showIn(db, "lock_timeout")).toBe(await serverDefault("lock_timeout"));
  });

  it("gives the client's questionnaire writes a short lock wait of their own, for that transaction only", async () => {
    const { token } = await invite();
    const inside = await inInvitationTransaction(token, async (tx) => {
      const result = (await tx.execute(sql`show lock_timeout`)) as unknown as { rows: { lock_timeout: string }[] };
      return result.rows[0]!.lock_timeout;
    });
    expect(inside).toBe(`${LOCK_WAIT_MS / 1000}s`);
    const db = await getDb();
    const after = await db.transaction((tx) => showIn(tx, "lock_timeout"));
    expect(after).toBe("10s");
  });
});

ifPostgres("one invitation's row held locked by someone else (skipped on PGlite: it has a single connection)", () => {
  let holder: pg.Client;
  let observer: pg.Client;

  beforeAll(async () => {
    holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    observer = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await Promise.all([holder.connect(), observer.connect()]);
  });

  afterAll(async () => {
    await holder.query("rollback").catch(() => {});
    await Promise.all([holder.end(), observer.end()]);
  });

  /** Backends of this database that are waiting for a lock right now. */
  async function backendsWaitingForLocks(): Promise<number> {
    const { rows } = await observer.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
    );
    return rows[0]!.n;
  }

  it("makes autosaves on that link fail calmly, while other practices' reads and the health check carry on", async () => {
    const { invitationId, token } = await invite();
    // Another practice, with clients of its own, whose clinician is reading their caseload.
    const other = await createPracticeFixture();
    await createClientFixture(other.practiceId, other.clinician.userId);
    await createClientFixture(other.practiceId, other.clinician.userId);

    await holder.query("begin");
    await holder.query("select id from invitations where id = $1 for update", [invitationId]);

    // Twelve autosaves at once: more than the pool's ten connections.
    let settled = 0;
    const autosaves = itemIds.slice(0, 12).map((id) =>
      saveDraft(token, { [id]: "3" }).then(
        (result) => result,
        (error: unknown) => error,
      ).finally(() => settled++),
    );
    // Let the jam form: one of them is now waiting on the row in the database (unless, on a very
    // slow machine, they have all given up already — the reads below must pass either way).
    await waitUntil(async () => settled === autosaves.length || (await backendsWaitingForLocks()) >= 1, "an autosave waits on the row");

    const [caseload] = await Promise.all([listCaseload(other.clinician, parseCaseloadQuery({})), pingDb(20_000)]);
    expect(caseload.total).toBe(2);
    // However many autosaves pile up, the link holds at most one connection waiting on its row.
    expect(await backendsWaitingForLocks()).toBeLessThanOrEqual(1);

    const outcomes = await Promise.all(autosaves);
    for (const outcome of outcomes) expect(outcome).toBeInstanceOf(InvitationBusyError);
    // The client's page still opens while the row is locked; a submit fails the same calm way.
    expect((await getInvitationView(token)).state).toBe("open");
    await expect(submitAssessment(token, { [itemIds[0]!]: "3" })).rejects.toBeInstanceOf(InvitationBusyError);
    // Nothing was written behind the holder's back.
    const db = await getDb();
    const [row] = await db.select().from(invitations).where(eq(invitations.id, invitationId));
    expect(row!.draftAnswers).toBeNull();

    await holder.query("rollback");
    // Once the row is free, the same save goes through.
    await expect(saveDraft(token, { [itemIds[0]!]: "4" })).resolves.toMatchObject({ ok: true, answered: 1 });
  });
});
