import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, practices } from "@/db/schema";
import { DomainError, ForbiddenError } from "@/lib/core/errors";
import { getPracticeSettings, updatePracticeSettings } from "@/lib/practices/practices";
import { createPracticeFixture } from "@/test/fixtures";
import { CRISIS_TEXT_MAX, crisisTextOf, DEFAULT_CRISIS_TEXT } from "./crisis";

async function storedCrisisText(practiceId: string) {
  const [row] = await (await getDb()).select({ crisisText: practices.crisisText }).from(practices).where(eq(practices.id, practiceId));
  return row!.crisisText;
}

async function settingsAudits(practiceId: string) {
  const rows = await (await getDb())
    .select({ details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.practiceId, practiceId), eq(auditEvents.action, "practice.update_settings")));
  return rows.map((row) => (row.details as { changed: string[] }).changed);
}

describe("the practice's crisis text (Settings)", () => {
  it("is saved by the owner (line endings as one, trimmed) and audited by name", async () => {
    const practice = await createPracticeFixture();
    expect((await getPracticeSettings(practice.owner)).crisisText).toBeNull();
    const settings = await getPracticeSettings(practice.owner);
    const { changed } = await updatePracticeSettings(practice.owner, { ...settings, crisisText: "  Call 999 in an emergency.\r\n\r\nSamaritans: 116 123, any time.  " });
    expect(changed).toEqual(["crisisText"]);
    const saved = "Call 999 in an emergency.\n\nSamaritans: 116 123, any time.";
    expect(await storedCrisisText(practice.practiceId)).toBe(saved);
    expect((await getPracticeSettings(practice.owner)).crisisText).toBe(saved);
    expect(crisisTextOf(saved)).toBe(saved);
    expect(await settingsAudits(practice.practiceId)).toEqual([["crisisText"]]);
  });

  it("refuses a text over the limit or with control characters, on its field, and changes nothing", async () => {
    const practice = await createPracticeFixture();
    const settings = await getPracticeSettings(practice.owner);
    await updatePracticeSettings(practice.owner, { ...settings, crisisText: "Call 112." });
    for (const crisisText of ["x".repeat(CRISIS_TEXT_MAX + 1), "Call\u0000 112", "Call \u202E211"]) {
      const refused = await updatePracticeSettings(practice.owner, { ...settings, name: "Renamed too", crisisText }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({ field: "crisisText" });
    }
    expect(await getPracticeSettings(practice.owner)).toEqual({ ...settings, crisisText: "Call 112." });
    // Exactly the limit is fine.
    await updatePracticeSettings(practice.owner, { ...settings, crisisText: "y".repeat(CRISIS_TEXT_MAX) });
    expect(await storedCrisisText(practice.practiceId)).toHaveLength(CRISIS_TEXT_MAX);
  });

  it("goes back to the default when emptied (or set to the default word for word)", async () => {
    const practice = await createPracticeFixture();
    const settings = await getPracticeSettings(practice.owner);
    await updatePracticeSettings(practice.owner, { ...settings, crisisText: "Call 911." });
    await updatePracticeSettings(practice.owner, { ...settings, crisisText: "   " });
    expect(await storedCrisisText(practice.practiceId)).toBeNull();
    expect(crisisTextOf(await storedCrisisText(practice.practiceId))).toBe(DEFAULT_CRISIS_TEXT);

    await updatePracticeSettings(practice.owner, { ...settings, crisisText: "Call 911." });
    await updatePracticeSettings(practice.owner, { ...settings, crisisText: DEFAULT_CRISIS_TEXT.replaceAll("\n", "\r\n") });
    expect(await storedCrisisText(practice.practiceId)).toBeNull();
  });

  it("may not be changed by a clinician", async () => {
    const practice = await createPracticeFixture();
    const settings = await getPracticeSettings(practice.owner);
    await expect(updatePracticeSettings(practice.clinician, { ...settings, crisisText: "Call me." })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await storedCrisisText(practice.practiceId)).toBeNull();
  });
});
