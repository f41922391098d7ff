// Caseload at scale: 50,000 clients in one practice, every sort, search and filter timed against
// PostgreSQL. Run with `npm run bench` (needs PostgreSQL; BENCH_DATABASE_URL names the server,
// default postgres://postgres@127.0.0.1:5432/postgres). It creates and drops its own database.
import { performance } from "node:perf_hooks";
import { createThrowawayDatabase } from "../db/throwaway-database";
import type { Actor } from "../lib/auth/actor-types";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const database = await createThrowawayDatabase(process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres", "attune_bench");
process.env.DATABASE_URL = database.url;

try {
  const { getDb, closeDb } = await import("../db/client");
  const schema = await import("../db/schema");
  const { listCaseload } = await import("../lib/clients/caseload");
  const { parseCaseloadQuery, CASELOAD_SORTS } = await import("../lib/clients/schemas");
  const { sql } = await import("drizzle-orm");
  const db = await getDb();

  const [practice] = await db.insert(schema.practices).values({ name: "Bench", timeZone: "UTC" }).returning();
  const staff = await db
    .insert(schema.users)
    .values(Array.from({ length: 20 }, (_, i) => ({ practiceId: practice!.id, name: `Clinician ${i}`, email: `c${i}-${database.name}@bench.test`, role: i === 0 ? ("owner" as const) : ("clinician" as const) })))
    .returning();

  const loadStart = performance.now();
  const batch = 2000;
  for (let offset = 0; offset < CLIENTS; offset += batch) {
    const rows = Array.from({ length: Math.min(batch, CLIENTS - offset) }, (_, k) => {
      const i = offset + k;
      return {
        practiceId: practice!.id,
        clinicianId: staff[i % staff.length]!.id,
        firstName: `First${(i * 7919) % 100_000}`,
        lastName: `Last${(i * 104_729) % 100_000}`,
        email: `client${i}@bench.test`,
        status: i % 10 === 0 ? ("archived" as const) : ("active" as const),
        lastAssessmentAt: i % 3 === 0 ? null : new Date(Date.now() - (i % 365) * 86_400_000),
        latestOverall: i % 3 === 0 ? null : (i * 37) % 100,
      };
    });
    await db.insert(schema.clients).values(rows);
  }
  // Pair neighbours into couples (every other client from 0..CLIENTS/2).
  await db.execute(sql`
    with pairs as (
      select id, (row_number() over (order by id) - 1) / 2 as pair from clients where practice_id = ${practice!.id} limit ${CLIENTS / 2}
    ), made as (
      insert into couples (practice_id) select ${practice!.id}::uuid from pairs group by pair returning id
    ), numbered as (select id, row_number() over () - 1 as pair from made)
    update clients c set couple_id = n.id from pairs p join numbered n on n.pair = p.pair where c.id = p.id`);
  await db.execute(sql`analyze`);
  console.log(`Loaded ${CLIENTS} clients in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);

  const owner: Actor = { userId: staff[0]!.id, practiceId: practice!.id, role: "owner", name: "", email: "", practiceName: "", practiceTimeZone: "UTC" };
  const clinician: Actor = { ...owner, userId: staff[1]!.id, role: "clinician" };

  const cases: [string, Actor, Record<string, string>][] = [];
  for (const sort of CASELOAD_SORTS) {
    cases.push([`owner  sort=${sort} asc`, owner, { sort }]);
    cases.push([`owner  sort=${sort} desc, page 100`, owner, { sort, dir: "desc", page: "100" }]);
  }
  cases.push(["owner  search 'last123'", owner, { q: "last123" }]);
  cases.push(["owner  search 'client4999'", owner, { q: "client4999" }]);
  cases.push(["owner  status=all, clinician filter", owner, { status: "all", clinician: staff[3]!.id }]);
  cases.push(["owner  couples only", owner, { kind: "couples" }]);
  cases.push(["owner  individuals only", owner, { kind: "individuals" }]);
  cases.push(["clinician sort=name", clinician, {}]);
  cases.push(["clinician sort=lastAssessment desc", clinician, { sort: "lastAssessment", dir: "desc" }]);

  console.log(`\n${"case".padEnd(44)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}  rows/total`);
  for (const [label, actor, params] of cases) {
    const times: number[] = [];
    let summary = "";
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const page = await listCaseload(actor, parseCaseloadQuery(params));
      times.push(performance.now() - started);
      summary = `${page.rows.length}/${page.total}`;
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
    console.log(`${label.padEnd(44)} ${at(0.5).padStart(8)} ${at(0.95).padStart(8)}  ${summary}`);
  }
  console.log(`\nRSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
  await closeDb();
} finally {
  await database.drop();
}
