import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Database } from "@/db/client";
import { jsonColumn, parseRow, parseRows } from "@/db/rows";
import type { Actor } from "@/lib/auth/actor-types";
import { clientScope } from "@/lib/clients/access";
import { CLOSENESS_DIMENSIONS, closenessV1, minimumReliableChange, type ClosenessDimension } from "@/lib/instruments";
import type { OverviewGranularity, OverviewParams, OverviewRange } from "./overview-params";

/*
 * The practice (owner) or caseload (clinician) overview. Every number here is computed by
 * PostgreSQL — counts, means, medians, period buckets and reliable-change comparisons — in the
 * practice's time zone, which is passed as a bound parameter like every other input. JavaScript only
 * parses the rows as they come back and reshapes them into plain objects for the page; each query
 * is one function below, named for what it computes.
 */

export { parseOverviewParams, type OverviewGranularity, type OverviewParams, type OverviewRange } from "./overview-params";

export type DimensionMeans = Record<ClosenessDimension, number | null>;

export type OverviewPeriod = {
  /** First day of the period in the practice's time zone, `YYYY-MM-DD` (weeks start on Monday). */
  start: string;
  /** Completed assessments in the period; 0 for a period with none. */
  assessments: number;
  /** Mean of each dimension over the period's assessments, unrounded; null when there were none. */
  means: DimensionMeans;
};

export type DeteriorationDimension = {
  dimension: ClosenessDimension;
  /** The latest score, unrounded. */
  latest: number;
  previous: number;
  first: number;
  /** latest − previous and latest − first, unrounded (negative is worse). */
  changeSincePrevious: number;
  changeSinceFirst: number;
  /** A reliable deterioration: change ≤ −(the dimension's minimum reliable change). */
  reliableSincePrevious: boolean;
  reliableSinceFirst: boolean;
};

export type Deterioration = {
  clientId: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  latestAt: Date;
  previousAt: Date;
  firstAt: Date;
  assessmentCount: number;
  /** Only the dimensions with a reliable deterioration on either comparison, in definition order. */
  dimensions: DeteriorationDimension[];
};

export type InvitationStats = {
  /** Invitations created in the range, not counting revoked ones. */
  sent: number;
  /** Of those, completed. */
  completed: number;
  /** Of those, pending or opened and not yet expired. */
  open: number;
  /** Of those, pending or opened past their expiry. */
  expired: number;
  /** completed ÷ sent, 0–1; null when none were sent. */
  completionRate: number | null;
  /** Median of (completed_at − created_at) in days over the completed ones; null when none. */
  medianDaysToComplete: number | null;
};

export type Overview = {
  scope: "practice" | "caseload";
  timeZone: string;
  range: OverviewRange;
  granularity: OverviewGranularity;
  /** Activity in the whole scope, whatever the range: decides between the page and its empty state. */
  totals: { clients: number; assessments: number; invitations: number };
  activeClients: number;
  /** Completed in the 30 × 24 hours before `now`. */
  assessmentsLast30Days: number;
  invitations: InvitationStats;
  /** Every period of the range, oldest first, including those without assessments. */
  periods: OverviewPeriod[];
  /**
   * At most DETERIORATION_LIMIT clients: those with a reliable drop since their previous assessment
   * first, then those only below their first; within each, the most recently assessed first.
   */
  deteriorations: Deterioration[];
  /** How many clients qualify in all, listed or not. */
  deteriorationTotal: number;
  reliableChange: { provisional: boolean; minimumChange: Record<ClosenessDimension, number> };
};

type Options = OverviewParams & { now?: Date };

/** The deterioration list is for acting on; past this many, the page says how many more there are. */
export const DETERIORATION_LIMIT = 50;

const DIMENSIONS: readonly ClosenessDimension[] = CLOSENESS_DIMENSIONS;

/** The smallest reliable change per dimension, from the instrument definition (≈ 22.3 points in v1). */
function minimumChanges(): Record<ClosenessDimension, number> {
  return Object.fromEntries(DIMENSIONS.map((dimension) => [dimension, minimumReliableChange(closenessV1, dimension)])) as Record<
    ClosenessDimension,
    number
  >;
}

const dimensionList = sql.join(
  DIMENSIONS.map((dimension) => sql`${dimension}::text`),
  sql`, `,
);

/** What every query of one overview shares: whose clients, what "now" is, and the range's periods. */
type OverviewQuery = {
  practiceId: string;
  range: OverviewRange;
  scope: SQL;
  tz: SQL;
  granularity: SQL;
  now: SQL;
  /** The range's first and last periods as local timestamps, and the length of one. */
  firstPeriod: SQL;
  lastPeriod: SQL;
  step: SQL;
};

function overviewQuery(actor: Actor, options: Options): OverviewQuery {
  const scope = clientScope(actor);
  const tz = sql`${actor.practiceTimeZone}::text`;
  const granularity = sql`${options.granularity}::text`;
  const now = sql`${(options.now ?? new Date()).toISOString()}::timestamptz`;
  const localNow = sql`(${now} at time zone ${tz})`;
  /*
   * The range's first period, as a local timestamp: the start of the week or month holding the
   * first day of the month (range − 1) months before this one — so "3 months" by month is this
   * month and the two before it. For "all", the period of the scope's earliest assessment.
   */
  const firstPeriod: SQL =
    options.range === "all"
      ? sql`(
          select date_trunc(${granularity}, min(s.completed_at at time zone ${tz}))
          from assessment_scores s inner join clients on clients.id = s.client_id
          where s.practice_id = ${actor.practiceId} and ${scope}
        )`
      : sql`date_trunc(${granularity}, date_trunc('month', ${localNow}) - make_interval(months => ${Number(options.range) - 1}::int))`;
  return {
    practiceId: actor.practiceId,
    range: options.range,
    scope,
    tz,
    granularity,
    now,
    firstPeriod,
    lastPeriod: sql`date_trunc(${granularity}, ${localNow})`,
    step: sql`('1 ' || ${granularity})::interval`,
  };
}

export async function getOverview(actor: Actor, options: Options): Promise<Overview> {
  const db = await getDb();
  const query = overviewQuery(actor, options);
  const minimumChange = minimumChanges();
  const [activity, invitations, periods, deteriorations] = await Promise.all([
    countActivity(db, query),
    getInvitationStats(db, query),
    getPeriodMeans(db, query),
    findReliableDeteriorations(db, query, minimumChange),
  ]);
  return {
    scope: actor.role === "owner" ? "practice" : "caseload",
    timeZone: actor.practiceTimeZone,
    range: options.range,
    granularity: options.granularity,
    ...activity,
    invitations,
    periods,
    deteriorations: deteriorations.listed,
    deteriorationTotal: deteriorations.total,
    reliableChange: { provisional: closenessV1.scoring.reliableChange.provisional, minimumChange },
  };
}

// Counts are cast to int in SQL, which both drivers return as numbers; coercing keeps a bigint
// (text on node-postgres) from slipping through should a cast be dropped.
const count = z.coerce.number().int();
const nullableNumber = z.coerce.number().nullable();

const activityRowSchema = z.object({
  clients: count,
  active_clients: count,
  assessments: count,
  assessments_last_30_days: count,
  invitations: count,
});

/** The scope's clients, assessments and invitations of all time, its active clients and its last 30 days. */
async function countActivity(
  db: Database,
  q: OverviewQuery,
): Promise<Pick<Overview, "totals" | "activeClients" | "assessmentsLast30Days">> {
  const row = parseRow(
    activityRowSchema,
    await db.execute(sql`
      select
        (select count(*)::int from clients where ${q.scope}) as clients,
        (select count(*)::int from clients where ${q.scope} and clients.status = 'active') as active_clients,
        (select count(*)::int from assessments inner join clients on clients.id = assessments.client_id
          where assessments.practice_id = ${q.practiceId} and ${q.scope}) as assessments,
        (select count(*)::int from assessments inner join clients on clients.id = assessments.client_id
          where assessments.practice_id = ${q.practiceId} and ${q.scope}
            and assessments.completed_at > ${q.now} - interval '30 days' and assessments.completed_at <= ${q.now}) as assessments_last_30_days,
        (select count(*)::int from invitations inner join clients on clients.id = invitations.client_id
          where invitations.practice_id = ${q.practiceId} and ${q.scope}) as invitations
    `),
  );
  return {
    totals: { clients: row.clients, assessments: row.assessments, invitations: row.invitations },
    activeClients: row.active_clients,
    assessmentsLast30Days: row.assessments_last_30_days,
  };
}

const invitationStatsRowSchema = z.object({
  sent: count,
  completed: count,
  open: count,
  expired: count,
  completion_rate: nullableNumber,
  median_days: nullableNumber,
});

/**
 * How the invitations created in the range (up to now) fared. Revoked ones were withdrawn by the
 * practice, so they count neither as sent nor as unanswered.
 */
async function getInvitationStats(db: Database, q: OverviewQuery): Promise<InvitationStats> {
  const row = parseRow(
    invitationStatsRowSchema,
    await db.execute(sql`
      select
        count(*)::int as sent,
        count(*) filter (where i.status = 'completed')::int as completed,
        count(*) filter (where i.status in ('pending', 'opened') and i.expires_at > ${q.now})::int as open,
        count(*) filter (where i.status in ('pending', 'opened') and i.expires_at <= ${q.now})::int as expired,
        (count(*) filter (where i.status = 'completed'))::float8 / nullif(count(*), 0) as completion_rate,
        (percentile_cont(0.5) within group (order by extract(epoch from (i.completed_at - i.created_at)) / 86400)
          filter (where i.status = 'completed' and i.completed_at is not null))::float8 as median_days
      from invitations i inner join clients on clients.id = i.client_id
      where i.practice_id = ${q.practiceId} and ${q.scope}
        and i.status <> 'revoked'
        and i.created_at <= ${q.now}
        ${q.range === "all" ? sql`` : sql`and i.created_at >= (${q.firstPeriod} at time zone ${q.tz})`}
    `),
  );
  return {
    sent: row.sent,
    completed: row.completed,
    open: row.open,
    expired: row.expired,
    completionRate: row.completion_rate,
    medianDaysToComplete: row.median_days,
  };
}

// The means come back as one json object per period, keyed by dimension: every dimension present,
// null for a period without assessments.
const periodRowSchema = z.object({
  start: z.string(),
  assessments: count,
  means: jsonColumn(z.record(z.enum(CLOSENESS_DIMENSIONS), z.number().nullable())),
}) satisfies z.ZodType<OverviewPeriod>;

/** Every period of the range, oldest first, with its assessment count and each dimension's mean. */
async function getPeriodMeans(db: Database, q: OverviewQuery): Promise<OverviewPeriod[]> {
  return parseRows(
    periodRowSchema,
    await db.execute(sql`
      with bounds as (
        select ${q.firstPeriod} as first_period, ${q.lastPeriod} as last_period
      ),
      periods as (
        select generate_series(b.first_period, b.last_period, ${q.step}) as period_start from bounds b
      ),
      per_period as (
        select
          date_trunc(${q.granularity}, s.completed_at at time zone ${q.tz}) as period_start,
          count(distinct s.assessment_id)::int as assessments,
          ${sql.join(
            DIMENSIONS.map(
              (dimension) => sql`(avg(s.score) filter (where s.dimension = ${dimension}::text))::float8 as ${sql.identifier(dimension)}`,
            ),
            sql`, `,
          )}
        from assessment_scores s
          inner join clients on clients.id = s.client_id
          cross join bounds b
        where s.practice_id = ${q.practiceId} and ${q.scope}
          and s.dimension in (${dimensionList})
          and s.completed_at >= (b.first_period at time zone ${q.tz})
          and s.completed_at < ((b.last_period + ${q.step}) at time zone ${q.tz})
        group by 1
      )
      -- Every period of the range, with or without assessments.
      select
        to_char(p.period_start, 'YYYY-MM-DD') as start,
        coalesce(pp.assessments, 0) as assessments,
        json_build_object(${sql.join(
          DIMENSIONS.map((dimension) => sql`${dimension}::text, pp.${sql.identifier(dimension)}`),
          sql`, `,
        )}) as means
      from periods p left join per_period pp on pp.period_start = p.period_start
      order by p.period_start
    `),
  );
}

const deteriorationDimensionSchema = z.object({
  dimension: z.enum(CLOSENESS_DIMENSIONS),
  latest: z.number(),
  previous: z.number(),
  first: z.number(),
  changeSincePrevious: z.number(),
  changeSinceFirst: z.number(),
  reliableSincePrevious: z.boolean(),
  reliableSinceFirst: z.boolean(),
}) satisfies z.ZodType<DeteriorationDimension>;

const deteriorationRowSchema = z.object({
  client_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  preferred_name: z.string().nullable(),
  latest_at: z.coerce.date(),
  previous_at: z.coerce.date(),
  first_at: z.coerce.date(),
  assessment_count: count,
  /** How many clients qualify in all, the same on every row. */
  total: count,
  dimensions: jsonColumn(z.array(deteriorationDimensionSchema)),
});

/*
 * Each active client's latest closeness assessment against the one before it and against their
 * first. Window functions pick those three assessments per client (one sort over assessments,
 * seven times fewer rows than their scores); their dimension scores are then read by primary
 * key, so a clinician's query costs their caseload, not the practice. A client is listed when
 * any dimension fell by at least that dimension's minimum reliable change on either comparison;
 * the thresholds come from the instrument definition as parameters.
 */
async function findReliableDeteriorations(
  db: Database,
  q: OverviewQuery,
  minimumChange: Record<ClosenessDimension, number>,
): Promise<{ listed: Deterioration[]; total: number }> {
  const rows = parseRows(
    deteriorationRowSchema,
    await db.execute(sql`
      with thresholds (dimension, minimum_change, position) as (
        values ${sql.join(
          DIMENSIONS.map((dimension, index) => sql`(${dimension}::text, ${minimumChange[dimension]}::numeric, ${index}::int)`),
          sql`, `,
        )}
      ),
      ordered as (
        select
          a.client_id, a.id, a.completed_at,
          lag(a.id) over w as previous_id,
          lag(a.completed_at) over w as previous_at,
          first_value(a.id) over w as first_id,
          first_value(a.completed_at) over w as first_at,
          -- No next assessment: this is the latest.
          lead(a.id) over w is null as is_latest,
          count(*) over w_all as assessment_count
        from assessments a inner join clients on clients.id = a.client_id
        where a.practice_id = ${q.practiceId} and ${q.scope} and clients.status = 'active'
          and a.instrument_key = ${closenessV1.key} and a.instrument_version = ${closenessV1.version}
          and a.completed_at <= ${q.now}
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
          c.score - c.previous_score <= -t.minimum_change as reliable_since_previous,
          c.score - c.first_score <= -t.minimum_change as reliable_since_first
        from ordered o
          inner join compared c on c.client_id = o.client_id
          inner join thresholds t on t.dimension = c.dimension
        where o.is_latest and o.previous_id is not null
          and c.score is not null and c.previous_score is not null and c.first_score is not null
      )
      select
        c.client_id, clients.first_name, clients.last_name, clients.preferred_name,
        max(c.completed_at) as latest_at, max(c.previous_at) as previous_at, min(c.first_at) as first_at,
        max(c.assessment_count)::int as assessment_count,
        count(*) over ()::int as total,
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
      from changes c inner join clients on clients.id = c.client_id
      group by c.client_id, clients.first_name, clients.last_name, clients.preferred_name
      having bool_or(c.reliable_since_previous or c.reliable_since_first)
      -- Sudden drops (against the previous assessment) first, then the most recently assessed.
      order by bool_or(c.reliable_since_previous) desc, max(c.completed_at) desc, clients.last_name, clients.first_name, c.client_id
      limit ${DETERIORATION_LIMIT}
    `),
  );
  return {
    listed: rows.map((row) => ({
      clientId: row.client_id,
      firstName: row.first_name,
      lastName: row.last_name,
      preferredName: row.preferred_name,
      latestAt: row.latest_at,
      previousAt: row.previous_at,
      firstAt: row.first_at,
      assessmentCount: row.assessment_count,
      dimensions: row.dimensions,
    })),
    total: rows[0]?.total ?? 0,
  };
}
