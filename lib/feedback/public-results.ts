import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { clients, invitations, resultLinks, resultSharing, type Client, type ResultLink } from "@/db/schema";
import { recordAudit } from "@/lib/core/audit";
import { THANK_YOU_NAMES_FOR_MS } from "@/lib/invitations/public";
import { hashToken, isWellFormedToken } from "@/lib/core/tokens";
import { loadClientResults } from "./results-source";
import type { ResultsView } from "./results-view";
import { clock } from "@/lib/core/clock";

/*
 * The client's side of their results. As with `/a/` links there is no actor: the token in the link
 * is the only credential, so everything is looked up by its hash, and anything that is not a usable
 * link — unknown, truncated, revoked, replaced, expired, an archived client — is one and the same
 * "unavailable", which reveals nothing about whose link it was.
 */

/** Whether the client has said yes to sharing with their partner, and whether they can say so now. */
export type ConsentOffer =
  /** Not in a couple. */
  | { kind: "none" }
  /** `open`: they may say yes (or withdraw); otherwise they may only withdraw a yes already given. */
  | { kind: "couple"; given: boolean; open: boolean };

export type PublicResultsPage =
  | { state: "unavailable" }
  /** A real link, but the clinician has switched sharing off: nothing of the results is shown. */
  | { state: "paused" }
  | { state: "nothing_yet"; clientId: string }
  | { state: "ready"; clientId: string; view: ResultsView; consent: ConsentOffer };

type Found = { link: ResultLink; client: Client };

async function findLink(executor: Executor, token: string, options: { forUpdate?: boolean } = {}): Promise<Found | null> {
  const query = executor
    .select({ link: resultLinks, client: clients })
    .from(resultLinks)
    .innerJoin(clients, eq(clients.id, resultLinks.clientId))
    .where(eq(resultLinks.tokenHash, hashToken(token)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for("update", { of: [resultLinks, clients] }) : await query;
  return row ?? null;
}

function usable(found: Found | null, now: Date): found is Found {
  if (!found) return false;
  if (found.link.revokedAt) return false;
  if (found.link.expiresAt.getTime() <= now.getTime()) return false;
  return found.client.status === "active";
}

async function pageFor(executor: Executor, client: Client): Promise<Exclude<PublicResultsPage, { state: "unavailable" }>> {
  const results = await loadClientResults(executor, client);
  if (!results.shared) return { state: "paused" };
  if (!results.view) return { state: "nothing_yet", clientId: client.id };
  const couple = results.view.couple;
  const consent: ConsentOffer =
    couple.kind === "none" ? { kind: "none" } : { kind: "couple", given: results.ownConsent, open: couple.kind !== "unavailable" };
  return { state: "ready", clientId: client.id, view: results.view, consent };
}

/**
 * What `/results/<token>` shows, read afresh on every load (so switching sharing off, withholding
 * the couple view or a withdrawn consent shows at the next load). Each view of a usable link is
 * on the client's audit trail.
 */
export async function getResultsPage(token: string, now = clock.now()): Promise<PublicResultsPage> {
  // Junk costs no query.
  if (!isWellFormedToken(token)) return { state: "unavailable" };
  const db = await getDb();
  const found = await findLink(db, token);
  if (!usable(found, now)) return { state: "unavailable" };
  const page = await pageFor(db, found.client);
  // The trail is also where "last opened" is read from (lib/feedback/sharing.ts): a view writes nothing else.
  await recordAudit(db, { userId: null, practiceId: found.client.practiceId }, {
    action: "results.view",
    subjectType: "result_link",
    subjectId: found.link.id,
    clientId: found.client.id,
    details: { via: "link", shown: page.state },
  });
  return page;
}

export type ConsentResult = "saved" | "unchanged" | "unavailable";

/**
 * The client says yes to sharing their results with their partner, or withdraws it. Only through
 * their own usable link, and only for the client the link belongs to: a form posted with another
 * client's id changes nothing. Saying yes needs the couple view to be open (shared on both sides,
 * not withheld); withdrawing is always possible.
 */
export async function setCoupleConsent(token: string, input: { clientId: string; consent: boolean }, now = clock.now()): Promise<ConsentResult> {
  if (!isWellFormedToken(token)) return "unavailable";
  const db = await getDb();
  return db.transaction(async (tx) => {
    const found = await findLink(tx, token, { forUpdate: true });
    if (!usable(found, now)) return "unavailable";
    const { client } = found;
    if (input.clientId !== client.id) return "unchanged";
    if (!client.coupleId) return "unchanged";
    const results = await loadClientResults(tx, client);
    if (results.ownConsent === input.consent) return "unchanged";
    if (input.consent && (!results.shared || !results.view || results.view.couple.kind === "unavailable")) return "unchanged";

    await tx
      .insert(resultSharing)
      .values({
        clientId: client.id,
        practiceId: client.practiceId,
        coupleConsentCoupleId: input.consent ? client.coupleId : null,
        coupleConsentAt: input.consent ? now : null,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: resultSharing.clientId,
        set: { coupleConsentCoupleId: input.consent ? client.coupleId : null, coupleConsentAt: input.consent ? now : null, updatedAt: now },
      });
    await recordAudit(tx, { userId: null, practiceId: client.practiceId }, {
      action: input.consent ? "results.consent_given" : "results.consent_withdrawn",
      subjectType: "client",
      subjectId: client.id,
      details: { coupleId: client.coupleId, via: "link" },
    });
    return "saved";
  });
}

/**
 * The results under the thank-you message of a just-completed questionnaire, when the client's
 * results are shared with them; null otherwise. Only for as long as the thank-you page names the
 * practice (an hour after completing): later, whoever holds the used link sees nothing, and the
 * client's own results link is the way back.
 */
export async function getResultsAfterQuestionnaire(invitationToken: string, now = clock.now()): Promise<ResultsView | null> {
  if (!isWellFormedToken(invitationToken)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ invitation: invitations, client: clients })
    .from(invitations)
    .innerJoin(clients, eq(clients.id, invitations.clientId))
    .where(and(eq(invitations.tokenHash, hashToken(invitationToken)), eq(invitations.status, "completed")))
    .limit(1);
  const completedAt = row?.invitation.completedAt;
  if (!row || !completedAt || now.getTime() - completedAt.getTime() > THANK_YOU_NAMES_FOR_MS) return null;
  if (row.client.status !== "active") return null;
  const results = await loadClientResults(db, row.client);
  if (!results.shared || !results.view) return null;
  await recordAudit(db, { userId: null, practiceId: row.client.practiceId }, {
    action: "results.view",
    subjectType: "invitation",
    subjectId: row.invitation.id,
    clientId: row.client.id,
    details: { via: "thank_you", shown: "ready" },
  });
  return results.view;
}
