import "server-only";
import { and, desc, eq, ne } from "drizzle-orm";
import { getDb } from "@/db/client";
import { assessments } from "@/db/schema";
import type { Actor } from "@/lib/core/actor-types";
import { getAccessibleClient } from "@/lib/core/client-access";
import { languageLabel } from "@/lib/i18n/catalogues";
import { getInstrument } from "@/lib/instruments";
import { findTranslation } from "@/lib/instruments/translations";

export type AnsweredInLanguage = {
  assessmentId: string;
  instrumentTitle: string;
  completedAt: Date;
  /** "Spanish (Español)". */
  language: string;
  /** Whether the words were a published translation or our own, not yet validated. */
  translation: "published" | "not_validated" | "unknown";
};

/**
 * The client's assessments answered in a language other than English, newest first, for the
 * clinician's side (which stays in English): scores are comparable across languages, but the
 * clinician should know which words the client read, and whether that translation is validated.
 * Another practice's client, or one outside a clinician's caseload, is "not found".
 */
export async function listAnswersInOtherLanguages(actor: Actor, clientId: string): Promise<AnsweredInLanguage[]> {
  const db = await getDb();
  const client = await getAccessibleClient(db, actor, clientId);
  const rows = await db
    .select({ id: assessments.id, key: assessments.instrumentKey, version: assessments.instrumentVersion, language: assessments.language, completedAt: assessments.completedAt })
    .from(assessments)
    .where(and(eq(assessments.practiceId, actor.practiceId), eq(assessments.clientId, client.id), ne(assessments.language, "en")))
    .orderBy(desc(assessments.completedAt))
    .limit(50);
  return rows.map((row) => {
    const instrument = getInstrument(row.key, row.version);
    const translation = instrument ? findTranslation(instrument, row.language) : undefined;
    return {
      assessmentId: row.id,
      instrumentTitle: instrument?.title ?? row.key,
      completedAt: row.completedAt,
      language: languageLabel(row.language),
      translation: translation?.status ?? "unknown",
    };
  });
}
