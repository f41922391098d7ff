import "server-only";
import { getDb } from "@/db/client";
import { practices, users } from "@/db/schema";
import { recordAudit } from "./audit";
import { hashPassword } from "./auth/password";
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
