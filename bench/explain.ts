// Where the overview's time goes: seeds one practice (default 50,000 clients) into a throwaway
// database, records the statements `getOverview` sends, and prints each one's
// EXPLAIN (ANALYZE, BUFFERS) with its time. `npx tsx --conditions=react-server bench/explain.ts [clients] [range] [few-drops|many-drops]`
import pg from "pg";
import { createThrowawayDatabase } from "../db/throwaway-database";
import type { Actor } from "@/lib/core/actor-types";
import { capture } from "./capture";
import { seedPractice, type Distribution } from "./seed";

const clients = Number(process.argv[2] ?? 50_000);
const range = (process.argv[3] ?? "6") as "3" | "6" | "12" | "all";
const distribution = (process.argv[4] ?? "few-drops") as Distribution;
const database = await createThrowawayDatabase(process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres", "attune_bench");
process.env.DATABASE_URL = database.url;
try {
  const { getDb, closeDb } = await import("../db/client");
  const { rebuildPracticeDerived } = await import("@/lib/assessments/rebuild-derived");
  const { getOverview } = await import("@/lib/overview/overview");
  const db = await getDb();
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  const practice = await seedPractice(admin, { clients, label: String(clients), pending: 0, passwordHash: "x", distribution });
  await rebuildPracticeDerived(db, practice.practiceId);
  await admin.query("vacuum analyze");
  const actor: Actor = { userId: practice.ownerId, practiceId: practice.practiceId, role: "owner", name: "", email: "", practiceName: "", practiceTimeZone: "Europe/London" };
  const statements = await capture(() => getOverview(actor, { range, granularity: "month" }));
  for (const statement of statements) {
    const plan = await admin.query(`explain (analyze, buffers) ${statement.text}`, statement.values);
    const lines = plan.rows.map((row: Record<string, string>) => row["QUERY PLAN"]);
    console.log(`\n=== ${lines.at(-1)}\n${statement.text.replace(/\s+/g, " ").slice(0, 200)}…\n${lines.join("\n")}`);
  }
  await admin.end();
  await closeDb();
} finally {
  await database.drop();
}
