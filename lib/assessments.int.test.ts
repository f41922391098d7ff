import { beforeAll, describe, expect, it } from "vitest";
import { closenessV1, scoreResponse } from "@/lib/instruments";
import { NotFoundError } from "@/lib/errors";
import { createClientFixture, createPracticeFixture, type PracticeFixture } from "@/test/db-fixtures";
import { listAssessments } from "./assessments";
import { createInvitations } from "./invitations/invitations";
import { submitAssessment } from "./invitations/public";

let practice: PracticeFixture;
let other: PracticeFixture;

beforeAll(async () => {
  practice = await createPracticeFixture();
  other = await createPracticeFixture();
});

function answers(value: (index: number) => number): Record<string, number> {
  return Object.fromEntries(closenessV1.items.map((item, i) => [item.id, value(i)]));
}

describe("listAssessments", () => {
  it("lists a client's completed assessments oldest first with unrounded scores", async () => {
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    expect(await listAssessments(practice.clinician, client.id)).toEqual([]);

    const responses = [answers((i) => (i % 5) + 1), answers((i) => ((i * 3) % 5) + 1)];
    for (const response of responses) {
      const [sent] = await createInvitations(practice.clinician, { clientId: client.id, includePartner: false });
      expect((await submitAssessment(sent!.link.split("/a/")[1]!, response)).ok).toBe(true);
    }
    // An invitation that is still open has no assessment.
    await createInvitations(practice.clinician, { clientId: client.id, includePartner: false });

    const list = await listAssessments(practice.clinician, client.id);
    expect(list).toHaveLength(2);
    expect(list[0]!.completedAt.getTime()).toBeLessThanOrEqual(list[1]!.completedAt.getTime());
    list.forEach((assessment, i) => {
      const expected = scoreResponse(closenessV1, responses[i]!);
      expect(assessment.instrumentKey).toBe("closeness");
      expect(assessment.overall).toBeCloseTo(expected.overall, 10);
      expect(Object.keys(assessment.dimensions)).toHaveLength(7);
      for (const [dimension, score] of Object.entries(expected.dimensions)) expect(assessment.dimensions[dimension]).toBeCloseTo(score, 10);
    });
    // Unrounded: 25/28 steps do not land on one decimal.
    expect(list.some((a) => Math.abs(a.overall * 10 - Math.round(a.overall * 10)) > 1e-6)).toBe(true);

    expect(await listAssessments(practice.owner, client.id)).toHaveLength(2);
    for (const outsider of [practice.otherClinician, other.owner, other.clinician]) {
      await expect(listAssessments(outsider, client.id)).rejects.toBeInstanceOf(NotFoundError);
    }
  });
});
