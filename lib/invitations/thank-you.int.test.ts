import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CRISIS_TEXT } from "@/lib/alerts/crisis";
import { closenessV1 } from "@/lib/instruments";
import { generateToken } from "@/lib/core/tokens";
import { createClientFixture, createPracticeFixture, type PracticeFixture } from "@/test/fixtures";
import { createInvitations } from "./invitations";
import { getThankYouView, saveDraft, submitAssessment, THANK_YOU_NAMES_FOR_MS } from "./public";

let practice: PracticeFixture;

beforeAll(async () => {
  practice = await createPracticeFixture();
});

async function invite(instruments?: string[]) {
  const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
  const [sent] = await createInvitations(practice.clinician, { clientId: client.id, includePartner: false, instruments });
  return sent!.link.split("/a/")[1]!;
}

describe("the thank-you page's names and help", () => {
  it("names the practice and clinician just after completion, and nobody later or before", async () => {
    const token = await invite();
    await saveDraft(token, { k1: "3" });
    // Open, not completed: no names (the questionnaire itself shows them).
    expect(await getThankYouView(token)).toBeNull();

    const answers = Object.fromEntries(closenessV1.items.map((item) => [item.id, "4"]));
    expect((await submitAssessment(token, answers)).ok).toBe(true);
    const names = { sentTo: { practiceName: practice.practiceName, clinicianName: practice.clinician.name }, help: null };
    expect(await getThankYouView(token)).toEqual(names);
    const justInside = new Date(Date.now() + THANK_YOU_NAMES_FOR_MS - 60_000);
    expect(await getThankYouView(token, justInside)).toEqual(names);
    const later = new Date(Date.now() + THANK_YOU_NAMES_FOR_MS + 60_000);
    expect(await getThankYouView(token, later)).toEqual({ sentTo: null, help: null });
  });

  it("keeps the help after a critical answer for as long as the page opens, while the names go after an hour", async () => {
    const token = await invite(["phq9"]);
    const answers: Record<string, string> = { phq9_9: "1" };
    for (let n = 1; n <= 8; n++) answers[`phq9_${n}`] = "0";
    expect((await submitAssessment(token, answers)).ok).toBe(true);
    const aMonthLater = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000);
    expect(await getThankYouView(token, aMonthLater)).toEqual({ sentTo: null, help: DEFAULT_CRISIS_TEXT });
  });

  it("says nothing for unknown or malformed tokens", async () => {
    expect(await getThankYouView(generateToken().token)).toBeNull();
    expect(await getThankYouView("not-a-token")).toBeNull();
  });
});
