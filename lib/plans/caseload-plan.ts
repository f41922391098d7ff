import { sql, type SQL } from "drizzle-orm";

/*
 * The caseload's view of plans (lib/clients/caseload.ts): a column and a filter, as SQL on the
 * caseload query's `clients` (or `partner`) alias. Served by plan_members_client_idx.
 */

export type CaseloadPlanFilter = "all" | "active" | "none";

/** The client's running plan: 'active' if any is, else 'paused', else null. */
export function planStatusOf(table: "clients" | "partner") {
  return sql<"active" | "paused" | null>`(
    select min(p.status::text) from plan_members m join plans p on p.id = m.plan_id
    where m.client_id = ${sql.identifier(table)}."id" and p.status <> 'ended'
  )`;
}

/** Clients with an active plan, or with no running plan at all. */
export function planFilter(filter: CaseloadPlanFilter): SQL | undefined {
  if (filter === "all") return undefined;
  const running = sql`exists (
    select 1 from plan_members m join plans p on p.id = m.plan_id
    where m.client_id = "clients"."id" and ${filter === "active" ? sql`p.status = 'active'` : sql`p.status <> 'ended'`}
  )`;
  return filter === "active" ? running : sql`not ${running}`;
}
