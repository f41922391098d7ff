import "server-only";
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { appUrl } from "@/lib/core/app-url";
import { enqueueEmail, requestDispatch } from "@/lib/core/outbox";
import { signUpConfirmationEmail, signUpExistingAccountEmail } from "@/lib/email/templates";
import { checkPasswordStrength } from "@/lib/auth/password-strength";
import { createPracticeWithOwner } from "./practices";
import { ipBucket } from "@/lib/http/ip-bucket";
import { consumeRateLimit } from "@/lib/http/rate-limit";
import { seal, unseal } from "@/lib/core/seal";
import { clock } from "@/lib/core/clock";

/*
 * Sign-up proves the address before anything exists (docs/decisions/0008). Whoever submits the
 * form sees the same next page whether or not the address already has an account; the address's
 * holder is told by email which it was: a link to finish creating the practice, or a note that
 * the account exists. Nothing is stored until the link is used: the link itself carries what was
 * typed, sealed (lib/core/seal.ts) so it can be neither read nor forged, with its own expiry.
 */

export const SIGN_UP_LINK_HOURS = 24;
/** Sealed practice name, name, email and time zone, as form-validated: well under this. */
const MAX_LINK_TOKEN_LENGTH = 2000;
/** Emails per address per hour: enough for a person retrying, too few to flood a mailbox. */
const EMAILS_PER_ADDRESS_PER_HOUR = 5;
/**
 * Sign-up emails per source (IPv6 by /64) per hour (issue 24, probe 7): a person signs up once or
 * twice; a sender of mail to strangers gets a handful, silently (the answer must stay the same).
 */
export const SIGN_UP_EMAILS_PER_SOURCE = { limit: 5, windowSeconds: 3600 };

type SignUpRequest = { practiceName: string; name: string; email: string; timeZone: string };

type SignUpLink = SignUpRequest & { expiresAt: Date };

type SealedSignUp = { v: 1; practiceName: string; name: string; email: string; timeZone: string; expiresAt: number };

function signUpLinkToken(request: SignUpRequest, expiresAt: Date): string {
  const payload: SealedSignUp = { v: 1, ...request, expiresAt: expiresAt.getTime() };
  return seal("sign-up-link", JSON.stringify(payload));
}

/** What a link carries, or null when it is not ours, was tampered with, or has expired. */
function openSignUpLink(token: string, now = clock.now()): SignUpLink | null {
  const json = unseal("sign-up-link", token, { maxLength: MAX_LINK_TOKEN_LENGTH });
  if (json === null) return null;
  const payload = JSON.parse(json) as SealedSignUp;
  if (payload.v !== 1 || payload.expiresAt <= now.getTime()) return null;
  const { practiceName, name, email, timeZone } = payload;
  return { practiceName, name, email, timeZone, expiresAt: new Date(payload.expiresAt) };
}

async function emailHasAccount(email: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email)).limit(1);
  return Boolean(row);
}

/**
 * Handles a sign-up form: emails the address either a link to finish or a note that it already has
 * an account. Returns nothing, so no caller can answer the two cases differently.
 */
export async function requestSignUp(input: SignUpRequest, ip: string | null): Promise<void> {
  const request = { ...input, email: input.email.trim().toLowerCase() };
  const bySource = await consumeRateLimit(`sign-up-email:ip:${ipBucket(ip ?? "unknown")}`, SIGN_UP_EMAILS_PER_SOURCE);
  if (!bySource.allowed) return;
  // Keyed by a hash: the limits table need not hold the addresses people typed.
  const addressKey = createHash("sha256").update(request.email).digest("base64url");
  const limit = await consumeRateLimit(`sign-up-email:${addressKey}`, { limit: EMAILS_PER_ADDRESS_PER_HOUR, windowSeconds: 3600 });
  if (!limit.allowed) return;

  const message = (await emailHasAccount(request.email))
    ? signUpExistingAccountEmail({ signInLink: appUrl("/sign-in") })
    : signUpConfirmationEmail({
        link: appUrl(`/sign-up/confirm/${signUpLinkToken(request, new Date(clock.ms() + SIGN_UP_LINK_HOURS * 60 * 60 * 1000))}`),
        validHours: SIGN_UP_LINK_HOURS,
      });
  const db = await getDb();
  // No practice yet (or, for the note, not the business of the holder's practice owner).
  await enqueueEmail(db, { practiceId: null, kind: "sign_up", to: request.email, ...message });
  requestDispatch();
}

/** What the confirmation page may show: only the link holder's own sign-up, and only while it can be used. */
export async function checkSignUpLink(
  token: string,
): Promise<{ state: "open"; name: string; email: string; practiceName: string } | { state: "invalid" } | { state: "used" }> {
  const link = openSignUpLink(token);
  if (!link) return { state: "invalid" };
  if (await emailHasAccount(link.email)) return { state: "used" };
  return { state: "open", name: link.name, email: link.email, practiceName: link.practiceName };
}

/**
 * Creates the practice and its owner with the chosen password. A link works until its address has
 * an account — so once, in effect: the unique email makes a second use "used".
 */
export async function completeSignUp(
  token: string,
  password: string,
): Promise<{ ok: true; email: string } | { ok: false; reason: "invalid" | "used" } | { ok: false; reason: "weak_password"; message: string }> {
  const link = openSignUpLink(token);
  if (!link) return { ok: false, reason: "invalid" };
  const strength = await checkPasswordStrength(password, link);
  if (!strength.ok) return { ok: false, reason: "weak_password", message: strength.message };
  const created = await createPracticeWithOwner({ ...link, password });
  if (!created.ok) return { ok: false, reason: "used" };
  return { ok: true, email: link.email };
}
