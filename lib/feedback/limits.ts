import "server-only";
import { consumeRateLimit, type RateLimitResult } from "@/lib/http/rate-limit";

/**
 * Opening a results link looks a raw token up, so views are limited per IP against guessing, as
 * questionnaire links are (lib/invitations/limits.ts). A couple reading their results at home share
 * an address; 60 views per 10 minutes is far above honest use.
 */
const RESULTS_VIEW_LIMIT = { limit: 60, windowSeconds: 10 * 60 };

/** Consent posts carry a sealed reference that cannot be forged; this only bounds the writes. */
const RESULTS_POST_LIMIT = { limit: 30, windowSeconds: 10 * 60 };

export function limitResultsViews(ip: string): Promise<RateLimitResult> {
  return consumeRateLimit(`results-view:${ip}`, RESULTS_VIEW_LIMIT);
}

export function limitResultsPosts(ip: string): Promise<RateLimitResult> {
  return consumeRateLimit(`results-posts:${ip}`, RESULTS_POST_LIMIT);
}
