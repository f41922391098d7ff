import { AcknowledgeAlertForm } from "@/components/alerts/acknowledge-alert-form";
import { AlertAcknowledged, AlertBanner } from "@/components/alerts/alert-banner";
import { AlertHistory } from "@/components/alerts/alert-history";
import { ACKNOWLEDGEMENT_NOTE_MAX, describeAlertItem, describeAlertSource, listAlertHistory, listOpenAlerts } from "@/lib/alerts/alerts";
import type { Actor } from "@/lib/core/actor-types";
import { orNotFound } from "@/lib/next/or-not-found";
import { acknowledgeAlertAction } from "./alert-actions";

/**
 * The client record's alert banner (in its layout): compact, one line per open alert (the answer,
 * when) with its acknowledgement folded behind "Acknowledge…", so the summary starts on the first screen.
 */
export async function ClientAlerts({ actor, clientId }: { actor: Actor; clientId: string }) {
  const open = await listOpenAlerts(actor, { clientId });
  if (open.length === 0) return null;
  const alerts = open.map((alert) => ({ ...alert, item: describeAlertItem(alert), source: describeAlertSource(alert, actor.practiceTimeZone) }));
  return (
    <AlertBanner
      alerts={alerts}
      timeZone={actor.practiceTimeZone}
      linkToClient={false}
      compact
      actionOf={(alert) => (
        <AcknowledgeAlertForm action={acknowledgeAlertAction} alertId={alert.id} item={alert.item} noteMax={ACKNOWLEDGEMENT_NOTE_MAX} folded />
      )}
    />
  );
}

/** Reached from an acknowledgement (`?alert=acknowledged` on the summary): says so once none is left open. */
export async function AlertAcknowledgedNote({ actor, clientId }: { actor: Actor; clientId: string }) {
  const open = await listOpenAlerts(actor, { clientId });
  return open.length === 0 ? <AlertAcknowledged historyHref={`/clients/${clientId}/details#alert-history`} /> : null;
}

/** The client's acknowledged alerts, on the details tab. */
export async function ClientAlertHistory({ actor, clientId }: { actor: Actor; clientId: string }) {
  const history = await orNotFound(listAlertHistory(actor, clientId));
  return <AlertHistory alerts={history.map((alert) => ({ ...alert, item: describeAlertItem(alert), source: describeAlertSource(alert, actor.practiceTimeZone) }))} timeZone={actor.practiceTimeZone} />;
}

/**
 * The couple page's alert banner: the open alerts of either partner the actor may see, each named
 * and linked to its partner's record, compact (one line each: who, the answer, when) so the summary
 * starts in the first 500 px, with a folded form to acknowledge it here (back to the couple page).
 */
export async function CoupleAlerts({ actor, coupleId, memberIds }: { actor: Actor; coupleId: string; memberIds: readonly string[] }) {
  const open = (await Promise.all(memberIds.map((clientId) => listOpenAlerts(actor, { clientId })))).flat();
  if (open.length === 0) return null;
  const alerts = open.sort((x, y) => y.raisedAt.getTime() - x.raisedAt.getTime()).map((alert) => ({ ...alert, item: describeAlertItem(alert), source: describeAlertSource(alert, actor.practiceTimeZone) }));
  return (
    <AlertBanner
      alerts={alerts}
      timeZone={actor.practiceTimeZone}
      linkToClient
      compact
      actionOf={(alert) => (
        <AcknowledgeAlertForm
          action={acknowledgeAlertAction}
          alertId={alert.id}
          item={`${alert.clientName}, ${alert.item}`}
          noteMax={ACKNOWLEDGEMENT_NOTE_MAX}
          returnTo={`/couples/${coupleId}`}
          folded
        />
      )}
    />
  );
}
