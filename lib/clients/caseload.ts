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

type CaseloadPage = { rows: CaseloadRow[]; total: number; query: CaseloadQuery; pageCount: number };

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

  const [{ total } = { total: 0 }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(clients)
    .leftJoin(partner, partnerJoin)
    .where(where);
  const pageCount = Math.max(1, Math.ceil(total / query.size));
  const page = Math.min(query.page, pageCount);

  const rows = await db
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
    .where(where)
    .orderBy(...orderFor(query.sort, query.dir, grouped))
    .limit(query.size)
    .offset((page - 1) * query.size);

  return {
    rows: rows.map(({ grouped: inRow, partner: p, gap, ...row }) => ({
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
    pageCount,
    query: { ...query, page },
  };
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
      return [nullsLast(sql`case when ${grouped} then greatest(${clients.lastAssessmentAt}, ${partner.lastAssessmentAt}) else ${clients.lastAssessmentAt} end`), by(clients.id)];
    case "latestOverall":
      // A couple row sorts by the partner with the lower score: the one more likely to need attention.
      return [nullsLast(sql`case when ${grouped} then least(${clients.latestOverall}, ${partner.latestOverall}) else ${clients.latestOverall} end`), by(clients.id)];
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
