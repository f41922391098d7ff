/** How the client's audit trail words the events of sharing results (issue 15). */
export const RESULTS_AUDIT_LABELS: Record<string, string> = {
  "results.share_on": "Shared the client's results with them",
  "results.share_off": "Stopped sharing the client's results with them",
  "results.couple_withheld": "Withheld the couple view of results",
  "results.couple_allowed": "Allowed the couple view of results again",
  "results.link_create": "Made a results link",
  "results.link_emailed": "Made a results link and emailed it",
  "results.link_revoke": "Revoked a results link",
  "results.consent_given": "Said yes to sharing results with their partner",
  "results.consent_withdrawn": "Withdrew sharing results with their partner",
  "results.view": "Viewed their results",
};

/** Events the client did themselves, through their link: no user, so the trail names the client. */
export function isClientOwnEvent(action: string): boolean {
  return action === "results.view" || action === "results.consent_given" || action === "results.consent_withdrawn";
}
