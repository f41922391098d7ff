import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { revokeResultLink } from "@/lib/feedback/sharing";
import { createInvitations, resendInvitation, revokeInvitation } from "@/lib/invitations/invitations";
import { setPlanStatus } from "@/lib/plans/plans";
import { resetTwoStep } from "@/lib/auth/two-step";
import { createClientFixture, createPracticeFixture, testIp } from "@/test/fixtures";
import { idsNamed, runActorAction } from "./action-core";
import type { Actor } from "@/lib/core/actor-types";

/* Issue 24, probe 5: every refusal of an id-based action leaves an audit row, written by the one wrapper all actions use. */

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

async function refusals(actor: Actor) {
  const db = await getDb();
  return db
    .select({ actorUserId: auditEvents.actorUserId, details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.practiceId, actor.practiceId), eq(auditEvents.action, "action.refused")));
}

describe("probe 5: refusals not audited", () => {
  it("another practice's owner pausing a plan, revoking a results link, revoking or resending an invitation: refused and audited", async () => {
    const a = await createPracticeFixture();
    const b = await createPracticeFixture();
    const client = await createClientFixture(a.practiceId, a.clinician.userId);
    const [sent] = await createInvitations(a.clinician, { clientId: client.id, includePartner: false });
    const invitationId = sent!.invitationId;
    const tries: [string, z.ZodType, (input: Record<string, string>, actor: Actor) => Promise<unknown>, Record<string, string>][] = [
      ["pause a plan", z.object({ planId: z.string() }), (input, actor) => setPlanStatus(actor, input.planId!, "paused"), { planId: randomUUID() }],
      ["revoke a results link", z.object({ linkId: z.string() }), (input, actor) => revokeResultLink(actor, input.linkId!), { linkId: randomUUID() }],
      ["revoke an invitation", z.object({ invitationId: z.string() }), (input, actor) => revokeInvitation(actor, input.invitationId!), { invitationId }],
      ["resend an invitation", z.object({ invitationId: z.string() }), (input, actor) => resendInvitation(actor, input.invitationId!), { invitationId }],
    ];
    for (const [what, schema, call, fields] of tries) {
      const result = await runActorAction(b.owner, schema, async (input) => {
        await call(input as Record<string, string>, b.owner);
        return { ok: true, message: "done" };
      }, form(fields));
      expect(result, what).toMatchObject({ ok: false, message: "That record was not found." });
    }
    const rows = await refusals(b.owner);
    expect(rows).toHaveLength(tries.length);
    expect(rows.map((row) => row.details)).toEqual(tries.map(([, , , fields]) => expect.objectContaining({ refusal: "not_found", ids: fields })));
    expect(rows.every((row) => row.actorUserId === b.owner.userId)).toBe(true);
    // The invitation was not touched.
    expect(await refusals(a.owner)).toHaveLength(0);
  });

  it("a forbidden action (a clinician resetting two-step sign-in) is audited too", async () => {
    const a = await createPracticeFixture();
    const result = await runActorAction(a.clinician, z.object({ userId: z.string() }), async ({ userId }) => {
      await resetTwoStep(a.clinician, userId, { current: "x", ip: testIp() });
      return { ok: true, message: "done" };
    }, form({ userId: a.owner.userId }));
    expect(result).toMatchObject({ ok: false });
    expect((await refusals(a.clinician)).map((row) => row.details)).toEqual([expect.objectContaining({ refusal: "forbidden", ids: { userId: a.owner.userId } })]);
  });

  it("keeps only id fields of the form, cut short", () => {
    expect(idsNamed({ planId: "p", note: "private words", id: "x".repeat(500), clientId: ["a", "b"] })).toEqual({ planId: "p", id: "x".repeat(100) });
    // What jsonb cannot hold (NUL, a lone surrogate) still makes a row: the fuzzer sends both.
    expect(idsNamed({ clientId: "Sam\u0000Lee", userId: "a\ud800b" })).toEqual({ clientId: "Sam\uFFFDLee", userId: "a\uFFFDb" });
  });
});
