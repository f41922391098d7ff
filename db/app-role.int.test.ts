import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/core/audit";
import { verifyAuditChains } from "@/lib/core/audit-chain";
import { QUEUES, registerJobHandler, requestJob, startJobEngine, stopJobEngine } from "@/lib/core/jobs";
import { createClientFixture, createPracticeFixture } from "@/test/fixtures";
import { AppRoleError, grantAppRole } from "./app-role";
import { closeDb, getDb } from "./client";
import { createThrowawayDatabase } from "./throwaway-database";

/*
 * Issue 24 item 4, least privilege: `npm run db:migrate` as the owner with APP_DATABASE_ROLE grants
 * an existing login role what the app needs and nothing more. As that role, the app opens the
 * database (nothing to migrate), writes, runs its job engine and checks the audit chain; and it
 * cannot ALTER, TRUNCATE, UPDATE or DELETE the audit trail, disable its triggers or set
 * session_replication_role. Its own database and role; PostgreSQL only.
 */

const run = promisify(execFile);
const TSX = path.resolve("node_modules/tsx/dist/cli.mjs");
const onPostgres = Boolean(process.env.DATABASE_URL);

async function script(name: string, env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [TSX, "--conditions=react-server", name], { env: { ...process.env, ...env }, timeout: 240_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

describe.skipIf(!onPostgres)("the app's own database role (APP_DATABASE_ROLE)", () => {
  const sharedUrl = process.env.DATABASE_URL!;
  const role = `attune_app_${randomBytes(4).toString("hex")}`;
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  });

  async function admin(url: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    cleanup.push(() => client.end());
    return client;
  }

  it("db:migrate grants it the app's privileges; as it the app works and the audit trail cannot be rewritten", async () => {
    const database = await createThrowawayDatabase(sharedUrl, "attune_approle");
    const server = await admin(sharedUrl);
    await server.query(`create role ${role} login`);
    cleanup.push(async () => {
      await server.query(`drop role if exists ${role}`);
    });
    cleanup.push(database.drop);

    const migrated = await script("db/migrate.ts", { DATABASE_URL: database.url, APP_DATABASE_ROLE: role });
    expect(migrated.output).toContain(`Granted ${role}`);
    expect(migrated.code).toBe(0);
    // Again: re-granting is safe (a migrate after a new table runs it again).
    expect((await script("db/migrate.ts", { DATABASE_URL: database.url, APP_DATABASE_ROLE: role })).code).toBe(0);

    const roleUrl = Object.assign(new URL(database.url), { username: role }).toString();
    await closeDb();
    process.env.DATABASE_URL = roleUrl;
    cleanup.push(async () => {
      await stopJobEngine();
      await closeDb();
      process.env.DATABASE_URL = sharedUrl;
    });

    // The app's writes: opening (nothing pending), a practice, a client, audit rows, the job engine.
    const db = await getDb();
    const practice = await createPracticeFixture();
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    await recordAudit(db, practice.owner, { action: "test.as_app_role", subjectType: "client", subjectId: client.id });
    let ran = 0;
    registerJobHandler(QUEUES.plans, { run: async () => void ran++ });
    await startJobEngine({ work: true });
    requestJob(QUEUES.plans);
    const [chain] = await verifyAuditChains(db, { practiceId: practice.practiceId });
    expect(chain).toMatchObject({ whole: true });
    const asRole = await admin(roleUrl);
    expect((await asRole.query("select current_user as me")).rows[0].me).toBe(role);
    // The engine fetched, ran and completed a job, and kept its schedule.
    await expect.poll(() => ran, { timeout: 60_000 }).toBeGreaterThan(0);
    await expect
      .poll(async () => (await asRole.query("select count(*)::int as n from pgboss.job where name = $1 and state = 'completed'", [QUEUES.plans])).rows[0].n, { timeout: 30_000 })
      .toBeGreaterThan(0);
    expect((await asRole.query("select count(*)::int as n from pgboss.schedule where name = $1", [QUEUES.plans])).rows[0].n).toBe(1);
    await stopJobEngine();

    // What it must not do.
    const refused = [
      "alter table audit_events disable trigger user",
      "alter table audit_events disable trigger audit_events_no_update_or_delete",
      "alter table audit_events add column forged text",
      "truncate audit_events",
      "truncate clients",
      "delete from audit_events",
      "update audit_events set action = 'rewritten'",
      "update audit_chain_heads set last_seq = 0",
      "set session_replication_role = replica",
      "alter table clients disable trigger all",
      "create table public.smuggled (id int)",
      "drop table audit_events",
    ];
    for (const statement of refused) {
      await expect(asRole.query(statement), statement).rejects.toThrow(/permission denied|must be owner|must be superuser/);
    }
    expect((await asRole.query("select count(*)::int as n from audit_events where action = 'test.as_app_role'")).rows[0].n).toBe(1);

    // audit:verify runs as the role too.
    const verified = await script("scripts/audit-verify.ts", { DATABASE_URL: roleUrl });
    expect(verified.output).toContain("Every chain is whole.");
    expect(verified.code).toBe(0);

    // The owner rewrites a row behind the triggers: audit:verify names it and fails.
    const owner = await admin(database.url);
    const { rows: victim } = await owner.query("select id from audit_events where action = 'test.as_app_role'");
    await owner.query("begin");
    await owner.query("set local session_replication_role = replica");
    await owner.query("update audit_events set details = '{\"forged\": true}' where id = $1", [victim[0].id]);
    await owner.query("commit");
    const broken = await script("scripts/audit-verify.ts", { DATABASE_URL: roleUrl });
    expect(broken.output).toContain(`practice ${practice.practiceId}: BROKEN at row id ${victim[0].id}`);
    expect(broken.output).toContain("changed after it was written");
    expect(broken.code).toBe(1);
  });

  it("refuses to grant to a superuser, the owner itself, or a role that does not exist", async () => {
    const owner = await admin(sharedUrl);
    await expect(grantAppRole(owner, "postgres")).rejects.toThrow(AppRoleError);
    await expect(grantAppRole(owner, "attune_no_such_role")).rejects.toThrow(/does not exist/);
    await expect(grantAppRole(owner, 'x"; drop table clients; --')).rejects.toThrow(/plain role name/);
  });
});
