/*
 * What the practice export holds, file by file and column by column: the README inside the zip is
 * written from this list, and the export writes its CSV headers from it, so the two cannot drift.
 */

type Column = { name: string; description: string };
type ExportFile = { name: string; description: string; columns: Column[] };

import { INSTRUMENTS, isTotalInstrument, itemScale, type AnyInstrument } from "@/lib/instruments";

const ID = "A stable identifier (UUID); other files refer to it.";
const CLIENT_NAME = "The client as the practice knows them: first name, a preferred name in brackets, last name (as of the export).";

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
      { name: "client_name", description: CLIENT_NAME },
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
      { name: "plan_id", description: "The measurement plan that sent it (plans.csv), if any." },
      { name: "plan_occurrence", description: "Which of the plan's occurrences it was (0 is the first), if a plan sent it." },
    ],
  },
  {
    name: "assessments.csv",
    description: "Every completed questionnaire.",
    columns: [
      { name: "id", description: ID },
      { name: "client_id", description: "Whose answers (clients.csv)." },
      { name: "client_name", description: CLIENT_NAME },
      { name: "invitation_id", description: "The link it was answered through (invitations.csv), if any." },
      { name: "instrument", description: "The questionnaire's key." },
      { name: "version", description: "The questionnaire's version: the items and scoring it was scored with." },
      { name: "completed_at", description: "When it was sent." },
      { name: "overall", description: "Closeness Inventory: the mean of the dimension scores, 0–100, unrounded; empty for other questionnaires." },
      { name: "total", description: "PHQ-9, GAD-7, CSI-4: the total of the scored items, in the questionnaire's own points (ranges under “Questionnaires and their values” below); empty for the Closeness Inventory." },
      { name: "language", description: "The language the client read the items in (en, es…): a published translation, or our own not yet validated (see the questionnaire's translation file)." },
    ],
  },
  {
    name: "assessment_answers.csv",
    description: "Each answer of each completed questionnaire, in the order the items were asked.",
    columns: [
      { name: "assessment_id", description: "The questionnaire (assessments.csv)." },
      { name: "item_id", description: "The item, e.g. `k1` (the item texts are in fhir-bundle.json's Questionnaire)." },
      { name: "answer", description: "The value chosen, on the item's own scale (see “Questionnaires and their values” below); Closeness Inventory answers are before reverse keying." },
    ],
  },
  {
    name: "scores.csv",
    description: "Each dimension score of each completed questionnaire.",
    columns: [
      { name: "assessment_id", description: "The questionnaire (assessments.csv)." },
      { name: "client_id", description: "Whose score (clients.csv)." },
      { name: "client_name", description: CLIENT_NAME },
      { name: "dimension", description: "knowledge, interdependence, care, trust, responsiveness, mutuality or commitment." },
      { name: "score", description: "0–100, unrounded." },
      { name: "completed_at", description: "When the questionnaire was sent." },
    ],
  },
  {
    name: "clinical_alerts.csv",
    description:
      "Every safety alert raised on a critical answer (PHQ-9 item 9 above “Not at all”), with its acknowledgement: part of the clinical record. An alert is raised as soon as the answer is saved, so it may come from a questionnaire the client never sent.",
    columns: [
      { name: "id", description: ID },
      { name: "client_id", description: "Whose answer (clients.csv)." },
      { name: "client_name", description: CLIENT_NAME },
      { name: "instrument", description: "The questionnaire's key, e.g. `phq9`." },
      { name: "version", description: "The questionnaire's version." },
      { name: "item_id", description: "The critical item, e.g. `phq9_9` (assessment_answers.csv)." },
      { name: "item_text", description: "The item as the client read it." },
      { name: "raised_at", description: "When the answer was given (saved or sent)." },
      { name: "from_unfinished_questionnaire", description: "`true` while the questionnaire holding the answer has not been sent; `false` once it was." },
      { name: "draft_saved_at", description: "When the unfinished questionnaire holding the answer was saved; empty when the answer was first seen when sent." },
      { name: "assessment_id", description: "The sent questionnaire (assessments.csv); empty while unfinished." },
      { name: "invitation_id", description: "The link it was answered through (invitations.csv), if any." },
      { name: "acknowledged_at", description: "When a clinician acknowledged it; empty while open." },
      { name: "acknowledged_by", description: "Who acknowledged it (clinicians.csv)." },
      { name: "acknowledged_by_name", description: "Their name." },
      { name: "acknowledgement_note", description: "What they did or decided, as they wrote it." },
    ],
  },
  {
    name: "plans.csv",
    description: "Every measurement plan: the same questionnaires sent on a schedule to a client or to both partners. Occurrences not yet sent follow from the plan; those sent are in plan_occurrences.csv.",
    columns: [
      { name: "id", description: ID },
      { name: "couple_id", description: "The couple it assesses (couples.csv), for a couple's plan." },
      { name: "client_ids", description: "Who it assesses (clients.csv), separated by a space." },
      { name: "client_names", description: "Their names as the practice knows them, separated by “ & ”." },
      { name: "created_by", description: "Who made it (clinicians.csv)." },
      { name: "instrument", description: "The questionnaires' keys each occurrence sends, space-separated, in order." },
      { name: "version", description: "Each questionnaire's version, in the same order." },
      { name: "cadence", description: "`weekly`, `two_weeks`, `four_weeks` or `monthly`." },
      { name: "start_date", description: "The practice's calendar day (YYYY-MM-DD) of the occurrence numbered first_occurrence." },
      { name: "first_occurrence", description: "The number of the occurrence on start_date (a changed plan keeps counting)." },
      { name: "end_kind", description: "`after_count`, `on_date` or `open`." },
      { name: "end_count", description: "With `after_count`: how many occurrences in all." },
      { name: "end_date", description: "With `on_date`: the last day an occurrence may fall on." },
      { name: "expiry_days", description: "Days each occurrence's link works." },
      { name: "reminder_days", description: "Days after sending on which a reminder goes, space-separated." },
      { name: "status", description: "`active`, `paused` or `ended`." },
      { name: "paused_at", description: "When it was paused, if it is." },
      { name: "ended_at", description: "When it ended, if it has." },
      { name: "created_at", description: "When it was made." },
    ],
  },
  {
    name: "plan_members.csv",
    description: "Who each plan assesses, and whether they stopped its reminders.",
    columns: [
      { name: "plan_id", description: "The plan (plans.csv)." },
      { name: "client_id", description: "The client (clients.csv)." },
      { name: "client_name", description: CLIENT_NAME },
      { name: "reminders_stopped_at", description: "When the client stopped the plan's reminders from a reminder's link; empty if they did not." },
    ],
  },
  {
    name: "plan_occurrences.csv",
    description: "Every occurrence of a plan that has been sent: one row per person and occurrence, with its link (invitations.csv) and the reminders sent for it.",
    columns: [
      { name: "plan_id", description: "The plan (plans.csv)." },
      { name: "occurrence", description: "Its number in the plan's schedule." },
      { name: "invitation_id", description: "The link sent (invitations.csv)." },
      { name: "client_id", description: "Who it was sent to (clients.csv)." },
      { name: "client_name", description: CLIENT_NAME },
      { name: "sent_at", description: "When it was sent." },
      { name: "status", description: "The link's status, as in invitations.csv." },
      { name: "completed_at", description: "When the client sent their answers, if they did." },
      { name: "reminders_sent", description: "How many reminders were sent for it." },
    ],
  },
  {
    name: "result_sharing.csv",
    description: "Each client's consent to see their own results, and a couple's consent to see each other's (only clients whose setting differs from the practice's default have a row).",
    columns: [
      { name: "client_id", description: "The client (clients.csv)." },
      { name: "client_name", description: CLIENT_NAME },
      { name: "shared", description: "`true` or `false` as their clinician set it; empty: the practice's default (practice_settings.csv)." },
      { name: "couple_consent_couple_id", description: "The couple (couples.csv) for which this client consented to share with their partner; empty if not." },
      { name: "couple_consent_at", description: "When that consent was recorded." },
      { name: "updated_at", description: "When the row last changed." },
    ],
  },
  {
    name: "result_links.csv",
    description: "Every personal results link made for a client. The links themselves are not exported: only a hash of each is ever stored.",
    columns: [
      { name: "id", description: ID },
      { name: "client_id", description: "Whose results (clients.csv)." },
      { name: "client_name", description: CLIENT_NAME },
      { name: "created_by", description: "Who made it (clinicians.csv)." },
      { name: "created_at", description: "When it was made." },
      { name: "expires_at", description: "When it stops working." },
      { name: "revoked_at", description: "When it was withdrawn, if it was." },
    ],
  },
  {
    name: "practice_settings.csv",
    description: "The practice's settings, one row.",
    columns: [
      { name: "id", description: ID },
      { name: "name", description: "The practice's name." },
      { name: "time_zone", description: "Its time zone (IANA), which decides its calendar days." },
      { name: "default_link_expiry_days", description: "Days a questionnaire link works unless the clinician chooses otherwise." },
      { name: "email_sender_name", description: "The name on the From line of its emails; empty: the practice's name." },
      { name: "require_two_step", description: "`true` when every member must sign in with a second step." },
      { name: "share_results_by_default", description: "`true` when clients see their own results unless their clinician says otherwise." },
      { name: "crisis_text", description: "The practice's own crisis information shown to a client after a critical answer; empty: it uses the default." },
      { name: "crisis_text_shown", description: "The crisis information clients are shown today: the practice's own, or the default." },
      { name: "created_at", description: "When the practice was made." },
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
      "The same clinical data as one HL7 FHIR R4 Bundle (a collection): a Questionnaire per questionnaire version, a CodeSystem per answer scale and for the dimensions and totals (each also served at its URL), and for each client a Patient (name and birth date), a QuestionnaireResponse per completed questionnaire (its source is the client) and an Observation per score, derived from its response. PHQ-9 and GAD-7 items and answers carry LOINC codes; every answer carries the value it counts for (ordinalValue).",
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
  lines.push(...instrumentValues());
  return lines.join("\n");
}

/** "0 (Not at all) to 3 (Nearly every day)": a scale's real range, read from the instrument's data. */
function rangeOf(scale: readonly { value: number; label: string }[]): string {
  const first = scale[0]!;
  const last = scale[scale.length - 1]!;
  return `${first.value} (${first.label}) to ${last.value} (${last.label})`;
}

/** Items that share a scale, grouped in order: "`phq9_1` to `phq9_9`: 0 (Not at all) to 3 (Nearly every day)". */
function itemRanges(instrument: AnyInstrument): string[] {
  const groups: { ids: string[]; range: string; note: string }[] = [];
  for (const item of instrument.items) {
    const range = rangeOf(itemScale(instrument, item));
    const total = isTotalInstrument(instrument) ? instrument.items.find((candidate) => candidate.id === item.id)! : null;
    const note = total && !total.scored ? " (not scored; may be left blank)" : total?.criticalAbove !== undefined ? ` (any answer above ${total.criticalAbove} raises a safety alert)` : "";
    const last = groups[groups.length - 1];
    if (last && last.range === range && last.note === note) last.ids.push(item.id);
    else groups.push({ ids: [item.id], range, note });
  }
  return groups.map(({ ids, range, note }) => `- ${ids.length === 1 ? `\`${ids[0]}\`` : `\`${ids[0]}\` to \`${ids[ids.length - 1]}\``}: ${range}${note}`);
}

/** Each questionnaire's answer values and score ranges, written from the definitions the export was scored with. */
function instrumentValues(): string[] {
  const lines = ["## Questionnaires and their values", "", "Answers (assessment_answers.csv) are on each item's own scale; the ranges below are those of the versions this build knows.", ""];
  for (const instrument of INSTRUMENTS) {
    lines.push(`### ${instrument.shortTitle} (\`${instrument.key}\`, version ${instrument.version})`, "", ...itemRanges(instrument));
    if (isTotalInstrument(instrument)) {
      const { min, max, direction, bands } = instrument.scoring;
      lines.push(
        `- total (assessments.csv): ${min} to ${max}, ${direction === "higher_is_worse" ? "higher is worse" : "higher is better"}; bands ${bands.map((band) => `${band.from}–${band.to} ${band.label}`).join(", ")}`,
      );
    } else {
      lines.push(
        "- reverse-keyed items count as 6 − answer; each dimension score (scores.csv) and overall (assessments.csv) runs 0 to 100: (mean of the dimension's four items − 1) / 4 × 100",
      );
    }
    lines.push("");
  }
  return lines;
}
