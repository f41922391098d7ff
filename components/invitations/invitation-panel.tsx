import type { ActionResult } from "@/lib/core/action-result";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatDateTime } from "@/lib/core/format";
import { getInstrument } from "@/lib/instruments";
import type { InvitationDisplayStatus, InvitationSummary } from "@/lib/invitations/invitations";
import type { InstrumentChoice } from "./instrument-picker";
import { ResendLink, type ResendAction } from "./resend-link";
import { SendAssessmentForm, type SendFormMemory } from "./send-assessment-form";

type PanelPartner = { name: string; status: string; accessible: boolean };
type CreateAction = React.ComponentProps<typeof SendAssessmentForm>["action"];
type OpenHereAction = React.ComponentProps<typeof SendAssessmentForm>["openHereAction"];
type LinkAction = (state: ActionResult | null, formData: FormData) => Promise<ActionResult<{ link?: string }>>;

const STATUS: Record<InvitationDisplayStatus, { label: string; tone: "blue" | "amber" | "green" | "slate" | "red" }> = {
  pending: { label: "Pending", tone: "blue" },
  opened: { label: "Opened", tone: "amber" },
  completed: { label: "Completed", tone: "green" },
  expired: { label: "Expired", tone: "slate" },
  revoked: { label: "Revoked", tone: "red" },
};

/**
 * Sending questionnaires to a client (and their partner), and following the links: which
 * questionnaires each carries, status, dates in the practice's time zone, resend and revoke. Lists the partner's invitations
 * too when the partner can be invited, since couples are usually invited together.
 */
const RECENT_FINISHED = 4;

/** "Closeness + PHQ-9": the questionnaires a link carries, in the order they are answered. */
function instrumentsOf(invitation: InvitationSummary): string {
  return invitation.instruments.map((ref) => getInstrument(ref.key, ref.version)?.shortTitle ?? ref.key).join(" + ");
}

export function InvitationPanel({
  clientId,
  clientName,
  clientArchived,
  partner,
  partnerInvitable,
  invitations,
  partnerInvitations,
  timeZone,
  sendMemory,
  defaultExpiryDays,
  instrumentChoices,
  emailDelivery,
  createAction,
  openHereAction,
  resendAction,
  revokeAction,
}: {
  clientId: string;
  clientName: string;
  clientArchived: boolean;
  partner: PanelPartner | null;
  /** The partner's record is open to the actor and active, so they can be invited with the client. */
  partnerInvitable: boolean;
  invitations: InvitationSummary[];
  /** Empty unless the partner can be invited. */
  partnerInvitations: InvitationSummary[];
  timeZone: string;
  /** The send form's key, last choice and open links (app/(dashboard)/_record/send-form-memory.ts). */
  sendMemory: SendFormMemory;
  defaultExpiryDays: number;
  /** What can be sent, with what exists in the recipients' languages (lib/invitations/instrument-choices.ts). */
  instrumentChoices?: readonly InstrumentChoice[];
  /** An SMTP server is configured, so invitation emails are actually delivered. */
  emailDelivery: boolean;
  createAction: CreateAction;
  /** Signs the clinician out and opens a new link on this device, for handing it over in the room. */
  openHereAction: OpenHereAction;
  resendAction: ResendAction;
  revokeAction: LinkAction;
}) {
  const invitePartner = partner && partnerInvitable ? partner : null;
  const rows = [
    ...invitations.map((invitation) => ({ invitation, name: clientName })),
    ...(invitePartner ? partnerInvitations.map((invitation) => ({ invitation, name: invitePartner.name })) : []),
  ].sort((a, b) => b.invitation.createdAt.getTime() - a.invitation.createdAt.getTime());
  // Open links always show; of the finished ones, the latest few — a long course of therapy
  // collects dozens, and the scores section already tells that story.
  const isOpen = (row: (typeof rows)[number]) => row.invitation.status === "pending" || row.invitation.status === "opened";
  const finished = rows.filter((row) => !isOpen(row));
  const recent = [...rows.filter(isOpen), ...finished.slice(0, RECENT_FINISHED)];
  const earlier = finished.slice(RECENT_FINISHED);
  const actions = { resendAction, revokeAction, openHereAction };

  return (
    <section aria-labelledby="invitations-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <h2 id="invitations-heading" className="text-base font-semibold">
        Send questionnaires
      </h2>
      {clientArchived ? (
        <p className="mt-3 text-sm text-slate-600">Archived clients cannot be sent an assessment. Restore the client first.</p>
      ) : (
        <div className="mt-3">
          <p className="mb-4 text-sm text-slate-600">
            {emailDelivery
              ? "The client gets an email with a private link to the questionnaires you choose, answered in one sitting. No account is needed. You can also share the link yourself, or open it on this device."
              : "Email is not set up at this practice, so no email is sent: you get a private link to the questionnaires you choose, answered in one sitting, to share yourself (copy it, show its QR code, or open it on this device). No account is needed."}
          </p>
          {partner && !invitePartner ? (
            <p className="mb-4 text-sm text-slate-600">
              {partner.accessible
                ? `${partner.name} is archived, so only ${clientName} can be invited.`
                : `${partner.name} is on another clinician's caseload; their clinician or the practice owner can invite them.`}
            </p>
          ) : null}
          <SendAssessmentForm
            action={createAction}
            openHereAction={openHereAction}
            clientId={clientId}
            clientName={clientName}
            partnerName={invitePartner?.name ?? null}
            defaultDays={defaultExpiryDays}
            instrumentChoices={instrumentChoices}
            memory={sendMemory}
          />
        </div>
      )}

      <h3 className="mt-8 text-sm font-semibold text-slate-900">Invitations</h3>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No invitations sent yet.</p>
      ) : (
        <>
          <ul aria-label="Invitations" className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
            {recent.map(({ invitation, name }) => (
              <InvitationRow key={invitation.id} invitation={invitation} name={name} timeZone={timeZone} {...actions} />
            ))}
          </ul>
          {earlier.length ? (
            <details className="mt-2">
              <summary className="cursor-pointer text-sm font-medium text-brand-700">
                Show {earlier.length} earlier invitation{earlier.length === 1 ? "" : "s"}
              </summary>
              <ul aria-label="Earlier invitations" className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
                {earlier.map(({ invitation, name }) => (
                  <InvitationRow key={invitation.id} invitation={invitation} name={name} timeZone={timeZone} {...actions} />
                ))}
              </ul>
            </details>
          ) : null}
        </>
      )}
    </section>
  );
}

function InvitationRow({
  invitation,
  name,
  timeZone,
  resendAction,
  revokeAction,
  openHereAction,
}: {
  invitation: InvitationSummary;
  name: string;
  timeZone: string;
  resendAction: ResendAction;
  revokeAction: LinkAction;
  openHereAction: OpenHereAction;
}) {
  const status = STATUS[invitation.status];
  const open = invitation.status === "pending" || invitation.status === "opened";
  const canResend = open || invitation.status === "expired";
  return (
    <li className="flex flex-col gap-3 p-3 sm:p-4 lg:flex-row lg:flex-wrap lg:items-start lg:justify-between">
      <div className="min-w-0 lg:flex-1">
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <Badge tone={status.tone}>{status.label}</Badge>
          <span className="font-medium text-slate-900">{name}</span>
          <span className="text-slate-600">· {instrumentsOf(invitation)}</span>
        </p>
        <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 text-xs text-slate-600 sm:grid-cols-2 xl:grid-cols-4">
          <DateItem
            label="Sent"
            value={`${formatDateTime(invitation.lastSentAt, timeZone)}${invitation.sendCount > 1 ? ` (${invitation.sendCount} times)` : ""}`}
          />
          <DateItem label="Opened" value={formatDateTime(invitation.openedAt, timeZone)} />
          <DateItem label="Completed" value={formatDateTime(invitation.completedAt, timeZone)} />
          {invitation.status === "revoked" ? (
            <DateItem label="Revoked" value={formatDateTime(invitation.revokedAt, timeZone)} />
          ) : invitation.status === "completed" ? null : (
            <DateItem label={invitation.status === "expired" ? "Expired" : "Expires"} value={formatDateTime(invitation.expiresAt, timeZone)} />
          )}
        </dl>
      </div>
      {canResend ? (
        <ResendLink invitationId={invitation.id} name={name} action={resendAction} openHereAction={openHereAction}>
          {open ? (
            <Confirm summary="Revoke…">
              <ActionForm action={revokeAction}>
                <input type="hidden" name="invitationId" value={invitation.id} />
                <p className="mb-2 text-xs text-slate-600">The link stops working at once, and any answers not yet sent are discarded.</p>
                <SubmitButton variant="danger" pendingLabel="Revoking…">
                  Revoke link
                </SubmitButton>
              </ActionForm>
            </Confirm>
          ) : null}
        </ResendLink>
      ) : null}
    </li>
  );
}

function DateItem({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex gap-1">
      <dt className="text-slate-500">{label}:</dt>
      <dd className="text-slate-800">{value}</dd>
    </div>
  );
}

/** A second, deliberate click: the action sits inside a disclosure (works without JavaScript). */
function Confirm({ summary, children }: { summary: string; children: React.ReactNode }) {
  return (
    <details className="group w-full rounded-md border border-slate-200 sm:w-auto sm:max-w-xs [&[open]]:bg-slate-50 [&[open]]:p-3">
      <summary className="cursor-pointer list-none rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 group-open:mb-2 group-open:px-0 group-open:py-0 group-open:hover:bg-transparent">
        {summary}
      </summary>
      {children}
    </details>
  );
}
