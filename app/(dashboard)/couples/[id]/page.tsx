import type { Metadata } from "next";
import Link from "next/link";
import { CoupleProfile } from "@/components/couples/couple-profile";
import { CoupleSummary } from "@/components/couples/couple-summary";
import { InvitationPanel } from "@/components/invitations/invitation-panel";
import { SendAssessmentForm } from "@/components/invitations/send-assessment-form";
import { CoupleView } from "@/components/scores/couple-view";
import { CoupleInstrumentTotalsSection } from "@/components/scores/instrument-totals-section";
import { PlanList } from "@/components/plans/plan-list";
import { ScoresSection } from "@/components/scores/scores-section";
import { ClientSummary } from "@/components/summary/client-summary";
import { Badge } from "@/components/ui/badge";
import { pickTab, TabLinks } from "@/components/ui/tab-links";
import { requireActor } from "@/lib/auth/session";
import { getCoupleDetail, type CoupleMember } from "@/lib/couples/couples";
import { getInstrumentTotalsOf, sideBySide } from "@/lib/scores/instrument-totals";
import { formatScore } from "@/lib/instruments/scoring";
import { listInvitations, practiceDefaultExpiryDays } from "@/lib/invitations/invitations";
import { orNotFound } from "@/lib/next/or-not-found";
import { listPlansForCouple } from "@/lib/plans/plans";
import { getClientScores, getCoupleScores } from "@/lib/scores/scores";
import { clientSummaryText, coupleSummaryText } from "@/lib/scores/session-summary";
import { createInvitationsAction, openQuestionnaireHereAction } from "../../clients/[id]/invitation-actions";
import { invitationPanelWiring } from "../../clients/[id]/invitation-panel-wiring";
import { planWiring } from "../../clients/[id]/plan-wiring";

export const metadata: Metadata = { title: "Couple" };

const TABS = ["summary", "history", "links", "plans", "partners"] as const;
const TAB_LABELS: Record<(typeof TABS)[number], string> = {
  summary: "Summary",
  history: "Scores over time",
  links: "Assessment links",
  plans: "Measurement plan",
  partners: "Partners",
};

const card = "rounded-lg border border-slate-200 bg-white p-4 sm:p-6";

/**
 * A couple's page (DESIGN §4: /couples/<id>), the home of the couple's work: the summary first,
 * sending to both partners at the top, history and links on their own tabs. Couple results are
 * shown only when the actor may see both partners (lib/couples/couples.ts says why).
 */
export default async function CouplePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const actor = await requireActor();
  const tab = pickTab(search.tab, TABS);
  const couple = await orNotFound(getCoupleDetail(actor, id));
  const defaultExpiryDays = await practiceDefaultExpiryDays(actor);
  const [a, b] = couple.members;
  const visible = couple.members.filter((member) => member.accessible);
  const [scores, invitations, coupleScores, plans, totals] = await orNotFound(
    Promise.all([
      Promise.all(visible.map((member) => getClientScores(actor, member.id))),
      Promise.all(visible.map((member) => listInvitations(actor, member.id))),
      couple.bothAccessible ? getCoupleScores(actor, a.id) : Promise.resolve(null),
      tab === "plans" ? listPlansForCouple(actor, couple.id) : Promise.resolve([]),
      tab === "summary" ? getInstrumentTotalsOf(actor, visible.map((member) => member.id)) : Promise.resolve([]),
    ]),
  );
  const tz = actor.practiceTimeZone;
  const title = a.name.split(" ").at(-1) === b.name.split(" ").at(-1) ? `${a.name.split(" ").slice(0, -1).join(" ")} & ${b.name}` : `${a.name} & ${b.name}`;
  const sender = visible.find((member) => member.status === "active") ?? null;
  const sendWithPartner = couple.bothAccessible && a.status === "active" && b.status === "active";
  const partnerOfSender = sender ? (sender.id === a.id ? b : a) : null;
  const tabHref = (t: string) => (t === "summary" ? `/couples/${couple.id}` : `/couples/${couple.id}?tab=${t}`);
  const person = (index: number) => ({ name: visible[index]!.name, summary: scores[index]!.summary, invitations: invitations[index]! });

  return (
    <div className="space-y-5">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/clients" className="text-brand-700 hover:underline">
          ← Clients
        </Link>
      </nav>
      <div>
        <p className="text-sm font-medium uppercase tracking-wide text-brand-700">Couple</p>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        <p className="mt-1 text-sm text-slate-600">
          Partners: <MemberLink member={a} />
          {a.status === "archived" ? " (archived)" : ""} and <MemberLink member={b} />
          {b.status === "archived" ? " (archived)" : ""}
          <span aria-hidden> · </span>
          <span className="whitespace-nowrap">Clinician: {a.clinicianId === b.clinicianId ? a.clinicianName : `${a.clinicianName} and ${b.clinicianName}`}</span>
        </p>
      </div>

      {tab !== "links" ? (
        <section aria-labelledby="send-heading" className="rounded-lg border border-slate-200 border-t-4 border-t-brand-600 bg-white p-4 sm:p-5">
          <h2 id="send-heading" className="text-base font-semibold text-slate-900">
            {sendWithPartner ? "Send the next assessment to both partners" : "Send the next assessment"}
          </h2>
          {sender ? (
            <div className="mt-3">
              {!sendWithPartner && partnerOfSender ? (
                <p className="mb-3 text-sm text-slate-600">
                  {partnerOfSender.accessible
                    ? `${partnerOfSender.name} is archived, so only ${sender.name} can be invited.`
                    : `${partnerOfSender.name} is on another clinician's caseload; their clinician or the practice owner can invite them.`}
                </p>
              ) : null}
              <SendAssessmentForm
                action={createInvitationsAction}
                openHereAction={openQuestionnaireHereAction}
                clientId={sender.id}
                clientName={sender.name}
                partnerName={sendWithPartner ? partnerOfSender!.name : null}
                defaultDays={defaultExpiryDays}
              />
            </div>
          ) : (
            <p className="mt-2 text-sm text-slate-600">Both records you can open are archived. Restore a partner to send an assessment.</p>
          )}
        </section>
      ) : null}

      <TabLinks label="Couple" current={tab} tabs={TABS.map((t) => ({ id: t, label: TAB_LABELS[t], href: tabHref(t) }))} />

      {!couple.bothAccessible ? (
        <p className="rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700">
          {(a.accessible ? b : a).name} is on another clinician&apos;s caseload. Each partner&apos;s record is private to their clinician and the
          practice owner, so only {visible[0]!.name}&apos;s results are shown, and nothing that compares the two.
        </p>
      ) : null}

      {tab === "summary" ? (
        coupleScores ? (
          <CoupleSummary
            a={person(0)}
            b={person(1)}
            pair={coupleScores.latestPair}
            timeZone={tz}
            summaryText={coupleSummaryText({ a: person(0), b: person(1), pair: coupleScores.latestPair, timeZone: tz })}
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
            summaryText={clientSummaryText({ ...person(0), timeZone: tz })}
          />
        )
      ) : null}

      {/* PHQ-9, GAD-7, CSI-4: each visible partner's totals side by side, after the closeness summary. */}
      {tab === "summary" ? <CoupleInstrumentTotalsSection entries={sideBySide(totals)} timeZone={tz} /> : null}

      {tab === "history" ? (
        coupleScores ? (
          <CoupleView partner={{ id: b.id, name: b.name, status: b.status, accessible: true }} couple={coupleScores} timeZone={tz} />
        ) : (
          <ScoresSection
            scores={scores[0]!}
            timeZone={tz}
            reportHref={`/clients/${visible[0]!.id}/report`}
            dimension={search.dimension}
            keepParams={{ tab: "history" }}
          />
        )
      ) : null}

      {tab === "links" ? (
        <InvitationPanel
          clientId={(sender ?? visible[0]!).id}
          clientName={(sender ?? visible[0]!).name}
          clientArchived={!sender}
          partner={partnerOfSender ? { name: partnerOfSender.name, status: partnerOfSender.status, accessible: partnerOfSender.accessible } : null}
          partnerInvitable={sendWithPartner}
          invitations={invitations[visible.indexOf(sender ?? visible[0]!)]!}
          partnerInvitations={sendWithPartner ? invitations[visible.indexOf(partnerOfSender!)]! : []}
          timeZone={tz}
          {...invitationPanelWiring(defaultExpiryDays)}
        />
      ) : null}

      {tab === "plans" ? (
        <section aria-labelledby="couple-plans-heading" className="space-y-3">
          <h2 id="couple-plans-heading" className="text-base font-semibold text-slate-900">
            Measurement plans for both partners
          </h2>
          {plans.length > 0 ? (
            <PlanList
              plans={plans}
              timeZone={tz}
              editHref={sender ? (planId) => `/clients/${sender.id}?tab=plans&edit=${planId}` : null}
              {...planWiring(tz).actions}
            />
          ) : null}
          {!plans.some((plan) => plan.status !== "ended") ? (
            sendWithPartner && sender ? (
              <p className="text-sm text-slate-700">
                No plan is running.{" "}
                <Link href={`/clients/${sender.id}?tab=plans`} className="font-medium text-brand-700 hover:underline">
                  Start a plan for both partners
                </Link>{" "}
                on {sender.name}&apos;s page: same dates, a private link each.
              </p>
            ) : (
              <p className="text-sm text-slate-600">No plan is running. A plan for both needs both partners active and on your caseload.</p>
            )
          ) : null}
        </section>
      ) : null}

      {tab === "partners" ? (
        <ul className="grid gap-4 sm:grid-cols-2" aria-label="Partners">
          {[a, b].map((member) => {
            const own = member.accessible ? scores[visible.indexOf(member)] : null;
            return (
              <li key={member.id} className={card}>
                <h2 className="text-base font-semibold">
                  <MemberLink member={member} />
                </h2>
                <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
                  {member.status === "archived" ? <Badge tone="slate">Archived</Badge> : <Badge tone="green">Active</Badge>}
                  <span>Clinician: {member.clinicianName}</span>
                </p>
                <p className="mt-2 text-sm text-slate-700">
                  {!member.accessible
                    ? "On another clinician's caseload: their record is private to them."
                    : own?.summary
                      ? `Latest overall ${formatScore(own.summary.latest.overall)}, ${own.assessments.length} assessment${own.assessments.length === 1 ? "" : "s"}.`
                      : "No assessment yet."}
                </p>
                {member.accessible ? (
                  <Link href={`/clients/${member.id}`} className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">
                    Open {member.name}&apos;s own record →
                  </Link>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

function MemberLink({ member }: { member: CoupleMember }) {
  return member.accessible ? (
    <Link href={`/clients/${member.id}`} className="font-medium text-brand-700 hover:underline">
      {member.name}
    </Link>
  ) : (
    <span className="font-medium text-slate-800">{member.name}</span>
  );
}
