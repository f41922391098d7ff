import "server-only";
import { and, desc, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { clients, invitations, sendRequests, type InstrumentRef } from "@/db/schema";
import type { Actor } from "@/lib/core/actor-types";
import { clientScope } from "@/lib/core/client-access";
import { clock } from "@/lib/core/clock";
import { DomainError } from "@/lib/core/errors";
import { seal, unseal } from "@/lib/core/seal";
import { REPLAY_WINDOW_MS, replayStillShowsLinks, type OpenLink } from "./send-safety";

/*
 * One send form, one set of links (issue 23): the form carries a key made when it was drawn, and
 * the practice's send_requests hold each key once (a unique index), so a double click, a reload
 * that posts again or a retried request finds the first send instead of making a second. The
 * first send's links are kept sealed on its row for REPLAY_WINDOW_MS, so the replay can show them
 * (the browser shows the answer to the last post, not the first); after that they are erased.
 */

/** A link as the send form shows it once; sealed on the request's row for a replay. */
export type SentLinkRecord = {
  invitationId: string;
  clientId: string;
  clientName: string;
  email: string;
  link: string;
  expiresAt: Date;
  /** What the link carries, in the order answered. */
  instruments: InstrumentRef[];
};

/** An earlier send with the same key: when, and its links while the replay window lasts (else null). */
export type EarlierSend = { firstSentAt: Date; links: SentLinkRecord[] | null };

/**
 * Claims the form's key inside the caller's transaction. Returns the new request's id, or the
 * earlier send when the key was used already. A concurrent claim of the same key waits for the
 * first to commit (or roll back: then this one goes ahead). A key is the actor's own: another
 * person's key (which they would have to have guessed) is refused.
 */
export async function claimSendRequest(
  tx: Executor,
  actor: Actor,
  input: { requestKey: string; clientId: string; instruments: InstrumentRef[] },
): Promise<{ id: string } | { earlier: EarlierSend }> {
  const now = clock.now();
  const [claimed] = await tx
    .insert(sendRequests)
    .values({ practiceId: actor.practiceId, requestKey: input.requestKey, createdBy: actor.userId, clientId: input.clientId, instruments: input.instruments, createdAt: now })
    .onConflictDoNothing({ target: [sendRequests.practiceId, sendRequests.requestKey] })
    .returning({ id: sendRequests.id });
  if (claimed) return claimed;
  const [earlier] = await tx
    .select()
    .from(sendRequests)
    .where(and(eq(sendRequests.practiceId, actor.practiceId), eq(sendRequests.requestKey, input.requestKey)))
    .limit(1);
  if (!earlier || earlier.createdBy !== actor.userId) throw new DomainError("This form was already used. Reload the page to send again.");
  return { earlier: { firstSentAt: earlier.createdAt, links: openLinks(earlier.sealedLinks, earlier.createdAt, now) } };
}

function openLinks(sealed: string | null, firstSentAt: Date, now: Date): SentLinkRecord[] | null {
  if (!sealed || !replayStillShowsLinks(firstSentAt, now)) return null;
  const json = unseal("send-request-links", sealed, { maxLength: 64_000 });
  if (!json) return null;
  return (JSON.parse(json) as (Omit<SentLinkRecord, "expiresAt"> & { expiresAt: string })[]).map((link) => ({ ...link, expiresAt: new Date(link.expiresAt) }));
}

/**
 * Keeps the links the request made, sealed, for a replay within the window; and erases the links
 * of this practice's requests past it (each send tidies up after the earlier ones).
 */
export async function finishSendRequest(tx: Executor, actor: Actor, requestId: string, links: readonly SentLinkRecord[]): Promise<void> {
  await tx.update(sendRequests).set({ sealedLinks: seal("send-request-links", JSON.stringify(links)) }).where(eq(sendRequests.id, requestId));
  await tx
    .update(sendRequests)
    .set({ sealedLinks: null })
    .where(
      and(
        eq(sendRequests.practiceId, actor.practiceId),
        isNotNull(sendRequests.sealedLinks),
        lt(sendRequests.createdAt, new Date(clock.now().getTime() - REPLAY_WINDOW_MS)),
      ),
    );
}

/** The people's links still open (pending or opened, not expired), newest first, for the repeat check. */
export async function openLinksOf(tx: Executor, actor: Actor, people: readonly { id: string; name: string }[]): Promise<OpenLink[]> {
  if (people.length === 0) return [];
  const rows = await tx
    .select({ clientId: invitations.clientId, instruments: invitations.instruments, lastSentAt: invitations.lastSentAt, openedAt: invitations.openedAt })
    .from(invitations)
    .where(
      and(
        eq(invitations.practiceId, actor.practiceId),
        inArray(
          invitations.clientId,
          people.map((person) => person.id),
        ),
        inArray(invitations.status, ["pending", "opened"]),
        sql`${invitations.expiresAt} > ${clock.now()}`,
      ),
    )
    .orderBy(desc(invitations.lastSentAt));
  return rows.map((row) => ({ ...row, clientName: people.find((person) => person.id === row.clientId)!.name }));
}

/**
 * The questionnaires last chosen in a send form for any of these people (a client, or both
 * partners of a couple), so the form starts with them; null when nothing was sent from a form yet.
 * Only links of people the actor may see count. Reads the people's newest links first
 * (invitations_client_created_idx).
 */
export async function lastChosenQuestionnaires(actor: Actor, clientIds: readonly string[]): Promise<string[] | null> {
  if (clientIds.length === 0) return null;
  const db = await getDb();
  const [row] = await db
    .select({ instruments: sendRequests.instruments })
    .from(invitations)
    .innerJoin(sendRequests, eq(sendRequests.id, invitations.sendRequestId))
    .innerJoin(clients, eq(clients.id, invitations.clientId))
    .where(and(eq(invitations.practiceId, actor.practiceId), inArray(invitations.clientId, [...clientIds]), clientScope(actor)))
    .orderBy(desc(invitations.createdAt))
    .limit(1);
  return row ? row.instruments.map((ref) => ref.key) : null;
}
