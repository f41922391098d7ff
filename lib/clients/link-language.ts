import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { clients, invitations, planReminders, resultLinks } from "@/db/schema";
import { hashToken, isWellFormedToken } from "@/lib/core/tokens";
import { resolveLocale } from "@/lib/i18n/catalogues";

/** The three kinds of link a client holds, by the first segment of their path. */
export type ClientLinkKind = "a" | "r" | "results";

/**
 * The language of the client a link belongs to, for the page's words and its `<html lang>`. The
 * link is the only thing that names the client (no account, no URL prefix). Null for a link that
 * matches nothing: its page says so in the default language and names nobody. Costs one indexed
 * lookup by the token's hash; a malformed token costs none. Says nothing of whether the link is
 * still usable: the page decides that.
 */
export async function clientLanguageForLink(kind: ClientLinkKind, token: string): Promise<string | null> {
  if (!isWellFormedToken(token)) return null;
  const hash = hashToken(token);
  const db = await getDb();
  const table = kind === "a" ? invitations : kind === "results" ? resultLinks : null;
  const rows = table
    ? await db.select({ language: clients.language }).from(table).innerJoin(clients, eq(clients.id, table.clientId)).where(eq(table.tokenHash, hash)).limit(1)
    : await db
        .select({ language: clients.language })
        .from(planReminders)
        .innerJoin(clients, eq(clients.id, planReminders.clientId))
        .where(eq(planReminders.stopTokenHash, hash))
        .limit(1);
  return rows[0] ? resolveLocale(rows[0].language) : null;
}
