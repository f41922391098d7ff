import { redirect } from "next/navigation";
import { CoupleProfile } from "@/components/couples/couple-profile";
import { CoupleSummary } from "@/components/couples/couple-summary";
import { CoupleInstrumentTotalsSection } from "@/components/scores/instrument-totals-section";
import { ClientSummary } from "@/components/summary/client-summary";
import { PreSessionSummary } from "@/components/summary/pre-session-summary";
import { getInstrumentTotalsOf, sideBySide } from "@/lib/scores/instrument-totals";
import { listInvitations } from "@/lib/invitations/invitations";
import { COUPLE_TAB_ROUTES, legacyTabPath } from "@/lib/next/legacy-tab";
import { orNotFound } from "@/lib/next/or-not-found";
import { listPlansForCouple } from "@/lib/plans/plans";
import { loadSummaryCourses, loadSummaryPeople, nextPlannedSend } from "@/lib/pre-session/load";
import { buildPreSessionSummary, preSessionText } from "@/lib/pre-session/summary";
import { getClientScores, getCoupleScores } from "@/lib/scores/scores";
import { loadCoupleRecord } from "./load";

const card = "rounded-lg border border-slate-200 bg-white p-4 sm:p-6";

/** The couple's summary, both partners side by side, then each one's PHQ-9, GAD-7, CSI-4 totals. */
export default async function CoupleSummaryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  // A bookmark of the page as it was (`?tab=history`) goes to the tab's own route.
  const moved = legacyTabPath(`/couples/${id}`, search, COUPLE_TAB_ROUTES);
  if (moved) redirect(moved);
  const { actor, couple, a, b, visible, title } = await loadCoupleRecord(id);
  const ids = visible.map((member) => member.id);
  const [scores, invitations, coupleScores, totals, people, plans, courses] = await orNotFound(
    Promise.all([
      Promise.all(ids.map((memberId) => getClientScores(actor, memberId))),
      Promise.all(ids.map((memberId) => listInvitations(actor, memberId))),
      couple.bothAccessible ? getCoupleScores(actor, a.id) : Promise.resolve(null),
      getInstrumentTotalsOf(actor, ids),
      loadSummaryPeople(actor, visible),
      listPlansForCouple(actor, couple.id),
      loadSummaryCourses(actor, visible),
    ]),
  );
  const tz = actor.practiceTimeZone;
  const pre = buildPreSessionSummary({ people, pair: coupleScores?.latestPair ?? null, nextSend: nextPlannedSend(plans), courses, timeZone: tz });
  const person = (index: number) => ({ name: visible[index]!.name, summary: scores[index]!.summary, invitations: invitations[index]! });
  return (
    <>
      <PreSessionSummary summary={pre} text={preSessionText(title, pre)} reportHref={`/couples/${couple.id}/report`} />
      {coupleScores ? (
        <CoupleSummary
          a={person(0)}
          b={person(1)}
          pair={coupleScores.latestPair}
          timeZone={tz}
        >
          <section aria-labelledby="side-by-side-heading" className={card}>
            <h2 id="side-by-side-heading" className="text-base font-semibold">
              Side by side
            </h2>
            {coupleScores.client.assessments.length || coupleScores.partner.assessments.length ? (
              <div className="mt-2">
                <CoupleProfile
                  names={{ a: a.name, b: b.name }}
                  dimensions={coupleScores.dimensions}
                  latest={{ a: coupleScores.client.assessments.at(-1) ?? null, b: coupleScores.partner.assessments.at(-1) ?? null }}
                  pair={coupleScores.latestPair}
                  windowDays={coupleScores.windowDays}
                  timeZone={tz}
                />
              </div>
            ) : (
              <p className="mt-2 text-sm text-slate-600">Neither partner has completed an assessment yet. Their profiles appear here side by side once they do.</p>
            )}
          </section>
        </CoupleSummary>
      ) : (
        <ClientSummary
          scores={scores[0]!}
          invitations={invitations[0]!}
          timeZone={tz}
          reportHref={`/clients/${visible[0]!.id}/report`}
        />
      )}
      {/* PHQ-9, GAD-7, CSI-4: each visible partner's totals side by side, after the closeness summary. */}
      <CoupleInstrumentTotalsSection entries={sideBySide(totals)} timeZone={tz} />
    </>
  );
}
