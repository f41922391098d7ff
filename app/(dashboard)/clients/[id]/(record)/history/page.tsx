import { AnswerLanguages } from "@/components/clients/answer-languages";
import { ScoresSection } from "@/components/scores/scores-section";
import { listAnswersInOtherLanguages } from "@/lib/assessments/answer-languages";
import { orNotFound } from "@/lib/next/or-not-found";
import { getClientScores } from "@/lib/scores/scores";
import { loadClientRecord } from "../load";

/** The client's scores over time, one dimension at a time (`?dimension=`). */
export default async function ClientHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const { actor, client } = await loadClientRecord(id);
  const [scores, languages] = await Promise.all([orNotFound(getClientScores(actor, client.id)), orNotFound(listAnswersInOtherLanguages(actor, client.id))]);
  return (
    <>
      <AnswerLanguages answered={languages} timeZone={actor.practiceTimeZone} />
      <ScoresSection scores={scores} timeZone={actor.practiceTimeZone} reportHref={`/clients/${client.id}/report`} dimension={search.dimension} />
    </>
  );
}
