import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { parseRows } from "@/db/rows";
import type { AnyInstrument } from "@/lib/instruments";
import { itemValueSql, scaleTotalSql, scalesOf } from "@/lib/reliable-change/scales";
import type { PairSums, ScaleSums } from "./statistics";

/*
 * The sufficient statistics, summed by the database from the answers (one pass, one row per
 * practice): nothing is stored, so rows that arrive by restore, import or migration count the
 * moment they are there (measured in the bench: see README "Performance"). One definition serves a
 * practice's own figures and the installation's pooled ones (the same sums, per contributing practice).
 */

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

/** Columns are read by name and coerced with Number: node-postgres hands numerics back as text. */
const anyRow = z.record(z.string(), z.unknown());
const col = (name: string) => sql.raw(`"${name}"`);
const num = (value: unknown) => Number(value ?? 0);

const ofInstrument = (instrument: AnyInstrument, practices: SQL) =>
  sql`${practices} and a.instrument_key = ${instrument.key} and a.instrument_version = ${instrument.version}`;

// The shape of both queries: pick the assessments by id over narrow rows first (the sort carries no
// answers), read each picked row's answers once into float columns (`materialized`: PostgreSQL
// would otherwise inline the CTE and extract every item again in every aggregate), then sum.

async function firstAssessmentRows(executor: Executor, instrument: AnyInstrument, practices: SQL) {
  const scales = scalesOf(instrument);
  const answers = sql`a.answers`;
  const values = scales.flatMap((scale, s) => scale.items.map((item, i) => sql`${itemValueSql(instrument, answers, item)} as ${col(`i${s}_${i}`)}`));
  const totalOf = (s: number) =>
    sql`(${sql.join(
      scalesOf(instrument)[s]!.items.map((_, i) => col(`i${s}_${i}`)),
      sql` + `,
    )})`;
  const sums = scales.flatMap((scale, s) => [
    ...scale.items.flatMap((_, i) => {
      const x = col(`i${s}_${i}`);
      return [sql`sum(${x}) as ${col(`si${s}_${i}`)}`, sql`sum(${x} * ${x}) as ${col(`qi${s}_${i}`)}`, sql`sum(${x} * ${totalOf(s)}) as ${col(`ci${s}_${i}`)}`];
    }),
    sql`sum(${totalOf(s)}) as ${col(`st${s}`)}`,
    sql`sum(${totalOf(s)} * ${totalOf(s)}) as ${col(`qt${s}`)}`,
  ]);
  const result = await executor.execute(sql`
    with firsts as materialized (
      select distinct on (a.practice_id, a.client_id) a.id
      from assessments a
      where ${ofInstrument(instrument, practices)}
      order by a.practice_id, a.client_id, a.completed_at, a.id
    ),
    v as materialized (
      select a.practice_id, ${sql.join(values, sql`, `)}
      from firsts f inner join assessments a on a.id = f.id
    )
    select v.practice_id, count(*)::int as n, ${sql.join(sums, sql`, `)}
    from v group by v.practice_id
  `);
  return parseRows(anyRow, result);
}

async function pairRows(executor: Executor, instrument: AnyInstrument, practices: SQL) {
  const scales = scalesOf(instrument);
  const totals = scales.flatMap((scale, s) => [
    sql`${scaleTotalSql(instrument, sql`a1.answers`, scale)} as ${col(`x${s}`)}`,
    sql`${scaleTotalSql(instrument, sql`a2.answers`, scale)} as ${col(`y${s}`)}`,
  ]);
  const sums = scales.flatMap((_, s) => {
    const x = col(`x${s}`);
    const y = col(`y${s}`);
    return [
      sql`sum(${x}) as ${col(`sx${s}`)}`,
      sql`sum(${y}) as ${col(`sy${s}`)}`,
      sql`sum(${x} * ${x}) as ${col(`qx${s}`)}`,
      sql`sum(${y} * ${y}) as ${col(`qy${s}`)}`,
      sql`sum(${x} * ${y}) as ${col(`cxy${s}`)}`,
    ];
  });
  const result = await executor.execute(sql`
    with ordered as materialized (
      select a.practice_id, a.client_id, a.id, a.completed_at,
        lag(a.id) over w as first_id, lag(a.completed_at) over w as first_at
      from assessments a
      where ${ofInstrument(instrument, practices)}
      window w as (partition by a.practice_id, a.client_id order by a.completed_at, a.id)
    ),
    pairs as materialized (
      select distinct on (o.practice_id, o.client_id) o.practice_id, o.first_id, o.id
      from ordered o
      where o.first_at is not null and o.completed_at - o.first_at <= ${`${RETEST_MAX_DAYS} days`}::interval
      order by o.practice_id, o.client_id, o.completed_at
    ),
    v as materialized (
      select p.practice_id, ${sql.join(totals, sql`, `)}
      from pairs p inner join assessments a1 on a1.id = p.first_id inner join assessments a2 on a2.id = p.id
    )
    select v.practice_id, count(*)::int as n, ${sql.join(sums, sql`, `)}
    from v group by v.practice_id
  `);
  return parseRows(anyRow, result);
}

const emptyPairs = (): PairSums => ({ n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 });

/**
 * The sums per practice that `practices` (a condition on `a.practice_id`) admits, for one
 * instrument version. Practices without an assessment of it are absent.
 */
export async function loadPracticeSums(executor: Executor, instrument: AnyInstrument, practices: SQL): Promise<PracticeSums[]> {
  const scales = scalesOf(instrument);
  const [firsts, pairs] = [await firstAssessmentRows(executor, instrument, practices), await pairRows(executor, instrument, practices)];
  const pairsByPractice = new Map(pairs.map((row) => [String(row.practice_id), row]));
  return firsts.map((row) => {
    const pairRow = pairsByPractice.get(String(row.practice_id));
    const n = num(row.n);
    return {
      practiceId: String(row.practice_id),
      people: n,
      scales: Object.fromEntries(
        scales.map((scale, s) => [
          scale.key,
          {
            n,
            items: scale.items.map((_, i) => ({ sum: num(row[`si${s}_${i}`]), sumSquares: num(row[`qi${s}_${i}`]), sumWithTotal: num(row[`ci${s}_${i}`]) })),
            total: { sum: num(row[`st${s}`]), sumSquares: num(row[`qt${s}`]) },
          },
        ]),
      ),
      pairs: Object.fromEntries(
        scales.map((scale, s) => [
          scale.key,
          pairRow
            ? {
                n: num(pairRow.n),
                sumX: num(pairRow[`sx${s}`]),
                sumY: num(pairRow[`sy${s}`]),
                sumXX: num(pairRow[`qx${s}`]),
                sumYY: num(pairRow[`qy${s}`]),
                sumXY: num(pairRow[`cxy${s}`]),
              }
            : emptyPairs(),
        ]),
      ),
    };
  });
}
