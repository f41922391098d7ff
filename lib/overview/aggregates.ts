// The overview's aggregates (decision record 0018): per practice and local day, the count of
// completed assessments and each dimension's score count and exact sum; per client, whether their
// latest closeness assessment fell reliably. Written in the same transaction as every submission
// (lib/assessments/record.ts calls `refreshOverviewAggregates`), so the overview never reads a stale
// number, and rebuilt from the history by `rebuildPracticeAggregates` — which must run after a
// change of the practice's time zone, since the days are local days: in the background, by the job
// engine (lib/overview/rebuild.ts), the overview saying "being recalculated" until it has.
// Deliberately no `server-only`: the write path runs in plain Node too (seed, test fixtures).
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { CLOSENESS_DIMENSIONS, closenessV1, minimumReliableChange, type ClosenessDimension } from "@/lib/instruments";

const DIMENSIONS: readonly ClosenessDimension[] = CLOSENESS_DIMENSIONS;

/** `'knowledge'::text, 'care'::text, …` for an `in (…)` over the closeness dimensions. */
export const closenessDimensionList = sql.join(
  DIMENSIONS.map((dimension) => sql`${dimension}::text`),
  sql`, `,
);

const uuidList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** Each dimension's minimum reliable change, from the instrument definition. */
export function minimumChanges(): Record<ClosenessDimension, number> {
  return Object.fromEntries(DIMENSIONS.map((dimension) => [dimension, minimumReliableChange(closenessV1, dimension)])) as Record<
    ClosenessDimension,
    number
  >;
}

/*
 * The clients (among the assessments `filter` admits, joined with `clients`) whose latest closeness
 * assessment fell by at least a dimension's minimum reliable change against the one before it or
 * against their first, one row each: client_id, latest_at, previous_at, first_at,
 * assessment_count, sudden (a drop against the previous one), dimensions (json, definition order).
 * Window functions pick the three assessments per client; their scores are read by primary key.
 * The overview runs it over a caseload when asked about a past `now`; the write path over the
 * clients of a submission; the rebuild over a practice.
 */
export function deteriorationsSql(filter: SQL, minimumChange: Record<ClosenessDimension, number> = minimumChanges()): SQL {
  return sql`
    with thresholds (dimension, minimum_change, position) as (
      values ${sql.join(
        DIMENSIONS.map((dimension, index) => sql`(${dimension}::text, ${minimumChange[dimension]}::numeric, ${index}::int)`),
        sql`, `,
      )}
    ),
    ordered as (
      select
        a.client_id, a.practice_id, a.id, a.completed_at,
        lag(a.id) over w as previous_id,
        lag(a.completed_at) over w as previous_at,
        first_value(a.id) over w as first_id,
        first_value(a.completed_at) over w as first_at,
        -- No next assessment: this is the latest.
        lead(a.id) over w is null as is_latest,
        count(*) over w_all as assessment_count
      from assessments a inner join clients on clients.id = a.client_id
      where ${filter}
        and a.instrument_key = ${closenessV1.key} and a.instrument_version = ${closenessV1.version}
      window w as (partition by a.client_id order by a.completed_at, a.id), w_all as (partition by a.client_id)
    ),
    -- The three assessments to compare, one row each, so their scores are read in one pass.
    picked (client_id, role, assessment_id) as (
      select o.client_id, k.role, k.assessment_id
      from ordered o cross join lateral (values ('latest', o.id), ('previous', o.previous_id), ('first', o.first_id)) as k (role, assessment_id)
      where o.is_latest and o.previous_id is not null
    ),
    compared as (
      select p.client_id, s.dimension,
        max(s.score) filter (where p.role = 'latest') as score,
        max(s.score) filter (where p.role = 'previous') as previous_score,
        max(s.score) filter (where p.role = 'first') as first_score
      from picked p inner join assessment_scores s on s.assessment_id = p.assessment_id
      group by p.client_id, s.dimension
    ),
    changes as (
      select o.client_id, o.completed_at, o.previous_at, o.first_at, o.assessment_count, t.dimension, t.position,
        c.score, c.previous_score, c.first_score,
        c.score - c.previous_score as change_since_previous,
        c.score - c.first_score as change_since_first,
        c.score - c.previous_score <= -coalesce(f.minimum_change, t.minimum_change) as reliable_since_previous,
        c.score - c.first_score <= -coalesce(f.minimum_change, t.minimum_change) as reliable_since_first
      from ordered o
        inner join compared c on c.client_id = o.client_id
        inner join thresholds t on t.dimension = c.dimension
        -- The practice's adopted figures, where its owner adopted them (lib/measures), win.
        left join practice_reliability_figures f on f.practice_id = o.practice_id and f.instrument_key = ${closenessV1.key}
          and f.instrument_version = ${closenessV1.version} and f.dimension = c.dimension
      where o.is_latest and o.previous_id is not null
        and c.score is not null and c.previous_score is not null and c.first_score is not null
    )
    select
      c.client_id,
      max(c.completed_at) as latest_at, max(c.previous_at) as previous_at, min(c.first_at) as first_at,
      max(c.assessment_count)::int as assessment_count,
      bool_or(c.reliable_since_previous) as sudden,
      json_agg(json_build_object(
        'dimension', c.dimension,
        'latest', c.score::float8,
        'previous', c.previous_score::float8,
        'first', c.first_score::float8,
        'changeSincePrevious', c.change_since_previous::float8,
        'changeSinceFirst', c.change_since_first::float8,
        'reliableSincePrevious', c.reliable_since_previous,
        'reliableSinceFirst', c.reliable_since_first
      ) order by c.position) filter (where c.reliable_since_previous or c.reliable_since_first) as dimensions
    from changes c
    group by c.client_id
    having bool_or(c.reliable_since_previous or c.reliable_since_first)
  `;
}

/** Stores the deteriorations `filter` selects (after their old rows were deleted). */
async function storeDeteriorations(executor: Executor, filter: SQL): Promise<void> {
  await executor.execute(sql`
    insert into client_deteriorations (client_id, practice_id, latest_at, previous_at, first_at, assessment_count, sudden, dimensions)
    select d.client_id, clients.practice_id, d.latest_at, d.previous_at, d.first_at, d.assessment_count, d.sudden, d.dimensions::jsonb
    from (${deteriorationsSql(filter)}) d inner join clients on clients.id = d.client_id
  `);
}

/** The day of an assessment in its practice's time zone, given `practices p` in the query. */
const localDay = (completedAt: SQL) => sql`(${completedAt} at time zone p.time_zone)::date`;

/**
 * Adds the given (just inserted) assessments to their practices' daily aggregates and recomputes
 * the deterioration of their clients. Set-based; call inside the transaction that inserted them.
 * Rows are upserted in key order, so two concurrent submissions lock them in the same order.
 */
export async function refreshOverviewAggregates(executor: Executor, assessmentIds: readonly string[], clientIds: readonly string[]): Promise<void> {
  if (assessmentIds.length === 0) return;
  // Bound parameters per statement stay far below PostgreSQL's 65,535 however large the batch.
  if (assessmentIds.length > IDS_PER_STATEMENT || clientIds.length > IDS_PER_STATEMENT) {
    for (let i = 0; i < Math.max(assessmentIds.length, clientIds.length); i += IDS_PER_STATEMENT) {
      const someAssessments = assessmentIds.slice(i, i + IDS_PER_STATEMENT);
      const someClients = clientIds.slice(i, i + IDS_PER_STATEMENT);
      if (someAssessments.length > 0) await refreshOverviewAggregates(executor, someAssessments, someClients);
      else await refreshDeteriorations(executor, someClients);
    }
    return;
  }
  const ids = uuidList(assessmentIds);
  // The time zone the days are cut by may not change under us (a change rebuilds, holding the row).
  await executor.execute(sql`
    select p.id from practices p where p.id in (select distinct a.practice_id from assessments a where a.id in (${ids})) order by p.id for share
  `);
  await addToDailyAggregates(executor, sql`a.id in (${ids})`, sql`s.assessment_id in (${ids})`);
  await refreshDeteriorations(executor, clientIds);
}

const IDS_PER_STATEMENT = 10_000;

/**
 * The one definition of the per-day aggregates, as selects: per practice and local day, the
 * assessments `filter` (over `assessments a`) admits and how many of them have closeness scores;
 * and per day and dimension, the count and exact sum of the scores `filter` (over
 * `assessment_scores s`) admits. `join` adds tables the filter needs (a caseload's `clients`). The
 * write path and the rebuild add them to the stored rows (`addToDailyAggregates`); the overview
 * computes a caseload's the same way, from its rows (lib/overview/overview.ts).
 */
export function dailyAssessmentsSql(filter: SQL, join: SQL = sql``): SQL {
  return sql`
    select a.practice_id, ${localDay(sql`a.completed_at`)} as day, count(*)::int as assessments,
      count(*) filter (where exists (
        select 1 from assessment_scores s where s.assessment_id = a.id and s.dimension in (${closenessDimensionList})
      ))::int as closeness_assessments
    from assessments a inner join practices p on p.id = a.practice_id ${join}
    where ${filter}
    group by 1, 2
  `;
}

/** The per-day, per-dimension score counts and sums: see `dailyAssessmentsSql`. */
export function dailyScoresSql(filter: SQL, join: SQL = sql``): SQL {
  return sql`
    select s.practice_id, ${localDay(sql`s.completed_at`)} as day, s.dimension, count(*)::int as scores, sum(s.score) as score_sum
    from assessment_scores s inner join practices p on p.id = s.practice_id ${join}
    where ${filter}
    group by 1, 2, 3
  `;
}

/**
 * Adds what the selects above give for `assessmentFilter` and `scoreFilter` (the same assessments)
 * to the stored rows. The write path adds a batch; the rebuild a whole practice's history to emptied
 * rows. Additive upserts in key order: concurrent submissions commute and lock rows in one order.
 */
async function addToDailyAggregates(executor: Executor, assessmentFilter: SQL, scoreFilter: SQL): Promise<void> {
  await executor.execute(sql`
    insert into practice_daily_assessments as t (practice_id, day, assessments, closeness_assessments)
    select d.practice_id, d.day, d.assessments, d.closeness_assessments from (${dailyAssessmentsSql(assessmentFilter)}) d
    order by 1, 2
    on conflict (practice_id, day) do update
      set assessments = t.assessments + excluded.assessments,
        closeness_assessments = t.closeness_assessments + excluded.closeness_assessments
  `);
  await executor.execute(sql`
    insert into practice_daily_scores as t (practice_id, day, dimension, scores, score_sum)
    select d.practice_id, d.day, d.dimension, d.scores, d.score_sum from (${dailyScoresSql(scoreFilter)}) d
    order by 1, 2, 3
    on conflict (practice_id, day, dimension) do update
      set scores = t.scores + excluded.scores, score_sum = t.score_sum + excluded.score_sum
  `);
}

/** Recomputes the stored deterioration of the given clients. */
async function refreshDeteriorations(executor: Executor, clientIds: readonly string[]): Promise<void> {
  if (clientIds.length === 0) return;
  const clientList = uuidList([...new Set(clientIds)].sort());
  await executor.execute(sql`delete from client_deteriorations where client_id in (${clientList})`);
  await storeDeteriorations(executor, sql`a.client_id in (${clientList})`);
}

/**
 * Recomputes a practice's aggregates from its history, in the practice's current time zone. Call
 * it in the same transaction as anything that changes what they are cut or computed by — above
 * all a change of `practices.time_zone`. Holds the practice row, so submissions wait for it.
 */
export async function rebuildPracticeAggregates(executor: Executor, practiceId: string): Promise<void> {
  await executor.transaction(async (tx) => {
    await tx.execute(sql`select id from practices where id = ${practiceId} for update`);
    await tx.execute(sql`delete from practice_daily_assessments where practice_id = ${practiceId}`);
    await tx.execute(sql`delete from practice_daily_scores where practice_id = ${practiceId}`);
    await tx.execute(sql`delete from client_deteriorations where practice_id = ${practiceId}`);
    await addToDailyAggregates(tx, sql`a.practice_id = ${practiceId}`, sql`s.practice_id = ${practiceId}`);
    await storeDeteriorations(tx, sql`a.practice_id = ${practiceId}`);
    // The trigger-kept counts: the practice's clients and invitations added to emptied counts by
    // the functions the triggers call (migration 0018), the one definition of how rows count.
    for (const table of ["practice_client_counts", "practice_invitation_counts", "practice_monthly_invitations"]) {
      await tx.execute(sql`delete from ${sql.identifier(table)} where practice_id = ${practiceId}`);
    }
    await tx.execute(sql`select move_client_counts('{}', array(select c from clients c where c.practice_id = ${practiceId}))`);
    await tx.execute(sql`select move_invitation_tally('{}', array(select i from invitations i where i.practice_id = ${practiceId}))`);
  });
}
