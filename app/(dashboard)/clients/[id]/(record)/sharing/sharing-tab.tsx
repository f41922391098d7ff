import { SharingPanel } from "@/components/feedback/sharing-panel";
import type { Actor } from "@/lib/core/actor-types";
import { getSharingPanel, RESULT_LINK_DAYS } from "@/lib/feedback/sharing";
import { orNotFound } from "@/lib/next/or-not-found";
import { createResultLinkAction, revokeResultLinkAction, setCoupleWithheldAction, setResultsSharedAction } from "../../../../_record/sharing-actions";

/** The client page's "Sharing results" tab, wired here so the page itself changes by one line. */
export async function SharingTab({ actor, clientId, clientName, partnerName }: { actor: Actor; clientId: string; clientName: string; partnerName: string | null }) {
  const panel = await orNotFound(getSharingPanel(actor, clientId));
  return (
    <SharingPanel
      panel={panel}
      clientName={clientName}
      partnerName={partnerName}
      timeZone={actor.practiceTimeZone}
      linkDays={{ default: RESULT_LINK_DAYS.default, max: RESULT_LINK_DAYS.max }}
      setSharedAction={setResultsSharedAction}
      setWithheldAction={setCoupleWithheldAction}
      createLinkAction={createResultLinkAction}
      revokeLinkAction={revokeResultLinkAction}
    />
  );
}
