import { beforeAll, describe, expect, it } from "vitest";
import { closenessV1 } from "@/lib/instruments";
import { generateToken } from "@/lib/core/tokens";
import { createClientFixture, createPracticeFixture, type PracticeFixture } from "@/test/fixtures";
import { createInvitations } from "./invitations";
import { getThankYouView, saveDraft, submitAssessment, THANK_YOU_NAMES_FOR_MS } from "./public";

let practice: PracticeFixture;

beforeAll(async () => {
  practice = await createPracticeFixture();
});

async function invite() {
  const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
  const [sent] = await createInvitations(practice.clinician, { clientId: client.id, includePartner: false });
  return sent!.link.split("/a/")[1]!;
}

describe("the thank-you page's names", () => {
  it("names the practice and clinician just after completion, and nobody later or before", async () => {
    const token = await invite();
    await saveDraft(token, { k1: "3" });
    // Open, not completed: no names (the questionnaire itself shows them).
    expect(await getThankYouView(token)).toBeNull();

    const answers = Object.fromEntries(closenessV1.items.map((item) => [item.id, "4"]));
    expect((await submitAssessment(token, answers)).ok).toBe(true);
    const names = { practiceName: practice.practiceName, clinicianName: practice.clinician.name, crisisText: null };
    expect(await getThankYouView(token)).toEqual(names);
    const justInside = new Date(Date.now() + THANK_YOU_NAMES_FOR_MS - 60_000);
    expect(await getThankYouView(token, justInside)).toEqual(names);
    const later = new Date(Date.now() + THANK_YOU_NAMES_FOR_MS + 60_000);
    expect(await getThankYouView(token, later)).toBeNull();
  });

  it("says nothing for unknown or malformed tokens", async () => {
    expect(await getThankYouView(generateToken().token)).toBeNull();
    expect(await getThankYouView("not-a-token")).toBeNull();
  });
});
