import type { Actor } from "./actor-types";
import { ForbiddenError } from "@/lib/core/errors";

/** The practice owner sees every caseload and alone manages the team, reassignments, the audit trail and the outbox. */
export function isOwner(actor: Pick<Actor, "role">): boolean {
  return actor.role === "owner";
}

/**
 * For owner-only operations on the actor's own practice. Forbidden rather than not found: what is
 * refused is the operation, and a clinician knows their practice has an owner.
 */
export function requireOwner(actor: Pick<Actor, "role">): void {
  if (!isOwner(actor)) throw new ForbiddenError("Only the practice owner can do that.");
}
