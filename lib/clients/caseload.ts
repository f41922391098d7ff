import "server-only";
import { dashboardDb } from "@/lib/core/read-db";
import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { getDb } from "@/db/client";
import { parseRows } from "@/db/rows";
import { clients, couples, users } from "@/db/schema";
import type { Actor } from "@/lib/core/actor-types";
import { isOwner } from "@/lib/core/owner";
import { closenessV1, isFlaggedGap } from "@/lib/instruments";
import { planFilter, planStatusOf } from "@/lib/plans/caseload-plan";
import { clientScope } from "@/lib/core/client-access";
import { likePattern, searchExpression } from "./clients";
import type { CaseloadQuery, CaseloadSort } from "./schemas";

/** One person of the caseload as read from the database (the page turns it into what the browser gets). */
export type CaseloadPerson = {
  id: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  email: string;
  status: "active" | "archived";
  clinicianName: string;
  lastAssessmentAt: Date | null;
  latestOverall: number | null;
  pendingInvitations: number;
  /** A running measurement plan: "active", "paused", or none. */
  planStatus: "active" | "paused" | null;
};

/**
 * One row of the caseload: a person on their own, or a couple when both partners are in the view
 * (the actor may see both and both pass the filters). A partner outside the view (another
 * clinician's caseload, archived, …) is named but the row stays the one person's.
 */
type CaseloadRow = CaseloadPerson & {
  clinicianId: string;
  coupleId: string | null;
  partnerId: string | null;
  partnerName: string | null;
  /** Both partners in this row: `partner` is the second one. */
  partner: CaseloadPerson | null;
  /** The couple's largest current gap (DESIGN §2), unrounded; null without a pair of assessments. */
  gap: { points: number; dimension: string; flagged: boolean; at: Date | null } | null;
};

type CaseloadPage = {
  rows: CaseloadRow[];
  /** Rows in the view, counted at most COUNT_AHEAD past the page's start (see `totalExact`). */
  total: number;
  /** False when counting stopped: the view has more than `total` rows. */
  totalExact: boolean;
  query: CaseloadQuery;
  /** Pages of `total` rows (more follow when the total is not exact). */
  pageCount: number;
};

/**
 * How far past the start of the page the rows are counted. An exact count of a large practice's
 * caseload reads every row of it on every page view; past a thousand rows the number tells a
 * clinician nothing the search box would not, so the page says "more than" instead (decision 0025).
 */
export const COUNT_AHEAD = 1_000;

const partner = alias(clients, "partner");
const match = alias(clients, "match");

/** Ids of the practice's clients whose name or email contains the search, through the trigram index. */
function matches(actor: Actor, q: string): SQL {
  return sql`select ${match.id} from ${clients} as ${sql.identifier("match")} where ${match.practiceId} = ${actor.practiceId} and ${searchExpression(match)} like ${likePattern(q)}`;
}
const partnerClinician = alias(users, "partner_clinician");

/**
 * Open invitations: pending or opened, not yet past their expiry. The outer column is written
 * out in full: Drizzle leaves columns unqualified in single-table queries, and inside the
 * subquery a bare "id" would mean the invitation's.
 */
const openInvitationsOf = (table: "clients" | "partner") => sql<number>`(
  select count(*)::int from invitations i
  where i.client_id = ${sql.identifier(table)}."id" and i.status in ('pending', 'opened') and i.expires_at > now()
)`;

/**
 * One page of the caseload, filtered, sorted and paginated in the database. A couple whose
 * partners are both in the view is one row: the partner who sorts first by name carries it, the
 * other is left out of the page (and the count). Only the page's rows are read (with a separate
 * count), so the cost does not grow with the caseload's size beyond what the indexes on
 * (practice_id, status, <sort key>) and the partner lookup by couple_id make cheap.
 */
export async function listCaseload(actor: Actor, query: CaseloadQuery): Promise<CaseloadPage> {
  const db = await dashboardDb();
  const clinicianFilter = isOwner(actor) && query.clinician ? query.clinician : null;
  // The partner is "in the view" under the same scope and filters (search aside: finding one partner finds the couple).
  const grouped = sql<boolean>`(${and(
    isNotNull(partner.id),
    clientScope(actor, partner),
    query.status === "all" ? undefined : eq(partner.status, query.status),
    clinicianFilter ? eq(partner.clinicianId, clinicianFilter) : undefined,
  )})`;
  const where = and(
    clientScope(actor),
    query.status === "all" ? undefined : eq(clients.status, query.status),
    clinicianFilter ? eq(clients.clinicianId, clinicianFilter) : undefined,
    query.kind === "couples" ? isNotNull(clients.coupleId) : query.kind === "individuals" ? isNull(clients.coupleId) : undefined,
    planFilter(query.plan),
    // Matches are found once through the trigram index (the subquery), then either partner may be one.
    query.q
      ? sql`(${clients.id} in (${matches(actor, query.q)}) or (${grouped} and ${partner.id} in (${matches(actor, query.q)})))`
      : undefined,
    // The second partner of a grouped couple is shown inside the first one's row.
    sql`not (${grouped} and (${partner.lastName}, ${partner.firstName}, ${partner.id}) < (${clients.lastName}, ${clients.firstName}, ${clients.id}))`,
  );
  const partnerJoin = and(eq(partner.coupleId, clients.coupleId), ne(partner.id, clients.id), eq(partner.practiceId, clients.practiceId));

  // Counted as far as COUNT_AHEAD past the requested page: a bounded read whatever the view's size.
  const countLimit = (query.page - 1) * query.size + COUNT_AHEAD;
  const counted = db.$with("counted").as(
    db.select({ one: sql`1`.as("one") }).from(clients).leftJoin(partner, partnerJoin).where(where).limit(countLimit + 1),
  );
  const [{ counted: n } = { counted: 0 }] = await db.with(counted).select({ counted: sql<number>`count(*)::int` }).from(counted);
  const totalExact = n <= countLimit;
  const total = Math.min(n, countLimit);
  const pageCount = Math.max(1, Math.ceil(total / query.size));
  const page = totalExact ? Math.min(query.page, pageCount) : query.page;
  const offset = (page - 1) * query.size;

  const pageOf = (restrict?: Restriction) =>
    db
      .select({
        id: clients.id,
        firstName: clients.firstName,
        lastName: clients.lastName,
        preferredName: clients.preferredName,
        email: clients.email,
        status: clients.status,
        clinicianId: clients.clinicianId,
        clinicianName: users.name,
        coupleId: clients.coupleId,
        lastAssessmentAt: clients.lastAssessmentAt,
        latestOverall: clients.latestOverall,
        pendingInvitations: openInvitationsOf("clients"),
        planStatus: planStatusOf("clients"),
        grouped,
        inRange: restrict ? restrict.inRange : sql<boolean>`true`,
        partner: {
          id: partner.id,
          firstName: partner.firstName,
          lastName: partner.lastName,
          preferredName: partner.preferredName,
          email: partner.email,
          status: partner.status,
          clinicianName: partnerClinician.name,
          lastAssessmentAt: partner.lastAssessmentAt,
          latestOverall: partner.latestOverall,
          pendingInvitations: sql<number | null>`case when ${grouped} then ${openInvitationsOf("partner")} end`,
          planStatus: sql<"active" | "paused" | null>`case when ${grouped} then ${planStatusOf("partner")} end`,
        },
        gap: { points: couples.latestGap, dimension: couples.latestGapDimension, at: couples.latestGapAt },
      })
      .from(clients)
      .innerJoin(users, eq(users.id, clients.clinicianId))
      .leftJoin(partner, partnerJoin)
      .leftJoin(partnerClinician, eq(partnerClinician.id, partner.clinicianId))
      .leftJoin(couples, eq(couples.id, clients.coupleId))
      .where(and(where, restrict?.candidates))
      .orderBy(...orderFor(query.sort, query.dir, grouped))
      .limit(query.size)
      .offset(offset);

  const rows = await readPage(db, { actor, query, clinicianFilter, grouped, needed: offset + query.size }, pageOf);

  return {
    rows: rows.map(({ grouped: inRow, partner: p, gap, inRange, ...row }) => ({
      ...row,
      latestOverall: row.latestOverall === null ? null : Number(row.latestOverall),
      pendingInvitations: Number(row.pendingInvitations),
      partnerId: p?.id ?? null,
      partnerName: p?.id ? `${p.firstName} ${p.lastName}` : null,
      partner:
        inRow && p?.id
          ? {
              id: p.id,
              firstName: p.firstName!,
              lastName: p.lastName!,
              preferredName: p.preferredName,
              email: p.email!,
              status: p.status!,
              clinicianName: p.clinicianName ?? "",
              lastAssessmentAt: p.lastAssessmentAt,
              latestOverall: p.latestOverall === null ? null : Number(p.latestOverall),
              pendingInvitations: Number(p.pendingInvitations ?? 0),
              planStatus: p.planStatus ?? null,
            }
          : null,
      gap:
        gap && gap.points !== null && gap.dimension
          ? { points: Number(gap.points), dimension: gap.dimension, flagged: isFlaggedGap(closenessV1, Number(gap.points)), at: gap.at }
          : null,
    })),
    total,
    totalExact,
    pageCount,
    query: { ...query, page },
  };
}

/*
 * Sorting by a score or a date, a couple row takes the lower score of its partners (the one more
 * likely to need attention) or the later date, so its key is not a column and no index gives the
 * order. Each row has a deciding member — the partner whose score or date it takes (or the one
 * person) — and rows sort by that member's (value, id): unique, so ties page steadily. Instead of
 * keying every row, the page is read in two steps:
 *
 * 1. the first N people of the view in the sort's order, by the index on (practice, status, value,
 *    id), and their partners: the candidates; the Nth person's (value, id) is the threshold;
 * 2. the page, among only the candidates. A row whose (value, id) is on the near side of the
 *    threshold has its deciding member among the N, so every such row is a candidate, and rows
 *    past the threshold sort after them: the page is right when its last row is on the near side.
 *
 * When it is not (many couples split across the threshold), N grows; past a few tries, or without
 * enough values for a threshold, the page is read the plain way. Cost: about 4 × (offset + size) rows
 * (MAX_CANDIDATE_PEOPLE at most).
 */
type Restriction = { candidates: SQL; inRange: SQL<boolean> };
const candidateRowSchema = z.object({ id: z.string(), value: z.string().nullable(), position: z.coerce.number() });
type ThresholdSort = { value: (table: { latestOverall: AnyColumn; lastAssessmentAt: AnyColumn }) => AnyColumn; combine: "least" | "greatest"; cast: SQL };
const THRESHOLD_SORTS: Partial<Record<CaseloadSort, ThresholdSort>> = {
  latestOverall: { value: (table) => table.latestOverall, combine: "least", cast: sql.raw("numeric") },
  lastAssessment: { value: (table) => table.lastAssessmentAt, combine: "greatest", cast: sql.raw("timestamptz") },
};
const member = alias(clients, "member");
const other = alias(clients, "other");
/** The most people a threshold read takes (with their partners, twice as many ids in the page's query). */
const MAX_CANDIDATE_PEOPLE = 4_000;

/** A couple row's key for a threshold sort: both partners combined when the row holds both. */
function rowKey(sort: ThresholdSort, grouped: SQL): SQL {
  return sql`case when ${grouped} then ${sql.raw(sort.combine)}(${sort.value(clients)}, ${sort.value(partner)}) else ${sort.value(clients)} end`;
}

/** The id of the row's deciding member: the partner whose (value, id) is lower (least) or higher (greatest). */
function decidingId(sort: ThresholdSort, grouped: SQL): SQL {
  const [own, theirs] = [sort.value(clients), sort.value(partner)];
  const beats = sort.combine === "least" ? sql`<` : sql`>`;
  return sql`case when ${grouped} and ${theirs} is not null and (${own} is null or (${theirs}, ${partner.id}) ${beats} (${own}, ${clients.id})) then ${partner.id} else ${clients.id} end`;
}

type PageContext = { actor: Actor; query: CaseloadQuery; clinicianFilter: string | null; grouped: SQL; needed: number };

async function readPage<Row extends { inRange: boolean }>(
  db: Awaited<ReturnType<typeof getDb>>,
  context: PageContext,
  pageOf: (restrict?: Restriction) => Promise<Row[]>,
): Promise<Row[]> {
  const sort = THRESHOLD_SORTS[context.query.sort];
  if (!sort) return pageOf();
  const { actor, query, clinicianFilter, grouped, needed } = context;
  const memberOf = (table: typeof member) =>
    and(
      clientScope(actor, table),
      query.status === "all" ? undefined : eq(table.status, query.status),
      clinicianFilter ? eq(table.clinicianId, clinicianFilter) : undefined,
    );
  // Deep pages (past about 40 of 25) are read the plain way: their OFFSET costs that much anyway.
  for (let persons = 4 * needed; persons <= Math.min(64 * needed, MAX_CANDIDATE_PEOPLE); persons *= 4) {
    // The first N people in the sort's order (by the index) and their partners, in one statement.
    const value = sort.value(member);
    const order = sql`${value} ${sql.raw(query.dir)}, ${member.id} ${sql.raw(query.dir)}`;
    const found = parseRows(
      candidateRowSchema,
      await db.execute(sql`
        with first as (
          select ${member.id} as id, ${member.coupleId} as couple_id, ${value}::text as value, row_number() over (order by ${order}) as position
          from ${clients} as ${sql.identifier("member")}
          where ${and(memberOf(member), isNotNull(value))}
          order by ${order}
          limit ${persons}
        )
        select id, value, position from first
        union all
        select ${other.id}, null, 0 from first inner join ${clients} as ${sql.identifier("other")}
          on ${other.coupleId} = first.couple_id and ${other.id} <> first.id and ${other.practiceId} = ${actor.practiceId}
      `),
    );
    const near = found.filter((row) => row.value !== null);
    if (near.length < persons) break; // fewer people with a value than that: read the page the plain way
    const threshold = near.reduce((last, row) => (row.position > last.position ? row : last));
    const rows = await pageOf({
      candidates: inArray(
        clients.id,
        found.map((row) => row.id),
      ),
      inRange: sql<boolean>`coalesce((${rowKey(sort, grouped)}, ${decidingId(sort, grouped)}) ${query.dir === "desc" ? sql`>=` : sql`<=`} (${threshold.value}::${sort.cast}, ${threshold.id}::uuid), false)`,
    });
    if (rows.length === query.size && rows.at(-1)?.inRange) return rows;
  }
  return pageOf();
}

function orderFor(sort: CaseloadSort, dir: "asc" | "desc", grouped: SQL): SQL[] {
  const by = dir === "asc" ? asc : desc;
  // Empty values sort last in either direction: a missing score is not "lowest".
  const nullsLast = (column: AnyColumn | SQL) => sql`${column} ${sql.raw(dir)} nulls last`;
  const byName = [by(clients.lastName), by(clients.firstName), by(clients.id)];
  switch (sort) {
    case "partner":
      return [nullsLast(partner.lastName), nullsLast(partner.firstName), ...byName];
    case "clinician":
      return [by(users.name), ...byName];
    case "status":
      return [by(clients.status), ...byName];
    case "lastAssessment":
      // A couple row: whichever partner answered last (greatest ignores a null).
      return [nullsLast(rowKey(THRESHOLD_SORTS.lastAssessment!, grouped)), by(decidingId(THRESHOLD_SORTS.lastAssessment!, grouped))];
    case "latestOverall":
      // A couple row sorts by the partner with the lower score: the one more likely to need attention.
      return [nullsLast(rowKey(THRESHOLD_SORTS.latestOverall!, grouped)), by(decidingId(THRESHOLD_SORTS.latestOverall!, grouped))];
    case "gap":
      return [nullsLast(couples.latestGap), ...byName];
    case "pending":
      return [by(sql`${openInvitationsOf("clients")} + coalesce(case when ${grouped} then ${openInvitationsOf("partner")} end, 0)`), ...byName];
    case "name":
      return byName;
  }
}

/** Clinicians of the actor's practice, for filters and assignment. Owners see all; a clinician only themself. */
export async function listPracticeClinicians(actor: Actor, options: { includeInactive?: boolean } = {}) {
  const db = await getDb();
  return db
    .select({ id: users.id, name: users.name, role: users.role, active: users.active })
    .from(users)
    .where(
      and(
        eq(users.practiceId, actor.practiceId),
        isOwner(actor) ? undefined : eq(users.id, actor.userId),
        options.includeInactive ? undefined : eq(users.active, true),
      ),
    )
    .orderBy(asc(users.name));
}
