import { randomBytes } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { assessments, assessmentScores, clients, couples, practices, users, type Client } from "@/db/schema";
import { openEmailBody } from "@/lib/email/sealed-body";
import { closenessV1 } from "@/lib/instruments/closeness-v1";
import { scoreResponse } from "@/lib/instruments/scoring";
import type { Actor } from "@/lib/auth/actor-types";

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

export function clientInput(overrides: Partial<{ firstName: string; lastName: string; email: string; clinicianId: string | null }> = {}) {
  const id = uniqueId();
  return {
    firstName: overrides.firstName ?? `First${id}`,
    lastName: overrides.lastName ?? `Last${id}`,
    preferredName: null,
    email: overrides.email ?? `client-${id}@example.test`,
    phone: null,
    dateOfBirth: null,
    clinicianId: overrides.clinicianId ?? null,
  };
}

/**
 * Answers that give each dimension the level asked for (1–5): every item at that level, the
 * reverse-keyed one mirrored, so the dimension scores (level − 1) × 25.
 */
export function answersForLevels(levels: Partial<Record<string, number>> = {}, fallback = 3): Record<string, number> {
  return Object.fromEntries(
    closenessV1.items.map((item) => {
      const level = levels[item.dimension] ?? fallback;
      return [item.id, item.reverseKeyed ? 6 - level : level];
    }),
  );
}

/** A completed assessment written straight to the tables, scored by the real scoring function. */
export async function insertAssessmentFixture(input: { practiceId: string; clientId: string; completedAt: Date; answers: Record<string, number> }) {
  const db = await getDb();
  const scores = scoreResponse(closenessV1, input.answers);
  const [assessment] = await db
    .insert(assessments)
    .values({
      practiceId: input.practiceId,
      clientId: input.clientId,
      instrumentKey: closenessV1.key,
      instrumentVersion: closenessV1.version,
      answers: input.answers,
      overall: scores.overall,
      completedAt: input.completedAt,
    })
    .returning();
  await db.insert(assessmentScores).values(
    Object.entries(scores.dimensions).map(([dimension, score]) => ({
      assessmentId: assessment!.id,
      practiceId: input.practiceId,
      clientId: input.clientId,
      dimension,
      score,
      completedAt: input.completedAt,
    })),
  );
  await db.execute(sql`
    update clients set last_assessment_at = ${input.completedAt.toISOString()}::timestamptz, latest_overall = ${scores.overall}
    where id = ${input.clientId} and (last_assessment_at is null or last_assessment_at <= ${input.completedAt.toISOString()}::timestamptz)`);
  return { assessment: assessment!, scores };
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

/** Links two clients as a couple, as the clients module would. */
export async function linkCoupleFixture(practiceId: string, a: Client, b: Client): Promise<string> {
  const db = await getDb();
  const [couple] = await db.insert(couples).values({ practiceId }).returning({ id: couples.id });
  await db.update(clients).set({ coupleId: couple!.id }).where(inArray(clients.id, [a.id, b.id]));
  return couple!.id;
}

/** The plain text of an outbox email, opened with AUTH_SECRET as the dispatcher would ("" once erased). */
export function emailTextOf(email: { sealedBody: string | null }): string {
  return openEmailBody(email.sealedBody)?.text ?? "";
}
