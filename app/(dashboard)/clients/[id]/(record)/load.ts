import "server-only";
import { cache } from "react";
import { isOwner } from "@/lib/core/owner";
import { requireActor } from "@/lib/auth/session";
import { getClientDetail } from "@/lib/clients/clients";
import { displayName } from "@/lib/core/display-name";
import { orNotFound } from "@/lib/next/or-not-found";

/**
 * The client a record page shows, loaded once per request: the layout (header, alerts, tabs) and
 * the tab's page both ask, and React's cache answers the second from the first. Not yours: 404.
 */
export const loadClientRecord = cache(async (id: string) => {
  const actor = await requireActor();
  const detail = await orNotFound(getClientDetail(actor, id));
  const { client, partner } = detail;
  return {
    actor,
    ...detail,
    name: displayName(client),
    archived: client.status === "archived",
    owner: isOwner(actor),
    // Couples are usually invited together: an active partner the actor may see is offered with the client.
    partnerInvitable: Boolean(partner?.accessible && partner.status === "active"),
  };
});

export type ClientRecord = Awaited<ReturnType<typeof loadClientRecord>>;
