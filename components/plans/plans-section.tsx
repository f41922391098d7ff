import Link from "next/link";
import type { InstrumentChoice } from "@/components/invitations/instrument-picker";
import type { ActionResult } from "@/lib/core/action-result";
import type { PlanView } from "@/lib/plans/plans";
import { PlanEmailNotice } from "./email-not-set-up";
import { PlanForm, type PlanFormValues } from "./plan-form";
import { PlanList } from "./plan-list";

type Action = (state: ActionResult | null, formData: FormData) => Promise<ActionResult>;

export type PlanActions = {
  createAction: Action;
  updateAction: Action;
  pauseAction: Action;
  resumeAction: Action;
  endAction: Action;
};


/**
 * The client page's "Measurement plan" tab: the plans the client is in, the form to start one
 * (when none is running) or, with `editing`, the form that changes one.
 */
export function PlansSection({
  clientId,
  coupleId,
  clientName,
  clientArchived,
  cannotStart,
  partnerName,
  plans,
  editing,
  today,
  timeZone,
  instruments,
  defaults,
  limits,
  actions,
  emailConfigured,
}: {
  clientId: string;
  /** On the couple's page: plans are made for the couple (from `clientId`, the partner the actor sends from) and the forms return there. */
  coupleId?: string;
  clientName: string;
  clientArchived: boolean;
  /** Why no plan can be started here (the couple's page when both partners cannot be included); no form then. */
  cannotStart?: string | null;
  partnerName: string | null;
  plans: PlanView[];
  editing: string | null;
  today: string;
  timeZone: string;
  instruments: readonly InstrumentChoice[];
  defaults: PlanFormValues;
  limits: { countMax: number; expiryMax: number };
  actions: PlanActions;
  /** SMTP_URL is set; otherwise the section says plainly that plans send nothing. */
  emailConfigured: boolean;
}) {
  const tabHref = coupleId ? `/couples/${coupleId}/plan` : `/clients/${clientId}/plan`;
  const edited = plans.find((plan) => plan.id === editing && plan.status !== "ended");
  const running = plans.some((plan) => plan.status !== "ended");
  return (
    <div className="space-y-5">
      {emailConfigured ? null : <PlanEmailNotice />}
      {edited ? (
        <section aria-labelledby="plan-edit-heading" className="rounded-lg border border-slate-200 border-t-4 border-t-brand-600 bg-white p-4 sm:p-5">
          <h2 id="plan-edit-heading" className="text-base font-semibold text-slate-900">
            Change the plan
          </h2>
          <p className="mt-1 text-sm text-slate-600">Assessments already sent stay as they are.</p>
          <div className="mt-4">
            <PlanForm
              action={actions.updateAction}
              clientId={clientId}
              coupleId={coupleId}
              planId={edited.id}
              clientName={clientName}
              instruments={instruments}
              today={today}
              limits={limits}
              defaults={formValuesOf(edited)}
            />
          </div>
          <p className="mt-3 text-sm">
            <Link href={tabHref} className="text-brand-700 hover:underline">
              Cancel
            </Link>
          </p>
        </section>
      ) : null}

      {plans.length > 0 ? (
        <section aria-labelledby="plans-heading" className="space-y-3">
          <h2 id="plans-heading" className="text-base font-semibold text-slate-900">
            Measurement plans
          </h2>
          <PlanList
            plans={plans}
            timeZone={timeZone}
            editHref={(planId) => `${tabHref}?edit=${planId}`}
            pauseAction={actions.pauseAction}
            resumeAction={actions.resumeAction}
            endAction={actions.endAction}
            emailConfigured={emailConfigured}
          />
        </section>
      ) : null}

      {!running && !edited ? (
        <section aria-labelledby="plan-new-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
          <h2 id="plan-new-heading" className="text-base font-semibold text-slate-900">
            Start a measurement plan
          </h2>
          {clientArchived || cannotStart ? (
            <p className="mt-2 text-sm text-slate-600">{cannotStart ?? "Archived clients have no plans. Restore the client first."}</p>
          ) : (
            <>
              <p className="mt-1 text-sm text-slate-600">
                Set it once: each assessment is sent on its date, with reminders to whoever has not finished.
              </p>
              <div className="mt-4">
                <PlanForm
                  action={actions.createAction}
                  clientId={clientId}
                  coupleId={coupleId}
                  clientName={clientName}
                  partnerName={partnerName}
                  instruments={instruments}
                  today={today}
                  limits={limits}
                  defaults={defaults}
                />
              </div>
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}

/** A plan as the edit form starts: what it does now, from its next date. */
function formValuesOf(plan: PlanView): PlanFormValues {
  return {
    instruments: plan.instrumentKeys.join(","),
    cadence: plan.cadence,
    startDate: plan.nextDate,
    endKind: plan.endKind,
    endCount: plan.endCount?.toString() ?? "",
    endDate: plan.endDate ?? "",
    expiryDays: String(plan.expiryDays),
    reminder1: plan.reminderDays[0]?.toString() ?? "",
    reminder2: plan.reminderDays[1]?.toString() ?? "",
  };
}
