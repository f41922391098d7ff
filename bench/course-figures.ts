// The expected course's cost, before and after it was kept per practice (decision 0042): seeds one
// bench practice (bench/seed.ts, rebuilt by rebuildPracticeDerived, which now computes its figures),
// then times what a page paid before (the percentile computation over every assessment, each
// request), what it pays now (reading the stored figures), the job's refresh, and a submission's
// extra write. `npx tsx --conditions=react-server bench/course-figures.ts --clients 5000`.
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { createThrowawayDatabase } from "../db/throwaway-database";
import { PASSWORD, seedPractice } from "./seed";

const { values: args } = parseArgs({ options: { clients: { type: "string", default: "5000" }, runs: { type: "string", default: "7" } } });
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const database = await createThrowawayDatabase(serverUrl, "attune_bench_course");
process.env.DATABASE_URL = database.url;
process.env.AUTH_SECRET ??= "bench-course-figures-secret-not-for-production";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
async function time(runs: number, work: () => Promise<unknown>): Promise<number> {
  await work(); // warm
  const spent: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    spent.push(performance.now() - started);
  }
  return median(spent);
}

try {
  const { getDb, closeDb } = await import("../db/client");
  const { hashPassword } = await import("@/lib/auth/password");
  const { rebuildPracticeDerived } = await import("@/lib/assessments/rebuild-derived");
  const { closenessV1 } = await import("@/lib/instruments");
  const { computeCourseFigures, markCourseFiguresChanged, readCourseFigures, refreshCourseFigures } = await import("@/lib/measures/course-figures");
  const { loadPracticeCourse } = await import("@/lib/measures/course");
  const db = await getDb(); // migrates
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  const seeded = await seedPractice(admin, { clients: Number(args.clients), label: args.clients!, pending: 2, passwordHash: await hashPassword(PASSWORD) });
  const rebuilt = performance.now();
  await rebuildPracticeDerived(db, seeded.practiceId);
  const rebuildMs = performance.now() - rebuilt;
  await admin.query("vacuum analyze");
  const runs = Number(args.runs);
  const result = {
    clients: seeded.clients,
    assessments: seeded.assessments,
    rebuildMs: Math.round(rebuildMs),
    beforePerRequestMs: await time(runs, () => computeCourseFigures(db, seeded.practiceId, closenessV1)),
    afterPerRequestMs: await time(runs, () => loadPracticeCourse(seeded.practiceId, closenessV1.key, closenessV1.version)),
    storedReadMs: await time(runs, () => readCourseFigures(db, seeded.practiceId, closenessV1)),
    jobRefreshMs: await time(3, () => refreshCourseFigures(db, seeded.practiceId, closenessV1)),
    writeMarkMs: await time(runs, () => db.transaction((tx) => markCourseFiguresChanged(tx, [{ practiceId: seeded.practiceId, instrument: closenessV1 }]))),
    // Behind (the last timing bumped it): the page counts up to the limit and shows the stored figures, "recalculating".
    afterPerRequestBehindMs: await time(runs, () => loadPracticeCourse(seeded.practiceId, closenessV1.key, closenessV1.version)),
  };
  console.log(JSON.stringify(result, null, 2));
  await admin.end();
  await closeDb();
} finally {
  await database.drop();
}
