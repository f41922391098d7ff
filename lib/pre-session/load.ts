import "server-only";
import { describeAlertItem, listOpenAlerts } from "@/lib/alerts/alerts";
import type { Actor } from "@/lib/core/actor-types";
import { getInstrumentTotalsOf } from "@/lib/scores/instrument-totals";
import { listInvitations } from "@/lib/invitations/invitations";
import { getClientCourse } from "@/lib/measures/course";
import { instrumentsLabel, type PlanView } from "@/lib/plans/plans";
import { getClientScores } from "@/lib/scores/scores";
import type { CourseInput } from "./course";
import type { PreSessionInput, SummaryPerson } from "./summary";

/**
 * What the pre-session summary needs about each person the actor may see (each read checks access:
 * a person who is not the actor's is "not found"). One read each of scores, totals, links and open
 * alerts; the summary itself is built by the pure buildPreSessionSummary.
 */
export async function loadSummaryPeople(actor: Actor, members: readonly { id: string; name: string }[]): Promise<SummaryPerson[]> {
  const ids = members.map((member) => member.id);
  const [scores, totals, invitations, alerts] = await Promise.all([
    Promise.all(ids.map((id) => getClientScores(actor, id))),
    getInstrumentTotalsOf(actor, ids),
    Promise.all(ids.map((id) => listInvitations(actor, id))),
    Promise.all(ids.map((id) => listOpenAlerts(actor, { clientId: id }))),
  ]);
  return members.map((member, index) => ({
    id: member.id,
    name: member.name,
    closeness: scores[index]!.summary,
    totals: totals.find((entry) => entry.client.id === member.id)?.instruments ?? [],
    invitations: invitations[index]!.map((invitation) => ({ ...invitation, instruments: instrumentsLabel(invitation.instruments) })),
    alerts: alerts[index]!.map((alert) => ({ id: alert.id, raisedAt: alert.raisedAt, item: describeAlertItem(alert) })),
  }));
}

/**
 * Each person's closeness course beside the practice's usual one, for the summary's "Usual course of
 * change" (access checked per person by getClientCourse). The practice's figures are read once for
 * the request however many partners (lib/measures/course.ts `loadPracticeCourse`; decision 0042).
 */
export async function loadSummaryCourses(actor: Actor, members: readonly { id: string; name: string }[]): Promise<CourseInput[]> {
  const courses = await Promise.all(members.map((member) => getClientCourse(actor, member.id)));
  return members.map((member, index) => ({ personId: member.id, name: member.name, course: courses[index]! }));
}

/** How many open alerts a partner has, for the client page: counted only for a partner the actor may see. */
export async function countPartnerAlerts(actor: Actor, partner: { id: string; name: string; accessible: boolean } | null): Promise<PreSessionInput["partnerAlerts"]> {
  if (!partner?.accessible) return null;
  const open = await listOpenAlerts(actor, { clientId: partner.id });
  return { name: partner.name, count: open.length };
}

/** The soonest date a running plan sends next, with what and to whom. */
export function nextPlannedSend(plans: readonly PlanView[]): PreSessionInput["nextSend"] {
  const next = plans
    .filter((plan) => plan.status === "active" && plan.upcoming.length > 0)
    .map((plan) => ({ plan, date: plan.upcoming[0]!.date }))
    .sort((x, y) => x.date.localeCompare(y.date))[0];
  if (!next) return null;
  const names = next.plan.members.map((member) => member.name);
  return { date: next.date, instruments: next.plan.instrumentLabel, to: names.length > 1 ? `${names.join(" and ")}` : (names[0] ?? "") };
}
