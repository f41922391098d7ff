import "server-only";
import { and, eq, ne, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/client";
import { clients, type Client } from "@/db/schema";
import { recordRefusedClientAccess } from "@/lib/core/audit";
import type { Actor } from "@/lib/core/actor-types";
import { isOwner } from "@/lib/core/owner";
import { DomainError, NotFoundError } from "@/lib/core/errors";
import { uuidSchema } from "@/lib/core/validation";

/**
 * The scope of clients an actor may see: the practice's for an owner, their own caseload for a
 * clinician. Every client query goes through this (`table` for an alias of clients, e.g. a partner).
 */
export function clientScope(actor: Actor, table: { practiceId: PgColumn; clinicianId: PgColumn } = clients): SQL {
  const practice = eq(table.practiceId, actor.practiceId);
  return isOwner(actor) ? practice : and(practice, eq(table.clinicianId, actor.userId))!;
}

/** The same rule as clientScope, for a client row already loaded (e.g. a partner found through the couple). */
export function canSeeClient(actor: Actor, client: Pick<Client, "practiceId" | "clinicianId">): boolean {
  return client.practiceId === actor.practiceId && (isOwner(actor) || client.clinicianId === actor.userId);
}

/**
 * Loads a client the actor may see, or throws NotFoundError — for a malformed id, another
 * practice's client and another clinician's client alike. Pass `forUpdate` inside a transaction
 * to lock the row.
 */
export async function getAccessibleClient(
  executor: Executor,
  actor: Actor,
  clientId: string,
  options: { forUpdate?: boolean } = {},
): Promise<Client> {
  if (!uuidSchema.safeParse(clientId).success) throw new NotFoundError("Client");
  const query = executor
    .select()
    .from(clients)
    .where(and(eq(clients.id, clientId), clientScope(actor)))
    .limit(1);
  const [client] = options.forUpdate ? await query.for("update") : await query;
  if (!client) {
    void recordRefusedClientAccess(actor, clientId);
    throw new NotFoundError("Client");
  }
  return client;
}

/** What each feature says when a partner cannot be included: the words differ, the rules do not. */
export type PartnerRefusals = { field: string; otherCaseload: string; archived: string };

/**
 * The client's partner, locked for the caller's transaction, wherever both partners are sent
 * something (invitations, plans): linked, on the actor's caseload, active — else a DomainError in
 * the feature's words. Same practice, so saying the partner exists reveals nothing new; naming
 * them would.
 */
export async function lockIncludablePartner(tx: Executor, actor: Actor, client: Client, refusals: PartnerRefusals): Promise<Client> {
  const noPartner = () => new DomainError("This client has no linked partner.", refusals.field);
  if (!client.coupleId) throw noPartner();
  const [partner] = await tx
    .select()
    .from(clients)
    .where(and(eq(clients.practiceId, actor.practiceId), eq(clients.coupleId, client.coupleId), ne(clients.id, client.id)))
    .limit(1)
    .for("update");
  if (!partner) throw noPartner();
  if (!canSeeClient(actor, partner)) throw new DomainError(refusals.otherCaseload, refusals.field);
  if (partner.status !== "active") throw new DomainError(refusals.archived, refusals.field);
  return partner;
}
