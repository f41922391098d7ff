import { isEmailDeliveryConfigured } from "@/lib/core/outbox";
import { EXPIRY_DAYS } from "@/lib/invitations/invitations";
import { createInvitationsAction, openQuestionnaireHereAction, resendInvitationAction, revokeInvitationAction } from "./invitation-actions";

/**
 * What every page showing an invitation panel passes it besides its rows (the client page and the
 * couple page): the actions, the default expiry (the practice's, from practiceDefaultExpiryDays) and whether email is set up. Called per request,
 * since the email setting is read from the environment.
 */
export function invitationPanelWiring(defaultExpiryDays: number = EXPIRY_DAYS.default) {
  return {
    defaultExpiryDays,
    emailDelivery: isEmailDeliveryConfigured(),
    createAction: createInvitationsAction,
    openHereAction: openQuestionnaireHereAction,
    resendAction: resendInvitationAction,
    revokeAction: revokeInvitationAction,
  };
}
