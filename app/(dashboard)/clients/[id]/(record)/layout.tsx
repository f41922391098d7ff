import type { Metadata } from "next";
import Link from "next/link";
import { SendAssessmentForm } from "@/components/invitations/send-assessment-form";
import { SendDisclosure } from "@/components/invitations/send-disclosure";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { HiddenOnTabs, RouteTabs, type RouteTab } from "@/components/ui/route-tabs";
import { SubmitButton } from "@/components/ui/submit-button";
import { listInvitations, practiceDefaultExpiryDays } from "@/lib/invitations/invitations";
import { ClientAlerts } from "../../../_record/client-alerts";
import { createInvitationsAction, openQuestionnaireHereAction } from "../../../_record/invitation-actions";
import { postedWithoutJavaScript } from "../../../_record/posted-without-javascript";
import { sendFormMemory } from "../../../_record/send-form-memory";
import { getClientScores } from "@/lib/scores/scores";
import { archiveClientAction, restoreClientAction } from "../../actions";
import { loadClientRecord } from "./load";
import { sendableChoicesFor } from "@/lib/invitations/instrument-choices";

export const metadata: Metadata = { title: "Client" };

const TABS: readonly RouteTab[] = [
  { segment: null, label: "Summary" },
  { segment: "history", label: "Scores over time" },
  { segment: "links", label: "Assessment links" },
  { segment: "plan", label: "Measurement plan" },
  { segment: "sharing", label: "Sharing results" },
  { segment: "details", label: "Details and partner" },
];
const AUDIT_TAB: RouteTab = { segment: "audit", label: "Audit trail" };

/** A client's record: header, open alerts and the tab bar; each tab is a route of its own below. */
export default async function ClientRecordLayout({ params, children }: { params: Promise<{ id: string }>; children: React.ReactNode }) {
  const { id } = await params;
  const { actor, client, clinicianName, partner, name, archived, owner, partnerInvitable } = await loadClientRecord(id);
  const base = `/clients/${client.id}`;
  // Nothing sent and nothing answered yet: sending is the first thing to do, so the form starts open.
  const [links, scores] = await Promise.all([listInvitations(actor, client.id), getClientScores(actor, client.id)]);
  const neverSent = links.length === 0 && scores.assessments.length === 0;
  return (
    <div className="space-y-5">
      <ClientAlerts actor={actor} clientId={client.id} />
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
          <Link href={`${base}/edit`} className={buttonClass("secondary")}>
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

      {/* The main action first; the links tab carries the same form in its panel. */}
      <HiddenOnTabs segments={["links"]}>
        <SendDisclosure defaultOpen={neverSent || (await postedWithoutJavaScript())}>
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
                  defaultDays={await practiceDefaultExpiryDays(actor)}
                  instrumentChoices={sendableChoicesFor([client.language])}
                  memory={await sendFormMemory(actor, partnerInvitable ? [{ id: client.id, name }, partner!] : [{ id: client.id, name }])}
                />
              </div>
            )}
          </section>
        </SendDisclosure>
      </HiddenOnTabs>

      <RouteTabs label="Client record" base={base} tabs={owner ? [...TABS, AUDIT_TAB] : TABS} />

      {children}
    </div>
  );
}
