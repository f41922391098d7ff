import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { emailOutbox, users } from "@/db/schema";
import { dispatchDueEmails } from "@/lib/email/dispatcher";
import { enqueueEmail } from "@/lib/core/outbox";
import { openEmailBody } from "@/lib/core/outbox-body";
import { seal, unseal } from "@/lib/core/seal";
import { createTestPractice, uniqueId } from "@/test/fixtures";
import { closeAllSmtp, decoded, startSmtp, transportTo } from "@/test/smtp";
import { resealStoredValues } from "./reseal";

/*
 * Rotating AUTH_SECRET: A was the secret, B replaces it and A stays as AUTH_SECRET_1 until
 * `npm run reseal` has sealed under B what the database kept under A.
 */

const NAMES = ["AUTH_SECRET", "AUTH_SECRET_1", "AUTH_SECRET_2", "AUTH_SECRET_3"] as const;
const saved = NAMES.map((name) => process.env[name]);
const A = `secret-a-${uniqueId()}`;
const B = `secret-b-${uniqueId()}`;

function setSecrets(current: string, ...earlier: string[]) {
  for (const name of NAMES) delete process.env[name];
  process.env.AUTH_SECRET = current;
  earlier.forEach((secret, i) => (process.env[`AUTH_SECRET_${i + 1}`] = secret));
}

let practiceId: string;
let userId: string;

beforeAll(async () => {
  const { practice, owner } = await createTestPractice();
  practiceId = practice.id;
  userId = owner.userId;
});

afterEach(() => {
  NAMES.forEach((name, i) => {
    if (saved[i] === undefined) delete process.env[name];
    else process.env[name] = saved[i];
  });
});

afterAll(closeAllSmtp);

async function queueUnderA(text: string) {
  setSecrets(A);
  const db = await getDb();
  const { id } = await enqueueEmail(db, { practiceId, kind: "invitation", to: `rotation-${uniqueId()}@example.test`, subject: "Rotation", text });
  return id;
}

async function outboxRow(id: string) {
  const [row] = await (await getDb()).select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return row!;
}

describe("rotating AUTH_SECRET", () => {
  it("delivers an email queued under the old secret once the new one is current and the old one AUTH_SECRET_1", async () => {
    const id = await queueUnderA("Your link: https://attune.example/set-password/queued-before-rotation");
    const smtp = await startSmtp();

    setSecrets(B, A);
    expect(await dispatchDueEmails({ transport: transportTo(smtp.port), from: "Attune <no-reply@attune.test>", practiceId })).toMatchObject({ sent: 1, failed: 0 });
    expect(decoded(smtp.received[0]!.raw)).toContain("https://attune.example/set-password/queued-before-rotation");
    expect(await outboxRow(id)).toMatchObject({ status: "sent", sealedBody: null });
    await smtp.close();
  });

  it("re-seals queued emails and two-step secrets under the new secret, after which the old one can go", async () => {
    const id = await queueUnderA("Queued before the rotation");
    const db = await getDb();
    await db.update(users).set({ totpSecretSealed: seal("two-step-secret", "JBSWY3DPEHPK3PXP", A) }).where(eq(users.id, userId));
    // Sealed under a secret nobody configured any more: left as it is, and counted.
    const lost = await (async () => {
      setSecrets(`forgotten-${uniqueId()}`);
      return (await enqueueEmail(db, { practiceId, kind: "invitation", to: `lost-${uniqueId()}@example.test`, subject: "Lost", text: "lost" })).id;
    })();
    const lostBefore = (await outboxRow(lost)).sealedBody;

    setSecrets(B, A);
    const counts = await resealStoredValues(db);
    expect(counts.map((c) => c.label)).toEqual(["outbox emails", "two-step secrets"]);
    // On PostgreSQL other test files share the tables: at least ours, and ours certainly.
    expect(counts[0]!.resealed).toBeGreaterThanOrEqual(1);
    expect(counts[0]!.unreadable).toBeGreaterThanOrEqual(1);
    expect(counts[1]!.resealed).toBeGreaterThanOrEqual(1);
    expect((await outboxRow(lost)).sealedBody).toBe(lostBefore);

    // B alone now opens both.
    setSecrets(B);
    expect(openEmailBody((await outboxRow(id)).sealedBody)?.text).toBe("Queued before the rotation");
    const [user] = await db.select({ sealed: users.totpSecretSealed }).from(users).where(eq(users.id, userId));
    expect(unseal("two-step-secret", user!.sealed)).toBe("JBSWY3DPEHPK3PXP");
    expect(unseal("two-step-secret", user!.sealed, { secret: A })).toBeNull();

    // A second run finds nothing left to do for ours.
    setSecrets(B, A);
    const again = await resealStoredValues(db);
    expect(again[1]!.current).toBeGreaterThanOrEqual(1);
    const [still] = await db.select({ sealed: users.totpSecretSealed }).from(users).where(eq(users.id, userId));
    expect(still!.sealed).toBe(user!.sealed);
  });
});
