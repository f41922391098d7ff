import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/core/action-result";
import { formatCalendarDate, formatDate, formatDateTime } from "@/lib/core/format";
import type { PlanInvitationView, PlanView } from "@/lib/plans/plans";
import { planLinkDays } from "@/lib/plans/schedule";

type Action = (state: ActionResult | null, formData: FormData) => Promise<ActionResult>;

const STATUS_LABEL: Record<PlanInvitationView["status"], { label: string; tone: "neutral" | "green" | "amber" | "red" | "blue" | "slate" }> = {
  pending: { label: "Sent, not opened", tone: "blue" },
  opened: { label: "Started", tone: "amber" },
  completed: { label: "Completed", tone: "green" },
  expired: { label: "Expired", tone: "slate" },
  revoked: { label: "Revoked", tone: "slate" },
};

function endText(plan: PlanView): string {
  if (plan.endKind === "after_count") return `${plan.endCount} assessments in all`;
  if (plan.endKind === "on_date") return `until ${formatCalendarDate(plan.endDate)}`;
  return "open-ended";
}

function remindersText(days: number[]): string {
  if (days.length === 0) return "no reminders";
  return `reminders ${days.map((day) => `${day} ${day === 1 ? "day" : "days"}`).join(" and ")} after sending`;
}

/** Who, until when, how long links last, reminders; and, without email, that it sends nothing. */
function PlanFacts({ plan, emailConfigured }: { plan: PlanView; emailConfigured: boolean }) {
  return (
    <>
      <p className="mt-1 text-sm text-slate-600">
        {plan.members.map((member) => member.name).join(" and ")} · {endText(plan)} · {expiryText(plan)} · {remindersText(plan.reminderDays)}
      </p>
      {plan.status === "active" && !emailConfigured ? (
        <p className="mt-1 text-sm font-medium text-amber-900">
          Sending nothing: email is not set up, so this plan&rsquo;s links and reminders wait unsent in the outbox.
        </p>
      ) : null}
    </>
  );
}

function expiryText(plan: PlanView): string {
  const days = planLinkDays(plan.expiryDays, plan.cadence);
  const said = `links expire after ${days} ${days === 1 ? "day" : "days"}`;
  return days < plan.expiryDays ? `${said} (when the next is sent)` : said;
}

/**
 * The plans a client (or a couple) is in: what each sends and when, what was sent and how it went,
 * and the clinician's controls. `editHref` is null where plans are not edited (the couple page).
 */
export function PlanList({
  plans,
  timeZone,
  editHref,
  pauseAction,
  resumeAction,
  endAction,
  emailConfigured,
}: {
  plans: PlanView[];
  /** SMTP_URL is set; otherwise each running plan says it is sending nothing. */
  emailConfigured: boolean;
  timeZone: string;
  editHref: ((planId: string) => string) | null;
  pauseAction: Action;
  resumeAction: Action;
  endAction: Action;
}) {
  return (
    <ul className="space-y-4">
      {plans.map((plan) => {
        const titleId = `plan-${plan.id}`;
        return (
          <li key={plan.id}>
            <article aria-labelledby={titleId} className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
              <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
                <div>
                  <h3 id={titleId} className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
                    {plan.instrumentLabel}, {plan.cadenceLabel.toLowerCase()}
                    {plan.status === "active" ? <Badge tone="green">Active</Badge> : null}
                    {plan.status === "paused" ? <Badge tone="amber">Paused</Badge> : null}
                    {plan.status === "ended" ? <Badge tone="slate">Ended</Badge> : null}
                  </h3>
                  <PlanFacts plan={plan} emailConfigured={emailConfigured} />
                  {plan.status === "paused" && plan.pausedAt ? (
                    <p className="mt-1 text-sm text-slate-600">Paused on {formatDate(plan.pausedAt, timeZone)}: nothing is sent until you resume it.</p>
                  ) : null}
                  {plan.status === "ended" && plan.endedAt ? <p className="mt-1 text-sm text-slate-600">Ended on {formatDate(plan.endedAt, timeZone)}.</p> : null}
                  {plan.members
                    .filter((member) => member.remindersStoppedAt)
                    .map((member) => (
                      <p key={member.clientId} className="mt-1 text-sm font-medium text-amber-900">
                        Reminders stopped by client{plan.members.length > 1 ? ` (${member.name})` : ""} on {formatDateTime(member.remindersStoppedAt, timeZone)}.
                      </p>
                    ))}
                </div>
                {plan.status !== "ended" ? (
                  <div className="flex shrink-0 flex-wrap items-start gap-2 sm:flex-nowrap">
                    {editHref ? (
                      <Link href={editHref(plan.id)} className={buttonClass("secondary")}>
                        Change plan
                      </Link>
                    ) : null}
                    <ActionForm action={plan.status === "paused" ? resumeAction : pauseAction}>
                      <input type="hidden" name="planId" value={plan.id} />
                      <SubmitButton variant="secondary" pendingLabel="Saving…">
                        {plan.status === "paused" ? "Resume plan" : "Pause plan"}
                      </SubmitButton>
                    </ActionForm>
                    <ActionForm
                      action={endAction}
                      confirm={{
                        label: "End plan",
                        variant: "danger",
                        question: "No more assessments or reminders are sent. Links already sent keep working until they expire.",
                      }}
                    >
                      <input type="hidden" name="planId" value={plan.id} />
                      <SubmitButton variant="danger" pendingLabel="Ending…">
                        Yes, end the plan
                      </SubmitButton>
                    </ActionForm>
                  </div>
                ) : null}
              </div>

              <div className="mt-4 grid gap-4 md:grid-cols-2">
                <section aria-label="Next dates">
                  <h4 className="text-sm font-semibold text-slate-800">Next dates</h4>
                  {plan.upcoming.length > 0 ? (
                    <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
                      {plan.upcoming.map((occurrence) => (
                        <li key={occurrence.index}>
                          {formatCalendarDate(occurrence.date)}
                          {plan.status === "paused" ? " (paused)" : ""}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="mt-1 text-sm text-slate-600">None: the plan {plan.status === "ended" ? "has ended" : "has sent its last assessment"}.</p>
                  )}
                </section>
                <section aria-label="Sent">
                  <h4 className="text-sm font-semibold text-slate-800">Sent</h4>
                  {plan.sent.length > 0 ? (
                    <ul className="mt-1 space-y-1 text-sm text-slate-700">
                      {plan.sent.map((occurrence) => (
                        <li key={occurrence.index} className="flex flex-wrap items-center gap-x-2 gap-y-1">
                          <span>{formatDate(occurrence.sentAt, timeZone)}:</span>
                          {occurrence.invitations.map((invitation) => (
                            <span key={invitation.clientId} className="inline-flex items-center gap-1">
                              {plan.members.length > 1 ? <span>{invitation.clientName}</span> : null}
                              <Badge tone={STATUS_LABEL[invitation.status].tone}>{STATUS_LABEL[invitation.status].label}</Badge>
                            </span>
                          ))}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="mt-1 text-sm text-slate-600">Nothing yet. The first goes out at 08:00 on the first date.</p>
                  )}
                </section>
              </div>
            </article>
          </li>
        );
      })}
    </ul>
  );
}
