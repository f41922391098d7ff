import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, clients, emailOutbox, invitations } from "@/db/schema";
import { DomainError, NotFoundError } from "@/lib/core/errors";
import { hashToken } from "@/lib/core/tokens";
import { createClientFixture, createPracticeFixture, emailTextOf, linkCoupleFixture, type PracticeFixture } from "@/test/fixtures";
import { createInvitations, listInvitations, resendInvitation, revokeInvitation } from "./invitations";
import { getInvitationView, saveDraft, submitAssessment } from "./public";

const DAY_MS = 24 * 60 * 60 * 1000;
const tokenOf = (link: string) => link.split("/a/")[1]!;

/** `date` lies between two readings of the clock taken around the call that set it: no speed assumed. */
function expectWithin(date: Date, earliestMs: number, latestMs: number) {
  expect(date.getTime()).toBeGreaterThanOrEqual(earliestMs);
  expect(date.getTime()).toBeLessThanOrEqual(latestMs);
}

let practice: PracticeFixture;
let other: PracticeFixture;

beforeAll(async () => {
  practice = await createPracticeFixture({ timeZone: "Pacific/Auckland" });
  other = await createPracticeFixture();
});

async function couple(clinicianA = practice.clinician.userId, clinicianB = practice.clinician.userId) {
  const a = await createClientFixture(practice.practiceId, clinicianA);
  const b = await createClientFixture(practice.practiceId, clinicianB);
  await linkCoupleFixture(practice.practiceId, a, b);
  return { a, b };
}

async function rowsAsText(table: "invitations" | "email_outbox", practiceId: string) {
  const db = await getDb();
  const result = (await db.execute(sql`select t::text as row from ${sql.identifier(table)} t where practice_id = ${practiceId}`)) as {
    rows: { row: string }[];
  };
  return result.rows.map((r) => r.row);
}

describe("createInvitations", () => {
  it("invites one client: a pending closeness v1 invitation, an email with the link, an audit row", async () => {
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId, { firstName: "Ana", preferredName: "Annie" });
    const before = Date.now();
    const [sent, ...rest] = await createInvitations(practice.clinician, { clientId: client.id, includePartner: false });
    const after = Date.now();
    expect(rest).toHaveLength(0);
    expect(sent!.link).toMatch(/^https?:\/\/[^/]+\/a\/[A-Za-z0-9_-]{43}$/);
    expect(sent!.email).toBe(client.email);

    const db = await getDb();
    const [row] = await db.select().from(invitations).where(eq(invitations.id, sent!.invitationId));
    expect(row).toMatchObject({
      practiceId: practice.practiceId,
      clientId: client.id,
      createdBy: practice.clinician.userId,
      instruments: [{ key: "closeness", version: 1 }],
      status: "pending",
      sendCount: 1,
      tokenHash: hashToken(tokenOf(sent!.link)),
    });
    // 14 days from the moment it was made, however long making it took.
    expectWithin(row!.expiresAt, before + 14 * DAY_MS, after + 14 * DAY_MS);

    const emails = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, client.email));
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ kind: "invitation", practiceId: practice.practiceId, status: "pending" });
    expect(emailTextOf(emails[0]!)).toContain(sent!.link);
    expect(emailTextOf(emails[0]!)).toContain("Annie");
    expect(emailTextOf(emails[0]!)).toContain(practice.practiceName);
    expect(emailTextOf(emails[0]!)).toContain(practice.clinician.name);

    const audit = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, sent!.invitationId));
    expect(audit.map((a) => a.action)).toEqual(["invitation.create"]);
    expect(audit[0]!.actorUserId).toBe(practice.clinician.userId);
  });

  it("invites both partners, each with their own link and email, naming each one's own clinician", async () => {
    const { a, b } = await couple(practice.clinician.userId, practice.otherClinician.userId);
    const before = Date.now();
    const sent = await createInvitations(practice.owner, { clientId: a.id, includePartner: true, expiresInDays: 3 });
    const after = Date.now();
    expect(sent.map((s) => s.clientId)).toEqual([a.id, b.id]);
    expect(new Set(sent.map((s) => s.link)).size).toBe(2);
    for (const s of sent) expectWithin(s.expiresAt, before + 3 * DAY_MS, after + 3 * DAY_MS);

    const db = await getDb();
    const [emailB] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, b.email));
    expect(emailTextOf(emailB!)).toContain(practice.otherClinician.name);
    expect(emailTextOf(emailB!)).toContain(sent[1]!.link);
  });

  it("refuses a partner invitation for a client without a partner, and writes nothing", async () => {
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    await expect(createInvitations(practice.clinician, { clientId: client.id, includePartner: true })).rejects.toMatchObject({
      name: "DomainError",
      field: "includePartner",
    });
    const db = await getDb();
    expect(await db.select().from(invitations).where(eq(invitations.clientId, client.id))).toHaveLength(0);
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, client.email))).toHaveLength(0);
  });

  it("refuses a partner on another clinician's caseload for a clinician, with nothing half-done; the owner may", async () => {
    const { a, b } = await couple(practice.clinician.userId, practice.otherClinician.userId);
    const refused = createInvitations(practice.clinician, { clientId: a.id, includePartner: true });
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toThrow(/another clinician's caseload/);
    const db = await getDb();
    expect(await db.select().from(invitations).where(inArray(invitations.clientId, [a.id, b.id]))).toHaveLength(0);

    expect(await createInvitations(practice.owner, { clientId: a.id, includePartner: true })).toHaveLength(2);
  });

  it("refuses archived clients and archived partners", async () => {
    const { a, b } = await couple();
    const db = await getDb();
    await db.update(clients).set({ status: "archived", archivedAt: new Date() }).where(eq(clients.id, b.id));
    await expect(createInvitations(practice.clinician, { clientId: a.id, includePartner: true })).rejects.toThrow(/archived/);
    await expect(createInvitations(practice.clinician, { clientId: b.id, includePartner: false })).rejects.toThrow(/archived/);
  });

  it("accepts 1 to 60 days of expiry and refuses anything else", async () => {
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    for (const days of [0, 61, 1.5, Number.NaN]) {
      await expect(createInvitations(practice.clinician, { clientId: client.id, includePartner: false, expiresInDays: days })).rejects.toMatchObject({
        field: "expiresInDays",
      });
    }
    expect(await createInvitations(practice.clinician, { clientId: client.id, includePartner: false, expiresInDays: 60 })).toHaveLength(1);
  });

  it("keeps no raw token anywhere in the invitations table; only the sealed outbox email body carries the link", async () => {
    const { a } = await couple();
    const sent = await createInvitations(practice.clinician, { clientId: a.id, includePartner: true });
    const resent = await resendInvitation(practice.clinician, sent[0]!.invitationId);
    const tokens = [...sent, resent].map((s) => tokenOf(s.link));

    const invitationRows = await rowsAsText("invitations", practice.practiceId);
    expect(invitationRows.length).toBeGreaterThan(0);
    for (const token of tokens) for (const row of invitationRows) expect(row).not.toContain(token);

    const db = await getDb();
    const outbox = await db.select().from(emailOutbox).where(eq(emailOutbox.practiceId, practice.practiceId));
    for (const token of tokens) {
      for (const email of outbox) {
        expect(email.subject).not.toContain(token);
        expect(email.toAddress).not.toContain(token);
        expect(email.lastError ?? "").not.toContain(token);
      }
      expect(outbox.some((email) => (email.sealedBody ?? "").includes(token))).toBe(false);
      expect(outbox.some((email) => emailTextOf(email).includes(token))).toBe(true);
    }
    const audit = (await db.execute(sql`select a::text as row from audit_events a where practice_id = ${practice.practiceId}`)) as {
      rows: { row: string }[];
    };
    for (const token of tokens) for (const { row } of audit.rows) expect(row).not.toContain(token);
  });
});

describe("listInvitations", () => {
  it("derives pending, opened, completed, expired and revoked, newest first", async () => {
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    const make = async () => (await createInvitations(practice.clinician, { clientId: client.id, includePartner: false }))[0]!;
    const pending = await make();
    const opened = await make();
    const completed = await make();
    const expired = await make();
    const revoked = await make();

    await getInvitationView(tokenOf(opened.link));
    await submitAssessment(tokenOf(completed.link), Object.fromEntries(Array.from({ length: 28 }, (_, i) => [`k${i + 1}`, 3])));
    const db = await getDb();
    await db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, expired.invitationId));
    await revokeInvitation(practice.clinician, revoked.invitationId);

    const list = await listInvitations(practice.clinician, client.id);
    expect(list.map((i) => [i.id, i.status])).toEqual([
      [revoked.invitationId, "revoked"],
      [expired.invitationId, "expired"],
      [completed.invitationId, "completed"],
      [opened.invitationId, "opened"],
      [pending.invitationId, "pending"],
    ]);
    const byId = new Map(list.map((i) => [i.id, i]));
    expect(byId.get(opened.invitationId)!.openedAt).toBeInstanceOf(Date);
    expect(byId.get(completed.invitationId)!.completedAt).toBeInstanceOf(Date);
    expect(byId.get(revoked.invitationId)!.revokedAt).toBeInstanceOf(Date);
    expect(byId.get(pending.invitationId)!.openedAt).toBeNull();
  });
});

describe("revokeInvitation", () => {
  it("kills the link, drops the draft and records who did it; a completed one cannot be revoked", async () => {
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    const [sent] = await createInvitations(practice.clinician, { clientId: client.id, includePartner: false });
    const token = tokenOf(sent!.link);
    await saveDraft(token, { k1: "4" });
    await revokeInvitation(practice.clinician, sent!.invitationId);

    expect(await getInvitationView(token)).toEqual({ state: "invalid" });
    expect(await submitAssessment(token, { k1: 4 })).toMatchObject({ ok: false, reason: "invalid" });
    const db = await getDb();
    const [row] = await db.select().from(invitations).where(eq(invitations.id, sent!.invitationId));
    expect(row).toMatchObject({ status: "revoked", draftAnswers: null });
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, sent!.invitationId), eq(auditEvents.action, "invitation.revoke")));
    expect(audit).toHaveLength(1);

    // Revoking twice is harmless and records nothing more.
    await revokeInvitation(practice.clinician, sent!.invitationId);
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, sent!.invitationId), eq(auditEvents.action, "invitation.revoke")))).toHaveLength(1);

    const [done] = await createInvitations(practice.clinician, { clientId: client.id, includePartner: false });
    await submitAssessment(tokenOf(done!.link), Object.fromEntries(Array.from({ length: 28 }, (_, i) => [`k${i + 1}`, 2])));
    await expect(revokeInvitation(practice.clinician, done!.invitationId)).rejects.toBeInstanceOf(DomainError);
  });
});

describe("resendInvitation", () => {
  it("replaces the token (the old link dies), restarts the expiry, counts the send, emails again and keeps the draft", async () => {
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    const [sent] = await createInvitations(practice.clinician, { clientId: client.id, includePartner: false, expiresInDays: 5 });
    const oldToken = tokenOf(sent!.link);
    await saveDraft(oldToken, { k1: "5", k2: "4" });
    const db = await getDb();
    // Let the first link expire: a resend revives the invitation with a fresh expiry.
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - DAY_MS), lastSentAt: new Date(Date.now() - 6 * DAY_MS) })
      .where(eq(invitations.id, sent!.invitationId));

    const before = Date.now();
    const resent = await resendInvitation(practice.clinician, sent!.invitationId);
    const after = Date.now();
    const newToken = tokenOf(resent.link);
    expect(newToken).not.toBe(oldToken);
    expectWithin(resent.expiresAt, before + 5 * DAY_MS, after + 5 * DAY_MS);

    expect(await getInvitationView(oldToken)).toEqual({ state: "invalid" });
    const view = await getInvitationView(newToken);
    expect(view.state).toBe("open");
    if (view.state === "open") expect(view.draft).toEqual({ k1: 5, k2: 4 });

    const [row] = await db.select().from(invitations).where(eq(invitations.id, sent!.invitationId));
    expect(row!.sendCount).toBe(2);
    expectWithin(row!.lastSentAt, before, after);
    expect(row!.tokenHash).toBe(hashToken(newToken));
    const emails = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, client.email));
    expect(emails).toHaveLength(2);
    expect(emails.some((e) => emailTextOf(e).includes(resent.link))).toBe(true);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, sent!.invitationId));
    expect(audit.map((a) => a.action).sort()).toEqual(["invitation.create", "invitation.resend"]);
  });

  it("refuses completed and revoked invitations", async () => {
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    const [done, revoked] = [
      (await createInvitations(practice.clinician, { clientId: client.id, includePartner: false }))[0]!,
      (await createInvitations(practice.clinician, { clientId: client.id, includePartner: false }))[0]!,
    ];
    await submitAssessment(tokenOf(done.link), Object.fromEntries(Array.from({ length: 28 }, (_, i) => [`k${i + 1}`, 4])));
    await revokeInvitation(practice.clinician, revoked.invitationId);
    await expect(resendInvitation(practice.clinician, done.invitationId)).rejects.toThrow(/already completed/);
    await expect(resendInvitation(practice.clinician, revoked.invitationId)).rejects.toThrow(/revoked/);
  });
});

describe("scoping", () => {
  it("answers NotFound to another practice, another clinician's caseload and malformed ids", async () => {
    const client = await createClientFixture(practice.practiceId, practice.clinician.userId);
    const [sent] = await createInvitations(practice.clinician, { clientId: client.id, includePartner: false });
    const id = sent!.invitationId;

    for (const outsider of [other.owner, other.clinician, practice.otherClinician]) {
      await expect(createInvitations(outsider, { clientId: client.id, includePartner: false })).rejects.toBeInstanceOf(NotFoundError);
      await expect(listInvitations(outsider, client.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(revokeInvitation(outsider, id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(resendInvitation(outsider, id)).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(revokeInvitation(practice.clinician, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    await expect(resendInvitation(practice.clinician, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);

    // The practice owner sees every caseload.
    expect(await listInvitations(practice.owner, client.id)).toHaveLength(1);
    const db = await getDb();
    const [row] = await db.select().from(invitations).where(eq(invitations.id, id));
    expect(row!.status).toBe("pending");
  });
});
