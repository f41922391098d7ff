import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { parseRows } from "@/db/rows";
import { clients } from "@/db/schema";
import { z } from "zod";
import { recordCompletedAssessments, type CompletedAssessmentInput } from "@/lib/assessments/record";
import { rebuildPracticeDerived } from "@/lib/assessments/rebuild-derived";
import { closenessV1, isProfileInstrument, phq9V1, type AnyInstrument } from "@/lib/instruments";
import { scalesOf } from "@/lib/reliable-change/scales";
import { createPracticeFixture } from "@/test/fixtures";
import { loadPracticeSums, type PracticeSums } from "./sums";

/*
 * The stored sums (kept by the write path, rebuilt by the practice rebuild) must equal the sums
 * computed here from the rows, in plain TypeScript: each person's first assessment and earliest
 * pair at most 14 days apart picked by sorting, reverse-keyed items mirrored by hand. Submissions
 * come in batches, out of order (a late, older assessment becomes a person's first, or splits a
 * pair), at the same instant, and with two instruments.
 */

const DAY = 86_400_000;
const assessmentRow = z.object({ id: z.string(), client_id: z.string(), completed_at: z.coerce.date(), answers: z.record(z.string(), z.number()) });

/** An item's value as scoring sees it, mirrored here by hand (1–5 scale: 6 − v). */
function valueOf(instrument: AnyInstrument, answers: Record<string, number>, itemId: string, reverse: boolean): number {
  const v = answers[itemId]!;
  return reverse && isProfileInstrument(instrument) ? instrument.scoring.min + instrument.scoring.max - v : v;
}

async function fromRows(practiceId: string, instrument: AnyInstrument): Promise<PracticeSums> {
  const db = await getDb();
  const rows = parseRows(
    assessmentRow,
    await db.execute(sql`
      select id, client_id, completed_at, answers from assessments
      where practice_id = ${practiceId} and instrument_key = ${instrument.key} and instrument_version = ${instrument.version}`),
  );
  const byClient = new Map<string, typeof rows>();
  for (const row of rows) byClient.set(row.client_id, [...(byClient.get(row.client_id) ?? []), row]);
  const order = (a: (typeof rows)[number], b: (typeof rows)[number]) => a.completed_at.getTime() - b.completed_at.getTime() || (a.id < b.id ? -1 : 1);
  const firsts: Record<string, number>[] = [];
  const pairs: [Record<string, number>, Record<string, number>][] = [];
  for (const history of byClient.values()) {
    history.sort(order);
    firsts.push(history[0]!.answers);
    const i = history.findIndex((row, j) => j > 0 && row.completed_at.getTime() - history[j - 1]!.completed_at.getTime() <= 14 * DAY);
    if (i > 0) pairs.push([history[i - 1]!.answers, history[i]!.answers]);
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const scales = scalesOf(instrument);
  const total = (answers: Record<string, number>, scale: (typeof scales)[number]) => sum(scale.items.map((item) => valueOf(instrument, answers, item.id, item.reverse)));
  return {
    practiceId,
    people: firsts.length,
    scales: Object.fromEntries(
      scales.map((scale) => [
        scale.key,
        {
          n: firsts.length,
          items: scale.items.map((item) => {
            const xs = firsts.map((answers) => valueOf(instrument, answers, item.id, item.reverse));
            const ts = firsts.map((answers) => total(answers, scale));
            return { sum: sum(xs), sumSquares: sum(xs.map((x) => x * x)), sumWithTotal: sum(xs.map((x, j) => x * ts[j]!)) };
          }),
          total: { sum: sum(firsts.map((a) => total(a, scale))), sumSquares: sum(firsts.map((a) => total(a, scale) ** 2)) },
        },
      ]),
    ),
    pairs: Object.fromEntries(
      scales.map((scale) => {
        const xs = pairs.map(([a]) => total(a, scale));
        const ys = pairs.map(([, b]) => total(b, scale));
        return [
          scale.key,
          { n: pairs.length, sumX: sum(xs), sumY: sum(ys), sumXX: sum(xs.map((x) => x * x)), sumYY: sum(ys.map((y) => y * y)), sumXY: sum(xs.map((x, j) => x * ys[j]!)) },
        ];
      }),
    ),
  };
}

async function stored(practiceId: string, instrument: AnyInstrument): Promise<PracticeSums | undefined> {
  const [sums] = await loadPracticeSums(await getDb(), instrument, sql`s.practice_id = ${practiceId}`);
  return sums;
}

/** Deterministic answers: every item from a seed, 1–5 (closeness) or 0–3 (PHQ-9). */
function answers(instrument: AnyInstrument, seed: number): Record<string, number> {
  return Object.fromEntries(
    instrument.items.map((item, i) => [item.id, isProfileInstrument(instrument) ? 1 + ((seed * 7 + i * 3) % 5) : (seed + i * 5) % 4]),
  );
}

describe("the reliability sums", () => {
  it("equal the sums computed from the rows after a mix of submissions, and after a rebuild", async () => {
    const db = await getDb();
    const p = await createPracticeFixture();
    const people = await db
      .insert(clients)
      .values(Array.from({ length: 8 }, (_, i) => ({ practiceId: p.practiceId, clinicianId: p.clinician.userId, firstName: `S${i}`, lastName: "Sums", email: `sums-${i}-${p.practiceId}@example.test` })))
      .returning({ id: clients.id });
    const at = (day: number) => new Date(Date.UTC(2026, 2, 1, 9) + day * DAY);
    const submit = (instrument: AnyInstrument, list: [number, number, number][]) =>
      recordCompletedAssessments(
        db,
        list.map(([person, day, seed]): CompletedAssessmentInput => ({
          practiceId: p.practiceId,
          clientId: people[person]!.id,
          instrument,
          answers: answers(instrument, seed),
          completedAt: at(day),
        })),
      );
    const check = async () => {
      for (const instrument of [closenessV1, phq9V1]) {
        const expected = await fromRows(p.practiceId, instrument);
        // A practice nobody answered an instrument in has no sums for it.
        expect(await stored(p.practiceId, instrument)).toEqual(expected.people === 0 ? undefined : expected);
      }
    };

    // A batch: firsts, a pair within 14 days, one 20 days apart (no pair), two at the same instant.
    await submit(closenessV1, [
      [0, 10, 1], [0, 20, 2], [1, 10, 3], [1, 30, 4], [2, 5, 5], [2, 5, 6], [3, 0, 7],
    ]);
    await check();
    // One at a time, out of order: a late, older one becomes person 0's first and pairs with it;
    // person 1 gets one between their two (a pair now); person 4 starts.
    await submit(closenessV1, [[0, 2, 8]]);
    await submit(closenessV1, [[1, 18, 9]]);
    await submit(closenessV1, [[4, 40, 10]]);
    await check();
    // A late one before person 1's first: their first and their pair both change.
    await submit(closenessV1, [[1, 1, 11], [5, 3, 12], [5, 9, 13]]);
    // Another instrument alongside; a batch touching several people at once.
    await submit(phq9V1, [[0, 10, 1], [0, 15, 2], [1, 10, 3], [6, 4, 4], [7, 4, 5], [7, 30, 6], [7, 20, 7]]);
    await check();
    const before = await stored(p.practiceId, closenessV1);
    expect(before!.people).toBe(6);

    // Spoiled, then rebuilt from the history: the same sums.
    await db.execute(sql`update practice_reliability_sums set value = value + 1 where practice_id = ${p.practiceId}`);
    await db.execute(sql`delete from client_reliability_picks where practice_id = ${p.practiceId} and client_id = ${people[0]!.id}`);
    await rebuildPracticeDerived(db, p.practiceId);
    await check();
    expect(await stored(p.practiceId, closenessV1)).toEqual(before);
    // And the write path goes on from the rebuilt state.
    await submit(closenessV1, [[6, 50, 14], [0, 1, 15]]);
    await check();
  });
});
