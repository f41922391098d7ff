import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { clients, couples, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_PASSWORD } from "@/lib/auth/password-strength";
import { createPracticeWithOwner } from "@/lib/practices/practices";
import { seedDemoAssessments } from "./seed-assessments";
import { clock } from "@/lib/core/clock";

export const DEMO_EMAIL = "demo@attune.test";
/** Refused as anyone's new password (lib/password-strength.ts): it is published. */
export { DEMO_PASSWORD };
export const DEMO_PRACTICE = "Harbour Couples Therapy";
export const DEMO_CLINICIANS = [
  { name: "Sam Whitfield", email: "sam@attune.test" },
  { name: "Priya Raman", email: "priya@attune.test" },
] as const;

// Couples first (pairs), then people seen on their own. Invented names; any likeness is chance.
const COUPLES: [string, string, string][] = [
  ["Alex", "Jordan", "Morgan"],
  ["Bea", "Tomás", "Alvarez"],
  ["Chloe", "Daniel", "Okonkwo"],
  ["Dana", "Eli", "Fischer"],
  ["Femi", "Grace", "Adeyemi"],
  ["Hana", "Isaac", "Kowalski"],
  ["Jess", "Kiran", "Mehta"],
  ["Leah", "Marco", "Rossi"],
  ["Nadia", "Omar", "Haddad"],
  ["Paula", "Quinn", "O'Brien"],
  ["Rosa", "Sven", "Lindqvist"],
  ["Tara", "Uma", "Nakamura"],
  ["Vera", "Will", "Thompson"],
  ["Yara", "Zane", "Castillo"],
];
const SINGLES: [string, string][] = [
  ["Aisha", "Bello"],
  ["Ben", "Carlisle"],
  ["Cora", "Dunn"],
  ["Dev", "Patel"],
  ["Ella", "Fraser"],
  ["Finn", "Gallagher"],
  ["Gemma", "Hughes"],
  ["Hugo", "Ibarra"],
  ["Ines", "Jensen"],
  ["Jonah", "Keller"],
  ["Kai", "Larsen"],
  ["Lola", "Mendes"],
];

export type DemoClient = { id: string; clinicianId: string; coupleId: string | null };

export type DemoSeedResult = { created: boolean; assessments: number; pendingLink: string | null };

export async function seedDemo(now = clock.now()): Promise<DemoSeedResult> {
  const db = await getDb();
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, DEMO_EMAIL));
  if (existing) return { created: false, assessments: 0, pendingLink: null };

  const owner = await createPracticeWithOwner({
    practiceName: DEMO_PRACTICE,
    name: "Dr. Maya Okafor",
    email: DEMO_EMAIL,
    password: DEMO_PASSWORD,
    timeZone: "Europe/London",
  });
  if (!owner.ok) return { created: false, assessments: 0, pendingLink: null };
  const { practiceId } = owner;

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const staff = await db
    .insert(users)
    .values(DEMO_CLINICIANS.map((clinician) => ({ practiceId, ...clinician, passwordHash, role: "clinician" as const })))
    .returning({ id: users.id });
  const clinicianIds = [owner.userId, ...staff.map((row) => row.id)];

  const emailOf = (first: string, last: string) => `${first}.${last}`.normalize("NFD").toLowerCase().replace(/[^a-z.]/g, "") + "@example.com";
  const demoClients: DemoClient[] = [];
  const createdAt = (index: number) => new Date(now.getTime() - (400 - index * 7) * 24 * 60 * 60 * 1000);

  await db.transaction(async (tx) => {
    let index = 0;
    for (const [firstA, firstB, last] of COUPLES) {
      const clinicianId = clinicianIds[index % clinicianIds.length]!;
      const [couple] = await tx.insert(couples).values({ practiceId }).returning({ id: couples.id });
      for (const first of [firstA, firstB]) {
        const [row] = await tx
          .insert(clients)
          .values({ practiceId, clinicianId, firstName: first, lastName: last, email: emailOf(first, last), coupleId: couple!.id, createdAt: createdAt(index) })
          .returning({ id: clients.id });
        demoClients.push({ id: row!.id, clinicianId, coupleId: couple!.id });
      }
      index++;
    }
    for (const [first, last] of SINGLES) {
      const clinicianId = clinicianIds[index % clinicianIds.length]!;
      const archived = index % 9 === 0;
      const [row] = await tx
        .insert(clients)
        .values({
          practiceId,
          clinicianId,
          firstName: first,
          lastName: last,
          email: emailOf(first, last),
          status: archived ? "archived" : "active",
          archivedAt: archived ? clock.now() : null,
          createdAt: createdAt(index),
        })
        .returning({ id: clients.id });
      if (!archived) demoClients.push({ id: row!.id, clinicianId, coupleId: null });
      index++;
    }
  });
  const history = await seedDemoAssessments(db, { practiceId, clients: demoClients, now });
  return { created: true, assessments: history.assessments, pendingLink: history.pendingInvitations[0]?.link ?? null };
}
