import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { assessmentScores, assessments } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor-types";
import { getAccessibleClient } from "@/lib/clients/access";

export type AssessmentWithScores = {
  id: string;
  clientId: string;
  invitationId: string | null;
  instrumentKey: string;
  instrumentVersion: number;
  completedAt: Date;
  /** Unrounded, 0–100; presentation rounds with `formatScore`. */
  overall: number;
  /** Unrounded dimension scores keyed by dimension key. */
  dimensions: Record<string, number>;
};

/** A client's completed assessments, oldest first, each with its dimension scores. */
export async function listAssessments(actor: Actor, clientId: string): Promise<AssessmentWithScores[]> {
  const db = await getDb();
  const client = await getAccessibleClient(db, actor, clientId);
  const rows = await db
    .select({
      id: assessments.id,
      clientId: assessments.clientId,
      invitationId: assessments.invitationId,
      instrumentKey: assessments.instrumentKey,
      instrumentVersion: assessments.instrumentVersion,
      completedAt: assessments.completedAt,
      overall: assessments.overall,
      dimension: assessmentScores.dimension,
      score: assessmentScores.score,
    })
    .from(assessments)
    .leftJoin(assessmentScores, eq(assessmentScores.assessmentId, assessments.id))
    .where(and(eq(assessments.practiceId, actor.practiceId), eq(assessments.clientId, client.id)))
    .orderBy(asc(assessments.completedAt), asc(assessments.id));

  // Rows arrive grouped by assessment (the order ends on its id), one per dimension.
  const byId = new Map<string, AssessmentWithScores>();
  for (const row of rows) {
    let assessment = byId.get(row.id);
    if (!assessment) {
      assessment = {
        id: row.id,
        clientId: row.clientId,
        invitationId: row.invitationId,
        instrumentKey: row.instrumentKey,
        instrumentVersion: row.instrumentVersion,
        completedAt: row.completedAt,
        overall: Number(row.overall),
        dimensions: {},
      };
      byId.set(row.id, assessment);
    }
    if (row.dimension !== null && row.score !== null) assessment.dimensions[row.dimension] = Number(row.score);
  }
  return [...byId.values()];
}
