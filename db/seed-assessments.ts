import { eq } from "drizzle-orm";
import { appUrl } from "@/lib/app-url";
import { closenessV1, scoreResponse } from "@/lib/instruments";
import { generateInvitationToken } from "@/lib/invitations/token";
import type { Database } from "./client";
import { assessmentScores, assessments, clients, invitations } from "./schema";

export type SeedAssessmentsInput = {
  practiceId: string;
  clients: { id: string; clinicianId: string }[];
  now: Date;
};

export type SeedAssessmentsResult = {
  /** Completed assessments written. */
  assessments: number;
  /** Open links, for the seed to print: they are the only way into the client's questionnaire. */
  pendingInvitations: { clientId: string; link: string; expiresAt: Date }[];
};

const DAY_MS = 24 * 60 * 60 * 1000;
const SEED = 0x5eed_2026;

/** mulberry32: a tiny seeded PRNG, so the demo looks the same on every machine. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Answers whose dimension scores land near `targets` (0–100), with a little per-item noise. */
function answersFor(targets: Record<string, number>, random: () => number): Record<string, number> {
  const answers: Record<string, number> = {};
  for (const item of closenessV1.items) {
    const keyed = 1 + (targets[item.dimension] ?? 50) / 25 + (random() - 0.5) * 1.2;
    const value = Math.min(5, Math.max(1, Math.round(keyed)));
    answers[item.id] = item.reverseKeyed ? 6 - value : value;
  }
  return answers;
}

/**
 * Demo history for a seeded practice: three clients in four get two to four completed closeness
 * assessments three weeks apart (scored by the real scoring function, mostly improving, as
 * therapy often goes), and the first client without any gets a pending invitation whose link is
 * returned. Deterministic for a given input; the caller runs it once, on a fresh practice.
 */
export async function seedDemoAssessments(db: Database, input: SeedAssessmentsInput): Promise<SeedAssessmentsResult> {
  const random = prng(SEED);
  const result: SeedAssessmentsResult = { assessments: 0, pendingInvitations: [] };

  await db.transaction(async (tx) => {
    for (const [index, client] of input.clients.entries()) {
      if (index % 4 === 3) continue;
      const count = 2 + (index % 3);
      const start = Object.fromEntries(closenessV1.dimensions.map((d) => [d.key, 30 + random() * 40]));
      const trend = 3 + random() * 6;
      let latest: { at: Date; overall: number } | null = null;

      for (let n = 0; n < count; n++) {
        const completedAt = new Date(input.now.getTime() - ((count - 1 - n) * 21 + 2 + index) * DAY_MS);
        const sentAt = new Date(completedAt.getTime() - 2 * DAY_MS);
        const targets = Object.fromEntries(Object.entries(start).map(([key, value]) => [key, Math.min(95, value + n * trend)]));
        const answers = answersFor(targets, random);
        const scores = scoreResponse(closenessV1, answers);

        const [invitation] = await tx
          .insert(invitations)
          .values({
            practiceId: input.practiceId,
            clientId: client.id,
            createdBy: client.clinicianId,
            instrumentKey: closenessV1.key,
            instrumentVersion: closenessV1.version,
            // A used link: its token is thrown away at once.
            tokenHash: generateInvitationToken().tokenHash,
            status: "completed",
            expiresAt: new Date(sentAt.getTime() + 14 * DAY_MS),
            openedAt: new Date(completedAt.getTime() - 20 * 60 * 1000),
            completedAt,
            lastSentAt: sentAt,
            createdAt: sentAt,
            updatedAt: completedAt,
          })
          .returning({ id: invitations.id });
        const [assessment] = await tx
          .insert(assessments)
          .values({
            practiceId: input.practiceId,
            clientId: client.id,
            invitationId: invitation!.id,
            instrumentKey: closenessV1.key,
            instrumentVersion: closenessV1.version,
            answers,
            overall: scores.overall,
            completedAt,
          })
          .returning({ id: assessments.id });
        await tx.insert(assessmentScores).values(
          closenessV1.dimensions.map((d) => ({
            assessmentId: assessment!.id,
            practiceId: input.practiceId,
            clientId: client.id,
            dimension: d.key,
            score: scores.dimensions[d.key],
            completedAt,
          })),
        );
        result.assessments++;
        latest = { at: completedAt, overall: scores.overall };
      }
      if (latest) {
        await tx.update(clients).set({ lastAssessmentAt: latest.at, latestOverall: latest.overall }).where(eq(clients.id, client.id));
      }
    }

    const waiting = input.clients.find((_, index) => index % 4 === 3) ?? input.clients[0];
    if (waiting) {
      const { token, tokenHash } = generateInvitationToken();
      const expiresAt = new Date(input.now.getTime() + 14 * DAY_MS);
      await tx.insert(invitations).values({
        practiceId: input.practiceId,
        clientId: waiting.id,
        createdBy: waiting.clinicianId,
        instrumentKey: closenessV1.key,
        instrumentVersion: closenessV1.version,
        tokenHash,
        expiresAt,
        lastSentAt: input.now,
        createdAt: input.now,
        updatedAt: input.now,
      });
      result.pendingInvitations.push({ clientId: waiting.id, link: appUrl(`/a/${token}`), expiresAt });
    }
  });
  return result;
}
