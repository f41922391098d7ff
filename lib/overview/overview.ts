import "server-only";
import { dashboardDb } from "@/lib/core/read-db";
import { sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Database } from "@/db/client";
import { jsonColumn, parseRow, parseRows } from "@/db/rows";
import { clients } from "@/db/schema";
import type { Actor } from "@/lib/core/actor-types";
import { isOwner } from "@/lib/core/owner";
import { clientScope } from "@/lib/core/client-access";
import { compareCouple, swapComparison, type PairComparison } from "@/lib/scores/couple-pairs";
import { storedComparisonSchema } from "@/lib/scores/stored-comparison";
import { CLOSENESS_DIMENSIONS, closenessV1, type ClosenessDimension } from "@/lib/instruments";
import { figuresInUse } from "@/lib/reliable-change/figures";
import { adoptedFiguresOfRequest } from "./adopted-figures";
import { histogramMedian } from "@/lib/overview/histogram-median";
import { dailyAssessmentsSql, dailyScoresSql, deteriorationsSql } from "@/lib/overview/aggregates";
import { reliableChangeParameters, type ReliableChangeParameters, type ScoredAssessment } from "@/lib/scores/score-summary";
import type { OverviewGranularity, OverviewParams, OverviewRange } from "./params";
import { clock } from "@/lib/core/clock";

/*
 * The practice (owner) or caseload (clinician) overview. Every number here is computed by
 * PostgreSQL — counts, means, medians, period buckets and reliable-change comparisons — in the
 * practice's time zone, which is passed as a bound parameter like every other input. JavaScript only
 * parses the rows as they come back and reshapes them into plain objects for the page; each query
 * is one function below, named for what it computes.
 */

export { parseOverviewParams, type OverviewGranularity, type OverviewParams, type OverviewRange } from "./params";

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

/** A client as the overview names them (display names are made with lib/core/display-name.ts). */
export type OverviewPerson = {
  clientId: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
};

export type Deterioration = OverviewPerson & {
  /** The client's current couple, if any. */
  coupleId: string | null;
  /** The partner of the client's current couple; `visible` when the actor may open their record. */
  partner: (OverviewPerson & { visible: boolean }) | null;
  /** Overall closeness at the client's most recent assessments (at most OVERALL_HISTORY), oldest first. */
  overallHistory: number[];
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

/** A couple whose two partners' latest pair of assessments differ more than their pair before. */
export type WideningGap = PairComparison & {
  coupleId: string;
  /** The partner the pairs are seen from first (by name), then the other. */
  partners: [OverviewPerson, OverviewPerson];
};

export type Overview = {
  scope: "practice" | "caseload";
  timeZone: string;
  /** The aggregates are being rebuilt in the background (the time zone changed): the per-day figures may still follow the old zone. */
  recalculating: boolean;
  range: OverviewRange;
  granularity: OverviewGranularity;
  /** Activity in the whole scope, whatever the range: decides between the page and its empty state. */
  totals: { clients: number; assessments: number; invitations: number };
  activeClients: number;
  /** Completed in the 30 × 24 hours before `now`. */
  assessmentsLast30Days: number;
  invitations: InvitationStats;
  /**
   * Every period of the range, oldest first, including those without assessments; but never before
   * the period of the scope's first assessment, so a new practice does not get an empty axis.
   */
  periods: OverviewPeriod[];
  /** Whether the periods start later than the range asked for, at the first assessment. */
  periodsClipped: boolean;
  /**
   * The first few clients (AttentionListed): those with a reliable drop since their previous assessment
   * first, then those only below their first; within each, the most recently assessed first.
   */
  deteriorations: Deterioration[];
  /** How many clients qualify in all, listed or not, counted as far as the page counts (AttentionListed). */
  deteriorationTotal: number;
  /** False when more than `deteriorationTotal` clients qualify. */
  deteriorationTotalExact: boolean;
  /** The first few couples (AttentionListed) whose gap is widening, the most widened first. */
  wideningGaps: WideningGap[];
  /** How many couples' gaps are widening, listed or not, counted as far as the page counts (AttentionListed). */
  wideningTotal: number;
  /** False when more than `wideningTotal` couples' gaps are widening. */
  wideningTotalExact: boolean;
  /** How many couples have two pairs of assessments to compare (counted only while none is widening, as far as the page counts). */
  couplesCompared: number;
  reliableChange: ReliableChangeParameters;
};

type Options = OverviewParams & { now?: Date };

/** What needs a clinician's attention, whatever the range: the overview's top and its own page. */
export type NeedsAttentionData = Pick<
  Overview,
  "scope" | "timeZone" | "deteriorations" | "deteriorationTotal" | "deteriorationTotalExact" | "wideningGaps"
  | "wideningTotal"
  | "wideningTotalExact"
  | "couplesCompared"
  | "reliableChange"
>;

/**
 * How many of each list a page reads (and shows), and how far it counts them: the overview its
 * first few, counted as far as 100 ("more than 100"), Needs attention as many as are for acting on,
 * counted as far as 1,000. A bounded count reads that many rows of an index, each checked against
 * the actor's scope: its cost stops there, however many clients or couples qualify.
 */
export type AttentionListed = { drops: number; couples: number; countUpTo: number };
export const LISTED_ON_OVERVIEW: AttentionListed = { drops: 5, couples: 4, countUpTo: 100 };
export const LISTED_ON_ATTENTION_PAGE: AttentionListed = { drops: 50, couples: 50, countUpTo: 1_000 };

/** Points in a sparkline of overall closeness: enough to see a course, few enough to read at a glance. */
export const OVERALL_HISTORY = 8;

/**
 * A view of the past (see needsAttention) compares the couples most recently assessed before it,
 * at most this many: a bound on that page's work whatever the size of the practice.
 */
const COUPLES_COMPARED_THEN = 50;

/** Each partner's most recent assessments read for a view of the past: enough for the latest two pairs. */
const COUPLE_HISTORY = 6;

const DIMENSIONS: readonly ClosenessDimension[] = CLOSENESS_DIMENSIONS;

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
  /** The first day of the range's first month, local (invitation statistics count whole months); null for "all". */
  firstMonth: SQL | null;
  step: SQL;
  /** The period of the scope's first assessment (null without one). */
  earliestPeriod: SQL;
  /** The same scope over `clients as "partner"`. */
  partnerScope: SQL;
  /**
   * Whether the practice's aggregates answer for the scope (lib/overview/aggregates.ts): the
   * practice-wide per-day numbers serve the owner; a clinician's caseload is read from its rows.
   */
  practiceWide: boolean;
};

function overviewQuery(actor: Actor, options: Options): OverviewQuery {
  const scope = clientScope(actor);
  const tz = sql`${actor.practiceTimeZone}::text`;
  const granularity = sql`${options.granularity}::text`;
  const now = sql`${(options.now ?? clock.now()).toISOString()}::timestamptz`;
  const localNow = sql`(${now} at time zone ${tz})`;
  /*
   * The range's first period, as a local timestamp: the start of the week or month holding the
   * first day of the month (range − 1) months before this one — so "3 months" by month is this
   * month and the two before it. For "all", the period of the scope's earliest assessment.
   */
  const practiceWide = isOwner(actor);
  const earliestPeriod = practiceWide
    ? sql`(
      select date_trunc(${granularity}, min(d.day)::timestamp)
      from practice_daily_scores d
      where d.practice_id = ${actor.practiceId}
    )`
    : sql`(
      select date_trunc(${granularity}, min(s.completed_at at time zone ${tz}))
      from assessment_scores s inner join clients on clients.id = s.client_id
      where s.practice_id = ${actor.practiceId} and ${scope}
    )`;
  const firstPeriod: SQL =
    options.range === "all"
      ? earliestPeriod
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
    firstMonth:
      options.range === "all" ? null : sql`(date_trunc('month', ${localNow}) - make_interval(months => ${Number(options.range) - 1}::int))`,
    step: sql`('1 ' || ${granularity})::interval`,
    earliestPeriod,
    partnerScope: clientScope(actor, alias(clients, "partner")),
    practiceWide,
  };
}

export async function getOverview(actor: Actor, options: Options): Promise<Overview> {
  const db = await dashboardDb();
  const query = overviewQuery(actor, options);
  const stored = storedState(db, query);
  const [activity, invitations, periods, attention, { recalculating }] = await Promise.all([
    countActivity(db, query),
    stored.then((state) => getInvitationStats(db, query, !state.invitationsLater)),
    getPeriodMeans(db, query),
    stored.then((state) => needsAttention(db, actor, query, state, LISTED_ON_OVERVIEW)),
    stored,
  ]);
  return {
    ...attention,
    recalculating,
    range: options.range,
    granularity: options.granularity,
    ...activity,
    invitations,
    periods: periods.periods,
    periodsClipped: periods.clipped,
  };
}

/** Only what needs attention (the clients who dropped, the couples moving apart), for its own page. */
export async function getNeedsAttention(actor: Actor, options: { now?: Date } = {}): Promise<NeedsAttentionData> {
  const db = await dashboardDb();
  const query = overviewQuery(actor, { range: "all", granularity: "month", ...options });
  return needsAttention(db, actor, query, await storedState(db, query), LISTED_ON_ATTENTION_PAGE);
}

const storedStateSchema = z.object({ recalculating: z.boolean(), assessments_later: z.boolean(), invitations_later: z.boolean() });

/**
 * Whether what the write path keeps answers for `now`, in one statement: the per-day figures are
 * being rebuilt (after a time-zone change); an assessment or an invitation of the practice lies
 * after `now`. Never so in use, where now is the clock; a view of the past (tests with a fixed
 * clock) reads the history as it stood then instead. Each is one probe of an index.
 */
async function storedState(db: Database, q: OverviewQuery): Promise<{ recalculating: boolean; assessmentsLater: boolean; invitationsLater: boolean }> {
  const row = parseRow(
    storedStateSchema,
    await db.execute(sql`
      select p.aggregates_stale_since is not null as recalculating,
        exists (select 1 from assessments a where a.practice_id = p.id and a.completed_at > ${q.now}) as assessments_later,
        exists (select 1 from invitations i where i.practice_id = p.id and i.created_at > ${q.now}) as invitations_later
      from practices p where p.id = ${q.practiceId}
    `),
  );
  return { recalculating: row.recalculating, assessmentsLater: row.assessments_later, invitationsLater: row.invitations_later };
}

async function needsAttention(
  db: Database,
  actor: Actor,
  query: OverviewQuery,
  stored: { assessmentsLater: boolean },
  listed: AttentionListed,
): Promise<NeedsAttentionData> {
  const reliableChange = reliableChangeParameters(figuresInUse(closenessV1, await adoptedFiguresOfRequest(actor.practiceId)));
  const minimumChange = Object.fromEntries(DIMENSIONS.map((d) => [d, reliableChange.byDimension[d].minimumChange])) as Record<ClosenessDimension, number>;
  /*
   * The stored deteriorations and couples' comparisons (lib/overview/aggregates.ts,
   * lib/couples/couple-gap.ts) are as of each client's and couple's latest assessment: a view of
   * the past, with an assessment after it, reads the history as it stood then.
   */
  const [deteriorations, couples] = await Promise.all([
    findReliableDeteriorations(db, query, minimumChange, !stored.assessmentsLater, listed),
    stored.assessmentsLater ? compareCouplesThen(db, query, listed) : findStoredWideningGaps(db, query, listed),
  ]);
  return {
    scope: actor.role === "owner" ? "practice" : "caseload",
    timeZone: actor.practiceTimeZone,
    deteriorations: deteriorations.listed,
    deteriorationTotal: Math.min(deteriorations.total, listed.countUpTo),
    deteriorationTotalExact: deteriorations.total <= listed.countUpTo,
    wideningGaps: couples.widening,
    wideningTotal: Math.min(couples.total, listed.countUpTo),
    wideningTotalExact: couples.total <= listed.countUpTo,
    couplesCompared: couples.compared,
    reliableChange,
  };
}

// Counts are cast to int in SQL, which both drivers return as numbers; coercing keeps a bigint
// (text on node-postgres) from slipping through should a cast be dropped.
const count = z.coerce.number().int();

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
    await db.execute(activitySql(q)),
  );
  return {
    totals: { clients: row.clients, assessments: row.assessments, invitations: row.invitations },
    activeClients: row.active_clients,
    assessmentsLast30Days: row.assessments_last_30_days,
  };
}

/** `… where` the scope's rows of a table with practice_id and client_id: the practice's own for the owner, without reading its clients. */
function rowsInScope(q: OverviewQuery, alias: SQL): SQL {
  return q.practiceWide
    ? sql`where ${alias}.practice_id = ${q.practiceId}`
    : sql`inner join clients on clients.id = ${alias}.client_id where ${alias}.practice_id = ${q.practiceId} and ${q.scope}`;
}

/*
 * The scope's sources, one shape whatever the scope: the practice's stored aggregates for the
 * owner; for a clinician, the same definitions (lib/overview/aggregates.ts, migration 0023)
 * computed over the caseload's rows, which are not aggregated. Each measure below is one query
 * over these, the scope its parameter. `from`/`to`: local timestamps at local midnights, [from, to).
 */
function dailyAssessments(q: OverviewQuery, from?: SQL, to?: SQL): SQL {
  if (q.practiceWide) {
    return sql`select d.day, d.assessments, d.closeness_assessments from practice_daily_assessments d
      where d.practice_id = ${q.practiceId} ${from ? sql`and d.day >= (${from})::date` : sql``} ${to ? sql`and d.day < (${to})::date` : sql``}`;
  }
  return dailyAssessmentsSql(
    sql`a.practice_id = ${q.practiceId} and ${q.scope}
      ${from ? sql`and a.completed_at >= ((${from}) at time zone ${q.tz})` : sql``} ${to ? sql`and a.completed_at < ((${to}) at time zone ${q.tz})` : sql``}`,
    sql`inner join clients on clients.id = a.client_id`,
  );
}

function dailyScores(q: OverviewQuery, from: SQL, to: SQL): SQL {
  if (q.practiceWide) {
    return sql`select d.day, d.dimension, d.scores, d.score_sum from practice_daily_scores d
      where d.practice_id = ${q.practiceId} and d.day >= (${from})::date and d.day < (${to})::date`;
  }
  return dailyScoresSql(
    sql`s.practice_id = ${q.practiceId} and ${q.scope} and s.dimension in (${dimensionList})
      and s.completed_at >= ((${from}) at time zone ${q.tz}) and s.completed_at < ((${to}) at time zone ${q.tz})`,
    sql`inner join clients on clients.id = s.client_id`,
  );
}

/** The scope's clients and active clients: the trigger-kept counts (migration 0023) for the practice. */
function clientCounts(q: OverviewQuery): SQL {
  return q.practiceWide
    ? sql`select coalesce(c.clients, 0) as clients, coalesce(c.active_clients, 0) as active_clients
      from (select 1) as one left join practice_client_counts c on c.practice_id = ${q.practiceId}`
    : sql`select count(*)::int as clients, (count(*) filter (where clients.status = 'active'))::int as active_clients from clients where ${q.scope}`;
}

function invitationCount(q: OverviewQuery): SQL {
  return q.practiceWide
    ? sql`select coalesce((select n.invitations from practice_invitation_counts n where n.practice_id = ${q.practiceId}), 0) as invitations`
    : sql`select count(*)::int as invitations from invitations i ${rowsInScope(q, sql`i`)}`;
}

/*
 * The scope's counts: clients and invitations from their counts; assessments from the per-day
 * aggregates; the last 30 × 24 hours as the whole local days inside them (aggregates) plus the two
 * partial days at either end (rows, by the index on completed_at).
 */
function activitySql(q: OverviewQuery): SQL {
  const since = sql`(${q.now} - interval '30 days')`;
  const firstDay = sql`((${since} at time zone ${q.tz})::date)`;
  const lastDay = sql`((${q.now} at time zone ${q.tz})::date)`;
  return sql`
    select c.clients, c.active_clients,
      (select coalesce(sum(d.assessments), 0)::int from (${dailyAssessments(q)}) d) as assessments,
      (
        (select coalesce(sum(d.assessments), 0) from (${dailyAssessments(q, sql`(${firstDay} + 1)::timestamp`, sql`${lastDay}::timestamp`)}) d)
        + (select count(*) from assessments a ${rowsInScope(q, sql`a`)}
          and a.completed_at > ${since} and a.completed_at < ((${firstDay} + 1)::timestamp at time zone ${q.tz}))
        + (select count(*) from assessments a ${rowsInScope(q, sql`a`)}
          and a.completed_at >= (${lastDay}::timestamp at time zone ${q.tz}) and a.completed_at <= ${q.now})
      )::int as assessments_last_30_days,
      i.invitations
    from (${clientCounts(q)}) c cross join (${invitationCount(q)}) i
  `;
}

const invitationRowSchema = z.object({
  sent: count,
  completed: count,
  open: count,
  hours: jsonColumn(z.array(z.object({ unit: z.number().int(), count: z.number().int() }))),
});

/**
 * The scope's invitations by local month of creation and whole hours to complete (revoked ones
 * left out): the practice's trigger-kept tally, or the same buckets (the functions of migration
 * 0023) over the scope's rows — a caseload's, or the practice's when viewed from before its last
 * invitation was made (a view of the past, in tests), so that only those made by `now` count.
 */
function monthlyInvitations(q: OverviewQuery, stored: boolean): SQL {
  if (stored) {
    return sql`select m.month, m.hours_to_complete, m.invitations from practice_monthly_invitations m where m.practice_id = ${q.practiceId}`;
  }
  return sql`
    select invitation_local_month(i.created_at, ${q.tz}) as month,
      invitation_hours_to_complete(i.status, i.created_at, i.completed_at) as hours_to_complete, count(*)::int as invitations
    from invitations i ${rowsInScope(q, sql`i`)} and i.status <> 'revoked' and i.created_at <= ${q.now}
    group by 1, 2
  `;
}

/**
 * How the invitations created in the range's months (up to now) fared. Revoked ones were withdrawn
 * by the practice, so they count neither as sent nor as unanswered. Sent and completed are sums of
 * the monthly buckets, the median is read from their hours-to-complete histogram (within an hour
 * of the exact one; shown to a tenth of a day), and only the links still open are read, for the
 * practice by their partial index.
 */
async function getInvitationStats(db: Database, q: OverviewQuery, tallyAnswersNow: boolean): Promise<InvitationStats> {
  // The practice's monthly tally answers for `now` unless an invitation was created after it (storedState).
  const stored = q.practiceWide && tallyAnswersNow;
  const inRange = q.firstMonth ? sql`and m.month >= ${q.firstMonth}::date` : sql``;
  const row = parseRow(
    invitationRowSchema,
    await db.execute(sql`
      with m as (${monthlyInvitations(q, stored)})
      select
        coalesce(sum(m.invitations), 0)::int as sent,
        coalesce(sum(m.invitations) filter (where m.hours_to_complete >= 0), 0)::int as completed,
        (
          select count(*)::int from invitations i ${rowsInScope(q, sql`i`)}
            and i.status in ('pending', 'opened') and i.expires_at > ${q.now} and i.created_at <= ${q.now}
            ${q.firstMonth ? sql`and i.created_at >= (${q.firstMonth} at time zone ${q.tz})` : sql``}
        ) as open,
        coalesce((
          select json_agg(json_build_object('unit', h.hours, 'count', h.n) order by h.hours)
          from (
            select m.hours_to_complete as hours, sum(m.invitations)::int as n
            from m where m.hours_to_complete >= 0 ${inRange}
            group by 1
          ) h
        ), '[]'::json) as hours
      from m
      where true ${inRange}
    `),
  );
  const medianHours = histogramMedian(row.hours);
  const [sent, completed, open] = [row.sent, row.completed, row.open];
  return {
    sent,
    completed,
    open,
    expired: sent - completed - open,
    completionRate: sent === 0 ? null : completed / sent,
    medianDaysToComplete: medianHours === null ? null : medianHours / 24,
  };
}

// The means come back as one json object per period, keyed by dimension: every dimension present,
// null for a period without assessments.
const periodRowSchema = z.object({
  start: z.string(),
  assessments: count,
  means: jsonColumn(z.record(z.enum(CLOSENESS_DIMENSIONS), z.number().nullable())),
  /** The same on every row: the periods start at the first assessment, later than the range. */
  clipped: z.boolean(),
});

/**
 * Every period of the range, oldest first, with its assessment count and each dimension's mean.
 * The range starts no earlier than the scope's first assessment: a practice that began last month
 * sees last month and this one, not four empty months and every point at the right-hand edge.
 */
async function getPeriodMeans(db: Database, q: OverviewQuery): Promise<{ periods: OverviewPeriod[]; clipped: boolean }> {
  const rows = parseRows(
    periodRowSchema,
    await db.execute(sql`
      with bounds as (
        -- greatest() ignores a null: without any assessment the range stands as asked.
        select greatest(${q.firstPeriod}, ${q.earliestPeriod}) as first_period, ${q.lastPeriod} as last_period,
          coalesce(${q.earliestPeriod} > ${q.firstPeriod}, false) as clipped
      ),
      periods as (
        select generate_series(b.first_period, b.last_period, ${q.step}) as period_start from bounds b
      ),
      per_period as (
        ${periodMeans(q)}
      )
      -- Every period of the range, with or without assessments.
      select
        to_char(p.period_start, 'YYYY-MM-DD') as start,
        coalesce(pp.assessments, 0) as assessments,
        json_build_object(${sql.join(
          DIMENSIONS.map((dimension) => sql`${dimension}::text, pp.${sql.identifier(dimension)}`),
          sql`, `,
        )}) as means,
        b.clipped
      from periods p left join per_period pp on pp.period_start = p.period_start cross join bounds b
      order by p.period_start
    `),
  );
  return {
    periods: rows.map(({ start, assessments, means }) => ({ start, assessments, means })),
    clipped: rows[0]?.clipped ?? false,
  };
}

/**
 * Per period of the bounds: the count and each dimension's mean, from the scope's daily aggregates
 * — for the practice, at most a few hundred stored rows whatever its size. The mean is the exact
 * sum over the exact count in numeric, which is what avg() computes, so the numbers are the same as
 * reading the scores themselves (lib/overview/aggregates.int.test.ts holds both to it).
 */
function periodMeans(q: OverviewQuery): SQL {
  const [from, to] = [sql`(select b.first_period from bounds b)`, sql`(select b.last_period + ${q.step} from bounds b)`];
  return sql`
    select counts.period_start, counts.assessments, ${sql.join(
      DIMENSIONS.map((dimension) => sql`means.${sql.identifier(dimension)}`),
      sql`, `,
    )}
    from (
      select date_trunc(${q.granularity}, d.day::timestamp) as period_start, sum(d.closeness_assessments)::int as assessments
      from (${dailyAssessments(q, from, to)}) d
      group by 1
    ) counts
    left join (
      select date_trunc(${q.granularity}, d.day::timestamp) as period_start,
        ${sql.join(
          DIMENSIONS.map(
            (dimension) =>
              sql`(sum(d.score_sum) filter (where d.dimension = ${dimension}::text) / sum(d.scores) filter (where d.dimension = ${dimension}::text))::float8 as ${sql.identifier(dimension)}`,
          ),
          sql`, `,
        )}
      from (${dailyScores(q, from, to)}) d
      where d.dimension in (${dimensionList})
      group by 1
    ) means on means.period_start = counts.period_start
    where counts.assessments > 0
  `;
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
  overall_history: jsonColumn(z.array(z.number())),
  couple_id: z.string().nullable(),
  partner_id: z.string().nullable(),
  partner_first_name: z.string().nullable(),
  partner_last_name: z.string().nullable(),
  partner_preferred_name: z.string().nullable(),
  partner_visible: z.boolean().nullable(),
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
  fromAggregates: boolean,
  listed: AttentionListed,
): Promise<{ listed: Deterioration[]; total: number }> {
  const rows = parseRows(
    deteriorationRowSchema,
    await db.execute(sql`
      with listed as (
        select d.client_id, clients.first_name, clients.last_name, clients.preferred_name, clients.couple_id,
          d.latest_at, d.previous_at, d.first_at, d.assessment_count, d.sudden, d.dimensions,
          ${
            // Stored: counted apart from the page of rows, so the listing reads only those (by the index),
            // and only as far as the page counts.
            fromAggregates
              ? // In the listing's index order with a probe of each client by key: at most
                // countUpTo + 1 rows read, never a pass over the practice's clients.
                sql`(select count(*)::int from (
                  select 1 from client_deteriorations d
                  where d.practice_id = ${q.practiceId}
                    and exists (select 1 from clients where clients.id = d.client_id and ${q.scope} and clients.status = 'active')
                  order by d.sudden desc, d.latest_at desc, d.client_id desc
                  limit ${listed.countUpTo + 1}
                ) counted)`
              : sql`count(*) over ()::int`
          } as total
        from ${
          fromAggregates
            ? sql`client_deteriorations d inner join clients on clients.id = d.client_id
        where d.practice_id = ${q.practiceId}`
            : sql`(${deteriorationsSql(sql`a.practice_id = ${q.practiceId} and ${q.scope} and clients.status = 'active' and a.completed_at <= ${q.now}`, minimumChange)}) d
          inner join clients on clients.id = d.client_id
        where true`
        } and ${q.scope} and clients.status = 'active'
        -- Sudden drops (against the previous assessment) first, then the most recently assessed: the
        -- order of client_deteriorations_listing_idx, read backwards, so only the first few rows are
        -- read however many clients have drops (a tie on the time goes by client, not by name, which
        -- would need every row sorted).
        order by d.sudden desc, d.latest_at desc, d.client_id desc
        limit ${listed.drops}
      )
      -- Only for the listed clients: their overall closeness over their recent assessments (by the
      -- client's index), and the partner of their current couple, if any.
      select l.*,
        (
          select json_agg(h.overall order by h.completed_at, h.id)
          from (
            select a.id, a.completed_at, a.overall::float8 as overall
            from assessments a
            where a.practice_id = ${q.practiceId} and a.client_id = l.client_id
              and a.instrument_key = ${closenessV1.key} and a.instrument_version = ${closenessV1.version}
              and a.completed_at <= ${q.now}
            order by a.completed_at desc, a.id desc
            limit ${OVERALL_HISTORY}
          ) h
        ) as overall_history,
        partner.id as partner_id, partner.first_name as partner_first_name, partner.last_name as partner_last_name,
        partner.preferred_name as partner_preferred_name, partner.visible as partner_visible
      from listed l
        left join lateral (
          select clients.id, clients.first_name, clients.last_name, clients.preferred_name, (${q.scope}) as visible
          from clients
          where clients.practice_id = ${q.practiceId} and clients.couple_id = l.couple_id and clients.id <> l.client_id
          order by clients.id
          limit 1
        ) partner on true
      order by l.sudden desc, l.latest_at desc, l.client_id desc
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
      overallHistory: row.overall_history,
      coupleId: row.couple_id,
      partner:
        row.partner_id === null
          ? null
          : {
              clientId: row.partner_id,
              firstName: row.partner_first_name ?? "",
              lastName: row.partner_last_name ?? "",
              preferredName: row.partner_preferred_name,
              visible: row.partner_visible ?? false,
            },
    })),
    total: rows[0]?.total ?? 0,
  };
}

type CouplesMovingApart = { widening: WideningGap[]; total: number; compared: number };

const couplePartnerSchema = z.object({
  client_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  preferred_name: z.string().nullable(),
});

/** The partners as the page names them (by name), the comparison told from the first one's side. */
function movingApart(coupleId: string, comparison: PairComparison, partners: z.output<typeof couplePartnerSchema>[]): WideningGap {
  const [a, b] = partners.map(
    (row): OverviewPerson => ({ clientId: row.client_id, firstName: row.first_name, lastName: row.last_name, preferredName: row.preferred_name }),
  ) as [OverviewPerson, OverviewPerson];
  // Stored and computed from the side of the partner with the lower id (compareCouple).
  const told = a.clientId < b.clientId ? comparison : swapComparison(comparison);
  return { ...told, coupleId, partners: [a, b] };
}

/** Both partners of the couple active and visible to the actor: a clinician sees couples wholly on their caseload. */
const bothPartnersShown = (q: OverviewQuery, coupleId: SQL) =>
  sql`(select count(*) from clients where clients.couple_id = ${coupleId} and ${q.scope} and clients.status = 'active') = 2`;

const storedWideningRowSchema = z.object({
  couple_id: z.string(),
  comparison: jsonColumn(storedComparisonSchema),
  partners: jsonColumn(z.array(couplePartnerSchema).length(2)),
  total: count,
});

/*
 * Couples whose partners are moving apart, from each couple's comparison kept by the write path
 * (lib/couples/couple-gap.ts): the widening ones in the order of couple_gap_changes_widening_idx
 * (the most widened first), so only the first rows and a count as far as the page counts are
 * read, however many couples the practice has. Only while none is widening are the couples with a
 * comparison counted (the page says how many were compared).
 */
async function findStoredWideningGaps(db: Database, q: OverviewQuery, listed: AttentionListed): Promise<CouplesMovingApart> {
  const rows = parseRows(
    storedWideningRowSchema,
    await db.execute(sql`
      select g.couple_id, g.comparison,
        (
          select json_agg(json_build_object('client_id', m.id, 'first_name', m.first_name, 'last_name', m.last_name, 'preferred_name', m.preferred_name)
            order by m.last_name, m.first_name, m.id)
          from clients m where m.couple_id = g.couple_id
        ) as partners,
        (select count(*)::int from (
          select 1 from couple_gap_changes w
          where w.practice_id = ${q.practiceId} and w.widening and ${bothPartnersShown(q, sql`w.couple_id`)}
          limit ${listed.countUpTo + 1}
        ) counted) as total
      from couple_gap_changes g
      where g.practice_id = ${q.practiceId} and g.widening and ${bothPartnersShown(q, sql`g.couple_id`)}
      -- The index's order exactly (its mean_change is desc nulls last), so only the first rows are read.
      order by g.mean_change desc nulls last, g.couple_id
      limit ${listed.couples}
    `),
  );
  const widening = rows.map((row) => movingApart(row.couple_id, row.comparison, row.partners));
  if (widening.length) return { widening, total: rows[0]!.total, compared: 0 };
  const compared = parseRow(
    z.object({ compared: count }),
    await db.execute(sql`
      select count(*)::int as compared from (
        select 1 from couple_gap_changes g
        where g.practice_id = ${q.practiceId} and ${bothPartnersShown(q, sql`g.couple_id`)}
        limit ${listed.countUpTo + 1}
      ) counted
    `),
  );
  return { widening: [], total: 0, compared: compared.compared };
}

const scoredAssessmentSchema = z.object({
  id: z.string(),
  // json renders a timestamptz with the session's offset; one form (ISO, UTC) from here on.
  completedAt: z.coerce.date().transform((date) => date.toISOString()),
  overall: z.number(),
  dimensions: z.record(z.enum(CLOSENESS_DIMENSIONS), z.number()),
}) satisfies z.ZodType<ScoredAssessment, unknown>;

const coupleMemberRowSchema = couplePartnerSchema.extend({
  couple_id: z.string(),
  /** The member's most recent assessments (at most COUPLE_HISTORY), oldest first. */
  assessments: jsonColumn(z.array(scoredAssessmentSchema)),
});

/*
 * The same comparison (compareCouple, the one definition) computed from the history as it stood at
 * a past `now`, for the COUPLES_COMPARED_THEN couples most recently assessed before it: PostgreSQL
 * picks the couples — both partners active, visible to the actor and assessed — and reads each
 * partner's last few assessments with their scores in the same statement.
 */
async function compareCouplesThen(db: Database, q: OverviewQuery, listed: AttentionListed): Promise<CouplesMovingApart> {
  const closeness = sql`a.instrument_key = ${closenessV1.key} and a.instrument_version = ${closenessV1.version} and a.completed_at <= ${q.now}`;
  const rows = parseRows(
    coupleMemberRowSchema,
    await db.execute(sql`
      with considered as (
        -- Each couple once, through the partner assessed last (last_assessment_at is kept in step with
        -- assessments, so no assessment is read here): both partners active, visible to the actor
        -- and assessed. Read in the order of the index on last_assessment_at, so only as far as needed.
        select clients.couple_id, clients.last_assessment_at as latest_at
        from clients
        where ${q.scope} and clients.status = 'active' and clients.couple_id is not null and clients.last_assessment_at is not null
          and exists (
            select 1 from clients as "partner"
            where "partner".couple_id = clients.couple_id and "partner".id <> clients.id
              and ${q.partnerScope} and "partner".status = 'active' and "partner".last_assessment_at is not null
              and ("partner".last_assessment_at, "partner".id) < (clients.last_assessment_at, clients.id)
          )
        order by clients.last_assessment_at desc, clients.couple_id
        limit ${COUPLES_COMPARED_THEN}
      )
      select clients.couple_id, clients.id as client_id, clients.first_name, clients.last_name, clients.preferred_name,
        coalesce((
          select json_agg(json_build_object('id', r.id, 'completedAt', r.completed_at, 'overall', r.overall, 'dimensions', r.dimensions)
            order by r.completed_at, r.id)
          from (
            select a.id, a.completed_at, a.overall::float8 as overall,
              (select json_object_agg(s.dimension, s.score::float8) from assessment_scores s where s.assessment_id = a.id) as dimensions
            from assessments a
            where a.practice_id = ${q.practiceId} and a.client_id = clients.id and ${closeness}
            order by a.completed_at desc, a.id desc
            limit ${COUPLE_HISTORY}
          ) r
        ), '[]'::json) as assessments
      from considered c inner join clients on clients.couple_id = c.couple_id
      where ${q.scope} and clients.status = 'active'
      order by c.latest_at desc, clients.couple_id, clients.last_name, clients.first_name, clients.id
    `),
  );

  const byCouple = new Map<string, z.output<typeof coupleMemberRowSchema>[]>();
  for (const row of rows) byCouple.set(row.couple_id, [...(byCouple.get(row.couple_id) ?? []), row]);
  let compared = 0;
  const widening: WideningGap[] = [];
  for (const [coupleId, members] of byCouple) {
    const [a, b] = members;
    if (!a || !b) continue;
    // Told from the side of the partner with the lower id, as stored; `movingApart` tells it by name.
    const [low, high] = a.client_id < b.client_id ? [a, b] : [b, a];
    const comparison = compareCouple({ id: low.client_id, assessments: low.assessments }, { id: high.client_id, assessments: high.assessments });
    if (!comparison) continue;
    compared += 1;
    if (comparison.widening) widening.push(movingApart(coupleId, comparison, [a, b]));
  }
  // The index's order: the most widened first, then by couple.
  widening.sort((x, y) => y.meanChange - x.meanChange || (x.coupleId < y.coupleId ? -1 : 1));
  return { widening: widening.slice(0, listed.couples), total: widening.length, compared };
}
