import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, clients, couples } from "@/db/schema";
import type { Actor } from "@/lib/core/actor-types";
import { listCaseload } from "@/lib/clients/caseload";
import { addNewPartner, createClient, createCouple, linkPartners } from "@/lib/clients/clients";
import { coupleInputSchema, parseCaseloadQuery } from "@/lib/clients/schemas";
import { DomainError, NotFoundError } from "@/lib/core/errors";
import { answersForLevels, clientInput, createTestPractice, insertAssessmentFixture, uniqueId } from "@/test/fixtures";
import { getCoupleDetail } from "./couples";

function coupleForm(overrides: Record<string, string> = {}) {
  const id = uniqueId();
  return coupleInputSchema.parse({
    "partner1.firstName": "Ana",
    "partner1.lastName": `Alder${id}`,
    "partner1.email": `ana-${id}@example.test`,
    "partner2.firstName": "Ben",
    "partner2.lastName": `Birch${id}`,
    "partner2.email": `ben-${id}@example.test`,
    ...overrides,
  });
}

async function practiceClients(practiceId: string) {
  const db = await getDb();
  return db.select().from(clients).where(eq(clients.practiceId, practiceId));
}

async function coupleRow(coupleId: string) {
  const db = await getDb();
  const [row] = await db.select().from(couples).where(eq(couples.id, coupleId));
  return row!;
}

describe("createCouple", () => {
  it("creates both partners and their couple in one go, on the clinician's caseload, audited", async () => {
    const { clinicians } = await createTestPractice({ clinicians: 1 });
    const me = clinicians[0]!;
    const { coupleId, clientIds } = await createCouple(me, coupleForm());
    const rows = await practiceClients(me.practiceId);
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.coupleId === coupleId && row.clinicianId === me.userId)).toBe(true);
    const db = await getDb();
    for (const id of clientIds) {
      const actions = (await db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.clientId, id))).map((r) => r.action);
      expect(actions.sort()).toEqual(["client.create", "client.link_partner"]);
    }
  });

  it("a clinician's choice of clinician is ignored; an owner's is used and checked", async () => {
    const { owner, clinicians } = await createTestPractice({ clinicians: 2 });
    const [me, other] = clinicians as [Actor, Actor];
    await createCouple(me, coupleForm({ clinicianId: other.userId }));
    expect((await practiceClients(me.practiceId)).every((row) => row.clinicianId === me.userId)).toBe(true);

    const { coupleId } = await createCouple(owner, coupleForm({ clinicianId: other.userId }));
    const assigned = (await practiceClients(owner.practiceId)).filter((row) => row.coupleId === coupleId);
    expect(assigned.map((row) => row.clinicianId)).toEqual([other.userId, other.userId]);

    const stranger = await createTestPractice();
    await expect(createCouple(owner, coupleForm({ clinicianId: stranger.owner.userId }))).rejects.toMatchObject({ field: "clinicianId" });
  });

  it("writes nothing when the second partner's email is taken, and names that field", async () => {
    const { owner } = await createTestPractice();
    const taken = await createClient(owner, clientInput({ email: "taken@example.test" }));
    const error = await createCouple(owner, coupleForm({ "partner2.email": "Taken@example.test" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).field).toBe("partner2.email");
    const rows = await practiceClients(owner.practiceId);
    expect(rows.map((row) => row.id)).toEqual([taken.id]);
    const db = await getDb();
    expect(await db.select().from(couples).where(eq(couples.practiceId, owner.practiceId))).toHaveLength(0);
  });

  it("refuses the same email for both partners at the form", () => {
    const parsed = coupleInputSchema.safeParse({
      "partner1.firstName": "A",
      "partner1.lastName": "B",
      "partner1.email": "same@example.test",
      "partner2.firstName": "C",
      "partner2.lastName": "D",
      "partner2.email": "SAME@example.test",
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(["partner2.email"]);
  });
});

describe("addNewPartner", () => {
  it("creates the partner on the client's clinician's caseload and links them", async () => {
    const { owner, clinicians } = await createTestPractice({ clinicians: 1 });
    const me = clinicians[0]!;
    const client = await createClient(me, clientInput());
    // The owner adds the partner: they join the client's clinician, not the owner.
    const { coupleId, partnerId } = await addNewPartner(owner, client.id, clientInput({ firstName: "New" }));
    const rows = await practiceClients(owner.practiceId);
    expect(rows.find((row) => row.id === partnerId)).toMatchObject({ clinicianId: me.userId, coupleId, firstName: "New" });
    expect(rows.find((row) => row.id === client.id)!.coupleId).toBe(coupleId);
  });

  it("refuses a client who already has a partner, and changes nothing", async () => {
    const { owner } = await createTestPractice();
    const { clientIds } = await createCouple(owner, coupleForm());
    await expect(addNewPartner(owner, clientIds[0], clientInput())).rejects.toThrow(/already linked with/);
    expect(await practiceClients(owner.practiceId)).toHaveLength(2);
  });

  it("is not found for another clinician's client and another practice's", async () => {
    const { clinicians } = await createTestPractice({ clinicians: 2 });
    const [me, other] = clinicians as [Actor, Actor];
    const theirs = await createClient(other, clientInput());
    await expect(addNewPartner(me, theirs.id, clientInput())).rejects.toThrow(NotFoundError);
    const stranger = await createTestPractice();
    await expect(addNewPartner(stranger.owner, theirs.id, clientInput())).rejects.toThrow(NotFoundError);
    expect(await practiceClients(me.practiceId)).toHaveLength(1);
  });
});

describe("getCoupleDetail", () => {
  it("shows a couple to the owner and its clinician, with both partners open; audits the view", async () => {
    const { owner, clinicians } = await createTestPractice({ clinicians: 1 });
    const me = clinicians[0]!;
    const { coupleId, clientIds } = await createCouple(me, coupleForm());
    for (const actor of [owner, me]) {
      const detail = await getCoupleDetail(actor, coupleId);
      expect(detail.bothAccessible).toBe(true);
      expect(detail.members.map((m) => m.name.split(" ")[0])).toEqual(["Ana", "Ben"]);
    }
    const db = await getDb();
    const views = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "couple.view"), eq(auditEvents.clientId, clientIds[0])));
    expect(views).toHaveLength(2);
  });

  it("a clinician who sees one partner sees the couple, but not the other partner's record", async () => {
    const { owner, clinicians } = await createTestPractice({ clinicians: 2 });
    const [me, other] = clinicians as [Actor, Actor];
    const mine = await createClient(me, clientInput({ firstName: "Mine", lastName: "Aaa" }));
    const theirs = await createClient(other, clientInput({ firstName: "Theirs", lastName: "Zzz" }));
    await linkPartners(owner, mine.id, theirs.id);
    const [row] = await (await getDb()).select({ coupleId: clients.coupleId }).from(clients).where(eq(clients.id, mine.id));
    const detail = await getCoupleDetail(me, row!.coupleId!);
    expect(detail.bothAccessible).toBe(false);
    expect(detail.members.map((m) => [m.id, m.accessible])).toEqual([
      [mine.id, true],
      [theirs.id, false],
    ]);
  });

  it("is not found for another practice, a clinician who sees neither partner, an unlinked couple, or a bad id", async () => {
    const { owner, clinicians } = await createTestPractice({ clinicians: 2 });
    const [me, other] = clinicians as [Actor, Actor];
    const { coupleId } = await createCouple(other, coupleForm());
    await expect(getCoupleDetail(me, coupleId)).rejects.toThrow(NotFoundError);
    const stranger = await createTestPractice();
    await expect(getCoupleDetail(stranger.owner, coupleId)).rejects.toThrow(NotFoundError);
    await expect(getCoupleDetail(owner, "not-a-uuid")).rejects.toThrow(NotFoundError);
    const db = await getDb();
    await db.update(couples).set({ unlinkedAt: new Date() }).where(eq(couples.id, coupleId));
    await db.update(clients).set({ coupleId: null }).where(eq(clients.coupleId, coupleId));
    await expect(getCoupleDetail(owner, coupleId)).rejects.toThrow(NotFoundError);
  });
});

describe("the couple's current gap", () => {
  it("is kept with each submission and when partners with a history are linked", async () => {
    const { owner } = await createTestPractice();
    const { coupleId, clientIds } = await createCouple(owner, coupleForm());
    const [ana, ben] = clientIds;
    const day = (d: number) => new Date(Date.UTC(2026, 2, d, 10));
    await insertAssessmentFixture({ practiceId: owner.practiceId, clientId: ana, completedAt: day(1), answers: answersForLevels({ trust: 1 }) });
    expect((await coupleRow(coupleId)).latestGap).toBeNull();
    // Trust: Ana 0 (all 1s), Ben 100 (all 5s): gap 100; every other dimension 50 vs 50.
    await insertAssessmentFixture({ practiceId: owner.practiceId, clientId: ben, completedAt: day(3), answers: answersForLevels({ trust: 5 }) });
    expect(await coupleRow(coupleId)).toMatchObject({ latestGap: 100, latestGapDimension: "trust", latestGapAt: day(3) });

    // Ana again on 20 Mar, Trust like Ben's: that pair (20 Mar, nothing within 14 days) does not exist; the 1–3 Mar pair stands.
    await insertAssessmentFixture({ practiceId: owner.practiceId, clientId: ana, completedAt: day(20), answers: answersForLevels({ trust: 5 }) });
    expect((await coupleRow(coupleId)).latestGap).toBe(100);
    await insertAssessmentFixture({ practiceId: owner.practiceId, clientId: ben, completedAt: day(21), answers: answersForLevels({ trust: 5 }) });
    expect(await coupleRow(coupleId)).toMatchObject({ latestGap: 0, latestGapAt: day(21) });

    // Two clients with histories, linked later: the gap is there at once.
    const c = await createClient(owner, clientInput());
    const d = await createClient(owner, clientInput());
    await insertAssessmentFixture({ practiceId: owner.practiceId, clientId: c.id, completedAt: day(5), answers: answersForLevels({ care: 1 }) });
    await insertAssessmentFixture({ practiceId: owner.practiceId, clientId: d.id, completedAt: day(6), answers: answersForLevels({ care: 4 }) });
    await linkPartners(owner, c.id, d.id);
    const [linked] = await (await getDb()).select({ coupleId: clients.coupleId }).from(clients).where(eq(clients.id, c.id));
    expect(await coupleRow(linked!.coupleId!)).toMatchObject({ latestGap: 75, latestGapDimension: "care" });
  });
});

describe("the caseload's couple rows", () => {
  it("shows a couple as one row with both partners and its gap; filters couples and individuals; searches either partner", async () => {
    const { owner } = await createTestPractice();
    const { clientIds } = await createCouple(owner, coupleForm({ "partner1.lastName": "Morgan", "partner2.lastName": "Morgan", "partner1.firstName": "Alex", "partner2.firstName": "Jordan" }));
    const single = await createClient(owner, clientInput({ firstName: "Sol", lastName: "Single" }));
    const day = (d: number) => new Date(Date.UTC(2026, 2, d, 10));
    await insertAssessmentFixture({ practiceId: owner.practiceId, clientId: clientIds[0], completedAt: day(1), answers: answersForLevels({ trust: 1 }) });
    await insertAssessmentFixture({ practiceId: owner.practiceId, clientId: clientIds[1], completedAt: day(2), answers: answersForLevels({ trust: 5 }) });

    const all = await listCaseload(owner, parseCaseloadQuery({}));
    expect(all.total).toBe(2);
    const coupleRow = all.rows.find((row) => row.id === clientIds[0])!;
    expect(coupleRow.partner?.id).toBe(clientIds[1]);
    expect(coupleRow.gap).toMatchObject({ points: 100, dimension: "trust", flagged: true });
    expect(all.rows.find((row) => row.id === single.id)!.partner).toBeNull();

    expect((await listCaseload(owner, parseCaseloadQuery({ kind: "couples" }))).rows.map((r) => r.id)).toEqual([clientIds[0]]);
    expect((await listCaseload(owner, parseCaseloadQuery({ kind: "individuals" }))).rows.map((r) => r.id)).toEqual([single.id]);
    // Searching the second partner finds the couple's row.
    const found = await listCaseload(owner, parseCaseloadQuery({ q: "jordan" }));
    expect(found.rows.map((r) => [r.id, r.partner?.id])).toEqual([[clientIds[0], clientIds[1]]]);
    const byGap = await listCaseload(owner, parseCaseloadQuery({ sort: "gap", dir: "desc" }));
    expect(byGap.rows.map((r) => r.id)).toEqual([clientIds[0], single.id]);
  });

  it("a clinician who sees one partner gets that partner's own row, the other only named", async () => {
    const { owner, clinicians } = await createTestPractice({ clinicians: 2 });
    const [me, other] = clinicians as [Actor, Actor];
    const mine = await createClient(me, clientInput({ lastName: "Zed" }));
    const theirs = await createClient(other, clientInput({ lastName: "Abe" }));
    await linkPartners(owner, mine.id, theirs.id);
    const page = await listCaseload(me, parseCaseloadQuery({}));
    expect(page.rows.map((r) => [r.id, r.partnerId, r.partner])).toEqual([[mine.id, theirs.id, null]]);
    // The owner sees one couple row, carried by the partner whose name sorts first.
    const ownerPage = await listCaseload(owner, parseCaseloadQuery({}));
    expect(ownerPage.rows.map((r) => [r.id, r.partner?.id])).toEqual([[theirs.id, mine.id]]);
    // An archived partner leaves the active view: the other gets a row of their own.
    await (await getDb()).update(clients).set({ status: "archived" }).where(eq(clients.id, theirs.id));
    expect((await listCaseload(owner, parseCaseloadQuery({}))).rows.map((r) => [r.id, r.partner])).toEqual([[mine.id, null]]);
  });
});
