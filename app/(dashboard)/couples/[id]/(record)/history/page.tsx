import { CoupleView } from "@/components/scores/couple-view";
import { ScoresSection } from "@/components/scores/scores-section";
import { orNotFound } from "@/lib/next/or-not-found";
import { getClientScores, getCoupleScores } from "@/lib/scores/scores";
import { loadCoupleRecord } from "../load";

/** Both partners' scores over time; one partner's alone when the actor may see only one. */
export default async function CoupleHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const { actor, couple, a, b, visible } = await loadCoupleRecord(id);
  const tz = actor.practiceTimeZone;
  if (couple.bothAccessible) {
    const coupleScores = await orNotFound(getCoupleScores(actor, a.id));
    return <CoupleView partner={{ id: b.id, name: b.name, status: b.status, accessible: true }} couple={coupleScores} timeZone={tz} />;
  }
  const scores = await orNotFound(getClientScores(actor, visible[0]!.id));
  return <ScoresSection scores={scores} timeZone={tz} reportHref={`/clients/${visible[0]!.id}/report`} dimension={search.dimension} />;
}
