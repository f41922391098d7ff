import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, clients, users } from "@/db/schema";
import type { Actor } from "@/lib/core/actor-types";
import { DomainError, ForbiddenError, NotFoundError } from "@/lib/core/errors";
import { loadActiveActor } from "@/lib/auth/actor";
import { clientInput, createTestPractice } from "@/test/fixtures";
import { canSeeClient, clientScope } from "@/lib/core/client-access";
import { listCaseload } from "./caseload";
import {
  createClient,
  getClientDetail,
  linkPartners,
  listClientAudit,
  reassignAllClients,
  setClientArchived,
  unlinkPartner,
  updateClient,
} from "./clients";
import { parseCaseloadQuery } from "./schemas";

async function auditActions(clientId: string) {
  const db = await getDb();
  const rows = await db.select({ action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.subjectType, "client"), eq(auditEvents.subjectId, clientId)));
  return rows.map((row) => row.action);
}

describe("client records", () => {
  it("creates, edits, archives and restores, writing an audit row for each", async () => {
    const { clinicians } = await createTestPractice({ clinicians: 1 });
    const me = clinicians[0]!;
    const { id } = await createClient(me, clientInput({ firstName: "Ana" }));
    await updateClient(me, id, { ...clientInput({ firstName: "Anna" }) });
    await setClientArchived(me, id, true);
    await setClientArchived(me, id, false);
    const detail = await getClientDetail(me, id);
    expect(detail.client.firstName).toBe("Anna");
    expect(detail.client.clinicianId).toBe(me.userId);
    expect((await auditActions(id)).sort()).toEqual(["client.archive", "client.create", "client.restore", "client.update", "client.view"].sort());
  });

  it("refuses an email used by another active client, but allows it once that client is archived", async () => {
    const { owner } = await createTestPractice();
    const first = await createClient(owner, clientInput({ email: "shared@example.test" }));
    await expect(createClient(owner, clientInput({ email: "SHARED@example.test" }))).rejects.toThrow(DomainError);
    await setClientArchived(owner, first.id, true);
    const second = await createClient(owner, clientInput({ email: "shared@example.test" }));
    // Restoring the first would now clash: refused, and nothing changes.
    await expect(setClientArchived(owner, first.id, false)).rejects.toThrow(/already uses this email/);
    const db = await getDb();
    const [row] = await db.select({ status: clients.status }).from(clients).where(eq(clients.id, first.id));
    expect(row!.status).toBe("archived");
    expect(second.id).toBeTruthy();
  });

  it("links partners, refuses a third, and unlinks", async () => {
    const { owner } = await createTestPractice();
    const a = await createClient(owner, clientInput());
    const b = await createClient(owner, clientInput());
    const c = await createClient(owner, clientInput({ firstName: "Cara", lastName: "Third" }));
    await linkPartners(owner, a.id, b.id);
    expect((await getClientDetail(owner, a.id)).partner?.id).toBe(b.id);
    expect((await getClientDetail(owner, b.id)).partner?.id).toBe(a.id);

    await expect(linkPartners(owner, c.id, a.id)).rejects.toThrow(/is already linked with/);
    expect((await getClientDetail(owner, c.id)).partner).toBeNull();

    await unlinkPartner(owner, b.id);
    expect((await getClientDetail(owner, a.id)).partner).toBeNull();
    await linkPartners(owner, c.id, a.id);
    expect((await getClientDetail(owner, c.id)).partner?.id).toBe(a.id);
  });

  it("moves every client of one clinician to another, with an audit row each", async () => {
    const { owner, clinicians } = await createTestPractice({ clinicians: 2 });
    const [leaving, staying] = clinicians as [Actor, Actor];
    const moving = [await createClient(leaving, clientInput()), await createClient(leaving, clientInput())];
    const kept = await createClient(owner, clientInput());
    expect(await reassignAllClients(owner, leaving.userId, staying.userId)).toBe(2);
    for (const { id } of moving) {
      expect((await getClientDetail(staying, id)).client.clinicianId).toBe(staying.userId);
      expect(await auditActions(id)).toContain("client.reassign");
    }
    expect((await getClientDetail(owner, kept.id)).client.clinicianId).toBe(owner.userId);
    expect(await reassignAllClients(owner, leaving.userId, staying.userId)).toBe(0);
  });

  it("two concurrent links of one client give one couple", async () => {
    const { owner } = await createTestPractice();
    const [a, b, c] = await Promise.all([createClient(owner, clientInput()), createClient(owner, clientInput()), createClient(owner, clientInput())]);
    const results = await Promise.allSettled([linkPartners(owner, a.id, b.id), linkPartners(owner, a.id, c.id)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const db = await getDb();
    const rows = await db.select({ coupleId: clients.coupleId }).from(clients).where(eq(clients.practiceId, owner.practiceId));
    expect(rows.filter((row) => row.coupleId).length).toBe(2);
  });
});

describe("scoping", () => {
  it("a clinician cannot read or change another clinician's client", async () => {
    const { owner, clinicians } = await createTestPractice({ clinicians: 2 });
    const [mine, theirs] = clinicians as [typeof owner, typeof owner];
    const theirClient = await createClient(theirs, clientInput());
    const myClient = await createClient(mine, clientInput());

    await expect(getClientDetail(mine, theirClient.id)).rejects.toThrow(NotFoundError);
    await expect(updateClient(mine, theirClient.id, clientInput())).rejects.toThrow(NotFoundError);
    await expect(setClientArchived(mine, theirClient.id, true)).rejects.toThrow(NotFoundError);
    await expect(linkPartners(mine, myClient.id, theirClient.id)).rejects.toThrow(NotFoundError);
    await expect(reassignAllClients(mine, theirs.userId, mine.userId)).rejects.toThrow(ForbiddenError);
    await expect(listClientAudit(mine, myClient.id)).rejects.toThrow(ForbiddenError);

    const page = await listCaseload(mine, parseCaseloadQuery({}));
    expect(page.rows.map((row) => row.id)).toEqual([myClient.id]);
    // The owner sees both.
    expect((await listCaseload(owner, parseCaseloadQuery({}))).total).toBe(2);
  });

  it("a user of another practice gets not found for every client of this practice", async () => {
    const here = await createTestPractice({ clinicians: 1 });
    const elsewhere = await createTestPractice({ clinicians: 1 });
    const client = await createClient(here.owner, clientInput());
    const partner = await createClient(here.owner, clientInput());
    for (const stranger of [elsewhere.owner, elsewhere.clinicians[0]!]) {
      await expect(getClientDetail(stranger, client.id)).rejects.toThrow(NotFoundError);
      await expect(updateClient(stranger, client.id, clientInput())).rejects.toThrow(NotFoundError);
      await expect(setClientArchived(stranger, client.id, true)).rejects.toThrow(NotFoundError);
      await expect(linkPartners(stranger, client.id, partner.id)).rejects.toThrow(NotFoundError);
      await expect(unlinkPartner(stranger, client.id)).rejects.toThrow(NotFoundError);
      expect((await listCaseload(stranger, parseCaseloadQuery({}))).total).toBe(0);
    }
    // Reassigning everyone of this practice's clinician, from another practice, moves nothing.
    expect(await reassignAllClients(elsewhere.owner, here.owner.userId, elsewhere.owner.userId)).toBe(0);
    expect((await getClientDetail(here.owner, client.id)).client.clinicianId).toBe(here.owner.userId);
    await expect(listClientAudit(elsewhere.owner, client.id)).rejects.toThrow(NotFoundError);
    await expect(getClientDetail(here.owner, "not-a-uuid")).rejects.toThrow(NotFoundError);
  });

  it("the in-memory rule and the SQL scope agree on who sees which client", async () => {
    const here = await createTestPractice({ clinicians: 2 });
    const elsewhere = await createTestPractice({ clinicians: 1 });
    const [first, second] = here.clinicians as [Actor, Actor];
    for (const clinician of [here.owner, first, second]) await createClient(here.owner, clientInput({ clinicianId: clinician.userId }));
    const db = await getDb();
    const all = await db.select().from(clients).where(eq(clients.practiceId, here.practice.id));
    for (const actor of [here.owner, first, second, elsewhere.owner, elsewhere.clinicians[0]!]) {
      const scoped = await db.select({ id: clients.id }).from(clients).where(and(eq(clients.practiceId, here.practice.id), clientScope(actor)));
      const expected = all.filter((client) => canSeeClient(actor, client)).map((client) => client.id);
      expect(scoped.map((row) => row.id).sort()).toEqual(expected.sort());
    }
    // Sanity: the owner sees all three, each clinician one, the other practice none.
    expect(all.filter((client) => canSeeClient(here.owner, client))).toHaveLength(3);
    expect(all.filter((client) => canSeeClient(first, client))).toHaveLength(1);
    expect(all.filter((client) => canSeeClient(elsewhere.owner, client))).toHaveLength(0);
  });

  it("an owner cannot assign a client to a clinician of another practice", async () => {
    const here = await createTestPractice();
    const elsewhere = await createTestPractice({ clinicians: 1 });
    await expect(createClient(here.owner, clientInput({ clinicianId: elsewhere.clinicians[0]!.userId }))).rejects.toThrow(DomainError);
  });

  it("a deactivated clinician can do nothing", async () => {
    const { clinicians } = await createTestPractice({ clinicians: 1 });
    const clinician = clinicians[0]!;
    await createClient(clinician, clientInput());
    const db = await getDb();
    await db.update(users).set({ active: false }).where(eq(users.id, clinician.userId));
    // Every request starts by re-loading the actor; a deactivated user has none.
    expect(await loadActiveActor(clinician.userId)).toBeNull();
  });
});

describe("caseload", () => {
  it("searches, filters by status, sorts and paginates in the database", async () => {
    const { owner, clinicians } = await createTestPractice({ clinicians: 1 });
    const names = ["Young", "Abbott", "Moss", "Carter", "Baker"];
    const ids: Record<string, string> = {};
    for (const lastName of names) ids[lastName] = (await createClient(owner, clientInput({ lastName, firstName: "Sam" }))).id;
    await setClientArchived(owner, ids.Moss!, true);
    await updateClient(owner, ids.Young!, { ...clientInput({ lastName: "Young", firstName: "Sam", clinicianId: clinicians[0]!.userId }) });

    const view = (params: Record<string, string>) => listCaseload(owner, parseCaseloadQuery(params));
    expect((await view({})).rows.map((row) => row.lastName)).toEqual(["Abbott", "Baker", "Carter", "Young"]);
    expect((await view({ dir: "desc" })).rows.map((row) => row.lastName)).toEqual(["Young", "Carter", "Baker", "Abbott"]);
    expect((await view({ status: "archived" })).rows.map((row) => row.lastName)).toEqual(["Moss"]);
    expect((await view({ status: "all" })).total).toBe(5);
    expect((await view({ q: "CART" })).rows.map((row) => row.lastName)).toEqual(["Carter"]);
    expect((await view({ q: "100%_" })).total).toBe(0);
    expect((await view({ clinician: clinicians[0]!.userId })).rows.map((row) => row.lastName)).toEqual(["Young"]);

    const page2 = await view({ size: "10", page: "2" });
    expect(page2.query.page).toBe(1); // past the end: the last page
    const paged = await listCaseload(owner, { ...parseCaseloadQuery({}), size: 2 as 10, page: 2 });
    expect(paged.rows.map((row) => row.lastName)).toEqual(["Carter", "Young"]);
    expect(paged.pageCount).toBe(2);
  });
});
