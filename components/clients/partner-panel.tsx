import Link from "next/link";
import type { ActionResult } from "@/lib/core/action-result";
import type { PartnerSummary } from "@/lib/clients/clients";
import { ActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { NewPartnerForm } from "./new-partner-form";

type Action = (state: ActionResult | null, formData: FormData) => Promise<ActionResult>;

type PartnerPanelProps = {
  clientId: string;
  /** For the question before unlinking. */
  clientName: string;
  coupleId: string | null;
  clientArchived: boolean;
  partner: PartnerSummary | null;
  partnerQuery: string;
  candidates: { id: string; name: string; email: string }[];
  linkAction: Action;
  unlinkAction: Action;
  addPartnerAction: Action;
};

/** The details tab's partner: who it is (unlink), or add a new one or find and link an existing client. */
export function PartnerPanel({ clientId, clientName, coupleId, clientArchived, partner, partnerQuery, candidates, linkAction, unlinkAction, addPartnerAction }: PartnerPanelProps) {  return (
    <section aria-labelledby="partner-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <h2 id="partner-heading" className="text-base font-semibold">
        Partner
      </h2>
      {partner ? (
        <div className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-sm">
            Linked with{" "}
            {partner.accessible ? (
              <Link href={`/clients/${partner.id}`} className="font-medium text-brand-700 hover:underline">
                {partner.name}
              </Link>
            ) : (
              <span className="font-medium">{partner.name}</span>
            )}
            {partner.status === "archived" ? <span className="text-slate-500"> (archived)</span> : null}
            {!partner.accessible ? <span className="block text-xs text-slate-500">On another clinician&apos;s caseload.</span> : null}
            {coupleId ? (
              <Link href={`/couples/${coupleId}`} className="mt-1 block font-medium text-brand-700 hover:underline">
                Open the couple&apos;s page
              </Link>
            ) : null}
          </p>
          <ActionForm
            action={unlinkAction}
            confirm={{
              label: "Unlink partner",
              question: `${clientName} and ${partner.name} will no longer be a couple here. Both records and all past assessments are kept; you can link them again later.`,
            }}
          >
            <input type="hidden" name="clientId" value={clientId} />
            <SubmitButton variant="danger" pendingLabel="Unlinking…">
              Yes, unlink {partner.name}
            </SubmitButton>
          </ActionForm>
        </div>
      ) : clientArchived ? (
        <p className="mt-3 text-sm text-slate-600">No partner linked. Restore this client to link a partner.</p>
      ) : (
        <div className="mt-3 space-y-4">
          <div>
            <h3 className="text-sm font-semibold text-slate-900">New to the practice</h3>
            <p className="mb-3 mt-1 text-sm text-slate-600">Add the partner as a new client: they are created and linked as a couple in one step.</p>
            <NewPartnerForm action={addPartnerAction} clientId={clientId} />
          </div>
          <h3 className="border-t border-slate-100 pt-4 text-sm font-semibold text-slate-900">Already a client</h3>
          <p className="text-sm text-slate-600">Find the partner among your active clients to link them as a couple.</p>
          <form method="get" className="flex flex-col gap-2 sm:flex-row sm:items-end" role="search">
            <div className="flex-1">
              <label htmlFor="partnerQuery" className="block text-sm font-medium text-slate-800">
                Find partner by name or email
              </label>
              <input
                id="partnerQuery"
                name="partnerQuery"
                type="search"
                defaultValue={partnerQuery}
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base sm:text-sm"
              />
            </div>
            <button type="submit" className={buttonClass("secondary")}>
              Search
            </button>
          </form>
          {partnerQuery ? (
            candidates.length ? (
              <ul aria-label="Possible partners" className="divide-y divide-slate-100 rounded-md border border-slate-200">
                {candidates.map((candidate) => (
                  <li key={candidate.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between">
                    <div className="text-sm">
                      <div className="font-medium">{candidate.name}</div>
                      <div className="break-all text-slate-500">{candidate.email}</div>
                    </div>
                    <ActionForm action={linkAction}>
                      <input type="hidden" name="clientId" value={clientId} />
                      <input type="hidden" name="partnerId" value={candidate.id} />
                      <SubmitButton variant="secondary" pendingLabel="Linking…">
                        <span>
                          Link <span className="sr-only">{candidate.name}</span> as partner
                        </span>
                      </SubmitButton>
                    </ActionForm>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600">
                No active client without a partner matches “{partnerQuery}”. Clients already in a couple are not listed.
              </p>
            )
          ) : null}
        </div>
      )}
    </section>
  );
}
