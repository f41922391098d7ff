// The one definition of the sufficient statistics behind the practice's own psychometrics (issue 28,
// decision 0038): which assessments of a person count (their first for α, item–rest and the SD;
// their earliest two consecutive assessments at most RETEST_MAX_DAYS apart for test–retest r) and
// the sums over them, per practice, instrument version, scale and term, in
// `practice_reliability_sums`. The write path (lib/assessments/record.ts) calls
// `refreshReliabilitySums` for the clients of a batch: their old contribution out, their new one in
// (a late assessment may become their first, or make a pair). `rebuildPracticeReliabilitySums` runs
// the same statement over a whole practice from zero: `rebuildPracticeDerived`, and the backfill (a
// migration marks the practices stale; the job engine rebuilds them). The reliability report
// (./reliability.ts) reads the stored sums, so it costs the same at 50 clients and at 50,000.
// No `server-only`: the write path runs in plain Node too (seed, fixtures).
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { parseRows } from "@/db/rows";
import { getInstrument, type AnyInstrument } from "@/lib/instruments";
import { itemValueSql, scaleTotalSql, scalesOf } from "@/lib/reliable-change/scales";
import type { PairSums, ScaleSums } from "./statistics";

/** At most this many days between two assessments of one person for a test–retest pair. */
export const RETEST_MAX_DAYS = 14;

export type PracticeSums = {
  practiceId: string;
  /** People with an assessment of this instrument version (their first counts). */
  people: number;
  scales: Record<string, ScaleSums>;
  /** Per scale: one pair per person, their earliest two consecutive assessments at most RETEST_MAX_DAYS apart. */
  pairs: Record<string, PairSums>;
};

const col = (name: string) => sql.raw(`"${name}"`);

/** One stored term of a scale: its name, and what one contribution (a row of `v`) adds to it. */
type Term = { scale: string; term: string; value: SQL };

/** Every term of an instrument, over `v`'s columns: i<s>_<i> (first's item values), x<s>/y<s> (pair totals). */
function termsOf(instrument: AnyInstrument): Term[] {
  return scalesOf(instrument).flatMap((scale, s) => {
    const total = sql`(${sql.join(
      scale.items.map((_, i) => col(`i${s}_${i}`)),
      sql` + `,
    )})`;
    const [x, y] = [col(`x${s}`), col(`y${s}`)];
    const term = (name: string, value: SQL): Term => ({ scale: scale.key, term: name, value });
    return [
      term("n", sql`1`),
      term("total_sum", total),
      term("total_squares", sql`${total} * ${total}`),
      ...scale.items.flatMap((_, i) => {
        const item = col(`i${s}_${i}`);
        return [term(`item_sum:${i}`, item), term(`item_squares:${i}`, sql`${item} * ${item}`), term(`item_with_total:${i}`, sql`${item} * ${total}`)];
      }),
      term("pair_n", sql`(${x} is not null)::int`),
      term("pair_x", x),
      term("pair_y", y),
      term("pair_xx", sql`${x} * ${x}`),
      term("pair_yy", sql`${y} * ${y}`),
      term("pair_xy", sql`${x} * ${y}`),
    ];
  });
}

/**
 * Recomputes which assessments count for the clients `clientIds` of one practice (all its clients
 * when null) and moves the stored sums by the difference: one statement. Call it after the batch's
 * assessments are written and the clients' rows are locked (refreshClientLatest updates them), so
 * two submissions of one client run it one after the other; the sums' rows are added to in key order.
 */
export async function refreshReliabilitySums(
  executor: Executor,
  instrument: AnyInstrument,
  practiceId: string,
  clientIds: readonly string[] | null,
): Promise<void> {
  if (clientIds !== null && clientIds.length === 0) return;
  const clients = (alias: string) =>
    clientIds === null
      ? sql``
      : sql`and ${col(alias)}.client_id in (${sql.join(
          [...new Set(clientIds)].sort().map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`;
  const ofInstrument = (alias: string) => sql`${col(alias)}.instrument_key = ${instrument.key} and ${col(alias)}.instrument_version = ${instrument.version}`;
  // Which clients' picks change (their first, or their pair): most submissions change none, and
  // then the sums are left alone without the wide statement below.
  const changedPicks = sql`
    ordered as materialized (
      select a.client_id, a.id, a.completed_at,
        row_number() over w as position, lag(a.id) over w as previous_id, lag(a.completed_at) over w as previous_at
      from assessments a
      where a.practice_id = ${practiceId} ${clients("a")} and ${ofInstrument("a")}
      window w as (partition by a.client_id order by a.completed_at, a.id)
    ),
    pairs as (
      select distinct on (o.client_id) o.client_id, o.previous_id, o.id
      from ordered o
      where o.previous_at is not null and o.completed_at - o.previous_at <= ${`${RETEST_MAX_DAYS} days`}::interval
      order by o.client_id, o.completed_at, o.id
    ),
    picked as materialized (
      select f.client_id, f.id as first_id, p.previous_id as pair_first_id, p.id as pair_second_id
      from ordered f left join pairs p on p.client_id = f.client_id
      where f.position = 1
    ),
    old as materialized (
      select k.client_id, k.first_id, k.pair_first_id, k.pair_second_id
      from client_reliability_picks k
      where k.practice_id = ${practiceId} ${clients("k")} and ${ofInstrument("k")}
    ),
    changed as materialized (
      select coalesce(n.client_id, o.client_id) as client_id,
        n.first_id, n.pair_first_id, n.pair_second_id,
        o.first_id as old_first_id, o.pair_first_id as old_pair_first_id, o.pair_second_id as old_pair_second_id
      from picked n full join old o on o.client_id = n.client_id
      where n.first_id is distinct from o.first_id or n.pair_first_id is distinct from o.pair_first_id
        or n.pair_second_id is distinct from o.pair_second_id
    )
  `;
  if (clientIds !== null) {
    const [changed] = parseRows(z.object({ n: z.coerce.number() }), await executor.execute(sql`with ${changedPicks} select count(*) as n from changed`));
    if (!changed || changed.n === 0) return;
  }
  const scales = scalesOf(instrument);
  const values = scales.flatMap((scale, s) => [
    ...scale.items.map((item, i) => sql`${itemValueSql(instrument, sql`f.answers`, item)} as ${col(`i${s}_${i}`)}`),
    sql`${scaleTotalSql(instrument, sql`p1.answers`, scale)} as ${col(`x${s}`)}`,
    sql`${scaleTotalSql(instrument, sql`p2.answers`, scale)} as ${col(`y${s}`)}`,
  ]);
  const terms = termsOf(instrument);
  const summed = terms.map((t, j) => sql`coalesce(sum(v.sign * ${t.value}), 0)::float8 as ${col(`t${j}`)}`);
  const unpivot = terms.map((t, j) => sql`(${t.scale}::text, ${t.term}::text, s.${col(`t${j}`)})`);
  await executor.execute(sql`
    with ${changedPicks},
    contributions (sign, first_id, pair_first_id, pair_second_id) as (
      select 1::float8, c.first_id, c.pair_first_id, c.pair_second_id from changed c where c.first_id is not null
      union all
      select -1::float8, c.old_first_id, c.old_pair_first_id, c.old_pair_second_id from changed c where c.old_first_id is not null
    ),
    -- Each counted row's answers read once into float columns (materialized: not again per term).
    v as materialized (
      select c.sign, ${sql.join(values, sql`, `)}
      from contributions c inner join assessments f on f.id = c.first_id
        left join assessments p1 on p1.id = c.pair_first_id
        left join assessments p2 on p2.id = c.pair_second_id
    ),
    summed as (
      select count(*) as contributions, ${sql.join(summed, sql`, `)} from v
    ),
    stored_sums as (
      insert into practice_reliability_sums as t (practice_id, instrument_key, instrument_version, scale, term, value)
      select ${practiceId}::uuid, ${instrument.key}, ${instrument.version}::int, u.scale, u.term, u.value
      from summed s cross join lateral (values ${sql.join(unpivot, sql`, `)}) as u (scale, term, value)
      where s.contributions > 0
      order by u.scale, u.term
      on conflict (practice_id, instrument_key, instrument_version, scale, term) do update set value = t.value + excluded.value
      returning 1
    ),
    stored_picks as (
      insert into client_reliability_picks as k (client_id, practice_id, instrument_key, instrument_version, first_id, pair_first_id, pair_second_id)
      select c.client_id, ${practiceId}::uuid, ${instrument.key}, ${instrument.version}::int, c.first_id, c.pair_first_id, c.pair_second_id
      from changed c where c.first_id is not null
      order by c.client_id
      on conflict (client_id, instrument_key, instrument_version) do update
        set first_id = excluded.first_id, pair_first_id = excluded.pair_first_id, pair_second_id = excluded.pair_second_id
      returning 1
    ),
    dropped_picks as (
      delete from client_reliability_picks k using changed c
      where k.client_id = c.client_id and ${ofInstrument("k")} and c.first_id is null
      returning 1
    )
    select (select count(*) from stored_sums) as sums, (select count(*) from stored_picks) as picks, (select count(*) from dropped_picks) as dropped
  `);
}

/**
 * A practice's sums and picks recomputed from its history with the write path's statement, from
 * zero. Holds the practice row (`for update`), as the overview's rebuild does: a submission waits.
 */
export async function rebuildPracticeReliabilitySums(executor: Executor, practiceId: string): Promise<void> {
  await executor.transaction(async (tx) => {
    await tx.execute(sql`select id from practices where id = ${practiceId} for update`);
    await tx.execute(sql`delete from practice_reliability_sums where practice_id = ${practiceId}`);
    await tx.execute(sql`delete from client_reliability_picks where practice_id = ${practiceId}`);
    const versions = parseRows(
      z.object({ instrument_key: z.string(), instrument_version: z.coerce.number().int() }),
      await tx.execute(sql`select distinct instrument_key, instrument_version from assessments where practice_id = ${practiceId} order by 1, 2`),
    );
    for (const row of versions) {
      const instrument = getInstrument(row.instrument_key, row.instrument_version);
      if (instrument) await refreshReliabilitySums(tx, instrument, practiceId, null);
    }
  });
}

const sumRow = z.object({ practice_id: z.string(), scale: z.string(), term: z.string(), value: z.coerce.number() });

/** A practice's stored terms as the statistics' shapes; every scale present, zero where nothing was added. */
function toPracticeSums(instrument: AnyInstrument, practiceId: string, terms: Map<string, number>): PracticeSums {
  const get = (scale: string, term: string) => terms.get(`${scale}\u0000${term}`) ?? 0;
  const scales = scalesOf(instrument);
  return {
    practiceId,
    people: scales.length > 0 ? get(scales[0]!.key, "n") : 0,
    scales: Object.fromEntries(
      scales.map((scale) => [
        scale.key,
        {
          n: get(scale.key, "n"),
          items: scale.items.map((_, i) => ({
            sum: get(scale.key, `item_sum:${i}`),
            sumSquares: get(scale.key, `item_squares:${i}`),
            sumWithTotal: get(scale.key, `item_with_total:${i}`),
          })),
          total: { sum: get(scale.key, "total_sum"), sumSquares: get(scale.key, "total_squares") },
        },
      ]),
    ),
    pairs: Object.fromEntries(
      scales.map((scale) => [
        scale.key,
        {
          n: get(scale.key, "pair_n"),
          sumX: get(scale.key, "pair_x"),
          sumY: get(scale.key, "pair_y"),
          sumXX: get(scale.key, "pair_xx"),
          sumYY: get(scale.key, "pair_yy"),
          sumXY: get(scale.key, "pair_xy"),
        },
      ]),
    ),
  };
}

/**
 * The stored sums per practice that `practices` (a condition on `s.practice_id`) admits, for one
 * instrument version. Practices without a person assessed with it are absent.
 */
export async function loadPracticeSums(executor: Executor, instrument: AnyInstrument, practices: SQL): Promise<PracticeSums[]> {
  const rows = parseRows(
    sumRow,
    await executor.execute(sql`
      select s.practice_id, s.scale, s.term, s.value from practice_reliability_sums s
      where ${practices} and s.instrument_key = ${instrument.key} and s.instrument_version = ${instrument.version}
      order by s.practice_id
    `),
  );
  const byPractice = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const terms = byPractice.get(row.practice_id) ?? new Map<string, number>();
    terms.set(`${row.scale}\u0000${row.term}`, row.value);
    byPractice.set(row.practice_id, terms);
  }
  return [...byPractice]
    .map(([practiceId, terms]) => toPracticeSums(instrument, practiceId, terms))
    .filter((sums) => sums.people > 0);
}
