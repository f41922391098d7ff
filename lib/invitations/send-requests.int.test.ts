import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { emailOutbox, invitations, sendRequests } from "@/db/schema";
import { setClockForTests } from "@/lib/core/clock";
import { DomainError } from "@/lib/core/errors";
import { createClientFixture, createPracticeFixture, linkCoupleFixture, type PracticeFixture } from "@/test/fixtures";
import { sendQuestionnaires } from "./invitations";
import { lastChosenQuestionnaires } from "./send-requests";
import { REPLAY_WINDOW_MS } from "./send-safety";

/*
 * Issue 23, safe sending: one form makes one set of links however often it is posted; a second
 * form for people with the same open links asks first; the form remembers what was chosen.
 */

let practice: PracticeFixture;

beforeAll(async () => {
  practice = await createPracticeFixture({ timeZone: "Europe/London" });
});

afterEach(() => setClockForTests(undefined));

async function couple() {
  const a = await createClientFixture(practice.practiceId, practice.clinician.userId, { firstName: "Lee", lastName: "Hart" });
  const b = await createClientFixture(practice.practiceId, practice.clinician.userId, { firstName: "Morgan", lastName: "Hart" });
  await linkCoupleFixture(practice.practiceId, a, b);
  return { a, b };
}

async function linksOf(clientIds: string[]) {
  const db = await getDb();
  return db.select().from(invitations).where(inArray(invitations.clientId, clientIds));
}

describe("one form, one set of links (the idempotency key)", () => {
  it("a second submit of the same form makes nothing and returns the first send's links", async () => {
    const { a, b } = await couple();
    const form = { clientId: a.id, includePartner: true, instruments: ["closeness", "phq9"], requestKey: randomUUID() };
    const first = await sendQuestionnaires(practice.clinician, form);
    expect(first.replayed).toBeNull();
    expect(first.sent.map((link) => link.clientName)).toEqual(["Lee Hart", "Morgan Hart"]);
    expect(first.sent[0]!.instruments).toEqual([
      { key: "closeness", version: 1 },
      { key: "phq9", version: 1 },
    ]);

    const second = await sendQuestionnaires(practice.clinician, form);
    expect(second.sent).toEqual([]);
    expect(second.replayed!.links!.map((link) => link.link)).toEqual(first.sent.map((link) => link.link));
    expect(await linksOf([a.id, b.id])).toHaveLength(2);
    const db = await getDb();
    const emails = await db.select().from(emailOutbox).where(and(eq(emailOutbox.practiceId, practice.practiceId), inArray(emailOutbox.toAddress, [a.email, b.email])));
    expect(emails).toHaveLength(2);
  });

  it("two submits at the same moment make one set", async () => {
    const { a, b } = await couple();
    const form = { clientId: a.id, includePartner: true, instruments: ["closeness"], requestKey: randomUUID() };
    const results = await Promise.all([sendQuestionnaires(practice.clinician, form), sendQuestionnaires(practice.clinician, form)]);
    expect(results.filter((result) => result.replayed === null)).toHaveLength(1);
    expect(await linksOf([a.id, b.id])).toHaveLength(2);
  });

  it("after the window the replay still makes nothing, and the sealed links are erased by the next send", async () => {
    const { a } = await couple();
    const start = new Date("2026-12-03T10:00:00Z");
    setClockForTests(start);
    const form = { clientId: a.id, includePartner: false, instruments: ["closeness"], requestKey: randomUUID() };
    await sendQuestionnaires(practice.clinician, form);
    setClockForTests(new Date(start.getTime() + REPLAY_WINDOW_MS + 1000));
    const late = await sendQuestionnaires(practice.clinician, form);
    expect(late.sent).toEqual([]);
    expect(late.replayed!.links).toBeNull();
    // The clock runs on from `start` while the first send is made.
    expect(late.replayed!.firstSentAt.getTime() - start.getTime()).toBeLessThan(60_000);

    const other = await createClientFixture(practice.practiceId, practice.clinician.userId);
    await sendQuestionnaires(practice.clinician, { clientId: other.id, includePartner: false, requestKey: randomUUID() });
    const db = await getDb();
    const [old] = await db.select().from(sendRequests).where(and(eq(sendRequests.practiceId, practice.practiceId), eq(sendRequests.requestKey, form.requestKey)));
    expect(old!.sealedLinks).toBeNull();
    const stillSealed = await db.select().from(sendRequests).where(and(eq(sendRequests.practiceId, practice.practiceId), isNotNull(sendRequests.sealedLinks)));
    expect(stillSealed.every((row) => row.createdAt.getTime() > start.getTime() + REPLAY_WINDOW_MS)).toBe(true);
  });

  it("another person's key is refused, and a key that is not a uuid too", async () => {
    const { a } = await couple();
    const requestKey = randomUUID();
    await sendQuestionnaires(practice.clinician, { clientId: a.id, includePartner: false, requestKey });
    await expect(sendQuestionnaires(practice.owner, { clientId: a.id, includePartner: false, requestKey })).rejects.toThrow(DomainError);
    await expect(sendQuestionnaires(practice.clinician, { clientId: a.id, includePartner: false, requestKey: "not-a-key" })).rejects.toThrow(DomainError);
  });
});

describe("a second send while the same links are open asks first", () => {
  it("refuses on confirmRepeat, saying who, what, when and whether opened; makes them once confirmed", async () => {
    const { a, b } = await couple();
    await sendQuestionnaires(practice.clinician, { clientId: a.id, includePartner: true, instruments: ["closeness", "phq9"], requestKey: randomUUID() });
    const again = { clientId: a.id, includePartner: true, instruments: ["phq9", "closeness"], requestKey: randomUUID() };
    const refusal = await sendQuestionnaires(practice.clinician, again).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).field).toBe("confirmRepeat");
    expect((refusal as DomainError).message).toMatch(/^Lee Hart already has an open link \(Closeness \+ PHQ-9\), sent .*, not opened yet\. Morgan Hart already has an open link/);
    expect(await linksOf([a.id, b.id])).toHaveLength(2);

    // Other questionnaires are no repeat.
    await sendQuestionnaires(practice.clinician, { clientId: a.id, includePartner: true, instruments: ["gad7"], requestKey: randomUUID() });
    expect(await linksOf([a.id, b.id])).toHaveLength(4);

    // Confirmed, with the same form's key (the refusal stored nothing).
    const confirmed = await sendQuestionnaires(practice.clinician, { ...again, confirmRepeat: true });
    expect(confirmed.sent).toHaveLength(2);
    expect(await linksOf([a.id, b.id])).toHaveLength(6);
  });
});

describe("the form remembers the questionnaires last chosen", () => {
  it("for a client and for either partner of a couple; nothing before the first send; not another practice's", async () => {
    const { a, b } = await couple();
    expect(await lastChosenQuestionnaires(practice.clinician, [a.id, b.id])).toBeNull();
    await sendQuestionnaires(practice.clinician, { clientId: a.id, includePartner: true, instruments: ["gad7", "closeness"], requestKey: randomUUID() });
    expect(await lastChosenQuestionnaires(practice.clinician, [a.id, b.id])).toEqual(["closeness", "gad7"]);
    expect(await lastChosenQuestionnaires(practice.clinician, [b.id])).toEqual(["closeness", "gad7"]);
    await sendQuestionnaires(practice.clinician, { clientId: b.id, includePartner: false, instruments: ["csi4"], requestKey: randomUUID() });
    expect(await lastChosenQuestionnaires(practice.clinician, [b.id])).toEqual(["csi4"]);
    expect(await lastChosenQuestionnaires(practice.clinician, [a.id])).toEqual(["closeness", "gad7"]);
    const other = await createPracticeFixture();
    expect(await lastChosenQuestionnaires(other.owner, [a.id, b.id])).toBeNull();
  });
});
