import "server-only";
import { and, asc, desc, eq, ne, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { clients, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor-types";
import { isOwner } from "@/lib/auth/owner";
import { clientScope } from "./access";
import { likePattern, searchExpression } from "./clients";
import type { CaseloadQuery, CaseloadSort } from "./schemas";

type CaseloadRow = {
  id: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  email: string;
  status: "active" | "archived";
  clinicianId: string;
  clinicianName: string;
  partnerId: string | null;
  partnerName: string | null;
  lastAssessmentAt: Date | null;
  latestOverall: number | null;
  pendingInvitations: number;
};

type CaseloadPage = { rows: CaseloadRow[]; total: number; query: CaseloadQuery; pageCount: number };

const partner = alias(clients, "partner");

/**
 * Open invitations: pending or opened, not yet past their expiry. The outer column is written
 * out in full: Drizzle leaves columns unqualified in single-table queries, and inside the
 * subquery a bare "id" would mean the invitation's.
 */
const pendingInvitations = sql<number>`(
  select count(*)::int from invitations i
  where i.client_id = "clients"."id" and i.status in ('pending', 'opened') and i.expires_at > now()
)`;

/**
 * One page of the caseload, filtered, sorted and paginated in the database. Only the page's rows
 * are read (with a separate count), so the cost does not grow with the caseload's size beyond
 * what the indexes on (practice_id, status, <sort key>) make cheap.
 */
export async function listCaseload(actor: Actor, query: CaseloadQuery): Promise<CaseloadPage> {
  const db = await getDb();
  const where = and(
    clientScope(actor),
    query.status === "all" ? undefined : eq(clients.status, query.status),
    isOwner(actor) && query.clinician ? eq(clients.clinicianId, query.clinician) : undefined,
    query.q ? sql`${searchExpression()} like ${likePattern(query.q)}` : undefined,
  );

  const [{ total } = { total: 0 }] = await db.select({ total: sql<number>`count(*)::int` }).from(clients).where(where);
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
      partnerId: partner.id,
      partnerName: sql<string | null>`case when ${partner.id} is null then null else ${partner.firstName} || ' ' || ${partner.lastName} end`,
      lastAssessmentAt: clients.lastAssessmentAt,
      latestOverall: clients.latestOverall,
      pendingInvitations,
    })
    .from(clients)
    .innerJoin(users, eq(users.id, clients.clinicianId))
    .leftJoin(partner, and(eq(partner.coupleId, clients.coupleId), ne(partner.id, clients.id)))
    .where(where)
    .orderBy(...orderFor(query.sort, query.dir))
    .limit(query.size)
    .offset((page - 1) * query.size);

  return { rows: rows.map((row) => ({ ...row, pendingInvitations: Number(row.pendingInvitations) })), total, pageCount, query: { ...query, page } };
}

function orderFor(sort: CaseloadSort, dir: "asc" | "desc"): SQL[] {
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
      return [nullsLast(clients.lastAssessmentAt), by(clients.id)];
    case "latestOverall":
      return [nullsLast(clients.latestOverall), by(clients.id)];
    case "pending":
      return [by(pendingInvitations), ...byName];
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
