import type { Metadata } from "next";
import Link from "next/link";
import { PartnerPanel } from "@/components/clients/partner-panel";
import { AuditTrail } from "@/components/clients/audit-trail";
import { CoupleView } from "@/components/scores/couple-view";
import { ScoresSection } from "@/components/scores/scores-section";
import { InvitationPanel } from "@/components/invitations/invitation-panel";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { isOwner } from "@/lib/auth/owner";
import { requireActor } from "@/lib/auth/session";
import { findPartnerCandidates, getClientDetail, listClientAudit } from "@/lib/clients/clients";
import { displayName } from "@/lib/clients/display-name";
import { formatCalendarDate, formatDate } from "@/lib/format";
import { orNotFound } from "@/lib/next/or-not-found";
import { NotFoundError } from "@/lib/errors";
import { isEmailDeliveryConfigured } from "@/lib/email/outbox";
import { EXPIRY_DAYS, listInvitations } from "@/lib/invitations/invitations";
import { getClientScores, getCoupleScores } from "@/lib/scores";
import { archiveClientAction, linkPartnerAction, restoreClientAction, unlinkPartnerAction } from "../actions";
import { createInvitationsAction, openQuestionnaireHereAction, resendInvitationAction, revokeInvitationAction } from "./invitation-actions";

export const metadata: Metadata = { title: "Client" };

export default async function ClientPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const actor = await requireActor();
  const { client, clinicianName, partner } = await orNotFound(getClientDetail(actor, id));
  const partnerQuery = typeof search.partnerQuery === "string" ? search.partnerQuery.slice(0, 100) : "";
  // Couples are usually invited together: an active partner the actor may see is offered with the client.
  const partnerInvitable = Boolean(partner?.accessible && partner.status === "active");
  const [candidates, audit, scores, couple, invitations, partnerInvitations] = await orNotFound(
    Promise.all([
      !partner && partnerQuery ? findPartnerCandidates(actor, client.id, partnerQuery) : Promise.resolve([]),
      isOwner(actor) ? listClientAudit(actor, client.id) : Promise.resolve(null),
      getClientScores(actor, client.id),
      partner?.accessible ? getCoupleScores(actor, client.id) : Promise.resolve(null),
      listInvitations(actor, client.id),
      partner && partnerInvitable
        ? listInvitations(actor, partner.id).catch((error: unknown) => {
            // Reassigned between the page's two reads: show this client's list alone.
            if (error instanceof NotFoundError) return [];
            throw error;
          })
        : Promise.resolve([]),
    ]),
  );
  const tz = actor.practiceTimeZone;
  const archived = client.status === "archived";

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/clients" className="text-brand-700 hover:underline">
          ← Clients
        </Link>
      </nav>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{displayName(client)}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            {archived ? <Badge tone="slate">Archived</Badge> : <Badge tone="green">Active</Badge>}
            <span>Clinician: {clinicianName}</span>
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          <Link href={`/clients/${client.id}/edit`} className={buttonClass("secondary")}>
            Edit
          </Link>
          <ActionForm action={archived ? restoreClientAction : archiveClientAction}>
            <input type="hidden" name="clientId" value={client.id} />
            <SubmitButton variant={archived ? "secondary" : "danger"} pendingLabel="Saving…">
              {archived ? "Restore" : "Archive"}
            </SubmitButton>
          </ActionForm>
        </div>
      </div>

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
        clientArchived={archived}
        partner={partner}
        partnerQuery={partnerQuery}
        candidates={candidates.map((candidate) => ({ id: candidate.id, name: displayName(candidate), email: candidate.email }))}
        linkAction={linkPartnerAction}
        unlinkAction={unlinkPartnerAction}
      />

      <ScoresSection scores={scores} timeZone={tz} reportHref={`/clients/${client.id}/report`} />

      <CoupleView partner={partner} couple={couple} timeZone={tz} />

      <InvitationPanel
        clientId={client.id}
        clientName={displayName(client)}
        clientArchived={archived}
        partner={partner}
        partnerInvitable={partnerInvitable}
        invitations={invitations}
        partnerInvitations={partnerInvitations}
        timeZone={tz}
        defaultExpiryDays={EXPIRY_DAYS.default}
        emailDelivery={isEmailDeliveryConfigured()}
        createAction={createInvitationsAction}
        openHereAction={openQuestionnaireHereAction}
        resendAction={resendInvitationAction}
        revokeAction={revokeInvitationAction}
      />

      {audit ? <AuditTrail entries={audit} timeZone={tz} /> : null}
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
