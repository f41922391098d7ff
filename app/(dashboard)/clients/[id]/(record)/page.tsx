import { redirect } from "next/navigation";
import { InstrumentTotalsSection } from "@/components/scores/instrument-totals-section";
import { ClientSummary } from "@/components/summary/client-summary";
import { PreSessionSummary } from "@/components/summary/pre-session-summary";
import { getClientInstrumentTotals } from "@/lib/scores/instrument-totals";
import { listInvitations } from "@/lib/invitations/invitations";
import { CLIENT_TAB_ROUTES, legacyTabPath } from "@/lib/next/legacy-tab";
import { orNotFound } from "@/lib/next/or-not-found";
import { listPlansForClient } from "@/lib/plans/plans";
import { countPartnerAlerts, loadSummaryCourses, loadSummaryPeople, nextPlannedSend } from "@/lib/pre-session/load";
import { buildPreSessionSummary, preSessionText } from "@/lib/pre-session/summary";
import { getClientScores } from "@/lib/scores/scores";
import { AlertAcknowledgedNote } from "../../../_record/client-alerts";
import { loadClientRecord } from "./load";

type Search = Record<string, string | string[] | undefined>;

/** The client's summary: the closeness summary, then PHQ-9, GAD-7, CSI-4 and the like. */
export default async function ClientSummaryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  // A bookmark of the page as it was (`?tab=history`) goes to the tab's own route.
  const moved = legacyTabPath(`/clients/${id}`, search, CLIENT_TAB_ROUTES);
  if (moved) redirect(moved);
  const { actor, client, name, partner } = await loadClientRecord(id);
  const tz = actor.practiceTimeZone;
  const [scores, invitations, totals, people, plans, partnerAlerts, courses] = await orNotFound(
    Promise.all([
      getClientScores(actor, client.id),
      listInvitations(actor, client.id),
      getClientInstrumentTotals(actor, client.id),
      loadSummaryPeople(actor, [{ id: client.id, name }]),
      listPlansForClient(actor, client.id),
      // Named, without its content, only when the clinician may see the partner.
      countPartnerAlerts(actor, partner),
      loadSummaryCourses(actor, [{ id: client.id, name }]),
    ]),
  );
  const pre = buildPreSessionSummary({ people, partnerAlerts, nextSend: nextPlannedSend(plans), courses, timeZone: tz });
  return (
    <>
      {search.alert === "acknowledged" ? <AlertAcknowledgedNote actor={actor} clientId={client.id} /> : null}
      <PreSessionSummary summary={pre} text={preSessionText(name, pre)} reportHref={`/clients/${client.id}/report`} />
      <ClientSummary
        scores={scores}
        invitations={invitations}
        timeZone={tz}
      />
      <InstrumentTotalsSection totals={totals} timeZone={tz} downloads />
    </>
  );
}
