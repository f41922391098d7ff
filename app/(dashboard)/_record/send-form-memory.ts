import "server-only";
import { randomUUID } from "node:crypto";
import type { SendFormMemory } from "@/components/invitations/send-assessment-form";
import type { Actor } from "@/lib/core/actor-types";
import { formatDateTime } from "@/lib/core/format";
import { listInvitations } from "@/lib/invitations/invitations";
import { lastChosenQuestionnaires } from "@/lib/invitations/send-requests";
import { linkCarries } from "@/lib/invitations/send-safety";

/**
 * What a send form needs to keep sending safe, for the people it sends to (the client, and the
 * partner when both can be invited): a fresh key for this drawing of the form, the questionnaires
 * last chosen for them, and the links they have open. Each read checks access in lib/.
 */
export async function sendFormMemory(actor: Actor, people: readonly { id: string; name: string }[]): Promise<SendFormMemory> {
  const ids = people.map((person) => person.id);
  const [lastChosen, lists] = await Promise.all([lastChosenQuestionnaires(actor, ids), Promise.all(ids.map((id) => listInvitations(actor, id)))]);
  const openLinks = lists.flatMap((list, index) =>
    list
      .filter((invitation) => invitation.status === "pending" || invitation.status === "opened")
      .map((invitation) => ({
        id: invitation.id,
        name: people[index]!.name,
        carries: linkCarries(invitation.instruments),
        sent: formatDateTime(invitation.lastSentAt, actor.practiceTimeZone),
        opened: invitation.status === "opened",
      })),
  );
  return { requestKey: randomUUID(), lastChosen, openLinks };
}
