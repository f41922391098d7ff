import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import { invitations, type NewInvitation } from "@/db/schema";
import { appUrl } from "@/lib/core/app-url";
import { recordCompletedAssessments, type CompletedAssessmentInput } from "@/lib/assessments/record";
import type { InstrumentRef } from "@/db/schema";
import { closenessV1, csi4V1, gad7V1, itemScale, phq9V1, type TotalInstrument } from "@/lib/instruments";
import { generateToken } from "@/lib/core/tokens";

export type SeedAssessmentsInput = {
  practiceId: string;
  clients: { id: string; clinicianId: string; coupleId: string | null }[];
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
    const keyed = 1 + (targets[item.dimension] ?? 50) / 25 + (random() - 0.5) * 1.1;
    const value = Math.min(5, Math.max(1, Math.round(keyed)));
    answers[item.id] = item.reverseKeyed ? 6 - value : value;
  }
  return answers;
}

/**
 * How a client's scores move per assessment, in points per dimension. The demo needs every story
 * a clinician meets: couples improving together, couples drifting apart, clients getting worse,
 * and one sudden drop that the overview flags as a reliable deterioration.
 */
type Course = "improving" | "deteriorating" | "stable" | "crisis";

function courseOf(index: number, partnerIndex: number | null): [Course, Course | null] {
  if (partnerIndex === null) return [(["improving", "deteriorating", "stable", "improving", "crisis"] as const)[index % 5]!, null];
  const pattern = index % 4;
  if (pattern === 0 || pattern === 3) return ["improving", "improving"];
  if (pattern === 1) return ["improving", "deteriorating"]; // drifting apart
  return ["stable", "deteriorating"];
}

const STEP: Record<Course, number> = { improving: 3.2, deteriorating: -3, stable: 0, crisis: 0.8 };

/** PHQ-9 totals by course: where they start and how they move per assessment (higher is worse). */
const MOOD: Record<Course, { start: number; step: number }> = {
  improving: { start: 15, step: -1.4 },
  deteriorating: { start: 6, step: 1.3 },
  stable: { start: 9, step: 0 },
  crisis: { start: 11, step: 0.3 },
};

/** Answers to a total-scored instrument's scored items that add up to `total` exactly (clamped to its range). */
function answersTotalling(def: TotalInstrument, total: number, random: () => number, fixed: Record<string, number> = {}): Record<string, number> {
  const items = def.items.filter((item) => item.scored && !Object.hasOwn(fixed, item.id));
  const answers: Record<string, number> = { ...fixed, ...Object.fromEntries(items.map((item) => [item.id, 0])) };
  let left = Math.round(total) - Object.values(fixed).reduce((sum, value) => sum + value, 0);
  while (left > 0) {
    const open = items.filter((item) => answers[item.id]! < itemScale(def, item).at(-1)!.value);
    if (open.length === 0) break;
    answers[open[Math.floor(random() * open.length)]!.id]! += 1;
    left -= 1;
  }
  return answers;
}

/**
 * Demo histories: most clients have completed the closeness assessment every two to four weeks
 * for six to twelve months (scored by the real scoring function; partners of a couple a day or
 * two apart), a few have none yet, and three have a pending invitation — the first one's link
 * is returned so a new user can try the client side at once. Deterministic for a given input;
 * the caller runs it once, on a fresh practice.
 */
export async function seedDemoAssessments(db: Database, input: SeedAssessmentsInput): Promise<SeedAssessmentsResult> {
  const random = prng(SEED);
  // The other instruments draw from their own stream, so the closeness histories stay as they were.
  const other = prng(SEED + 1);
  // One critical answer in the demo: the first crisis story's last sitting.
  let criticalShown = false;
  const newInvitations: NewInvitation[] = [];
  const completed: CompletedAssessmentInput[] = [];
  const pendingInvitations: SeedAssessmentsResult["pendingInvitations"] = [];

  // Group partners so a couple shares one schedule.
  const units: { members: typeof input.clients; courses: Course[] }[] = [];
  const seenCouples = new Set<string>();
  for (const client of input.clients) {
    if (client.coupleId) {
      if (seenCouples.has(client.coupleId)) continue;
      seenCouples.add(client.coupleId);
      const members = input.clients.filter((other) => other.coupleId === client.coupleId);
      const [a, b] = courseOf(units.length, 1);
      units.push({ members, courses: [a, b ?? a] });
    } else {
      units.push({ members: [client], courses: [courseOf(units.length, null)[0]] });
    }
  }

  const addInvitation = (client: (typeof input.clients)[number], values: Partial<NewInvitation> & { expiresAt: Date }) => {
    const id = randomUUID();
    newInvitations.push({
      id,
      practiceId: input.practiceId,
      clientId: client.id,
      createdBy: client.clinicianId,
      instruments: [{ key: closenessV1.key, version: closenessV1.version }] as InstrumentRef[],
      tokenHash: generateToken().tokenHash,
      ...values,
    });
    return id;
  };

  for (const [unitIndex, unit] of units.entries()) {
    // One unit in seven has not started assessments yet.
    if (unitIndex % 7 === 6) continue;
    const months = 6 + Math.floor(random() * 7);
    let day = months * 30;
    const schedule: number[] = [];
    while (day > 3) {
      schedule.push(day);
      day -= 14 + Math.floor(random() * 15);
    }

    // Some are also followed on depression and anxiety (PHQ-9, GAD-7); some couples on satisfaction (CSI-4).
    const withMood = unitIndex % 3 === 0 || unit.courses.includes("crisis");
    const withSatisfaction = unit.members.length > 1 && unitIndex % 2 === 0;
    const sitting: TotalInstrument[] = [...(withMood ? [phq9V1, gad7V1] : []), ...(withSatisfaction ? [csi4V1] : [])];

    for (const [memberIndex, client] of unit.members.entries()) {
      const course = unit.courses[memberIndex] ?? "stable";
      const start = Object.fromEntries(closenessV1.dimensions.map((d) => [d.key, 35 + random() * 30]));
      for (const [step, daysAgo] of schedule.entries()) {
        const last = step === schedule.length - 1;
        const drift = course === "crisis" && last ? -30 : STEP[course] * step;
        const targets = Object.fromEntries(
          Object.entries(start).map(([key, value]) => [key, Math.min(95, Math.max(5, value + drift + (random() - 0.5) * 6))]),
        );
        const answers = answersFor(targets, random);
        const completedAt = new Date(input.now.getTime() - (daysAgo - memberIndex * (1 + Math.floor(random() * 2))) * DAY_MS - random() * 8 * 3600_000);
        const sentAt = new Date(completedAt.getTime() - (1 + Math.floor(random() * 4)) * DAY_MS);
        const invitationId = addInvitation(client, {
          status: "completed",
          expiresAt: new Date(sentAt.getTime() + 14 * DAY_MS),
          openedAt: new Date(completedAt.getTime() - 20 * 60 * 1000),
          completedAt,
          lastSentAt: sentAt,
          createdAt: sentAt,
          updatedAt: completedAt,
          instruments: [closenessV1, ...sitting].map(({ key, version }) => ({ key, version })),
        });
        completed.push({ practiceId: input.practiceId, clientId: client.id, invitationId, instrument: closenessV1, answers, completedAt });
        const mood = MOOD[course];
        const critical = course === "crisis" && last && withMood && !criticalShown;
        if (critical) criticalShown = true;
        const phq = Math.min(27, Math.max(0, course === "crisis" && last ? 19 : mood.start + mood.step * step + (other() - 0.5) * 3));
        const closeness = Object.values(targets).reduce((sum, value) => sum + value, 0) / Object.keys(targets).length;
        const totals: Record<string, { total: number; fixed?: Record<string, number> }> = {
          // The crisis client's last answers include thoughts of self-harm: the demo shows the alert.
          phq9: { total: phq, fixed: { phq9_9: critical ? 1 : 0 } },
          gad7: { total: Math.min(21, phq * 0.8 + (other() - 0.5) * 3) },
          csi4: { total: Math.min(21, Math.max(0, (closeness / 100) * 21 + (other() - 0.5) * 3)) },
        };
        for (const instrument of sitting) {
          const { total, fixed } = totals[instrument.key]!;
          completed.push({ practiceId: input.practiceId, clientId: client.id, invitationId, instrument, answers: answersTotalling(instrument, total, other, fixed), completedAt });
        }
      }
    }
  }

  // Three open invitations: two sent a few days ago, one fresh whose link the seed prints.
  const waiting = units.filter((_, index) => index % 7 === 6).flatMap((unit) => unit.members);
  for (const [index, client] of [...waiting, ...input.clients].slice(0, 3).entries()) {
    const { token, tokenHash } = generateToken();
    const sentAt = new Date(input.now.getTime() - index * 3 * DAY_MS);
    const expiresAt = new Date(sentAt.getTime() + 14 * DAY_MS);
    addInvitation(client, { tokenHash, expiresAt, lastSentAt: sentAt, createdAt: sentAt, updatedAt: sentAt });
    if (index === 0) pendingInvitations.push({ clientId: client.id, link: appUrl(`/a/${token}`), expiresAt });
  }

  await db.transaction(async (tx) => {
    for (let i = 0; i < newInvitations.length; i += 500) await tx.insert(invitations).values(newInvitations.slice(i, i + 500));
    // Scored, stored and reflected in the caseload's sort columns exactly as a real submission.
    await recordCompletedAssessments(tx, completed);
  });
  return { assessments: completed.length, pendingInvitations };
}
