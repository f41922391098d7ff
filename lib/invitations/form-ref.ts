import "server-only";
import { seal, unseal } from "@/lib/core/seal";
import { isWellFormedToken } from "@/lib/core/tokens";

/*
 * The questionnaire's forms must tell the server action which invitation they belong to, but the
 * token may appear nowhere except the URL (a hidden field would put the credential into the page
 * source, saved pages and form-filler caches), and a server action cannot read the page URL.
 * So the form carries the token sealed with AES-256-GCM under a key derived from AUTH_SECRET:
 * unreadable, and unforgeable — a tampered or invented value opens to nothing, without a query,
 * so the forms cannot be used to guess tokens. Rotating the token (resend) still kills old pages:
 * the sealed token is looked up like any other.
 */

const MAX_REF_LENGTH = 256;

export function sealInvitationToken(token: string): string {
  return seal("invitation-form-ref", token);
}

/** The token inside a sealed reference, or null for anything we did not seal. Never throws on input. */
export function openInvitationRef(ref: unknown): string | null {
  const token = unseal("invitation-form-ref", ref, { maxLength: MAX_REF_LENGTH });
  return isWellFormedToken(token) ? token : null;
}
