import { AlertBanner } from "@/components/alerts/alert-banner";
import { describeAlertItem, describeAlertSource, listOpenAlerts } from "@/lib/alerts/alerts";
import type { Actor } from "@/lib/core/actor-types";

/** The open alerts the actor may see, at the top of the overview and the caseload (one line in each page). */
export async function OpenAlerts({ actor }: { actor: Actor }) {
  const open = await listOpenAlerts(actor);
  return <AlertBanner alerts={open.map((alert) => ({ ...alert, item: describeAlertItem(alert), source: describeAlertSource(alert, actor.practiceTimeZone) }))} timeZone={actor.practiceTimeZone} linkToClient />;
}
