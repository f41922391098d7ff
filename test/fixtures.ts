import { randomBytes } from "node:crypto";
import { getDb } from "@/db/client";
import { practices, users } from "@/db/schema";
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
