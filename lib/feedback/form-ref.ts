import "server-only";
import { seal, unseal } from "@/lib/core/seal";
import { isWellFormedToken } from "@/lib/core/tokens";

/*
 * The results page's consent form names its link the way the questionnaire's forms do
 * (docs/decisions/0004): the token sealed under a key of its own, never in a readable field.
 * A tampered or invented value opens to nothing, without a query.
 */

const MAX_REF_LENGTH = 256;

export function sealResultsToken(token: string): string {
  return seal("results-form-ref", token);
}

export function openResultsRef(ref: unknown): string | null {
  const token = unseal("results-form-ref", ref, { maxLength: MAX_REF_LENGTH });
  return isWellFormedToken(token) ? token : null;
}
