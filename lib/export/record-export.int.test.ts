import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { unzipExport } from "@/test/unzip-export";
import { getDb } from "@/db/client";
import { invitations, planReminders, practices } from "@/db/schema";
import { acknowledgeAlert, listOpenAlerts } from "@/lib/alerts/alerts";
import { DEFAULT_CRISIS_TEXT } from "@/lib/alerts/crisis";
import { createResultLink, setResultsShared } from "@/lib/feedback/sharing";
import { createInvitations } from "@/lib/invitations/invitations";
import { saveDraft, submitAssessment } from "@/lib/invitations/public";
import { createPlan } from "@/lib/plans/plans";
import { generateToken, hashToken } from "@/lib/core/tokens";
import { clock } from "@/lib/core/clock";
import { createClientFixture, createPracticeFixture } from "@/test/fixtures";
import { practiceExportStream } from "./practice-export";

describe("the practice export is the whole record", () => {
  it("holds alerts with their acknowledgement, plans and their occurrences, consents, results links and the settings, naming each client", async () => {
    const p = await createPracticeFixture();
    const db = await getDb();
    const ada = await createClientFixture(p.practiceId, p.clinician.userId, { firstName: "Adaline", preferredName: "Ada", lastName: "Record" });

    // A critical answer saved but never sent, acknowledged with a note; and one sent with its own alert.
    const [draftLink] = await createInvitations(p.clinician, { clientId: ada.id, includePartner: false, instruments: ["phq9"] });
    const draftToken = draftLink!.link.split("/a/")[1]!;
    await saveDraft(draftToken, { phq9_9: "2" });
    const [open] = await listOpenAlerts(p.clinician, { clientId: ada.id });
    const note = "Phoned Ada at 14:10: safe tonight, plan agreed with her GP.";
    await acknowledgeAlert(p.clinician, { alertId: open!.id, note });
    const [sentLink] = await createInvitations(p.clinician, { clientId: ada.id, includePartner: false, instruments: ["phq9"] });
    const sentAnswers: Record<string, string> = { phq9_9: "1" };
    for (let n = 1; n <= 8; n++) sentAnswers[`phq9_${n}`] = "0";
    expect((await submitAssessment(sentLink!.link.split("/a/")[1]!, sentAnswers)).ok).toBe(true);

    // A plan, one of its occurrences sent with a reminder (as the plan job writes them).
    const { planId } = await createPlan(p.clinician, {
      instruments: ["closeness", "phq9"],
      cadence: "two_weeks",
      startDate: new Intl.DateTimeFormat("en-CA", { timeZone: p.owner.practiceTimeZone }).format(clock.ms() + 30 * 86_400_000),
      endKind: "after_count",
      endCount: 6,
      endDate: undefined,
      expiryDays: 4,
      reminder1: 2,
      reminder2: undefined,
      clientId: ada.id,
      forCouple: false,
    });
    const occurrenceLink = generateToken();
    const [occurrence] = await db
      .insert(invitations)
      .values({
        practiceId: p.practiceId,
        clientId: ada.id,
        createdBy: p.clinician.userId,
        instruments: [{ key: "closeness", version: 1 }, { key: "phq9", version: 1 }],
        tokenHash: occurrenceLink.tokenHash,
        expiresAt: new Date(clock.ms() + 4 * 86_400_000),
        planId,
        planOccurrence: 0,
      })
      .returning();
    const stopToken = generateToken().token;
    await db.insert(planReminders).values({ practiceId: p.practiceId, planId, invitationId: occurrence!.id, clientId: ada.id, reminderNumber: 1, stopTokenHash: hashToken(stopToken) });

    // Sharing: consent to see results, and a results link (whose token must not be exported).
    await setResultsShared(p.clinician, ada.id, true);
    const { link: resultsLink } = await createResultLink(p.clinician, { clientId: ada.id, email: false });

    const { text, csv } = await unzipExport(await practiceExportStream(p.owner));
    const adaName = "Adaline (Ada) Record";

    const alerts = csv("clinical_alerts.csv");
    expect(alerts).toHaveLength(2);
    const acknowledged = alerts.find((row) => row.acknowledged_at !== "")!;
    expect(acknowledged).toMatchObject({
      client_id: ada.id,
      client_name: adaName,
      instrument: "phq9",
      item_id: "phq9_9",
      from_unfinished_questionnaire: "true",
      assessment_id: "",
      acknowledged_by: p.clinician.userId,
      acknowledged_by_name: p.clinician.name,
      acknowledgement_note: note,
    });
    expect(acknowledged.draft_saved_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(acknowledged.item_text).toContain("better off dead");
    expect(alerts.find((row) => row !== acknowledged)).toMatchObject({ from_unfinished_questionnaire: "false", draft_saved_at: "", acknowledged_at: "" });

    expect(csv("plans.csv")).toEqual([
      expect.objectContaining({ id: planId, client_ids: ada.id, client_names: adaName, instrument: "closeness phq9", cadence: "two_weeks", status: "active", reminder_days: "2" }),
    ]);
    expect(csv("plan_members.csv")).toEqual([{ plan_id: planId, client_id: ada.id, client_name: adaName, reminders_stopped_at: "" }]);
    expect(csv("plan_occurrences.csv")).toEqual([
      expect.objectContaining({ plan_id: planId, occurrence: "0", invitation_id: occurrence!.id, client_name: adaName, status: "pending", reminders_sent: "1" }),
    ]);
    expect(csv("invitations.csv").find((row) => row.id === occurrence!.id)).toMatchObject({ plan_id: planId, plan_occurrence: "0", client_name: adaName });

    expect(csv("result_sharing.csv")).toEqual([expect.objectContaining({ client_id: ada.id, client_name: adaName, shared: "true" })]);
    const links = csv("result_links.csv");
    expect(links).toEqual([expect.objectContaining({ client_id: ada.id, client_name: adaName, created_by: p.clinician.userId, revoked_at: "" })]);

    expect(csv("practice_settings.csv")).toEqual([expect.objectContaining({ id: p.practiceId, crisis_text: "", crisis_text_shown: DEFAULT_CRISIS_TEXT })]);
    expect(csv("assessments.csv").every((row) => row.client_name === adaName)).toBe(true);

    // No credential of any kind: neither link's token nor its hash, nor the reminder's stop token.
    const resultsToken = resultsLink.split("/results/")[1]!;
    const everything = ["clinical_alerts.csv", "plans.csv", "plan_members.csv", "plan_occurrences.csv", "result_sharing.csv", "result_links.csv", "invitations.csv"].map(text).join("\n");
    for (const secret of [resultsToken, hashToken(resultsToken), draftToken, hashToken(draftToken), occurrenceLink.tokenHash, stopToken, hashToken(stopToken)]) {
      expect(everything).not.toContain(secret);
    }

    // The README documents each file and the real value ranges of each questionnaire.
    const readme = text("README.md");
    for (const file of ["clinical_alerts.csv", "plans.csv", "plan_occurrences.csv", "result_sharing.csv", "result_links.csv", "practice_settings.csv"]) expect(readme).toContain(`## ${file}`);
    expect(readme).toContain("- `k1` to `k28`: 1 (Strongly disagree) to 5 (Strongly agree)");
    expect(readme).toContain("- `phq9_1` to `phq9_8`: 0 (Not at all) to 3 (Nearly every day)");
    expect(readme).toMatch(/- `phq9_9`: 0 \(Not at all\) to 3 \(Nearly every day\) \(any answer above 0 raises a safety alert\)/);
    expect(readme).toContain("- `phq9_difficulty`: 0 (Not difficult at all) to 3 (Extremely difficult) (not scored; may be left blank)");
    expect(readme).toContain("- `gad7_1` to `gad7_7`: 0 (Not at all) to 3 (Nearly every day)");
    expect(readme).toMatch(/- `csi4_1`: 0 \([^)]+\) to 6 \([^)]+\)/);
    expect(readme).toMatch(/- total \(assessments\.csv\): 0 to 27, higher is worse/);
    expect(readme).not.toContain("1 (strongly disagree) to 5 (strongly agree), before reverse keying.");

    // A crisis text of the practice's own is exported as written.
    await db.update(practices).set({ crisisText: "Call 999 in an emergency." }).where(eq(practices.id, p.practiceId));
    const again = await unzipExport(await practiceExportStream(p.owner));
    expect(again.csv("practice_settings.csv")[0]).toMatchObject({ crisis_text: "Call 999 in an emergency.", crisis_text_shown: "Call 999 in an emergency." });
  });
});
