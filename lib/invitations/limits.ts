import "server-only";
import { consumeRateLimit, type RateLimitResult } from "@/lib/http/rate-limit";

/**
 * Opening a link looks a raw token up, so views are limited per IP against guessing (hopeless at
 * 256 bits, but each guess still costs a query). A whole questionnaire takes about ten views, and
 * partners often share a household IP, so 60 per 10 minutes leaves honest use far below the limit.
 */
const LINK_VIEW_LIMIT = { limit: 60, windowSeconds: 10 * 60 };

/**
 * Answer posts carry a sealed reference that cannot be forged (see ./form-ref.ts), so this limit
 * only bounds the writes one link can cause: autosave posts once per answer, 28 per person.
 */
const ANSWER_POST_LIMIT = { limit: 300, windowSeconds: 10 * 60 };

export function limitLinkViews(ip: string): Promise<RateLimitResult> {
  return consumeRateLimit(`invitation-view:${ip}`, LINK_VIEW_LIMIT);
}

export function limitAnswerPosts(ip: string): Promise<RateLimitResult> {
  return consumeRateLimit(`invitation-answers:${ip}`, ANSWER_POST_LIMIT);
}
