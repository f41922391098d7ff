import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { clients, couples, users, type Client } from "@/db/schema";
import { recordAudit } from "@/lib/core/audit";
import type { Actor } from "@/lib/core/actor-types";
import { canSeeClient } from "@/lib/core/client-access";
import { displayName } from "@/lib/core/display-name";
import { NotFoundError } from "@/lib/core/errors";
import { uuidSchema } from "@/lib/core/validation";

export type CoupleMember = {
  id: string;
  name: string;
  status: Client["status"];
  clinicianId: string;
  clinicianName: string;
  /** The actor may open this partner's record and see their scores. */
  accessible: boolean;
  /** What the partner's emails and questionnaires are written in. */
  language: string;
};

export type CoupleDetail = {
  id: string;
  createdAt: Date;
  /** Both partners, ordered by name (the order the caseload shows them in). */
  members: [CoupleMember, CoupleMember];
  /** Both records are open to the actor, so couple results (gaps, shared areas) can be shown. */
  bothAccessible: boolean;
};

/**
 * A current couple for its page (DESIGN §4: /couples/<id>). Visible when the actor may see at least
 * one partner: the couple is shared work, and that partner's clinician works from here. Each
 * partner's record stays private (DESIGN §1): a partner the actor may not see is only named, and
 * nothing that compares the two is shown unless both are open to the actor (`bothAccessible`).
 * NotFoundError for a malformed id, another practice's couple, an unlinked one, or one whose
 * partners are both on other caseloads. Opening the page is recorded in each visible partner's trail.
 */
export async function getCoupleDetail(actor: Actor, coupleId: string): Promise<CoupleDetail> {
  if (!uuidSchema.safeParse(coupleId).success) throw new NotFoundError("Couple");
  const db = await getDb();
  const [couple] = await db
    .select({ id: couples.id, createdAt: couples.createdAt })
    .from(couples)
    .where(and(eq(couples.id, coupleId), eq(couples.practiceId, actor.practiceId), isNull(couples.unlinkedAt)))
    .limit(1);
  if (!couple) throw new NotFoundError("Couple");
  const rows = await db
    .select({ client: clients, clinicianName: users.name })
    .from(clients)
    .innerJoin(users, eq(users.id, clients.clinicianId))
    .where(and(eq(clients.coupleId, couple.id), eq(clients.practiceId, actor.practiceId)))
    .orderBy(asc(clients.lastName), asc(clients.firstName), asc(clients.id));
  const [a, b] = rows.map(({ client, clinicianName }) => ({
    id: client.id,
    name: displayName(client),
    status: client.status,
    clinicianId: client.clinicianId,
    clinicianName,
    accessible: canSeeClient(actor, client),
    language: client.language,
  }));
  if (!a || !b || (!a.accessible && !b.accessible)) throw new NotFoundError("Couple");

  const visible = [a, b].filter((member) => member.accessible);
  for (const member of visible) {
    await recordAudit(db, actor, { action: "couple.view", subjectType: "couple", subjectId: couple.id, clientId: member.id });
  }
  return { id: couple.id, createdAt: couple.createdAt, members: [a, b], bothAccessible: visible.length === 2 };
}
