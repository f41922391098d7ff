// Test data straight into the e2e database (the one the server under test uses), so specs start
// from a known state without clicking through set-up screens.
import { randomBytes } from "node:crypto";
import { register } from "node:module";
import argon2 from "argon2";
import { asc, desc, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "../db/schema";
import { gad7V1 } from "@/lib/instruments/gad7-v1";
import { recordCompletedAssessments } from "@/lib/assessments/record";
import { openEmailBody } from "@/lib/core/outbox-body";
import { closenessV1 } from "@/lib/instruments/closeness-v1";
import { phq9V1 } from "@/lib/instruments/phq9-v1";
import { generateToken } from "@/lib/core/tokens";
import { clock } from "@/lib/core/clock";

// Raising an alert loads the outbox, which is marked `server-only` (a package that throws outside
// React Server Components). As vitest aliases it to an empty module, this process resolves it as a
// server does (its "react-server" export, which is empty). It applies to modules loaded from here on:
// lib/alerts/raise.ts loads the outbox only when it raises an alert.
register(
  `data:text/javascript,${encodeURIComponent(
    'export async function resolve(specifier, context, next) { return next(specifier, specifier === "server-only" ? { ...context, conditions: [...context.conditions, "react-server"] } : context); }',
  )}`,
);

let pool: pg.Pool | undefined;

export function e2eDb() {
  pool ??= new pg.Pool({ connectionString: process.env.E2E_DATABASE_URL, max: 2 });
  return drizzle(pool, { schema });
}

// The specs write rows as the server would (an assessment's alert queues sealed emails): they seal
// with the server's secret, whichever helper writes first.
process.env.AUTH_SECRET ??= process.env.E2E_AUTH_SECRET;

export const uid = () => randomBytes(4).toString("hex");

export type SeededUser = { id: string; email: string; password: string; name: string; practiceId: string };

export async function createPracticeWithOwner(options: { timeZone?: string; practiceName?: string } = {}) {
  const db = e2eDb();
  const id = uid();
  const [practice] = await db
    .insert(schema.practices)
    .values({ name: options.practiceName ?? `Practice ${id}`, timeZone: options.timeZone ?? "Europe/London" })
    .returning();
  const owner = await createUser(practice!.id, "owner", `Owner ${id}`);
  return { practice: practice!, owner };
}

export async function createUser(practiceId: string, role: "owner" | "clinician", name = `Clinician ${uid()}`): Promise<SeededUser> {
  const db = e2eDb();
  const password = `password ${uid()} ${uid()}`;
  const email = `${role}-${uid()}@example.test`;
  const [user] = await db
    .insert(schema.users)
    .values({ practiceId, name, email, role, passwordHash: await argon2.hash(password, { type: argon2.argon2id }) })
    .returning();
  return { id: user!.id, email, password, name, practiceId };
}

export async function createClient(
  practiceId: string,
  clinicianId: string,
  values: Partial<{ firstName: string; lastName: string; email: string; status: "active" | "archived"; language: string }> = {},
) {
  const db = e2eDb();
  const id = uid();
  const [client] = await db
    .insert(schema.clients)
    .values({
      practiceId,
      clinicianId,
      firstName: values.firstName ?? `First${id}`,
      lastName: values.lastName ?? `Last${id}`,
      email: values.email ?? `client-${id}@example.test`,
      status: values.status ?? "active",
      language: values.language ?? "en",
    })
    .returning();
  return client!;
}

/** Many clients in one statement, named so that their sort order is known: Client 001, Client 002… */
export async function createManyClients(practiceId: string, clinicianId: string, count: number, prefix = "Client") {
  const db = e2eDb();
  const rows = Array.from({ length: count }, (_, index) => {
    const n = String(index + 1).padStart(3, "0");
    return { practiceId, clinicianId, firstName: prefix, lastName: n, email: `${prefix.toLowerCase()}-${n}-${uid()}@example.test` };
  });
  return db.insert(schema.clients).values(rows).returning();
}

export async function linkCouple(practiceId: string, clientIdA: string, clientIdB: string) {
  const db = e2eDb();
  const [couple] = await db.insert(schema.couples).values({ practiceId }).returning();
  for (const id of [clientIdA, clientIdB]) {
    await db.update(schema.clients).set({ coupleId: couple!.id }).where(eq(schema.clients.id, id));
  }
  return couple!;
}

import { answersForLevels } from "../test/answers-for-levels";
export { answersForLevels };

/** A completed assessment, written as a submission writes it. */
export async function insertAssessment(practiceId: string, clientId: string, completedAt: Date, answers: Record<string, number>) {
  const [recorded] = await recordCompletedAssessments(e2eDb(), [{ practiceId, clientId, completedAt, answers, instrument: closenessV1 }]);
  return recorded!;
}

/**
 * A PHQ-9 with a critical answer (item 9 = `item9`, above 0), written as a submission writes it:
 * the alert is raised and the emails queued (sealed with the server's AUTH_SECRET, as it would).
 */
export async function insertCriticalPhq9(practiceId: string, clientId: string, options: { completedAt?: Date; item9?: 1 | 2 | 3 } = {}) {
  const answers: Record<string, number> = { phq9_difficulty: 1 };
  for (let n = 1; n <= 8; n++) answers[`phq9_${n}`] = 1;
  answers.phq9_9 = options.item9 ?? 2;
  const [recorded] = await recordCompletedAssessments(e2eDb(), [
    { practiceId, clientId, completedAt: options.completedAt ?? clock.now(), answers, instrument: phq9V1 },
  ]);
  const alerts = await e2eDb()
    .select({ id: schema.clinicalAlerts.id })
    .from(schema.clinicalAlerts)
    .where(eq(schema.clinicalAlerts.assessmentId, recorded!.assessment.id));
  if (alerts.length !== 1) throw new Error(`expected one alert for the critical PHQ-9, found ${alerts.length}`);
  return { assessmentId: recorded!.assessment.id, alertId: alerts[0]!.id };
}

/**
 * An invitation straight into the database, for specs that are not about sending one. Returns
 * the link's token (only its hash is stored). Completed when `completedAt` is given.
 */
export async function insertInvitation(input: {
  practiceId: string;
  clientId: string;
  createdBy: string;
  createdAt?: Date;
  completedAt?: Date | null;
  /** The sitting's instruments, in order; the Closeness Inventory alone when not given. */
  instruments?: schema.InstrumentRef[];
}): Promise<string> {
  const { token, tokenHash } = generateToken();
  const createdAt = input.createdAt ?? clock.now();
  await e2eDb()
    .insert(schema.invitations)
    .values({
      practiceId: input.practiceId,
      clientId: input.clientId,
      createdBy: input.createdBy,
      instruments: input.instruments ?? [{ key: "closeness", version: 1 }],
      tokenHash,
      status: input.completedAt ? "completed" : "pending",
      createdAt,
      lastSentAt: createdAt,
      expiresAt: new Date(createdAt.getTime() + 14 * 24 * 60 * 60 * 1000),
      completedAt: input.completedAt ?? null,
    });
  return token;
}

/** A client's stored assessments, one per instrument of each sitting, oldest first. */
export async function assessmentsOf(clientId: string) {
  return e2eDb()
    .select({
      invitationId: schema.assessments.invitationId,
      instrumentKey: schema.assessments.instrumentKey,
      instrumentVersion: schema.assessments.instrumentVersion,
      answers: schema.assessments.answers,
      total: schema.assessments.total,
      overall: schema.assessments.overall,
    })
    .from(schema.assessments)
    .where(eq(schema.assessments.clientId, clientId))
    .orderBy(asc(schema.assessments.completedAt), asc(schema.assessments.instrumentKey));
}

/** A client's invitations, oldest first: what a send made, and which questionnaires each carries. */
export async function invitationsOf(clientId: string) {
  return e2eDb()
    .select({ id: schema.invitations.id, status: schema.invitations.status, instruments: schema.invitations.instruments })
    .from(schema.invitations)
    .where(eq(schema.invitations.clientId, clientId))
    .orderBy(asc(schema.invitations.createdAt));
}

/**
 * The newest email the server queued for an address, opened with the server's AUTH_SECRET: the
 * e2e server sends no email, so its outbox stands in for the recipient's mailbox.
 */
export async function latestEmailTo(address: string): Promise<{ subject: string; text: string }> {
  const [row] = await e2eDb()
    .select()
    .from(schema.emailOutbox)
    .where(eq(schema.emailOutbox.toAddress, address.toLowerCase()))
    .orderBy(desc(schema.emailOutbox.createdAt))
    .limit(1);
  if (!row) throw new Error(`no email to ${address}`);
  const body = openEmailBody(row.sealedBody, process.env.E2E_AUTH_SECRET);
  if (!body) throw new Error(`the email to ${address} could not be opened`);
  return { subject: row.subject, text: body.text };
}

/** The path of the first link to `pathPrefix` in the newest email to an address. */
export async function linkInLatestEmail(address: string, pathPrefix: string): Promise<string> {
  const { text } = await latestEmailTo(address);
  const url = text.split(/\s+/).find((word) => /^https?:\/\//.test(word) && new URL(word).pathname.startsWith(pathPrefix));
  if (!url) throw new Error(`no ${pathPrefix} link in the email to ${address}`);
  return new URL(url).pathname;
}

/** Switches sharing a client's results with them on or off, as the clinician's switch does (issue 15). */
export async function shareResults(practiceId: string, clientId: string, shared = true) {
  await e2eDb()
    .insert(schema.resultSharing)
    .values({ clientId, practiceId, shared })
    .onConflictDoUpdate({ target: schema.resultSharing.clientId, set: { shared, updatedAt: clock.now() } });
}

/** A client's results link straight into the database; returns its token (only its hash is stored). */
export async function insertResultLink(input: { practiceId: string; clientId: string; createdBy: string; expiresAt?: Date; revoked?: boolean }): Promise<string> {
  const { token, tokenHash } = generateToken();
  await e2eDb()
    .insert(schema.resultLinks)
    .values({
      practiceId: input.practiceId,
      clientId: input.clientId,
      createdBy: input.createdBy,
      tokenHash,
      expiresAt: input.expiresAt ?? new Date(clock.ms() + 30 * 24 * 60 * 60 * 1000),
      revokedAt: input.revoked ? clock.now() : null,
    });
  return token;
}

/**
 * Enough people for the practice's own figures (lib/measures): 100 people who answered GAD-7 twice,
 * a week apart, with answers that agree (a level per person plus noise), so the estimates exist and
 * can be adopted. Once per practice: a second call finds them and does nothing.
 */
export async function ensureMeasuredPractice(practiceId: string, clinicianId: string, people = 100) {
  const db = e2eDb();
  const existing = await db.$client.query<{ n: number }>(
    "select count(distinct client_id)::int as n from assessments where practice_id = $1 and instrument_key = 'gad7'",
    [practiceId],
  );
  if ((existing.rows[0]?.n ?? 0) >= people) return;
  const clients = await createManyClients(practiceId, clinicianId, people, "Measured");
  let seed = 7;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const start = clock.now().getTime() - 60 * 86_400_000;
  await recordCompletedAssessments(
    db,
    clients.flatMap((client, i) => {
      const level = next() * 3;
      const answers = () => Object.fromEntries(gad7V1.items.map((item) => [item.id, Math.min(3, Math.max(0, Math.round(level + (next() - 0.5) * 1.5)))]));
      const first = new Date(start + i * 60_000);
      return [
        { practiceId, clientId: client.id, instrument: gad7V1, answers: answers(), completedAt: first },
        { practiceId, clientId: client.id, instrument: gad7V1, answers: answers(), completedAt: new Date(first.getTime() + 7 * 86_400_000) },
      ];
    }),
  );
}

/**
 * A practice's usual course of change (issue 28): `people` clients whose closeness went from 50
 * (every dimension at 3, "Developing") to a second assessment 28 days later with 2 dimensions one
 * step down up to 5 one step up (−7.1 … +17.9 points, evenly), their first 30 days ago. With 100
 * or more, week 4's 10th percentile is −7.1 points.
 */
export async function seedUsualCourse(practiceId: string, clinicianId: string, people: number) {
  const clients = await createManyClients(practiceId, clinicianId, people, "Course");
  const dims = closenessV1.dimensions.map((d) => d.key);
  const start = clock.now().getTime() - 30 * 86_400_000;
  await recordCompletedAssessments(
    e2eDb(),
    clients.flatMap((client, i) => {
      const steps = (i % 8) - 2;
      const levels = Object.fromEntries(dims.slice(0, Math.abs(steps)).map((key) => [key, steps > 0 ? 4 : 2]));
      const first = new Date(start + i * 60_000);
      return [
        { practiceId, clientId: client.id, instrument: closenessV1, answers: answersForLevels(), completedAt: first },
        { practiceId, clientId: client.id, instrument: closenessV1, answers: answersForLevels(levels), completedAt: new Date(first.getTime() + 28 * 86_400_000) },
      ];
    }),
  );
}
