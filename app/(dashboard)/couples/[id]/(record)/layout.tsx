import type { Metadata } from "next";
import Link from "next/link";
import { SendAssessmentForm } from "@/components/invitations/send-assessment-form";
import { SendDisclosure } from "@/components/invitations/send-disclosure";
import { HiddenOnTabs, RouteTabs, type RouteTab } from "@/components/ui/route-tabs";
import { listInvitations, practiceDefaultExpiryDays } from "@/lib/invitations/invitations";
import { getClientScores } from "@/lib/scores/scores";
import { CoupleAlerts } from "../../../_record/client-alerts";
import { createInvitationsAction, openQuestionnaireHereAction } from "../../../_record/invitation-actions";
import { postedWithoutJavaScript } from "../../../_record/posted-without-javascript";
import { sendFormMemory } from "../../../_record/send-form-memory";
import { loadCoupleRecord } from "./load";
import { MemberLink } from "./member-link";
import { sendableChoicesFor } from "@/lib/invitations/instrument-choices";

export const metadata: Metadata = { title: "Couple" };

const TABS: readonly RouteTab[] = [
  { segment: null, label: "Summary" },
  { segment: "history", label: "Scores over time" },
  { segment: "links", label: "Assessment links" },
  { segment: "plan", label: "Measurement plan" },
  { segment: "partners", label: "Partners" },
];

/**
 * A couple's page (DESIGN §4: /couples/<id>), the home of the couple's work: header, sending to both
 * partners and the tab bar here; each tab a route below. Couple results are shown only when the
 * actor may see both partners (lib/couples/couples.ts says why).
 */
export default async function CoupleRecordLayout({ params, children }: { params: Promise<{ id: string }>; children: React.ReactNode }) {
  const { id } = await params;
  const { actor, couple, a, b, visible, sender, partnerOfSender, sendWithPartner, title } = await loadCoupleRecord(id);
  // Nothing sent and nothing answered yet: sending is the first thing to do, so the form starts open.
  const [links, scores] = await Promise.all([
    Promise.all(visible.map((member) => listInvitations(actor, member.id))),
    Promise.all(visible.map((member) => getClientScores(actor, member.id))),
  ]);
  const neverSent = links.every((list) => list.length === 0) && scores.every((own) => own.assessments.length === 0);
  return (
    <div className="space-y-5">
      <CoupleAlerts actor={actor} coupleId={couple.id} memberIds={visible.map((member) => member.id)} />
      <div>
        {/* The way back and what this page is share one line: with an open alert above, the summary must still start in the first 500 px. */}
        <div className="flex flex-wrap items-baseline gap-x-4 text-sm">
          <nav aria-label="Breadcrumb">
            <Link href="/clients" className="text-brand-700 hover:underline">
              ← Clients
            </Link>
          </nav>
          <p className="font-medium uppercase tracking-wide text-brand-700">Couple</p>
        </div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        <p className="mt-1 text-sm text-slate-600">
          Partners: <MemberLink member={a} />
          {a.status === "archived" ? " (archived)" : ""} and <MemberLink member={b} />
          {b.status === "archived" ? " (archived)" : ""}
          <span aria-hidden> · </span>
          <span className="whitespace-nowrap">Clinician: {a.clinicianId === b.clinicianId ? a.clinicianName : `${a.clinicianName} and ${b.clinicianName}`}</span>
        </p>
      </div>

      <HiddenOnTabs segments={["links"]}>
        <SendDisclosure defaultOpen={neverSent || (await postedWithoutJavaScript())}>
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
                  defaultDays={await practiceDefaultExpiryDays(actor)}
                  instrumentChoices={sendableChoicesFor(sendWithPartner ? [sender.language, partnerOfSender!.language] : [sender.language])}
                  memory={await sendFormMemory(actor, sendWithPartner ? [sender, partnerOfSender!] : [sender])}
                />
              </div>
            ) : (
              <p className="mt-2 text-sm text-slate-600">Both records you can open are archived. Restore a partner to send an assessment.</p>
            )}
          </section>
        </SendDisclosure>
      </HiddenOnTabs>

      <RouteTabs label="Couple" base={`/couples/${couple.id}`} tabs={TABS} />

      {!couple.bothAccessible ? (
        <p className="rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700">
          {(a.accessible ? b : a).name} is on another clinician&apos;s caseload. Each partner&apos;s record is private to their clinician and the
          practice owner, so only {visible[0]!.name}&apos;s results are shown, and nothing that compares the two.
        </p>
      ) : null}

      {children}
    </div>
  );
}
