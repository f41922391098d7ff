import type { Metadata } from "next";
import { InstrumentTotalsSection } from "@/components/scores/instrument-totals-section";
import { ScoresReport } from "@/components/scores/scores-report";
import { requireActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/next/or-not-found";
import { getClientInstrumentTotals } from "@/lib/scores/instrument-totals";
import { getClientReport } from "@/lib/scores/scores";
import { clock } from "@/lib/core/clock";
import { PreSessionSummary } from "@/components/summary/pre-session-summary";
import { listPlansForClient } from "@/lib/plans/plans";
import { countPartnerAlerts, loadSummaryPeople, nextPlannedSend } from "@/lib/pre-session/load";
import { buildPreSessionSummary, preSessionText } from "@/lib/pre-session/summary";
import { loadClientRecord } from "../(record)/load";

export const metadata: Metadata = { title: "Scores report" };

export default async function ClientReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  // The report's audit row is written by getClientReport, which also checks access first.
  const scores = await orNotFound(getClientReport(actor, id));
  const { name, partner } = await loadClientRecord(scores.client.id);
  const [totals, people, plans, partnerAlerts] = await orNotFound(
    Promise.all([
      getClientInstrumentTotals(actor, scores.client.id),
      loadSummaryPeople(actor, [{ id: scores.client.id, name }]),
      listPlansForClient(actor, scores.client.id),
      countPartnerAlerts(actor, partner),
    ]),
  );
  // The same summary as the client page and its "Copy summary" (issue 23), first on paper.
  const summary = buildPreSessionSummary({ people, partnerAlerts, nextSend: nextPlannedSend(plans), timeZone: actor.practiceTimeZone });
  return (
    <ScoresReport
      scores={scores}
      timeZone={actor.practiceTimeZone}
      practiceName={actor.practiceName}
      preparedBy={actor.name}
      preparedAt={clock.now()}
      preSession={<PreSessionSummary summary={summary} text={preSessionText(name, summary)} print />}
      otherMeasures={totals.instruments.length > 0 ? <InstrumentTotalsSection totals={totals} timeZone={actor.practiceTimeZone} print /> : null}
    />
  );
}
