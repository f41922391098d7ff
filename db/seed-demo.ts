import { eq, sql } from "drizzle-orm";
import { createPracticeWithOwner } from "@/lib/practices";
import { getDb } from "./client";
import { users } from "./schema";

export const DEMO_EMAIL = "demo@attune.test";
export const DEMO_PASSWORD = "attune-demo-password";
export const DEMO_PRACTICE = "Harbour Couples Therapy";

export async function seedDemo(): Promise<{ created: boolean }> {
  const db = await getDb();
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, DEMO_EMAIL));
  if (existing) return { created: false };

  const owner = await createPracticeWithOwner({
    practiceName: DEMO_PRACTICE,
    name: "Dr. Maya Okafor",
    email: DEMO_EMAIL,
    password: DEMO_PASSWORD,
    timeZone: "Europe/London",
  });
  if (!owner.ok) return { created: false };
  return { created: true };
}
