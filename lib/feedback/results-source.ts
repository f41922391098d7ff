import "server-only";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { clients, couples, practices, resultSharing, users, type Client } from "@/db/schema";
import { closenessV1 } from "@/lib/instruments";
import { loadFiguresInUse } from "@/lib/reliable-change/figures";
import { loadScoredAssessments } from "@/lib/scores/scored";
import { buildResultsView, type CoupleState, type ResultsView } from "./results-view";

/*
 * The one place that reads what decides a client's results page: the practice's default, the
 * clinician's switch, the couple's withhold, both partners' consents, and the scores. The
 * clinician's preview (./sharing.ts) and the client's own pages (./public-results.ts) both call
 * `loadClientResults`, so what the preview shows is what the client sees. Callers establish who
 * is asking (an actor that may see the client, or a valid token) before calling.
 */

export type ClientResults = {
  clientId: string;
  practiceId: string;
  /** The couple the client is in now, if any. */
  coupleId: string | null;
  /** The clinician's switch, after the practice default: whether the client sees anything. */
  shared: boolean;
  /** The client's own row: null when it follows the practice default. */
  sharedSetting: boolean | null;
  practiceDefault: boolean;
  /** The clinician withholds the couple view. */
  coupleWithheld: boolean;
  /** The client said yes to sharing with their partner, in this couple. */
  ownConsent: boolean;
  /** The partner said yes, in this couple. */
  partnerConsent: boolean;
  partnerId: string | null;
  /** What the client sees when shared; null when there is no completed questionnaire yet. */
  view: ResultsView | null;
};

/** Whether a client's results are shared with them: their own setting, else the practice's default. */
export function effectiveSharing(setting: boolean | null | undefined, practiceDefault: boolean): boolean {
  return setting ?? practiceDefault;
}

export async function loadClientResults(executor: Executor, client: Client): Promise<ClientResults> {
  const [context] = await executor
    .select({ practiceName: practices.name, timeZone: practices.timeZone, practiceDefault: practices.shareResultsByDefault, clinicianName: users.name })
    .from(practices)
    .innerJoin(users, eq(users.id, client.clinicianId))
    .where(eq(practices.id, client.practiceId))
    .limit(1);
  const practiceDefault = context?.practiceDefault ?? false;

  const partner = client.coupleId
    ? ((
        await executor
          .select()
          .from(clients)
          .where(and(eq(clients.practiceId, client.practiceId), eq(clients.coupleId, client.coupleId), ne(clients.id, client.id)))
          .limit(1)
      )[0] ?? null)
    : null;
  const couple = client.coupleId
    ? ((await executor.select({ withheld: couples.resultsCoupleWithheld }).from(couples).where(eq(couples.id, client.coupleId)).limit(1))[0] ?? null)
    : null;

  const ids = partner ? [client.id, partner.id] : [client.id];
  const settings = new Map(
    (await executor.select().from(resultSharing).where(inArray(resultSharing.clientId, ids))).map((row) => [row.clientId, row]),
  );
  const own = settings.get(client.id);
  const theirs = partner ? settings.get(partner.id) : undefined;
  const ownConsent = Boolean(client.coupleId && own?.coupleConsentCoupleId === client.coupleId);
  const partnerConsent = Boolean(partner && client.coupleId && theirs?.coupleConsentCoupleId === client.coupleId);
  const shared = effectiveSharing(own?.shared, practiceDefault);
  const partnerShared = partner ? effectiveSharing(theirs?.shared, practiceDefault) && partner.status === "active" : false;
  const coupleWithheld = couple?.withheld ?? false;

  const [scored, figures] = await Promise.all([
    loadScoredAssessments(executor, client.practiceId, ids),
    loadFiguresInUse(executor, client.practiceId, closenessV1),
  ]);
  // The partner's scores are read only when the couple view is open; their answers never are.
  const coupleOpen = Boolean(partner && !coupleWithheld && shared && partnerShared && ownConsent && partnerConsent);
  const coupleState: CoupleState =
    partner && couple
      ? {
          inCouple: true,
          withheld: coupleWithheld,
          bothShared: shared && partnerShared,
          ownConsent,
          partnerConsent,
          partnerAssessments: coupleOpen ? (scored.get(partner.id) ?? []) : [],
        }
      : { inCouple: false };

  return {
    clientId: client.id,
    practiceId: client.practiceId,
    coupleId: partner ? client.coupleId : null,
    shared,
    sharedSetting: own?.shared ?? null,
    practiceDefault,
    coupleWithheld,
    ownConsent,
    partnerConsent,
    partnerId: partner?.id ?? null,
    view: buildResultsView({
      practiceName: context?.practiceName ?? "",
      clinicianName: context?.clinicianName ?? "",
      timeZone: context?.timeZone ?? "UTC",
      own: scored.get(client.id) ?? [],
      couple: coupleState,
      figures,
    }),
  };
}
