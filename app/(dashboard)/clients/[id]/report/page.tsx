import type { Metadata } from "next";
import { ScoresReport } from "@/components/scores/scores-report";
import { requireActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/next/or-not-found";
import { getClientReport } from "@/lib/scores";

export const metadata: Metadata = { title: "Scores report" };

export default async function ClientReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const scores = await orNotFound(getClientReport(actor, id));
  return (
    <ScoresReport
      scores={scores}
      timeZone={actor.practiceTimeZone}
      practiceName={actor.practiceName}
      preparedBy={actor.name}
      preparedAt={new Date()}
    />
  );
}
