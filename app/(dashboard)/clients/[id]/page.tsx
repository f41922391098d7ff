import type { Metadata } from "next";
import Link from "next/link";
import { PartnerPanel } from "@/components/clients/partner-panel";
import { AuditTrail } from "@/components/clients/audit-trail";
import { PlansSection } from "@/components/plans/plans-section";
import { InstrumentTotalsSection } from "@/components/scores/instrument-totals-section";
import { ScoresSection } from "@/components/scores/scores-section";
import { InvitationPanel } from "@/components/invitations/invitation-panel";
import { SendAssessmentForm } from "@/components/invitations/send-assessment-form";
import { ClientSummary } from "@/components/summary/client-summary";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { pickTab, TabLinks } from "@/components/ui/tab-links";
import { isOwner } from "@/lib/core/owner";
import { requireActor } from "@/lib/auth/session";
import { findPartnerCandidates, getClientDetail, listClientAudit } from "@/lib/clients/clients";
import { displayName } from "@/lib/core/display-name";
import { formatCalendarDate, formatDate } from "@/lib/core/format";
import { orNotFound } from "@/lib/next/or-not-found";
import { NotFoundError } from "@/lib/core/errors";
import { getClientInstrumentTotals } from "@/lib/scores/instrument-totals";
import { listInvitations, practiceDefaultExpiryDays } from "@/lib/invitations/invitations";
import { listPlansForClient } from "@/lib/plans/plans";
import { getClientScores } from "@/lib/scores/scores";
import { clientSummaryText } from "@/lib/scores/session-summary";
import { addPartnerAction, archiveClientAction, linkPartnerAction, restoreClientAction, unlinkPartnerAction } from "../actions";
import { ClientAlertHistory, ClientAlerts } from "./client-alerts";
import { createInvitationsAction, openQuestionnaireHereAction } from "./invitation-actions";
import { invitationPanelWiring } from "./invitation-panel-wiring";
import { planWiring } from "./plan-wiring";
import { SharingTab } from "./sharing-tab";

export const metadata: Metadata = { title: "Client" };

const TABS = ["summary", "history", "links", "plans", "sharing", "details", "audit"] as const;
const TAB_LABELS: Record<(typeof TABS)[number], string> = {
  summary: "Summary",
  history: "Scores over time",
  links: "Assessment links",
  plans: "Measurement plan",
  sharing: "Sharing results",
  details: "Details and partner",
  audit: "Audit trail",
};

export default async function ClientPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const actor = await requireActor();
  const owner = isOwner(actor);
  const tabs = owner ? TABS : TABS.filter((tab) => tab !== "audit");
  const tab = pickTab(search.tab, tabs);
  const { client, clinicianName, partner } = await orNotFound(getClientDetail(actor, id));
  const defaultExpiryDays = await practiceDefaultExpiryDays(actor);
  const partnerQuery = typeof search.partnerQuery === "string" ? search.partnerQuery.slice(0, 100) : "";
  // Couples are usually invited together: an active partner the actor may see is offered with the client.
  const partnerInvitable = Boolean(partner?.accessible && partner.status === "active");
  const [candidates, audit, scores, invitations, partnerInvitations, plans, instrumentTotals] = await orNotFound(
    Promise.all([
      tab === "details" && !partner && partnerQuery ? findPartnerCandidates(actor, client.id, partnerQuery) : Promise.resolve([]),
      tab === "audit" ? listClientAudit(actor, client.id) : Promise.resolve(null),
      getClientScores(actor, client.id),
      listInvitations(actor, client.id),
      tab === "links" && partner && partnerInvitable
        ? listInvitations(actor, partner.id).catch((error: unknown) => {
            // Reassigned between the page's two reads: show this client's list alone.
            if (error instanceof NotFoundError) return [];
            throw error;
          })
        : Promise.resolve([]),
      tab === "plans" ? listPlansForClient(actor, client.id) : Promise.resolve([]),
      tab === "summary" ? getClientInstrumentTotals(actor, client.id) : Promise.resolve(null),
    ]),
  );
  const tz = actor.practiceTimeZone;
  const archived = client.status === "archived";
  const name = displayName(client);
  const tabHref = (t: string) => (t === "summary" ? `/clients/${client.id}` : `/clients/${client.id}?tab=${t}`);

  return (
    <div className="space-y-5">
      <ClientAlerts actor={actor} clientId={client.id} acknowledged={search.alert === "acknowledged"} />
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/clients" className="text-brand-700 hover:underline">
          ← Clients
        </Link>
      </nav>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{name}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
            {archived ? <Badge tone="slate">Archived</Badge> : <Badge tone="green">Active</Badge>}
            <span>Clinician: {clinicianName}</span>
            {partner ? (
              <span>
                Partner:{" "}
                {partner.accessible ? (
                  <Link href={`/clients/${partner.id}`} className="font-medium text-brand-700 hover:underline">
                    {partner.name}
                  </Link>
                ) : (
                  partner.name
                )}
              </span>
            ) : null}
            {client.coupleId ? (
              <Link href={`/couples/${client.coupleId}`} className="font-medium text-brand-700 hover:underline">
                Couple&apos;s page →
              </Link>
            ) : null}
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          <Link href={`/clients/${client.id}/edit`} className={buttonClass("secondary")}>
            Edit
          </Link>
          <ActionForm
            action={archived ? restoreClientAction : archiveClientAction}
            confirm={
              archived
                ? undefined
                : {
                    label: "Archive",
                    variant: "danger",
                    question: `${name} leaves the active caseload. Their record, scores and history are kept, and you can restore them at any time.`,
                  }
            }
          >
            <input type="hidden" name="clientId" value={client.id} />
            <SubmitButton variant={archived ? "secondary" : "danger"} pendingLabel="Saving…">
              {archived ? "Restore" : `Yes, archive ${name}`}
            </SubmitButton>
          </ActionForm>
        </div>
      </div>

      {/* The main action first; on the links tab the panel carries the same form. */}
      {tab !== "links" ? (
        <section aria-labelledby="send-heading" className="rounded-lg border border-slate-200 border-t-4 border-t-brand-600 bg-white p-4 sm:p-5">
          <h2 id="send-heading" className="text-base font-semibold text-slate-900">
            Send the next assessment
          </h2>
          {archived ? (
            <p className="mt-2 text-sm text-slate-600">Archived clients cannot be sent an assessment. Restore the client first.</p>
          ) : (
            <div className="mt-3">
              <SendAssessmentForm
                action={createInvitationsAction}
                openHereAction={openQuestionnaireHereAction}
                clientId={client.id}
                clientName={name}
                partnerName={partnerInvitable ? partner!.name : null}
                defaultDays={defaultExpiryDays}
              />
            </div>
          )}
        </section>
      ) : null}

      <TabLinks label="Client record" current={tab} tabs={tabs.map((t) => ({ id: t, label: TAB_LABELS[t], href: tabHref(t) }))} />

      {tab === "summary" ? (
        <ClientSummary
          scores={scores}
          invitations={invitations}
          timeZone={tz}
          reportHref={`/clients/${client.id}/report`}
          summaryText={clientSummaryText({ name, summary: scores.summary, invitations, timeZone: tz })}
        />
      ) : null}

      {/* PHQ-9, GAD-7, CSI-4 and the like, after the closeness summary. */}
      {tab === "summary" && instrumentTotals ? <InstrumentTotalsSection totals={instrumentTotals} timeZone={tz} downloads /> : null}

      {tab === "history" ? (
        <ScoresSection
          scores={scores}
          timeZone={tz}
          reportHref={`/clients/${client.id}/report`}
          dimension={search.dimension}
          keepParams={{ tab: "history" }}
        />
      ) : null}

      {tab === "links" ? (
        <InvitationPanel
          clientId={client.id}
          clientName={name}
          clientArchived={archived}
          partner={partner}
          partnerInvitable={partnerInvitable}
          invitations={invitations}
          partnerInvitations={partnerInvitations}
          timeZone={tz}
          {...invitationPanelWiring(defaultExpiryDays)}
        />
      ) : null}

      {tab === "plans" ? (
        <PlansSection
          clientId={client.id}
          clientName={name}
          clientArchived={archived}
          partnerName={partnerInvitable ? partner!.name : null}
          plans={plans}
          editing={typeof search.edit === "string" ? search.edit : null}
          timeZone={tz}
          {...planWiring(tz)}
        />
      ) : null}

      {tab === "sharing" ? <SharingTab actor={actor} clientId={client.id} clientName={name} partnerName={partner?.name ?? null} /> : null}

      {tab === "details" ? (
        <>
          <section aria-labelledby="details-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
            <h2 id="details-heading" className="text-base font-semibold">
              Details
            </h2>
            <dl className="mt-4 grid gap-4 text-sm sm:grid-cols-2 lg:grid-cols-3">
              <Detail label="Email" value={client.email} />
              <Detail label="Phone" value={client.phone ?? "—"} />
              <Detail label="Date of birth" value={formatCalendarDate(client.dateOfBirth)} />
              <Detail label="Preferred name" value={client.preferredName ?? "—"} />
              <Detail label="Client since" value={formatDate(client.createdAt, tz)} />
              {archived ? <Detail label="Archived on" value={formatDate(client.archivedAt, tz)} /> : null}
            </dl>
          </section>
          <PartnerPanel
            clientId={client.id}
            clientName={name}
            coupleId={client.coupleId}
            clientArchived={archived}
            partner={partner}
            partnerQuery={partnerQuery}
            candidates={candidates.map((candidate) => ({ id: candidate.id, name: displayName(candidate), email: candidate.email }))}
            linkAction={linkPartnerAction}
            unlinkAction={unlinkPartnerAction}
            addPartnerAction={addPartnerAction}
          />
        </>
      ) : null}

      {tab === "details" ? <ClientAlertHistory actor={actor} clientId={client.id} /> : null}

      {tab === "audit" && audit ? <AuditTrail entries={audit} timeZone={tz} /> : null}
    </div>
  );
}

function Detail({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words font-medium text-slate-900">{value}</dd>
    </div>
  );
}
