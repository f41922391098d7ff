import { InvitationPanel } from "@/components/invitations/invitation-panel";
import { NotFoundError } from "@/lib/core/errors";
import { listInvitations, practiceDefaultExpiryDays } from "@/lib/invitations/invitations";
import { orNotFound } from "@/lib/next/or-not-found";
import { invitationPanelWiring } from "../../../../_record/invitation-panel-wiring";
import { sendFormMemory } from "../../../../_record/send-form-memory";
import { loadClientRecord } from "../load";
import { sendableChoicesFor } from "@/lib/invitations/instrument-choices";

/** The client's assessment links (and an invitable partner's), with the send form. */
export default async function ClientLinksPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor, client, name, archived, partner, partnerInvitable } = await loadClientRecord(id);
  const [invitations, partnerInvitations, defaultExpiryDays, sendMemory] = await orNotFound(
    Promise.all([
      listInvitations(actor, client.id),
      partner && partnerInvitable
        ? listInvitations(actor, partner.id).catch((error: unknown) => {
            // Reassigned between the page's two reads: show this client's list alone.
            if (error instanceof NotFoundError) return [];
            throw error;
          })
        : Promise.resolve([]),
      practiceDefaultExpiryDays(actor),
      // The partner's open links count only when the form can send to both.
      sendFormMemory(actor, partner && partnerInvitable ? [{ id: client.id, name }, partner] : [{ id: client.id, name }]).catch((error: unknown) => {
        if (error instanceof NotFoundError) return sendFormMemory(actor, [{ id: client.id, name }]);
        throw error;
      }),
    ]),
  );
  return (
    <InvitationPanel
      clientId={client.id}
      clientName={name}
      clientArchived={archived}
      partner={partner}
      partnerInvitable={partnerInvitable}
      invitations={invitations}
      partnerInvitations={partnerInvitations}
      timeZone={actor.practiceTimeZone}
      sendMemory={sendMemory}
      {...invitationPanelWiring(defaultExpiryDays)}
      instrumentChoices={sendableChoicesFor([client.language])}
    />
  );
}
