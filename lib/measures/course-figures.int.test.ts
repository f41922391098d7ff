import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { clients, practiceCourseFigures } from "@/db/schema";
import { recordCompletedAssessments, type CompletedAssessmentInput } from "@/lib/assessments/record";
import { rebuildPracticeDerived } from "@/lib/assessments/rebuild-derived";
import { closenessV1 } from "@/lib/instruments";
import { createPracticeFixture, type PracticeFixture } from "@/test/fixtures";
import { getClientCourse, loadExpectedCourse, loadPracticeCourse } from "./course";
import { INLINE_MAX_ASSESSMENTS, computeCourseFigures, isCurrent, readCourseFigures, refreshCourseFigures, runCourseFigureRefreshes } from "./course-figures";

/*
 * The expected course kept off the request path (decision 0042): the stored figures equal the
 * on-demand computation after batches of submissions and after the practice rebuild (rows written
 * behind the write path's back, as a restore does); a page reads the stored row and does not
 * recompute it; a large practice without figures shows none and asks the job, which makes them.
 */

const DAY = 86_400_000;

/** Every item at one agreement level (reverse-keyed items answered so they score the same). */
const answersAt = (level: number) => Object.fromEntries(closenessV1.items.map((item) => [item.id, item.reverseKeyed ? 6 - level : level]));

async function addClients(p: PracticeFixture, count: number, tag: string) {
  const db = await getDb();
  return db
    .insert(clients)
    .values(Array.from({ length: count }, (_, i) => ({ practiceId: p.practiceId, clinicianId: p.clinician.userId, firstName: `${tag}${i}`, lastName: "Figures", email: `${tag}-${i}@example.test` })))
    .returning({ id: clients.id });
}

/** Each client's first, and visits near week 2 and 4 with a spread of changes. */
function visits(p: PracticeFixture, ids: readonly { id: string }[], offset: number): CompletedAssessmentInput[] {
  return ids.flatMap(({ id }, i) => {
    const start = Date.UTC(2026, 0, 1 + (i % 30), 9);
    const first = 2 + (i % 3);
    return [0, 13 + (i % 3), 27 + (i % 4)].map((d, v) => ({
      practiceId: p.practiceId,
      clientId: id,
      instrument: closenessV1,
      answers: answersAt(Math.min(5, Math.max(1, first + (v === 0 ? 0 : ((i + offset) % 5) - 2)))),
      completedAt: new Date(start + d * DAY),
    }));
  });
}

describe("the stored expected course", () => {
  let p: PracticeFixture;

  beforeAll(async () => {
    p = await createPracticeFixture();
  });

  it("equals the on-demand computation after a mix of submissions, and is marked changed by each batch", async () => {
    const db = await getDb();
    const first = await addClients(p, 110, "a");
    // In batches and one by one, as the seed and the clients' submissions write them.
    const inputs = visits(p, first, 0);
    await recordCompletedAssessments(db, inputs.slice(0, 200));
    for (const input of inputs.slice(200, 210)) await recordCompletedAssessments(db, [input]);
    await recordCompletedAssessments(db, inputs.slice(210));
    const marked = await readCourseFigures(db, p.practiceId, closenessV1);
    expect(marked).toMatchObject({ figures: null, changes: 12 });
    expect(isCurrent(marked)).toBe(false);

    const stored = await refreshCourseFigures(db, p.practiceId, closenessV1);
    expect(isCurrent(stored)).toBe(true);
    expect(stored.figures).toEqual(await computeCourseFigures(db, p.practiceId, closenessV1));
    expect(stored.assessments).toBe(330);
    expect(stored.figures!.find((r) => r.week === 4 && r.band === null)!.n).toBe(110);

    // More people: changed again until refreshed; the page (a small practice) refreshes it inline.
    await recordCompletedAssessments(db, visits(p, await addClients(p, 20, "b"), 1));
    expect(isCurrent(await readCourseFigures(db, p.practiceId, closenessV1))).toBe(false);
    const page = await loadPracticeCourse(p.practiceId, closenessV1.key, closenessV1.version);
    expect(page).toMatchObject({ freshness: "current" });
    expect(page.weeks.find((w) => w.week === 4)!.n).toBe(130);
    const fresh = await readCourseFigures(db, p.practiceId, closenessV1);
    expect(isCurrent(fresh)).toBe(true);
    expect(fresh!.figures).toEqual(await computeCourseFigures(db, p.practiceId, closenessV1));
    const onDemand = await loadExpectedCourse(db, p.practiceId, closenessV1);
    expect({ ...page, computedAt: null }).toEqual({ ...onDemand, computedAt: null });
  });

  it("after rows written behind the write path (a restore), the practice rebuild makes them equal again", async () => {
    const db = await getDb();
    const [late] = await addClients(p, 1, "restored");
    // Straight into the table, as a restore or a migration would: no mark, the stored figures are silently behind.
    await db.execute(sql`
      insert into assessments (practice_id, client_id, instrument_key, instrument_version, answers, overall, completed_at)
      values (${p.practiceId}, ${late!.id}, 'closeness', 1, '{}'::jsonb, 90, '2026-01-01T09:00:00Z'),
             (${p.practiceId}, ${late!.id}, 'closeness', 1, '{}'::jsonb, 10, '2026-01-29T09:00:00Z')
    `);
    const before = await readCourseFigures(db, p.practiceId, closenessV1);
    expect(before!.figures).not.toEqual(await computeCourseFigures(db, p.practiceId, closenessV1));
    await rebuildPracticeDerived(db, p.practiceId);
    const after = await readCourseFigures(db, p.practiceId, closenessV1);
    expect(isCurrent(after)).toBe(true);
    expect(after!.figures).toEqual(await computeCourseFigures(db, p.practiceId, closenessV1));
    expect(after!.figures!.find((r) => r.week === 4 && r.band === null)!.n).toBe(131);
  });

  it("a page reads the stored figures and does not compute them again", async () => {
    const db = await getDb();
    const [someone] = await db.select({ id: clients.id }).from(clients).where(sql`${clients.practiceId} = ${p.practiceId}`).limit(1);
    // Figures no computation could give (999 people at week 4, percentiles 1, 2, 3), stored as current.
    await db
      .update(practiceCourseFigures)
      .set({ figures: [{ week: 4, band: null, n: 999, p: [1, 2, 3] }] })
      .where(sql`${practiceCourseFigures.practiceId} = ${p.practiceId}`);
    const course = await getClientCourse(p.clinician, someone!.id);
    expect(course.course.weeks.find((w) => w.week === 4)).toEqual({ week: 4, n: 999, p10: 1, p50: 2, p90: 3 });
    expect(course.course.freshness).toBe("current");
    expect(course.course.computedAt).toBeInstanceOf(Date);
  });

  it("a large practice without figures shows none, says they are being calculated, and the job makes them", async () => {
    const db = await getDb();
    const big = await createPracticeFixture();
    const [one] = await addClients(big, 1, "big");
    // More assessments than a request computes inline: one person assessed daily (cheap to write, as many rows).
    await db.execute(sql`
      insert into assessments (practice_id, client_id, instrument_key, instrument_version, answers, overall, completed_at)
      select ${big.practiceId}, ${one!.id}, 'closeness', 1, '{}'::jsonb, 50, timestamptz '2010-01-01T09:00:00Z' + g * interval '1 hour'
      from generate_series(1, ${INLINE_MAX_ASSESSMENTS + 1}) g
    `);
    const waiting = await getClientCourse(big.clinician, one!.id);
    expect(waiting.course).toMatchObject({ freshness: "calculating", computedAt: null });
    expect(waiting.judgement).toBeNull();
    // The page left a request for them, and computed nothing.
    expect(await readCourseFigures(db, big.practiceId, closenessV1)).toMatchObject({ figures: null, computedAt: null });
    // A run takes the 20 longest-waiting rows; the tests' other practices in a shared database wait too.
    const { refreshed } = await runCourseFigureRefreshes(db);
    expect(refreshed).toBeGreaterThanOrEqual(1);
    for (let run = 0; run < 200 && !isCurrent(await readCourseFigures(db, big.practiceId, closenessV1)); run++) await runCourseFigureRefreshes(db);
    const made = await readCourseFigures(db, big.practiceId, closenessV1);
    expect(isCurrent(made)).toBe(true);
    expect(made!.figures).toEqual(await computeCourseFigures(db, big.practiceId, closenessV1));
    expect((await getClientCourse(big.clinician, one!.id)).course.freshness).toBe("current");
    // Changed again: the stored figures are shown as they are, with when; the job waits REFRESH_EVERY_MS.
    await recordCompletedAssessments(db, [{ practiceId: big.practiceId, clientId: one!.id, instrument: closenessV1, answers: answersAt(3), completedAt: new Date(Date.UTC(2026, 0, 1)) }]);
    const behind = await getClientCourse(big.clinician, one!.id);
    expect(behind.course).toMatchObject({ freshness: "recalculating", computedAt: made!.computedAt });
    await runCourseFigureRefreshes(db);
    expect(isCurrent(await readCourseFigures(db, big.practiceId, closenessV1))).toBe(false);
  });
});
