import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Bundle, CodeSystem, Questionnaire } from "fhir/r4";
import { getDb, type Executor } from "@/db/client";
import { assessmentScores, assessments } from "@/db/schema";
import { appUrl } from "@/lib/core/app-url";
import { recordAudit } from "@/lib/core/audit";
import type { Actor } from "@/lib/core/actor-types";
import { getAccessibleClient } from "@/lib/core/client-access";
import { NotFoundError } from "@/lib/core/errors";
import { dashboardDb } from "@/lib/core/read-db";
import { getInstrument, getProfileInstrument } from "@/lib/instruments";
import { allCodeSystems } from "./code-systems";
import { assessmentEntries, patientEntry, questionnaireResource, type FhirAssessment } from "./resources";
import { clock } from "@/lib/core/clock";

/** Where this deployment serves FHIR; canonical URLs and the project's code systems hang off it. */
export const fhirBase = () => appUrl("/api/fhir");

/** The Questionnaire for `<key>-<version>` (e.g. `closeness-1`, `phq9-1`); NotFoundError for any other id. */
export function getQuestionnaire(id: string): Questionnaire {
  const match = /^([a-z][a-z0-9-]*)-(\d{1,6})$/.exec(id);
  const instrument = match ? getInstrument(match[1]!, Number(match[2])) : undefined;
  if (!instrument) throw new NotFoundError("Questionnaire");
  return questionnaireResource(fhirBase(), instrument);
}

/** The project's code system `id` (`closeness-dimension`, `instrument-total`, `<key>-<version>[-<item>]-scale`); NotFoundError for any other. */
export function getCodeSystem(id: string): CodeSystem {
  const found = allCodeSystems(fhirBase()).find((system) => system.id === id);
  if (!found) throw new NotFoundError("CodeSystem");
  return found;
}

/** Completed assessments of every instrument, with their dimension scores where they have them, oldest first (ties by id). */
export async function loadFhirAssessments(executor: Executor, practiceId: string, clientIds: string[]): Promise<FhirAssessment[]> {
  if (clientIds.length === 0) return [];
  const rows = await executor
    .select({
      id: assessments.id,
      clientId: assessments.clientId,
      instrumentKey: assessments.instrumentKey,
      instrumentVersion: assessments.instrumentVersion,
      answers: assessments.answers,
      overall: assessments.overall,
      total: assessments.total,
      completedAt: assessments.completedAt,
      language: assessments.language,
    })
    .from(assessments)
    .where(and(eq(assessments.practiceId, practiceId), inArray(assessments.clientId, clientIds)))
    .orderBy(asc(assessments.clientId), asc(assessments.completedAt), asc(assessments.id));
  if (rows.length === 0) return [];
  const scores = await executor
    .select({ assessmentId: assessmentScores.assessmentId, dimension: assessmentScores.dimension, score: assessmentScores.score })
    .from(assessmentScores)
    .where(and(eq(assessmentScores.practiceId, practiceId), inArray(assessmentScores.clientId, clientIds)));
  const byAssessment = new Map<string, { dimension: string; score: number }[]>();
  for (const s of scores) {
    const list = byAssessment.get(s.assessmentId) ?? [];
    list.push({ dimension: s.dimension, score: Number(s.score) });
    byAssessment.set(s.assessmentId, list);
  }
  return rows.map((row) => {
    const instrument = getProfileInstrument(row.instrumentKey, row.instrumentVersion);
    const order = new Map<string, number>(instrument?.dimensions.map((d, index) => [d.key, index]) ?? []);
    const list = (byAssessment.get(row.id) ?? []).sort((a, b) => (order.get(a.dimension) ?? 99) - (order.get(b.dimension) ?? 99) || a.dimension.localeCompare(b.dimension));
    return { ...row, overall: row.overall === null ? null : Number(row.overall), total: row.total === null ? null : Number(row.total), scores: list };
  });
}

/**
 * One client as a FHIR R4 Bundle (collection): Patient, a QuestionnaireResponse per completed
 * assessment of any instrument and an Observation per score (a profile instrument's dimensions and
 * overall; a total-scored one's total). The same rules as the scores CSV (lib/export/scores-csv.ts):
 * NotFoundError for a client that is not the actor's, and audit-logged as `client.export_scores`
 * (on the primary, before the bundle is returned).
 */
export async function clientFhirBundle(actor: Actor, clientId: string, now = clock.now()): Promise<Bundle> {
  const base = fhirBase();
  const read = await dashboardDb();
  const client = await getAccessibleClient(read, actor, clientId);
  const rows = await loadFhirAssessments(read, actor.practiceId, [client.id]);
  // Audited on the primary before anything leaves; the rows may come from a read replica.
  await recordAudit(await getDb(), actor, {
    action: "client.export_scores",
    subjectType: "client",
    subjectId: client.id,
    details: { format: "fhir", assessments: rows.length },
  });
  return {
    resourceType: "Bundle",
    id: randomUUID(),
    type: "collection",
    timestamp: now.toISOString(),
    entry: [patientEntry(client), ...rows.flatMap((row) => assessmentEntries(base, row, getInstrument(row.instrumentKey, row.instrumentVersion)))],
  };
}
