/*
 * What the practice export holds, file by file and column by column: the README inside the zip is
 * written from this list, and the export writes its CSV headers from it, so the two cannot drift.
 */

type Column = { name: string; description: string };
type ExportFile = { name: string; description: string; columns: Column[] };

const ID = "A stable identifier (UUID); other files refer to it.";

export const EXPORT_FILES = [
  {
    name: "clinicians.csv",
    description: "Everyone who has had an account in the practice. No passwords or password hashes.",
    columns: [
      { name: "id", description: ID },
      { name: "name", description: "Their name." },
      { name: "email", description: "Their sign-in email." },
      { name: "role", description: "`owner` or `clinician`." },
      { name: "active", description: "`true`, or `false` once deactivated." },
      { name: "created_at", description: "When the account was made." },
    ],
  },
  {
    name: "clients.csv",
    description: "Every client, active and archived.",
    columns: [
      { name: "id", description: ID },
      { name: "first_name", description: "First name." },
      { name: "last_name", description: "Last name." },
      { name: "preferred_name", description: "The name they prefer to be called, if given." },
      { name: "email", description: "Where questionnaire links are sent." },
      { name: "phone", description: "Phone number, if given." },
      { name: "date_of_birth", description: "YYYY-MM-DD, if given." },
      { name: "status", description: "`active` or `archived`." },
      { name: "clinician_id", description: "The clinician whose caseload they are in (clinicians.csv)." },
      { name: "couple_id", description: "Their current couple (couples.csv), empty if none." },
      { name: "created_at", description: "When the record was made." },
      { name: "archived_at", description: "When they were archived, if they are." },
    ],
  },
  {
    name: "couples.csv",
    description: "Every couple, current and ended.",
    columns: [
      { name: "id", description: ID },
      { name: "created_at", description: "When the two were linked." },
      { name: "unlinked_at", description: "When they were unlinked; empty while current." },
      { name: "client_ids", description: "The current partners' ids (clients.csv), separated by a space; empty once unlinked (who they were is in the audit trail)." },
    ],
  },
  {
    name: "invitations.csv",
    description: "Every questionnaire link sent. The links themselves are not exported (only a hash of each is ever stored), nor unfinished answers.",
    columns: [
      { name: "id", description: ID },
      { name: "client_id", description: "Who it was sent to (clients.csv)." },
      { name: "created_by", description: "Who sent it (clinicians.csv)." },
      { name: "instrument", description: "The questionnaires' keys, e.g. `closeness` or `closeness phq9 gad7`, space-separated in the order the client answered them." },
      { name: "version", description: "Each questionnaire's version, space-separated in the same order." },
      { name: "status", description: "`pending`, `opened`, `completed` or `revoked` (a pending or opened link past expires_at has expired)." },
      { name: "created_at", description: "When it was first sent." },
      { name: "expires_at", description: "When the link stops working." },
      { name: "opened_at", description: "When the client first opened it." },
      { name: "completed_at", description: "When the client sent their answers." },
      { name: "revoked_at", description: "When it was withdrawn." },
      { name: "last_sent_at", description: "When the email was last sent." },
      { name: "send_count", description: "How many times the email was sent." },
    ],
  },
  {
    name: "assessments.csv",
    description: "Every completed questionnaire.",
    columns: [
      { name: "id", description: ID },
      { name: "client_id", description: "Whose answers (clients.csv)." },
      { name: "invitation_id", description: "The link it was answered through (invitations.csv), if any." },
      { name: "instrument", description: "The questionnaire's key." },
      { name: "version", description: "The questionnaire's version: the items and scoring it was scored with." },
      { name: "completed_at", description: "When it was sent." },
      { name: "overall", description: "Closeness Inventory: the mean of the dimension scores, 0–100, unrounded; empty for other questionnaires." },
      { name: "total", description: "PHQ-9, GAD-7, CSI-4: the total of the scored items, in the questionnaire's own points; empty for the Closeness Inventory." },
    ],
  },
  {
    name: "assessment_answers.csv",
    description: "Each answer of each completed questionnaire, in the order the items were asked.",
    columns: [
      { name: "assessment_id", description: "The questionnaire (assessments.csv)." },
      { name: "item_id", description: "The item, e.g. `k1` (the item texts are in fhir-bundle.json's Questionnaire)." },
      { name: "answer", description: "The value chosen: 1 (strongly disagree) to 5 (strongly agree), before reverse keying." },
    ],
  },
  {
    name: "scores.csv",
    description: "Each dimension score of each completed questionnaire.",
    columns: [
      { name: "assessment_id", description: "The questionnaire (assessments.csv)." },
      { name: "client_id", description: "Whose score (clients.csv)." },
      { name: "dimension", description: "knowledge, interdependence, care, trust, responsiveness, mutuality or commitment." },
      { name: "score", description: "0–100, unrounded." },
      { name: "completed_at", description: "When the questionnaire was sent." },
    ],
  },
  {
    name: "audit_events.csv",
    description: "The practice's audit trail: who did what, when. It holds ids and field names, never clinical content.",
    columns: [
      { name: "id", description: "Its number, in the order written." },
      { name: "created_at", description: "When it happened." },
      { name: "actor_user_id", description: "Who did it (clinicians.csv); empty for a client answering a link or the system." },
      { name: "action", description: "What was done, e.g. `client.create`, `client.view`, `invitation.create`, `practice.export`." },
      { name: "subject_type", description: "The kind of thing it was done to: client, couple, invitation, user, practice…" },
      { name: "subject_id", description: "Its id." },
      { name: "client_id", description: "The client whose trail it belongs to, if any." },
      { name: "details", description: "More about it, as JSON (ids, counts, changed field names)." },
    ],
  },
  {
    name: "fhir-bundle.json",
    description:
      "The same clinical data as one HL7 FHIR R4 Bundle (a collection): the Questionnaire, and for each client a Patient (name and birth date), a QuestionnaireResponse per completed questionnaire, and an Observation per score, derived from its response. Dimension codes are in the CodeSystem named in each Observation.",
    columns: [],
  },
] as const satisfies readonly ExportFile[];

export function exportReadme(): string {
  const lines = [
    "# Attune practice export",
    "",
    "Everything the practice holds, as CSV (UTF-8, comma-separated, CRLF line ends, a header row; times are ISO 8601 in UTC) and as FHIR R4 JSON.",
    "",
  ];
  for (const file of EXPORT_FILES) {
    lines.push(`## ${file.name}`, "", file.description, "");
    if (file.columns.length) {
      lines.push("| column | meaning |", "| --- | --- |", ...file.columns.map((column) => `| ${column.name} | ${column.description} |`), "");
    }
  }
  return lines.join("\n");
}
