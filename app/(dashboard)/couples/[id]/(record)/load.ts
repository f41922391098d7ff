import "server-only";
import { cache } from "react";
import { requireActor } from "@/lib/auth/session";
import { getCoupleDetail, type CoupleMember } from "@/lib/couples/couples";
import { orNotFound } from "@/lib/next/or-not-found";

/**
 * The couple a record page shows, loaded once per request (the layout and the tab's page both ask).
 * `visible`: the partners the actor may see; `sender`: who a send starts from (an active visible
 * partner); `sendWithPartner`: both can be invited together. Not yours: 404.
 */
export const loadCoupleRecord = cache(async (id: string) => {
  const actor = await requireActor();
  const couple = await orNotFound(getCoupleDetail(actor, id));
  const [a, b] = couple.members;
  const visible = couple.members.filter((member) => member.accessible);
  const sender = visible.find((member) => member.status === "active") ?? null;
  const partnerOfSender = sender ? (sender.id === a.id ? b : a) : null;
  return {
    actor,
    couple,
    a,
    b,
    visible,
    sender,
    partnerOfSender,
    sendWithPartner: couple.bothAccessible && a.status === "active" && b.status === "active",
    title: coupleTitle(a, b),
  };
});

export type CoupleRecord = Awaited<ReturnType<typeof loadCoupleRecord>>;

/** "Lee & Morgan Hart" when they share a family name, else both names in full. */
function coupleTitle(a: CoupleMember, b: CoupleMember): string {
  const family = (name: string) => name.split(" ").at(-1);
  return family(a.name) === family(b.name) ? `${a.name.split(" ").slice(0, -1).join(" ")} & ${b.name}` : `${a.name} & ${b.name}`;
}
