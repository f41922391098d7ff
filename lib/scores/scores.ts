import "server-only";
import { dashboardDb } from "@/lib/core/read-db";
import { and, eq, ne } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { clients, type Client } from "@/db/schema";
import { loadScoredAssessments } from "@/lib/scores/scored";
import { recordAudit } from "@/lib/core/audit";
import type { Actor } from "@/lib/core/actor-types";
import { clientScope, getAccessibleClient } from "@/lib/core/client-access";
import { displayName } from "@/lib/core/display-name";
import { latestCouplePair, pairCoupleAssessments, type CouplePair } from "@/lib/scores/couple-pairs";
import { closenessV1 } from "@/lib/instruments";
import { loadFiguresInUse } from "@/lib/reliable-change/figures";
import {
  SCORE_DIMENSIONS,
  reliableChangeParameters,
  summariseScores,
  type DimensionInfo,
  type ReliableChangeParameters,
  type ScoredAssessment,
  type ScoresSummary,
} from "@/lib/scores/score-summary";

export type { ReliableChangeParameters };

// Everything returned here is plain, serialisable data (ISO strings for dates, unrounded numbers):
// components round with `formatScore` and format dates in the practice's time zone. The math over
// it is pure and lives in lib/scores/score-summary.ts and lib/scores/couple-pairs.ts.

const INSTRUMENT = closenessV1;

export type ClientScores = {
  client: { id: string; name: string };
  instrument: { key: string; version: number; title: string };
  dimensions: DimensionInfo[];
  /** Oldest first. */
  assessments: ScoredAssessment[];
  /** Null when there is no assessment yet. */
  summary: ScoresSummary | null;
  reliableChange: ReliableChangeParameters;
};

export type CoupleScores = {
  client: { id: string; name: string; assessments: ScoredAssessment[] };
  partner: { id: string; name: string; status: Client["status"]; assessments: ScoredAssessment[] };
  dimensions: DimensionInfo[];
  windowDays: number;
  flagAt: number;
  /** One per assessment of this client that has a partner's assessment within the window, oldest first. */
  pairs: CouplePair[];
  /** The couple's current pair, the same whichever partner asks (lib/scores/couple-pairs.ts); null without one. */
  latestPair: CouplePair | null;
};

async function loadClientScores(executor: Executor, actor: Actor, clientId: string): Promise<ClientScores> {
  const client = await getAccessibleClient(executor, actor, clientId);
  const [byClient, figures] = await Promise.all([
    loadScoredAssessments(executor, actor.practiceId, [client.id]),
    loadFiguresInUse(executor, actor.practiceId, INSTRUMENT),
  ]);
  const list = byClient.get(client.id) ?? [];
  return {
    client: { id: client.id, name: displayName(client) },
    instrument: { key: INSTRUMENT.key, version: INSTRUMENT.version, title: INSTRUMENT.title },
    dimensions: SCORE_DIMENSIONS,
    assessments: list,
    summary: summariseScores(list, figures),
    reliableChange: reliableChangeParameters(figures),
  };
}

/**
 * A client's closeness scores over time, for their page: every assessment oldest first, the latest
 * one's bands, strengths and growth areas, and reliable change per dimension. NotFoundError for a
 * client the actor may not see.
 */
export async function getClientScores(actor: Actor, clientId: string): Promise<ClientScores> {
  return loadClientScores(await dashboardDb(), actor, clientId);
}

/** The same data for the printable report; opening the report is recorded in the audit trail. */
export async function getClientReport(actor: Actor, clientId: string): Promise<ClientScores> {
  const db = await getDb();
  const scores = await loadClientScores(db, actor, clientId);
  await recordAudit(db, actor, { action: "client.view_report", subjectType: "client", subjectId: scores.client.id });
  return scores;
}

/**
 * Both partners' scores for the couple view on a client's page. Null when the client has no current
 * partner, or when the partner is not on the actor's caseload (the couple is shared work, but a
 * clinician sees only their own clients' scores). NotFoundError for a client the actor may not see.
 */
export async function getCoupleScores(actor: Actor, clientId: string): Promise<CoupleScores | null> {
  const db = await dashboardDb();
  const client = await getAccessibleClient(db, actor, clientId);
  if (!client.coupleId) return null;
  const [partner] = await db
    .select()
    .from(clients)
    .where(and(eq(clients.coupleId, client.coupleId), ne(clients.id, client.id), clientScope(actor)))
    .limit(1);
  if (!partner) return null;

  const byClient = await loadScoredAssessments(db, actor.practiceId, [client.id, partner.id]);
  const own = byClient.get(client.id) ?? [];
  const theirs = byClient.get(partner.id) ?? [];
  const pairs = pairCoupleAssessments(own, theirs);
  return {
    client: { id: client.id, name: displayName(client), assessments: own },
    partner: { id: partner.id, name: displayName(partner), status: partner.status, assessments: theirs },
    dimensions: SCORE_DIMENSIONS,
    windowDays: INSTRUMENT.scoring.coupleGap.windowDays,
    flagAt: INSTRUMENT.scoring.coupleGap.flagAt,
    pairs,
    latestPair: latestCouplePair(own, theirs),
  };
}
