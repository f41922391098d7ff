import type { Metadata } from "next";
import { InstrumentTotalsSection } from "@/components/scores/instrument-totals-section";
import { ScoresReport } from "@/components/scores/scores-report";
import { requireActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/next/or-not-found";
import { getClientInstrumentTotals } from "@/lib/scores/instrument-totals";
import { getClientReport } from "@/lib/scores/scores";
import { clock } from "@/lib/core/clock";

export const metadata: Metadata = { title: "Scores report" };

export default async function ClientReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  // The report's audit row is written by getClientReport, which also checks access first.
  const scores = await orNotFound(getClientReport(actor, id));
  const totals = await orNotFound(getClientInstrumentTotals(actor, scores.client.id));
  return (
    <ScoresReport
      scores={scores}
      timeZone={actor.practiceTimeZone}
      practiceName={actor.practiceName}
      preparedBy={actor.name}
      preparedAt={clock.now()}
      otherMeasures={totals.instruments.length > 0 ? <InstrumentTotalsSection totals={totals} timeZone={actor.practiceTimeZone} print /> : null}
    />
  );
}
