import "server-only";
import { cache } from "react";
import { getInvitationView, type OpenInvitationView } from "@/lib/invitations/public";
import { isWellFormedToken } from "@/lib/core/tokens";

export type ResolvedLink =
  | { kind: "invalid" }
  | { kind: "completed" }
  | { kind: "open"; view: OpenInvitationView };

/**
 * The link's state for this request, cached so the page and its metadata share one lookup.
 * proxy.ts has already counted this view against the per-IP limit (it can answer 429; a page
 * cannot). Malformed tokens cost no query.
 */
export const resolveLink = cache(async (token: string): Promise<ResolvedLink> => {
  if (!isWellFormedToken(token)) return { kind: "invalid" };
  const view = await getInvitationView(token);
  if (view.state === "open") return { kind: "open", view };
  return { kind: view.state };
});
