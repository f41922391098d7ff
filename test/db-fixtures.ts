// Clients and couples for integration tests, inserted directly with Drizzle (no lib/ rules in the
// way); practices and users come from ./fixtures.ts.
import { inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { clients, couples, type Client } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor-types";
import { createTestPractice, uniqueId } from "./fixtures";

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
