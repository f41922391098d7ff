import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { and, eq, isNotNull } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { emailOutbox, practices, users } from "@/db/schema";
import { createThrowawayDatabase } from "@/db/throwaway-database";
import type { Actor } from "@/lib/core/actor-types";
import { clock } from "@/lib/core/clock";
import { createPlan } from "@/lib/plans/plans";
import { runPlans } from "@/lib/plans/run";
import { DEMO_EMAIL, seedDemo } from "./seed/seed-demo";

/*
 * `npm run backup` then `npm run restore` (the real commands, as separate processes) round-trip a
 * practice with every kind of row — couples, assessments, plans, alerts, sealed outbox emails, the
 * audit trail, the job queue's own tables — and every table compares equal, row for row. A restore
 * refuses a database that holds anything. PostgreSQL runs in the postgres project only (it needs
 * a server); the embedded database in the pglite project.
 */

const run = promisify(execFile);
const TSX = path.resolve("node_modules/tsx/dist/cli.mjs");
const onPostgres = Boolean(process.env.DATABASE_URL);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "attune-backup-"));

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Runs `npm run <script> -- file` as a new process with `env` on top of this one's. */
async function cli(script: "backup" | "restore", file: string, env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [TSX, "--conditions=react-server", `scripts/${script}.ts`, file], {
      env: { ...process.env, ...env },
      timeout: 240_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

type Query = (text: string) => Promise<Record<string, unknown>[]>;

/** Every table outside PostgreSQL's own schemas: its row count and a digest of all its rows in a fixed order. */
async function digestEveryTable(query: Query): Promise<Record<string, { rows: number; digest: string }>> {
  const tables = await query(
    `select table_schema as s, table_name as t from information_schema.tables
     where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`,
  );
  const digests: Record<string, { rows: number; digest: string }> = {};
  for (const { s, t } of tables) {
    const name = `"${String(s)}"."${String(t)}"`;
    const [row] = await query(`select count(*)::int as n, md5(coalesce(string_agg(x::text, E'\\n' order by x::text), '')) as d from ${name} x`);
    digests[`${String(s)}.${String(t)}`] = { rows: Number(row!.n), digest: String(row!.d) };
  }
  return digests;
}

/** The demo practice, plus a measurement plan for a couple that has sent its first invitations. */
async function seedPracticeWithEveryKindOfRow() {
  await seedDemo();
  const db = await getDb();
  const [owner] = await db
    .select({ userId: users.id, practiceId: users.practiceId, name: users.name, email: users.email, practiceName: practices.name, practiceTimeZone: practices.timeZone })
    .from(users)
    .innerJoin(practices, eq(practices.id, users.practiceId))
    .where(eq(users.email, DEMO_EMAIL));
  const actor = { ...owner!, practiceId: owner!.practiceId!, role: "owner" } as Actor;
  const partner = await db.query.clients.findFirst({ where: (c, { and: all, eq: is, isNotNull: set }) => all(is(c.practiceId, actor.practiceId), set(c.coupleId), is(c.status, "active")) });
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: actor.practiceTimeZone }).format(clock.now());
  await createPlan(actor, {
    instruments: ["closeness"],
    cadence: "two_weeks",
    startDate: today,
    endKind: "open",
    endCount: undefined,
    endDate: undefined,
    expiryDays: 4,
    reminder1: 2,
    reminder2: undefined,
    clientId: partner!.id,
    forCouple: true,
  });
  await runPlans({ practiceId: actor.practiceId });
  const sealed = await db.select({ id: emailOutbox.id }).from(emailOutbox).where(and(eq(emailOutbox.practiceId, actor.practiceId), isNotNull(emailOutbox.sealedBody)));
  expect(sealed.length).toBeGreaterThan(0);
}

function expectEveryKindOfRow(digests: Record<string, { rows: number }>) {
  for (const table of ["practices", "users", "couples", "clients", "assessments", "plans", "plan_members", "invitations", "clinical_alerts", "email_outbox", "audit_events"]) {
    expect(digests[`public.${table}`]?.rows, table).toBeGreaterThan(0);
  }
  // The migration journal and the job queue come along too.
  expect(digests["drizzle.__drizzle_migrations"]?.rows).toBeGreaterThan(0);
  expect(Object.keys(digests).some((name) => name.startsWith("pgboss."))).toBe(true);
}

describe.runIf(onPostgres)("backup and restore on PostgreSQL", () => {
  const serverUrl = Object.assign(new URL(process.env.DATABASE_URL || "postgres://localhost/x"), { pathname: "/postgres" }).toString();
  const dropAfter: (() => Promise<void>)[] = [];
  const savedUrl = process.env.DATABASE_URL;
  let source: string;

  beforeAll(async () => {
    const db = await createThrowawayDatabase(serverUrl, "attune_backup_src");
    dropAfter.push(db.drop);
    source = db.url;
    await closeDb();
    process.env.DATABASE_URL = source;
    await seedPracticeWithEveryKindOfRow();
    // The job engine's tables, as a running app has them.
    const { startJobEngine, stopJobEngine } = await import("@/lib/core/jobs");
    await startJobEngine({ work: false });
    await stopJobEngine();
    await closeDb();
    process.env.DATABASE_URL = savedUrl;
  });

  afterAll(async () => {
    for (const drop of dropAfter) await drop();
  });

  const digestOf = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await digestEveryTable(async (text) => (await client.query(text)).rows as Record<string, unknown>[]);
    } finally {
      await client.end();
    }
  };

  it("round-trips every table into an empty database, and refuses one that is not empty", async () => {
    const file = path.join(work, "attune.dump");
    const backup = await cli("backup", file, { DATABASE_URL: source });
    expect(backup.output).toContain(`Backed up the PostgreSQL database to ${file}`);
    expect(backup.code).toBe(0);

    const target = await createThrowawayDatabase(serverUrl, "attune_backup_dst");
    dropAfter.push(target.drop);
    const restore = await cli("restore", file, { DATABASE_URL: target.url });
    expect(restore.output).toContain("Restored");
    expect(restore.code).toBe(0);

    const [before, after] = [await digestOf(source), await digestOf(target.url)];
    expectEveryKindOfRow(before);
    expect(after).toEqual(before);

    // A second restore into what now holds data is refused, and changes nothing.
    const again = await cli("restore", file, { DATABASE_URL: target.url });
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/is not empty/);
    expect(await digestOf(target.url)).toEqual(before);

    // A backup never overwrites a file.
    const overwrite = await cli("backup", file, { DATABASE_URL: source });
    expect(overwrite.code).toBe(1);
    expect(overwrite.output).toContain("already exists");
  });

  it("says plainly when pg_dump is missing or older than the server", async () => {
    const missing = await cli("backup", path.join(work, "none.dump"), { DATABASE_URL: source, PATH: path.join(work, "empty-bin") });
    expect(missing.code).toBe(1);
    expect(missing.output).toContain("pg_dump was not found on the PATH");

    const bin = path.join(work, "old-bin");
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, "pg_dump"), "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n", { mode: 0o755 });
    const old = await cli("backup", path.join(work, "old.dump"), { DATABASE_URL: source, PATH: `${bin}:${process.env.PATH}` });
    expect(old.code).toBe(1);
    expect(old.output).toMatch(/pg_dump on the PATH is version 9, the server is PostgreSQL \d+/);
    expect(fs.existsSync(path.join(work, "old.dump"))).toBe(false);
  });
});

describe.runIf(!onPostgres)("backup and restore of the embedded database", () => {
  const sourceDir = path.join(work, "source");
  const savedDir = process.env.PGLITE_DIR;

  beforeAll(async () => {
    await closeDb();
    process.env.PGLITE_DIR = sourceDir;
    await seedPracticeWithEveryKindOfRow();
    const { startJobEngine, stopJobEngine } = await import("@/lib/core/jobs");
    await startJobEngine({ work: false });
    await stopJobEngine();
  });

  afterAll(async () => {
    await closeDb();
    process.env.PGLITE_DIR = savedDir;
  });

  const digestOf = async (dir: string) => {
    const client = await PGlite.create(dir, { extensions: { pg_trgm } });
    try {
      return await digestEveryTable(async (text) => (await client.query<Record<string, unknown>>(text)).rows);
    } finally {
      await client.close();
    }
  };

  it("refuses while another process has the folder open, then round-trips every table into an empty folder", async () => {
    const file = path.join(work, "attune.pglite.tar.gz");
    // This test process still has it open, as a running app would.
    const busy = await cli("backup", file, { PGLITE_DIR: sourceDir });
    expect(busy.code).toBe(1);
    expect(busy.output).toContain("is in use by another process");
    expect(fs.existsSync(file)).toBe(false);

    await closeDb();
    const backup = await cli("backup", file, { PGLITE_DIR: sourceDir });
    expect(backup.output).toContain("Backed up the embedded database");
    expect(backup.code).toBe(0);

    const targetDir = path.join(work, "target");
    const restore = await cli("restore", file, { PGLITE_DIR: targetDir });
    expect(restore.output).toContain("Restored");
    expect(restore.code).toBe(0);

    const before = await digestOf(sourceDir);
    expectEveryKindOfRow(before);
    expect(await digestOf(targetDir)).toEqual(before);

    const again = await cli("restore", file, { PGLITE_DIR: targetDir });
    expect(again.code).toBe(1);
    expect(again.output).toContain("is not empty");

    // A PostgreSQL backup needs DATABASE_URL, and the other way round.
    const wrongKind = await cli("restore", file, { DATABASE_URL: "postgres://127.0.0.1:1/none" });
    expect(wrongKind.output).toContain("is a backup of the embedded database");
  });
});
