import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { practices, users } from "@/db/schema";
import { recordAudit } from "./audit";
import type { Actor } from "./auth/actor-types";
import { hashPassword, verifyPassword } from "./auth/password";
import { isUniqueViolation } from "./errors";

type NewPracticeInput = {
  practiceName: string;
  name: string;
  email: string;
  password: string;
  timeZone: string;
};

/** Creates a practice and its owner. Returns `email_taken` rather than throwing for a used email. */
export async function createPracticeWithOwner(
  input: NewPracticeInput,
): Promise<{ ok: true; userId: string; practiceId: string } | { ok: false; reason: "email_taken" }> {
  const db = await getDb();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [practice] = await tx
        .insert(practices)
        .values({ name: input.practiceName, timeZone: input.timeZone })
        .returning({ id: practices.id });
      const [owner] = await tx
        .insert(users)
        .values({
          practiceId: practice!.id,
          name: input.name,
          email: input.email.toLowerCase(),
          passwordHash,
          role: "owner",
        })
        .returning({ id: users.id });
      const actor = { userId: owner!.id, practiceId: practice!.id };
      await recordAudit(tx, actor, { action: "practice.create", subjectType: "practice", subjectId: practice!.id });
      return { ok: true as const, userId: owner!.id, practiceId: practice!.id };
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_unique")) return { ok: false, reason: "email_taken" };
    throw error;
  }
}

/** Checks a sign-in. Unknown emails and inactive users cost the same argon2 work as real ones. */
export async function verifyCredentials(email: string, password: string): Promise<{ id: string; name: string; email: string } | null> {
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  const valid = await verifyPassword(user?.active ? user.passwordHash : null, password);
  if (!user || !valid) return null;
  return { id: user.id, name: user.name, email: user.email };
}

/** The actor for a signed-in user id, or null when the user no longer exists or was deactivated. */
export async function loadActiveActor(userId: string): Promise<Actor | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      userId: users.id,
      practiceId: users.practiceId,
      role: users.role,
      name: users.name,
      email: users.email,
      practiceName: practices.name,
      practiceTimeZone: practices.timeZone,
    })
    .from(users)
    .innerJoin(practices, eq(practices.id, users.practiceId))
    .where(and(eq(users.id, userId), eq(users.active, true)))
    .limit(1);
  return row ?? null;
}
