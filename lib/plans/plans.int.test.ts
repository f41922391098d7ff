import { and, asc, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, getHandle } from "@/db/client";
import { auditEvents, clients, emailOutbox, invitations, planMembers, planReminders, plans, practices, type Client } from "@/db/schema";
import { listCaseload } from "@/lib/clients/caseload";
import { setClientArchived } from "@/lib/clients/clients";
import { parseCaseloadQuery } from "@/lib/clients/schemas";
import { DomainError, NotFoundError } from "@/lib/core/errors";
import { submitAssessment } from "@/lib/invitations/public";
import { QUEUES, requestJob, startJobEngine, stopJobEngine } from "@/lib/core/jobs";
import { registerJobHandlers } from "@/lib/jobs/handlers";
import { answersForLevels, createClientFixture, createPracticeFixture, emailTextOf, linkCoupleFixture, type PracticeFixture } from "@/test/fixtures";
import { createPlan, listPlansForClient, listPlansForCouple, setPlanStatus, updatePlan } from "./plans";
import { runPlans } from "./run";
import { localDay, planLinkDays } from "./schedule";
import { getScheduleOverview } from "./schedule-overview";
import { createPlanSchema, type PlanFields } from "./schemas";
import { setClockForTests } from "@/lib/core/clock";
import { stopRemindersByToken } from "./stop-reminders";

// A controllable clock: every call below says what time it is. The dates are in the future of the
// real clock, so links the plans make are still open when a test submits through them.
const at = (iso: string) => new Date(iso);
const T0 = at("2027-03-01T06:00:00Z"); // Monday 1 March 2027, 06:00 in London (GMT).
const DAY = 24 * 60 * 60 * 1000;

const fields = (over: Partial<PlanFields> = {}): PlanFields => ({
  instruments: ["closeness"],
  cadence: "two_weeks",
  startDate: "2027-03-01",
  endKind: "after_count",
  endCount: 6,
  endDate: undefined,
  expiryDays: 4,
  reminder1: 2,
  reminder2: undefined,
  ...over,
});

let p: PracticeFixture;
beforeAll(async () => {
  p = await createPracticeFixture({ timeZone: "Europe/London" });
});

const newClient = () => createClientFixture(p.practiceId, p.clinician.userId);

async function invitationsOf(planId: string) {
  const db = await getDb();
  return db.select().from(invitations).where(eq(invitations.planId, planId)).orderBy(asc(invitations.planOccurrence), asc(invitations.clientId));
}

async function emailsTo(client: Client, kind: string) {
  const db = await getDb();
  return db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.toAddress, client.email), eq(emailOutbox.kind, kind)))
    .orderBy(asc(emailOutbox.createdAt));
}

const linkIn = (text: string, path: "a" | "r") => new RegExp(`/${path}/([A-Za-z0-9_-]{43})`).exec(text)?.[1];

/** Runs the plans of this practice the way the engine does, at each given moment. */
async function runAt(...moments: Date[]) {
  for (const now of moments) await runPlans({ now, practiceId: p.practiceId });
}

describe("a measurement plan's schedule", () => {
  it("a 12-week plan every 2 weeks sends exactly six invitations, on the expected local dates", async () => {
    const client = await newClient();
    const { planId } = await createPlan(p.clinician, { ...fields(), clientId: client.id, forCouple: false }, T0);
    // A worker every six hours for fourteen weeks (London moves to summer time on 28 March).
    const moments = Array.from({ length: 14 * 7 * 4 }, (_, i) => new Date(T0.getTime() + i * 6 * 60 * 60 * 1000));
    await runAt(...moments);
    const sent = await invitationsOf(planId);
    expect(sent.map((row) => [row.planOccurrence, localDay(row.createdAt, "Europe/London")])).toEqual([
      [0, "2027-03-01"],
      [1, "2027-03-15"],
      [2, "2027-03-29"],
      [3, "2027-04-12"],
      [4, "2027-04-26"],
      [5, "2027-05-10"],
    ]);
    expect(sent.every((row) => row.clientId === client.id && row.instruments.length === 1 && row.instruments[0]!.key === "closeness" && row.instruments[0]!.version === 1)).toBe(true);
    expect(await emailsTo(client, "invitation")).toHaveLength(6);
    // Nothing is open any more: the plan has run its course.
    const [plan] = await (await getDb()).select().from(plans).where(eq(plans.id, planId));
    expect(plan!.status).toBe("ended");
  });

  it("a plan of several questionnaires sends them in one link each time; a second plan may not share one", async () => {
    const client = await newClient();
    const { planId } = await createPlan(p.clinician, { ...fields({ instruments: ["phq9", "closeness"] }), clientId: client.id, forCouple: false }, T0);
    await runAt(at("2027-03-01T09:00:00Z"), at("2027-03-15T09:00:00Z"));
    const sent = await invitationsOf(planId);
    expect(sent).toHaveLength(2);
    for (const row of sent) {
      expect(row.instruments).toEqual([
        { key: "closeness", version: 1 },
        { key: "phq9", version: 1 },
      ]);
    }
    expect((await listPlansForClient(p.clinician, client.id, T0))[0]).toMatchObject({ instrumentLabel: "Closeness + PHQ-9", instrumentKeys: ["closeness", "phq9"] });
    // PHQ-9 is already on a schedule; GAD-7 alone is not.
    const clash = await createPlan(p.clinician, { ...fields({ instruments: ["phq9", "gad7"] }), clientId: client.id, forCouple: false }, T0).catch((e: unknown) => e);
    expect(clash).toMatchObject({ field: "instruments" });
    await createPlan(p.clinician, { ...fields({ instruments: ["gad7"] }), clientId: client.id, forCouple: false }, T0);
    // A plan keeps its questionnaires.
    const changed = await updatePlan(p.clinician, planId, fields({ instruments: ["closeness"] }), T0).catch((e: unknown) => e);
    expect(changed).toMatchObject({ field: "instruments" });
  });

  it("a worker down for three periods sends one invitation, for the current period, not three", async () => {
    const client = await newClient();
    const { planId } = await createPlan(p.clinician, { ...fields({ cadence: "weekly", endKind: "open", endCount: undefined }), clientId: client.id, forCouple: false }, T0);
    await runAt(at("2027-03-01T09:00:00Z"));
    // Down from 2 March to 23 March: the occurrences of 8, 15 and 22 March were missed.
    await runAt(at("2027-03-23T10:00:00Z"), at("2027-03-23T10:01:00Z"));
    expect((await invitationsOf(planId)).map((row) => [row.planOccurrence, localDay(row.createdAt, "Europe/London")])).toEqual([
      [0, "2027-03-01"],
      [3, "2027-03-23"],
    ]);
  });

  it("sends the first invitation at once when the plan starts today after the send hour", async () => {
    const client = await newClient();
    const { planId } = await createPlan(p.clinician, { ...fields(), clientId: client.id, forCouple: false }, at("2027-03-01T23:30:00Z"));
    expect(await invitationsOf(planId)).toHaveLength(1);
    const [view] = await listPlansForClient(p.clinician, client.id, at("2027-03-01T23:31:00Z"));
    expect(view!.sent).toHaveLength(1);
    expect(view!.upcoming.map((o) => o.date)).toEqual(["2027-03-15", "2027-03-29", "2027-04-12", "2027-04-26"]);
  });

  it("a couple's plan invites both partners on the same dates, each with a private link", async () => {
    const a = await newClient();
    const b = await newClient();
    await linkCoupleFixture(p.practiceId, a, b);
    const { planId } = await createPlan(p.clinician, { ...fields(), clientId: a.id, forCouple: true }, T0);
    await runAt(at("2027-03-01T08:00:00Z"));
    const sent = await invitationsOf(planId);
    expect(sent.map((row) => row.clientId).sort()).toEqual([a.id, b.id].sort());
    expect(new Set(sent.map((row) => row.tokenHash)).size).toBe(2);
    const [mailA] = await emailsTo(a, "invitation");
    const [mailB] = await emailsTo(b, "invitation");
    expect(linkIn(emailTextOf(mailA!), "a")).not.toEqual(linkIn(emailTextOf(mailB!), "a"));
    // The plan shows on both partners' pages.
    expect((await listPlansForClient(p.clinician, b.id, T0)).map((plan) => plan.id)).toEqual([planId]);
  });

  it("a couple's plan refuses, on the couple field, a client without a partner, a partner on another caseload and an archived partner", async () => {
    const single = await newClient();
    await expect(createPlan(p.clinician, { ...fields(), clientId: single.id, forCouple: true }, T0)).rejects.toMatchObject({ name: "DomainError", field: "forCouple" });
    const a = await newClient();
    const elsewhere = await createClientFixture(p.practiceId, p.otherClinician.userId);
    await linkCoupleFixture(p.practiceId, a, elsewhere);
    await expect(createPlan(p.clinician, { ...fields(), clientId: a.id, forCouple: true }, T0)).rejects.toThrow(/another clinician's caseload/);
    const c = await newClient();
    const archived = await newClient();
    await linkCoupleFixture(p.practiceId, c, archived);
    const db = await getDb();
    await db.update(clients).set({ status: "archived", archivedAt: new Date() }).where(eq(clients.id, archived.id));
    await expect(createPlan(p.clinician, { ...fields(), clientId: c.id, forCouple: true }, T0)).rejects.toThrow(/archived/);
    expect(await db.select().from(planMembers).where(inArray(planMembers.clientId, [single.id, a.id, c.id]))).toHaveLength(0);
  });

  it("from the couple's page: the couple's plan, for that couple only, both partners always", async () => {
    const a = await newClient();
    const b = await newClient();
    const coupleId = await linkCoupleFixture(p.practiceId, a, b);
    const c = await newClient();
    const d = await newClient();
    const otherCouple = await linkCoupleFixture(p.practiceId, c, d);
    // Another couple's id with this client: not found, nothing stored.
    await expect(createPlan(p.clinician, { ...fields(), clientId: a.id, forCouple: true, coupleId: otherCouple }, T0)).rejects.toThrow(NotFoundError);
    // The couple's page never makes a plan for one partner.
    await expect(createPlan(p.clinician, { ...fields(), clientId: a.id, forCouple: false, coupleId }, T0)).rejects.toThrow(DomainError);
    expect(await listPlansForCouple(p.clinician, coupleId, T0)).toEqual([]);
    const { planId } = await createPlan(p.clinician, { ...fields({ instruments: ["closeness", "csi4"] }), clientId: a.id, forCouple: true, coupleId }, T0);
    const [plan] = await listPlansForCouple(p.clinician, coupleId, T0);
    expect(plan!.id).toBe(planId);
    expect(plan!.members.map((member) => member.clientId).sort()).toEqual([a.id, b.id].sort());
    // Another clinician of the practice, whose caseload this is not: not found.
    await expect(createPlan(p.otherClinician, { ...fields({ instruments: ["gad7"] }), clientId: a.id, forCouple: true, coupleId }, T0)).rejects.toThrow(NotFoundError);
  });

  it("editing a plan changes every occurrence not yet sent, and keeps counting", async () => {
    const client = await newClient();
    const { planId } = await createPlan(p.clinician, { ...fields(), clientId: client.id, forCouple: false }, T0);
    await runAt(at("2027-03-01T09:00:00Z"));
    await updatePlan(p.clinician, planId, fields({ cadence: "weekly", startDate: "2027-03-10", endCount: 3 }), at("2027-03-02T09:00:00Z"));
    await runAt(...Array.from({ length: 40 }, (_, i) => new Date(at("2027-03-02T09:00:00Z").getTime() + i * DAY)));
    expect((await invitationsOf(planId)).map((row) => [row.planOccurrence, localDay(row.createdAt, "Europe/London")])).toEqual([
      [0, "2027-03-01"],
      [1, "2027-03-10"],
      [2, "2027-03-17"],
    ]);
  });

  it("a paused plan sends nothing; resumed, it sends the current occurrence only", async () => {
    const client = await newClient();
    const { planId } = await createPlan(p.clinician, { ...fields({ cadence: "weekly" }), clientId: client.id, forCouple: false }, T0);
    await runAt(at("2027-03-01T09:00:00Z"));
    await setPlanStatus(p.clinician, planId, "paused", at("2027-03-02T09:00:00Z"));
    await runAt(at("2027-03-08T09:00:00Z"), at("2027-03-15T09:00:00Z"));
    expect(await invitationsOf(planId)).toHaveLength(1);
    await setPlanStatus(p.clinician, planId, "active", at("2027-03-16T09:00:00Z"));
    expect((await invitationsOf(planId)).map((row) => row.planOccurrence)).toEqual([0, 2]);
  });
});

describe("reminders", () => {
  it("go to whoever has not finished, and stop once the assessment is completed", async () => {
    const done = await newClient();
    const waiting = await newClient();
    const twoReminders = fields({ cadence: "weekly", expiryDays: 5, reminder1: 1, reminder2: 3 });
    const plan1 = await createPlan(p.clinician, { ...twoReminders, clientId: done.id, forCouple: false }, T0);
    await createPlan(p.clinician, { ...twoReminders, clientId: waiting.id, forCouple: false }, T0);
    await runAt(at("2027-03-01T08:00:00Z"));
    await runAt(at("2027-03-02T08:00:00Z"));
    // The first reminder carries a fresh link (the first was never opened) and a stop link.
    const [reminder] = await emailsTo(done, "reminder");
    const text = emailTextOf(reminder!);
    expect(text).toContain("To stop these reminders");
    const token = linkIn(text, "a")!;
    // The client answers on 3 March, inside the link's five days: the plan's days are fixed, so the
    // clock is too (today's date would put the answer before the link or after it expired).
    setClockForTests(at("2027-03-03T12:00:00Z"));
    try {
      expect(await submitAssessment(token, answersForLevels({}, 4))).toMatchObject({ ok: true });
    } finally {
      setClockForTests(undefined);
    }

    await runAt(at("2027-03-04T08:00:00Z"), at("2027-03-05T08:00:00Z"));
    expect(await emailsTo(done, "reminder")).toHaveLength(1);
    expect(await emailsTo(waiting, "reminder")).toHaveLength(2);
    const db = await getDb();
    const rows = await db.select().from(planReminders).where(eq(planReminders.planId, plan1.planId));
    expect(rows.map((row) => row.reminderNumber)).toEqual([1]);
  });

  it("never go to a revoked or expired link", async () => {
    const client = await newClient();
    const { planId } = await createPlan(p.clinician, { ...fields({ expiryDays: 3, reminder1: 2 }), clientId: client.id, forCouple: false }, T0);
    await runAt(at("2027-03-01T08:00:00Z"));
    const db = await getDb();
    await db.update(invitations).set({ status: "revoked", revokedAt: at("2027-03-01T10:00:00Z") }).where(eq(invitations.planId, planId));
    await runAt(at("2027-03-03T09:00:00Z"), at("2027-03-05T09:00:00Z"));
    expect(await emailsTo(client, "reminder")).toHaveLength(0);
  });

  it("the stop link stops them, says so to the clinician, and is idempotent", async () => {
    const client = await newClient();
    const { planId } = await createPlan(p.clinician, { ...fields({ cadence: "weekly", expiryDays: 5, reminder1: 1, reminder2: 3 }), clientId: client.id, forCouple: false }, T0);
    await runAt(at("2027-03-01T08:00:00Z"), at("2027-03-02T08:00:00Z"));
    const [reminder] = await emailsTo(client, "reminder");
    const stop = linkIn(emailTextOf(reminder!), "r")!;
    const first = await stopRemindersByToken(stop, at("2027-03-02T12:00:00Z"));
    const second = await stopRemindersByToken(stop, at("2027-03-02T13:00:00Z"));
    expect(first).toEqual({ practiceName: p.practiceName, stoppedAt: at("2027-03-02T12:00:00Z") });
    expect(second).toEqual(first);
    await runAt(at("2027-03-04T08:00:00Z"));
    expect(await emailsTo(client, "reminder")).toHaveLength(1);
    // Stopping reminders stops reminders only: the next occurrence still goes out.
    await runAt(at("2027-03-08T08:00:00Z"));
    expect(await invitationsOf(planId)).toHaveLength(2);
    const [view] = await listPlansForClient(p.clinician, client.id, at("2027-03-08T09:00:00Z"));
    expect(view!.members[0]!.remindersStoppedAt).toEqual(at("2027-03-02T12:00:00Z"));
    const db = await getDb();
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, planId), eq(auditEvents.action, "plan.reminders_stopped_by_client")));
    expect(audit).toHaveLength(1);
    expect(await stopRemindersByToken("x".repeat(43))).toBeNull();
    expect(await stopRemindersByToken("not a token")).toBeNull();
  });
});

describe("several workers at once", () => {
  it("never create or send anything twice", async () => {
    const team = await Promise.all(Array.from({ length: 6 }, () => newClient()));
    const planIds: string[] = [];
    for (const client of team) {
      planIds.push((await createPlan(p.clinician, { ...fields({ cadence: "weekly", expiryDays: 5, reminder1: 1, reminder2: 3 }), clientId: client.id, forCouple: false }, T0)).planId);
    }
    const together = (iso: string) => Promise.all(Array.from({ length: 4 }, () => runPlans({ now: at(iso), practiceId: p.practiceId })));
    const first = await together("2027-03-01T08:00:00Z");
    expect(first.reduce((sum, run) => sum + run.invitations, 0)).toBe(6);
    const reminders = await together("2027-03-02T08:00:00Z");
    expect(reminders.reduce((sum, run) => sum + run.reminders, 0)).toBe(6);
    const db = await getDb();
    const sent = await db.select().from(invitations).where(inArray(invitations.planId, planIds));
    expect(sent).toHaveLength(6);
    for (const client of team) {
      expect(await emailsTo(client, "invitation")).toHaveLength(1);
      expect(await emailsTo(client, "reminder")).toHaveLength(1);
    }
  });
});

describe("bad input and who may", () => {
  async function plansOfClient(clientId: string) {
    const db = await getDb();
    return db.select().from(planMembers).where(eq(planMembers.clientId, clientId));
  }

  async function refusal(promise: Promise<unknown>): Promise<{ field: string | undefined; message: string }> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    return { field: (error as DomainError).field, message: (error as DomainError).message };
  }

  it("refuses a first date in the past, next to the field, and stores nothing", async () => {
    const client = await newClient();
    // 23:30 on 1 March in London: 1 March is still today; 28 February is past.
    const late = at("2027-03-01T23:30:00Z");
    expect(await refusal(createPlan(p.clinician, { ...fields({ startDate: "2027-02-28" }), clientId: client.id, forCouple: false }, late))).toEqual({
      field: "startDate",
      message: "The first date is in the past. Choose today or a later date.",
    });
    expect(await plansOfClient(client.id)).toHaveLength(0);
    await createPlan(p.clinician, { ...fields({ startDate: "2027-03-01" }), clientId: client.id, forCouple: false }, late);
    expect(await plansOfClient(client.id)).toHaveLength(1);
  });

  it("refuses cadences and counts out of range in the form", () => {
    // One range with one-off sends: 1 to 60 days (61 is out).
    const parsed = createPlanSchema.safeParse({ ...fields(), cadence: "daily", endCount: "0", expiryDays: "61", clientId: "x" });
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((issue) => issue.path[0]);
    expect(paths).toEqual(expect.arrayContaining(["cadence", "endCount", "expiryDays"]));
    expect(createPlanSchema.safeParse({ ...fields(), endCount: "53", clientId: "x" }).success).toBe(false);
  });

  it("takes the practice's default expiry when none is chosen, and closes a link when the next is sent", async () => {
    const client = await newClient();
    const db = await getDb();
    await db.update(practices).set({ defaultLinkExpiryDays: 10 }).where(eq(practices.id, p.practiceId));
    try {
      const { planId } = await createPlan(p.clinician, { ...fields({ cadence: "weekly", expiryDays: undefined, reminder1: 2 }), clientId: client.id, forCouple: false }, T0);
      const [plan] = await db.select().from(plans).where(eq(plans.id, planId));
      expect(plan!.expiryDays).toBe(10);
      // Weekly: a 10-day link would outlive its week, so each closes after 7 days; a reminder on day 7 is refused.
      expect(planLinkDays(plan!.expiryDays, plan!.cadence)).toBe(7);
      expect(planLinkDays(10, "two_weeks")).toBe(10);
      const other = await newClient();
      expect((await refusal(createPlan(p.clinician, { ...fields({ cadence: "weekly", expiryDays: 10, reminder1: 7 }), clientId: other.id, forCouple: false }, T0))).field).toBe("reminder1");
    } finally {
      await db.update(practices).set({ defaultLinkExpiryDays: 14 }).where(eq(practices.id, p.practiceId));
    }
  });

  it("refuses reminders after the expiry", async () => {
    const client = await newClient();
    const input = { clientId: client.id, forCouple: false };
    expect((await refusal(createPlan(p.clinician, { ...fields({ expiryDays: 4, reminder1: 4 }), ...input }, T0))).field).toBe("reminder1");
    expect((await refusal(createPlan(p.clinician, { ...fields({ reminder1: 2, reminder2: 1 }), ...input }, T0))).field).toBe("reminder2");
    expect((await refusal(createPlan(p.clinician, { ...fields({ endKind: "on_date", endCount: undefined, endDate: "2027-02-01" }), ...input }, T0))).field).toBe("endDate");
    expect(await plansOfClient(client.id)).toHaveLength(0);
  });

  it("refuses a plan for an archived client, and a second plan for the same questionnaire", async () => {
    const archived = await createClientFixture(p.practiceId, p.clinician.userId, { status: "archived", archivedAt: T0 });
    expect((await refusal(createPlan(p.clinician, { ...fields(), clientId: archived.id, forCouple: false }, T0))).message).toMatch(/archived/);
    expect(await plansOfClient(archived.id)).toHaveLength(0);

    const client = await newClient();
    await createPlan(p.clinician, { ...fields(), clientId: client.id, forCouple: false }, T0);
    expect(await refusal(createPlan(p.clinician, { ...fields({ cadence: "weekly" }), clientId: client.id, forCouple: false }, T0))).toMatchObject({ field: "instruments" });
    expect(await plansOfClient(client.id)).toHaveLength(1);
  });

  it("archiving a client ends their plans", async () => {
    const client = await newClient();
    const { planId } = await createPlan(p.clinician, { ...fields(), clientId: client.id, forCouple: false }, T0);
    await setClientArchived(p.clinician, client.id, true);
    const db = await getDb();
    const [plan] = await db.select().from(plans).where(eq(plans.id, planId));
    expect(plan!.status).toBe("ended");
    await runAt(at("2027-03-01T09:00:00Z"));
    expect(await invitationsOf(planId)).toHaveLength(0);
    const [row] = await db.select({ status: clients.status }).from(clients).where(eq(clients.id, client.id));
    expect(row!.status).toBe("archived");
  });

  it("another clinician or practice sees no plan and cannot change one", async () => {
    const client = await newClient();
    const { planId } = await createPlan(p.clinician, { ...fields(), clientId: client.id, forCouple: false }, T0);
    const other = await createPracticeFixture();
    await expect(listPlansForClient(other.owner, client.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listPlansForClient(p.otherClinician, client.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(setPlanStatus(other.owner, planId, "ended")).rejects.toBeInstanceOf(NotFoundError);
    await expect(setPlanStatus(p.otherClinician, planId, "paused")).rejects.toBeInstanceOf(NotFoundError);
    await expect(updatePlan(other.owner, planId, fields(), T0)).rejects.toBeInstanceOf(NotFoundError);
    // The practice owner may.
    await setPlanStatus(p.owner, planId, "paused", T0);
  });
});

describe("the caseload and the overview", () => {
  it("the caseload shows who has an active plan and filters by it", async () => {
    const f = await createPracticeFixture();
    const withPlan = await createClientFixture(f.practiceId, f.clinician.userId);
    const without = await createClientFixture(f.practiceId, f.clinician.userId);
    await createPlan(f.clinician, { ...fields(), clientId: withPlan.id, forCouple: false }, T0);
    const active = await listCaseload(f.clinician, parseCaseloadQuery({ plan: "active" }));
    expect(active.rows.map((row) => [row.id, row.planStatus])).toEqual([[withPlan.id, "active"]]);
    const none = await listCaseload(f.clinician, parseCaseloadQuery({ plan: "none" }));
    expect(none.rows.map((row) => row.id)).toEqual([without.id]);
  });

  it("the overview shows what is due in the next 7 days, what is about to expire unfinished, and the completion rate", async () => {
    const f = await createPracticeFixture();
    const a = await createClientFixture(f.practiceId, f.clinician.userId, { firstName: "Ada", lastName: "Zed" });
    const b = await createClientFixture(f.practiceId, f.clinician.userId, { firstName: "Bea", lastName: "Zed" });
    await createPlan(f.clinician, { ...fields({ cadence: "weekly", expiryDays: 3 }), clientId: a.id, forCouple: false }, T0);
    await createPlan(f.clinician, { ...fields({ startDate: "2027-03-05" }), clientId: b.id, forCouple: false }, T0);
    await runPlans({ now: at("2027-03-01T08:00:00Z"), practiceId: f.practiceId });
    // Wednesday 3 March, noon: Ada's link (sent 1 March, 3 days) expires within 48 hours.
    const now = at("2027-03-03T12:00:00Z");
    const overview = await getScheduleOverview(f.clinician, "3", now);
    expect(overview.activePlans).toBe(2);
    expect(overview.dueSoon.map((due) => [due.date, due.clients.map((c) => c.name)])).toEqual([
      ["2027-03-05", ["Bea Zed"]],
      ["2027-03-08", ["Ada Zed"]],
    ]);
    expect(overview.overdue.map((item) => item.clientName)).toEqual(["Ada Zed"]);
    expect(overview.completion).toEqual({ settled: 0, completed: 0, rate: null });
    // After the link expired: one settled, none completed. Another clinician sees none of it.
    expect((await getScheduleOverview(f.clinician, "3", at("2027-03-04T09:00:00Z"))).completion).toEqual({ settled: 1, completed: 0, rate: 0 });
    expect((await getScheduleOverview(f.otherClinician, "3", now)).activePlans).toBe(0);
  });
});

describe("the job engine", () => {
  it("runs the plans: a plan due now gets its invitation without anyone asking (in-memory database only)", async ({ skip }) => {
    // The engine runs every practice's plans; on a database shared with other test files it would run theirs too.
    if ((await getHandle()).driver !== "pglite") skip("runs where the database belongs to this file");
    const f = await createPracticeFixture({ timeZone: "UTC" });
    const client = await createClientFixture(f.practiceId, f.clinician.userId);
    // Written as a plan made yesterday: its first occurrence is due now, and nothing has run it yet.
    const db = await getDb();
    const yesterday = localDay(new Date(Date.now() - DAY), "UTC");
    const [plan] = await db
      .insert(plans)
      .values({
        practiceId: f.practiceId,
        createdBy: f.clinician.userId,
        instruments: [{ key: "closeness", version: 1 }],
        cadence: "weekly",
        startDate: yesterday,
        endKind: "open",
        expiryDays: 4,
        reminderDays: [2],
      })
      .returning();
    await db.insert(planMembers).values({ planId: plan!.id, clientId: client.id, practiceId: f.practiceId });
    try {
      registerJobHandlers();
      await startJobEngine({ work: true });
      requestJob(QUEUES.plans);
      // Fire-and-forget, so there is nothing to await: poll, with a bound that only catches a hang.
      await vi.waitFor(async () => expect(await invitationsOf(plan!.id)).toHaveLength(1), { timeout: 120_000, interval: 100 });
      // Asked again, it sends nothing more for this period.
      requestJob(QUEUES.plans);
      await stopJobEngine();
      expect((await invitationsOf(plan!.id)).map((row) => [row.planOccurrence, row.clientId])).toEqual([[0, client.id]]);
      expect(await emailsTo(client, "invitation")).toHaveLength(1);
    } finally {
      await stopJobEngine();
    }
  });
});
