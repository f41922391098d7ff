import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { loadActiveActor } from "@/lib/auth/actor";
import { createPracticeWithOwner } from "./practices";

const unique = () => Math.random().toString(36).slice(2, 10);

function newPractice(overrides: Partial<Parameters<typeof createPracticeWithOwner>[0]> = {}) {
  const id = unique();
  return {
    practiceName: `Practice ${id}`,
    name: `Owner ${id}`,
    email: `owner-${id}@example.test`,
    password: "a long enough password",
    timeZone: "Pacific/Auckland",
    ...overrides,
  };
}

describe("practices", () => {
  it("creates a practice with its owner and an audit row", async () => {
    const input = newPractice();
    const created = await createPracticeWithOwner(input);
    expect(created.ok).toBe(true);
    if (!created.ok) return;

    const actor = await loadActiveActor(created.userId);
    expect(actor).toMatchObject({
      practiceId: created.practiceId,
      role: "owner",
      name: input.name,
      practiceName: input.practiceName,
      practiceTimeZone: "Pacific/Auckland",
    });
    const db = await getDb();
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.practiceId, created.practiceId));
    expect(audit.map((row) => row.action)).toEqual(["practice.create"]);
  });

  it("refuses an email already used, whatever its case, and creates nothing", async () => {
    const input = newPractice();
    await createPracticeWithOwner(input);
    const again = await createPracticeWithOwner(newPractice({ email: input.email.toUpperCase() }));
    expect(again).toEqual({ ok: false, reason: "email_taken" });
  });

  it("stores an argon2id hash, never the password", async () => {
    const input = newPractice();
    const created = await createPracticeWithOwner(input);
    if (!created.ok) throw new Error("not created");
    const db = await getDb();
    const [row] = await db.select().from(users).where(eq(users.id, created.userId));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row!.passwordHash).not.toContain(input.password);
  });
});
