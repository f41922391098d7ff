import { randomBytes } from "node:crypto";
import { desc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { clients, couples, emailOutbox, invitations, practices, users, type Client } from "@/db/schema";
import { recordCompletedAssessments } from "@/lib/assessments/record";
import { openEmailBody } from "@/lib/core/outbox-body";
import { closenessV1 } from "@/lib/instruments/closeness-v1";
import type { Actor } from "@/lib/core/actor-types";
import { hashPassword } from "@/lib/auth/password";

export const uniqueId = () => randomBytes(4).toString("hex");

/** A practice with an owner and (optionally) clinicians, straight into the database. */
export async function createTestPractice(options: { clinicians?: number; timeZone?: string } = {}) {
  const db = await getDb();
  const id = uniqueId();
  const timeZone = options.timeZone ?? "Europe/London";
  const [practice] = await db.insert(practices).values({ name: `Practice ${id}`, timeZone }).returning();
  const makeActor = async (role: "owner" | "clinician", n: number): Promise<Actor> => {
    const [user] = await db
      .insert(users)
      .values({ practiceId: practice!.id, name: `${role} ${n} ${id}`, email: `${role}-${n}-${id}@example.test`, role, passwordHash: null })
      .returning();
    return {
      userId: user!.id,
      practiceId: practice!.id,
      role,
      name: user!.name,
      email: user!.email,
      practiceName: practice!.name,
      practiceTimeZone: timeZone,
    };
  };
  const owner = await makeActor("owner", 0);
  const clinicians: Actor[] = [];
  for (let n = 1; n <= (options.clinicians ?? 0); n++) clinicians.push(await makeActor("clinician", n));
  return { practice: practice!, owner, clinicians };
}

export function clientInput(overrides: Partial<{ firstName: string; lastName: string; email: string; clinicianId: string | null; language: string | null }> = {}) {
  const id = uniqueId();
  return {
    firstName: overrides.firstName ?? `First${id}`,
    lastName: overrides.lastName ?? `Last${id}`,
    preferredName: null,
    email: overrides.email ?? `client-${id}@example.test`,
    phone: null,
    dateOfBirth: null,
    clinicianId: overrides.clinicianId ?? null,
    ...("language" in overrides ? { language: overrides.language } : {}),
  };
}

export { answersForLevels } from "./answers-for-levels";

/** A completed assessment, written as a submission writes it. */
export async function insertAssessmentFixture(input: { practiceId: string; clientId: string; completedAt: Date; answers: Record<string, number> }) {
  const [recorded] = await recordCompletedAssessments(await getDb(), [{ ...input, instrument: closenessV1 }]);
  return recorded!;
}

export type PracticeFixture = {
  practiceId: string;
  practiceName: string;
  timeZone: string;
  owner: Actor;
  clinician: Actor;
  otherClinician: Actor;
};

/** A practice with an owner and two clinicians, each an Actor as requireActor() would return it. */
export async function createPracticeFixture(options: { timeZone?: string } = {}): Promise<PracticeFixture> {
  const { practice, owner, clinicians } = await createTestPractice({ clinicians: 2, timeZone: options.timeZone });
  return {
    practiceId: practice.id,
    practiceName: practice.name,
    timeZone: practice.timeZone,
    owner,
    clinician: clinicians[0]!,
    otherClinician: clinicians[1]!,
  };
}

export async function createClientFixture(
  practiceId: string,
  clinicianId: string,
  overrides: Partial<typeof clients.$inferInsert> = {},
): Promise<Client> {
  const db = await getDb();
  const id = uniqueId();
  const [client] = await db
    .insert(clients)
    .values({ practiceId, clinicianId, firstName: `First${id}`, lastName: `Last${id}`, email: `client-${id}@example.test`, ...overrides })
    .returning();
  return client!;
}

/**
 * An invitation row to insert as a test needs (its token hash opens no real link): closeness unless
 * said otherwise, sent at `createdAt` (the database's now when absent), open 14 days unless `expiresAt`.
 */
export function invitationRow(input: {
  practiceId: string;
  clientId: string;
  createdBy: string;
  createdAt?: Date;
  expiresAt?: Date;
  instrument?: { key: string; version: number };
}): typeof invitations.$inferInsert {
  const { instrument = closenessV1, createdAt, ...row } = input;
  return {
    ...row,
    instruments: [{ key: instrument.key, version: instrument.version }],
    tokenHash: randomBytes(32).toString("hex"),
    createdAt,
    expiresAt: input.expiresAt ?? new Date((createdAt ?? new Date()).getTime() + 14 * 86_400_000),
  };
}

/** Links two clients as a couple, as the clients module would. */
export async function linkCoupleFixture(practiceId: string, a: Client, b: Client): Promise<string> {
  const db = await getDb();
  const [couple] = await db.insert(couples).values({ practiceId }).returning({ id: couples.id });
  await db.update(clients).set({ coupleId: couple!.id }).where(inArray(clients.id, [a.id, b.id]));
  return couple!.id;
}

/** Gives a fixture user a password, hashed as sign-up would, so tests can sign in with it. */
export async function setTestPassword(userId: string, password = `password ${uniqueId()} ${uniqueId()}`): Promise<string> {
  const db = await getDb();
  await db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, userId));
  return password;
}

/** An address of its own for each test, so sign-in limits per IP never leak between tests. */
export const testIp = () => {
  // A /64 of its own: per-IP limits count IPv6 by /64 (lib/http/ip-bucket.ts).
  const id = uniqueId();
  return `2001:db8:${id.slice(0, 4)}:${id.slice(4)}::1`;
};

/** The plain text of an outbox email, opened with AUTH_SECRET as the dispatcher would ("" once erased). */
export function emailTextOf(email: { sealedBody: string | null }): string {
  return openEmailBody(email.sealedBody)?.text ?? "";
}

/** A clinician the owner just added: their row, and the set-password link from the email the outbox holds for them. */
export async function addedClinician(email: string) {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)).orderBy(desc(emailOutbox.createdAt));
  const link = /https?:\/\/\S+\/set-password\/[A-Za-z0-9_-]{43}/.exec(emailTextOf(mails[0]!))?.[0];
  return { user: user!, link: link!, mails };
}
