/** How the client's audit trail words the events of safety alerts (issue 14); spread into its labels. */
export const ALERT_AUDIT_LABELS: Record<string, string> = {
  "alert.acknowledge": "Acknowledged a critical answer, with a note (see Details and partner → Past critical answers)",
};
