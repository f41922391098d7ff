import "server-only";
import { and, asc, desc, eq, isNotNull, isNull, ne, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { clients, couples, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor-types";
import { isOwner } from "@/lib/auth/owner";
import { closenessV1, isFlaggedGap } from "@/lib/instruments";
import { planFilter, planStatusOf } from "@/lib/plans/caseload-plan";
import { clientScope } from "./access";
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
  const db = await getDb();
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
 * order. Instead of computing it for every row, the page is read in two steps:
 *
 * 1. a threshold t: the value of the Nth person of the view in the sort's order, by the index on
 *    (practice, status, value);
 * 2. the page, among only the candidates: the people whose own value is on the near side of t,
 *    and their partners. A row whose key is on the near side has a member there (least: its lower
 *    member; greatest: its later one), so every such row is a candidate; the rows past t sort
 *    after them. The page is therefore right when its last row's key is on the near side.
 *
 * When it is not (many couples split across t), N grows; past a few tries, or without enough
 * values for a threshold, the page is read the plain way. Cost: about 4 × (offset + size) rows.
 */
type Restriction = { candidates: SQL; inRange: SQL<boolean> };
type ThresholdSort = { value: (table: { latestOverall: AnyColumn; lastAssessmentAt: AnyColumn }) => AnyColumn; combine: "least" | "greatest"; cast: SQL };
const THRESHOLD_SORTS: Partial<Record<CaseloadSort, ThresholdSort>> = {
  latestOverall: { value: (table) => table.latestOverall, combine: "least", cast: sql.raw("numeric") },
  lastAssessment: { value: (table) => table.lastAssessmentAt, combine: "greatest", cast: sql.raw("timestamptz") },
};
const member = alias(clients, "member");
const other = alias(clients, "other");

/** A couple row's key for a threshold sort: both partners combined when the row holds both. */
function rowKey(sort: ThresholdSort, grouped: SQL): SQL {
  return sql`case when ${grouped} then ${sql.raw(sort.combine)}(${sort.value(clients)}, ${sort.value(partner)}) else ${sort.value(clients)} end`;
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
  const near = (value: SQL | AnyColumn, t: string) => (query.dir === "desc" ? sql`${value} >= ${t}::${sort.cast}` : sql`${value} <= ${t}::${sort.cast}`);
  for (let persons = 4 * needed; persons <= 64 * needed; persons *= 4) {
    const [threshold] = await db
      .select({ value: sql<string>`${sort.value(member)}::text` })
      .from(member)
      .where(and(memberOf(member), isNotNull(sort.value(member))))
      .orderBy(query.dir === "desc" ? desc(sort.value(member)) : asc(sort.value(member)))
      .limit(1)
      .offset(persons - 1);
    if (!threshold) break; // fewer people with a value than that: read the page the plain way
    const t = threshold.value;
    const nearMembers = and(memberOf(member), near(sort.value(member), t));
    const rows = await pageOf({
      candidates: sql`${clients.id} in (${db.select({ id: member.id }).from(member).where(nearMembers)} union all ${db
        .select({ id: other.id })
        .from(member)
        .innerJoin(other, and(eq(other.coupleId, member.coupleId), ne(other.id, member.id)))
        .where(nearMembers)})`,
      inRange: sql<boolean>`coalesce(${near(rowKey(sort, grouped), t)}, false)`,
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
      return [nullsLast(rowKey(THRESHOLD_SORTS.lastAssessment!, grouped)), by(clients.id)];
    case "latestOverall":
      // A couple row sorts by the partner with the lower score: the one more likely to need attention.
      return [nullsLast(rowKey(THRESHOLD_SORTS.latestOverall!, grouped)), by(clients.id)];
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
