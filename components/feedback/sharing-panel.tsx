import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/core/action-result";
import type { ResultLinkStatus, SharingPanel as Panel } from "@/lib/feedback/sharing";
import { formatDateTime } from "@/lib/core/format";
import { ResultLinkForm } from "./result-link-form";
import { NothingToShowYetMessage, ResultsPausedMessage } from "./results-messages";
import { ResultsReport } from "./results-report";

type FormAction = (state: ActionResult | null, formData: FormData) => Promise<ActionResult<{ link?: string }>>;

const LINK_STATUS: Record<ResultLinkStatus, { label: string; tone: "green" | "slate" | "red" }> = {
  active: { label: "Active", tone: "green" },
  expired: { label: "Expired", tone: "slate" },
  revoked: { label: "Revoked", tone: "red" },
};

/**
 * The client page's Sharing tab: whether the client sees their own results, the couple view's
 * withhold, the personal results link, and a preview that is the client's own page — the same
 * component fed by the same function — so what is previewed is what they see.
 */
export function SharingPanel({
  panel,
  clientName,
  partnerName,
  timeZone,
  linkDays,
  setSharedAction,
  setWithheldAction,
  createLinkAction,
  revokeLinkAction,
}: {
  panel: Panel;
  clientName: string;
  partnerName: string | null;
  timeZone: string;
  linkDays: { default: number; max: number };
  setSharedAction: FormAction;
  setWithheldAction: FormAction;
  createLinkAction: FormAction;
  revokeLinkAction: FormAction;
}) {
  return (
    <div className="space-y-5">
      <section aria-labelledby="sharing-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <h2 id="sharing-heading" className="text-base font-semibold text-slate-900">
          Sharing results with {clientName}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {panel.shared ? (
            <>
              <Badge tone="green">Shared</Badge> {clientName} sees their own results on their results link
              {panel.sharedSetting === null ? " (the practice's default)" : ""} and, just after finishing a questionnaire, on its thank-you page.
            </>
          ) : (
            <>
              <Badge tone="slate">Not shared</Badge> {clientName} sees none of their results{panel.sharedSetting === null ? " (the practice's default)" : ""}.
            </>
          )}{" "}
          A change applies at once, to pages already open at their next load.
        </p>
        <ActionForm action={setSharedAction} className="mt-3">
          <input type="hidden" name="clientId" value={panel.clientId} />
          <input type="hidden" name="shared" value={panel.shared ? "off" : "on"} />
          <SubmitButton variant={panel.shared ? "secondary" : "primary"} pendingLabel="Saving…">
            {panel.shared ? "Stop sharing results" : `Share results with ${clientName}`}
          </SubmitButton>
        </ActionForm>
      </section>

      {panel.coupleId ? <CoupleViewSharing panel={panel} clientName={clientName} partnerName={partnerName} action={setWithheldAction} /> : null}

      <ResultLinks panel={panel} clientName={clientName} timeZone={timeZone} linkDays={linkDays} createLinkAction={createLinkAction} revokeLinkAction={revokeLinkAction} />

      <section aria-labelledby="preview-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <h2 id="preview-heading" className="text-base font-semibold text-slate-900">
          Preview: what {clientName} sees
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {panel.shared
            ? "Exactly what their results page shows now."
            : `Sharing is off, so their results page shows the message below. Once you share, they see the results after it.`}
        </p>
        <div className="mt-4 rounded-xl border border-dashed border-slate-300 bg-slate-50 p-3 sm:p-5">
          {!panel.shared ? (
            <div className="mb-5">
              <ResultsPausedMessage />
            </div>
          ) : null}
          {panel.view ? (
            <ResultsReport view={panel.view} />
          ) : panel.shared ? (
            <NothingToShowYetMessage />
          ) : (
            <p className="text-sm text-slate-700">No questionnaire completed yet, so there are no results to show.</p>
          )}
        </div>
      </section>
    </div>
  );
}

/** The couple view's consents and the clinician's withhold. */
function CoupleViewSharing({ panel, clientName, partnerName, action }: { panel: Panel; clientName: string; partnerName: string | null; action: FormAction }) {
  return (
    <section aria-labelledby="couple-sharing-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <h2 id="couple-sharing-heading" className="text-base font-semibold text-slate-900">
        Couple view
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Partners see each other&apos;s results (never their answers) only when both have said yes on their own results page and you have
        not withheld it.
      </p>
      <ul className="mt-3 space-y-1 text-sm text-slate-800">
        <li>
          {clientName}: {panel.ownConsent ? "has said yes" : "has not said yes"}
        </li>
        {panel.partnerVisible && partnerName ? (
          <li>
            {partnerName}: {panel.partnerConsent ? "has said yes" : "has not said yes"}
          </li>
        ) : null}
        <li>{panel.coupleWithheld ? "Withheld by the clinician: neither partner sees the couple view." : "Not withheld."}</li>
      </ul>
      <ActionForm action={action} className="mt-3">
        <input type="hidden" name="clientId" value={panel.clientId} />
        <input type="hidden" name="withheld" value={panel.coupleWithheld ? "off" : "on"} />
        <SubmitButton variant={panel.coupleWithheld ? "secondary" : "danger"} pendingLabel="Saving…">
          {panel.coupleWithheld ? "Allow the couple view again" : "Withhold the couple view"}
        </SubmitButton>
      </ActionForm>
    </section>
  );
}

/** Making a personal results link, and the links made so far (the active one can be revoked). */
function ResultLinks({
  panel,
  clientName,
  timeZone,
  linkDays,
  createLinkAction,
  revokeLinkAction,
}: {
  panel: Panel;
  clientName: string;
  timeZone: string;
  linkDays: { default: number; max: number };
  createLinkAction: FormAction;
  revokeLinkAction: FormAction;
}) {
  const activeLink = panel.links.find((link) => link.status === "active");
  return (
    <section aria-labelledby="results-link-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <h2 id="results-link-heading" className="text-base font-semibold text-slate-900">
        Results link
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        A personal link to {clientName}&apos;s results, shown once when made. A new link replaces the earlier one.
      </p>
      {panel.clientActive ? (
        <div className="mt-3">
          <ResultLinkForm action={createLinkAction} clientId={panel.clientId} clientEmail={panel.clientEmail} defaultDays={linkDays.default} maxDays={linkDays.max} />
        </div>
      ) : (
        <p className="mt-3 text-sm text-slate-600">Archived clients cannot be sent a results link. Restore the client first.</p>
      )}
      {panel.links.length > 0 ? (
        <ul className="mt-4 divide-y divide-slate-100 text-sm" aria-label="Results links">
          {panel.links.map((link) => (
            <li key={link.id} className="flex flex-col gap-2 py-2 sm:flex-row sm:items-center sm:justify-between">
              <span>
                <Badge tone={LINK_STATUS[link.status].tone}>{LINK_STATUS[link.status].label}</Badge>{" "}
                <span className="text-slate-700">
                  made {formatDateTime(link.createdAt, timeZone)}, {link.status === "revoked" ? "revoked" : `works until ${formatDateTime(link.expiresAt, timeZone)}`}
                  {link.lastViewedAt ? `; last opened ${formatDateTime(link.lastViewedAt, timeZone)}` : "; not opened yet"}
                </span>
              </span>
              {link === activeLink ? (
                <ActionForm action={revokeLinkAction}>
                  <input type="hidden" name="linkId" value={link.id} />
                  <SubmitButton variant="danger" pendingLabel="Revoking…">
                    Revoke link
                  </SubmitButton>
                </ActionForm>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
