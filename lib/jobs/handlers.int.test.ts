import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { coupleGapChanges, practices } from "@/db/schema";
import { runAggregateRebuilds } from "@/lib/overview/rebuild";
import { answersForLevels, createClientFixture, createPracticeFixture, insertAssessmentFixture, linkCoupleFixture } from "@/test/fixtures";
import { rebuiltWithAggregates } from "./handlers";

describe("the background rebuild a migration asks for", () => {
  it("backfills the couples' comparisons and clears the practice's mark, set by SQL to the microsecond", async () => {
    const db = await getDb();
    const p = await createPracticeFixture();
    const [ana, ben] = [await createClientFixture(p.practiceId, p.clinician.userId), await createClientFixture(p.practiceId, p.clinician.userId)];
    const coupleId = await linkCoupleFixture(p.practiceId, ana!, ben!);
    const assess = (clientId: string, at: string, level: number) =>
      insertAssessmentFixture({ practiceId: p.practiceId, clientId, completedAt: new Date(at), answers: answersForLevels({}, level) });
    await assess(ana!.id, "2026-01-05T10:00:00Z", 4);
    await assess(ben!.id, "2026-01-06T10:00:00Z", 4);
    await assess(ana!.id, "2026-03-05T10:00:00Z", 5);
    await assess(ben!.id, "2026-03-06T10:00:00Z", 2);
    const kept = await db.select().from(coupleGapChanges).where(eq(coupleGapChanges.coupleId, coupleId));
    expect(kept).toMatchObject([{ practiceId: p.practiceId, widening: true }]);

    // As migration 0024 does: the table empty, the practice marked with PostgreSQL's now().
    await db.delete(coupleGapChanges).where(eq(coupleGapChanges.practiceId, p.practiceId));
    await db.update(practices).set({ aggregatesStaleSince: sql`now()` }).where(eq(practices.id, p.practiceId));
    await runAggregateRebuilds(rebuiltWithAggregates);

    expect(await db.select().from(coupleGapChanges).where(eq(coupleGapChanges.coupleId, coupleId))).toEqual(kept);
    const [practice] = await db.select({ staleSince: practices.aggregatesStaleSince }).from(practices).where(eq(practices.id, p.practiceId));
    // Cleared, not left to rebuild the practice again every minute.
    expect(practice!.staleSince).toBeNull();
  });
});
