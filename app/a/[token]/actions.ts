"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { openInvitationRef } from "@/lib/invitations/form-ref";
import { InvitationBusyError } from "@/lib/invitations/invitation-transaction";
import { saveDraft, submitAssessment } from "@/lib/invitations/public";

/*
 * The questionnaire's server actions. The form names its invitation only by a sealed reference
 * (see lib/invitations/form-ref.ts); anything that does not open, or any link that is no longer
 * usable, ends on the link's own page, which shows the calm state that fits. Bad input never
 * throws: unknown fields are dropped and values off the scale are simply not saved. Oversized or
 * unparseable bodies, and the per-IP limit on posts, are handled before this in proxy.ts.
 */

const INVALID_LINK_PATH = "/a/invalid";
const MAX_FIELDS = 100;
const FIELD_NAME = /^[a-z][a-z0-9_]{0,31}$/;

/** Candidate answers from a posted form; the instrument decides later which ones are items. */
function answersFrom(formData: FormData): Record<string, string> {
  const answers: Record<string, string> = {};
  let seen = 0;
  for (const [name, value] of formData.entries()) {
    if (++seen > MAX_FIELDS) break;
    if (typeof value === "string" && FIELD_NAME.test(name) && value.length <= 8) answers[name] = value;
  }
  return answers;
}

function targetStep(intent: string, step: string): string {
  if (intent === "review") return "?step=review";
  const current = /^\d{1,2}$/.test(step) ? Number(step) : null;
  if (current === null) return "";
  const next = intent === "back" ? current - 1 : current + 1;
  return next >= 1 ? `?step=${next}` : "";
}

/** The statements the posted part showed (its `items` field), for flagging the unanswered ones. */
function partItems(formData: FormData): string[] {
  return String(formData.get("items") ?? "")
    .split(" ")
    .filter((id) => FIELD_NAME.test(id))
    .slice(0, MAX_FIELDS);
}

/**
 * Saves a part's answers, then moves on (next / back / review) or sends the whole questionnaire
 * (submit). Moving on from a part with statements unanswered shows the part again, once, with
 * them flagged (the form then says `gaps=shown`, and a second press moves on).
 */
export async function saveAnswersAction(formData: FormData): Promise<void> {
  // Actions are public endpoints: a hand-made call can pass anything as the argument.
  if (!(formData instanceof FormData)) redirect(INVALID_LINK_PATH);
  const token = openInvitationRef(formData.get("ref"));
  if (!token) redirect(INVALID_LINK_PATH);
  const page = `/a/${token}`;

  const intent = String(formData.get("intent") ?? "next");
  const step = String(formData.get("step") ?? "");
  const answers = answersFrom(formData);
  const leaving = (intent === "next" || intent === "submit") && /^\d{1,2}$/.test(step);
  const gapsUnseen = leaving && formData.get("gaps") !== "shown" && partItems(formData).some((id) => answers[id] === undefined);

  // The link's row held by someone else for longer than a save waits: the same part again, with a
  // calm "try again" note, never a 500 (issue 24, item 10). The answers of the part were not saved.
  const busy = `${page}?step=${/^\d{1,2}$/.test(step) ? step : "review"}&notice=busy`;
  const orBusy = <T,>(work: Promise<T>): Promise<T> =>
    work.catch((error: unknown) => {
      if (error instanceof InvitationBusyError) redirect(busy);
      throw error;
    });

  if (intent === "submit" && !gapsUnseen) {
    const result = await orBusy(submitAssessment(token, answers));
    if (result.ok) redirect(`${page}/done`);
    redirect(result.reason === "missing" ? `${page}?step=review` : page);
  }

  const saved = await orBusy(saveDraft(token, answers));
  if (!saved.ok) redirect(page);
  const target = targetStep(intent, step);
  // Answers off the scale were not saved; the part is shown again with a note, not skipped.
  if (saved.invalid.length > 0 && /^\d{1,2}$/.test(step)) redirect(`${page}?step=${step}&notice=unreadable`);
  if (gapsUnseen) redirect(`${page}?step=${step}&unanswered=1`);
  redirect(`${page}${target}`);
}

const autosaveSchema = z.object({
  ref: z.string().max(256),
  answers: z.record(z.string().regex(FIELD_NAME), z.string().max(8)).refine((answers) => Object.keys(answers).length <= MAX_FIELDS),
});

/** Saves answers as they are chosen (JavaScript only). Quiet by design (the step post saves them too), except for help after a critical answer. */
export async function autosaveAnswersAction(ref: unknown, answers: unknown): Promise<{ ok: boolean; help: string | null }> {
  const parsed = autosaveSchema.safeParse({ ref, answers });
  if (!parsed.success) return { ok: false, help: null };
  const token = openInvitationRef(parsed.data.ref);
  if (!token) return { ok: false, help: null };
  // Issue 24, item 10: the link's row held by someone else is "not saved yet" (the page retries and
  // says so calmly), never a 500.
  const saved = await saveDraft(token, parsed.data.answers).catch((error: unknown) => {
    if (error instanceof InvitationBusyError) return { ok: false as const, reason: "busy" as const };
    throw error;
  });
  // After a critical answer, the help shows at once (the page shows it too, without JavaScript).
  return saved.ok ? { ok: true, help: saved.help } : { ok: false, help: null };
}
