import { AcknowledgeAlertForm } from "@/components/alerts/acknowledge-alert-form";
import { AlertAcknowledged, AlertBanner } from "@/components/alerts/alert-banner";
import { AlertHistory } from "@/components/alerts/alert-history";
import { ACKNOWLEDGEMENT_NOTE_MAX, describeAlertItem, listAlertHistory, listOpenAlerts } from "@/lib/alerts/alerts";
import type { Actor } from "@/lib/core/actor-types";
import { orNotFound } from "@/lib/next/or-not-found";
import { acknowledgeAlertAction } from "./alert-actions";

/**
 * The client page's alert banner with a form to acknowledge each open alert, wired here so the page
 * changes by one line. `acknowledged`: the page was reached from an acknowledgement (say so).
 */
export async function ClientAlerts({ actor, clientId, acknowledged }: { actor: Actor; clientId: string; acknowledged: boolean }) {
  const open = await listOpenAlerts(actor, { clientId });
  if (open.length === 0) {
    return acknowledged ? <AlertAcknowledged historyHref={`/clients/${clientId}?tab=details#alert-history`} /> : null;
  }
  const alerts = open.map((alert) => ({ ...alert, item: describeAlertItem(alert) }));
  return (
    <AlertBanner alerts={alerts} timeZone={actor.practiceTimeZone} linkToClient={false}>
      {alerts.map((alert) => (
        <AcknowledgeAlertForm key={alert.id} action={acknowledgeAlertAction} alertId={alert.id} item={alert.item} noteMax={ACKNOWLEDGEMENT_NOTE_MAX} />
      ))}
    </AlertBanner>
  );
}

/** The client's acknowledged alerts, on the details tab. */
export async function ClientAlertHistory({ actor, clientId }: { actor: Actor; clientId: string }) {
  const history = await orNotFound(listAlertHistory(actor, clientId));
  return <AlertHistory alerts={history.map((alert) => ({ ...alert, item: describeAlertItem(alert) }))} timeZone={actor.practiceTimeZone} />;
}
