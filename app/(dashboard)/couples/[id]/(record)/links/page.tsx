import { InvitationPanel } from "@/components/invitations/invitation-panel";
import { listInvitations, practiceDefaultExpiryDays } from "@/lib/invitations/invitations";
import { orNotFound } from "@/lib/next/or-not-found";
import { invitationPanelWiring } from "../../../../_record/invitation-panel-wiring";
import { sendFormMemory } from "../../../../_record/send-form-memory";
import { loadCoupleRecord } from "../load";
import { sendableChoicesFor } from "@/lib/invitations/instrument-choices";

/** Both partners' assessment links, with the send form. */
export default async function CoupleLinksPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor, visible, sender, partnerOfSender, sendWithPartner } = await loadCoupleRecord(id);
  const shown = sender ?? visible[0]!;
  const recipients = sendWithPartner ? [shown, partnerOfSender!] : [shown];
  const [invitations, partnerInvitations, defaultExpiryDays, sendMemory] = await orNotFound(
    Promise.all([
      listInvitations(actor, shown.id),
      sendWithPartner ? listInvitations(actor, partnerOfSender!.id) : Promise.resolve([]),
      practiceDefaultExpiryDays(actor),
      sendFormMemory(actor, recipients),
    ]),
  );
  return (
    <InvitationPanel
      clientId={shown.id}
      clientName={shown.name}
      clientArchived={!sender}
      partner={partnerOfSender ? { name: partnerOfSender.name, status: partnerOfSender.status, accessible: partnerOfSender.accessible } : null}
      partnerInvitable={sendWithPartner}
      invitations={invitations}
      partnerInvitations={partnerInvitations}
      timeZone={actor.practiceTimeZone}
      sendMemory={sendMemory}
      {...invitationPanelWiring(defaultExpiryDays)}
      instrumentChoices={sendableChoicesFor(sendWithPartner ? [shown.language, partnerOfSender!.language] : [shown.language])}
    />
  );
}
