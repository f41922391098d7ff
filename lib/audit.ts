import { auditEvents } from "@/db/schema";
import type { Executor } from "@/db/client";
import type { Actor } from "./auth/actor-types";

type AuditInput = {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  /** Defaults to the subject when the subject is a client. */
  clientId?: string | null;
  details?: Record<string, unknown>;
};

/** Writes an audit row. For changes, pass the transaction so the row commits with the change. */
export async function recordAudit(executor: Executor, actor: Pick<Actor, "userId" | "practiceId">, input: AuditInput) {
  await executor.insert(auditEvents).values({
    practiceId: actor.practiceId,
    actorUserId: actor.userId,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId ?? null,
    clientId: input.clientId ?? (input.subjectType === "client" ? (input.subjectId ?? null) : null),
    details: input.details ?? null,
  });
}
