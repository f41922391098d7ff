import "server-only";
import { consumeRateLimit, type RateLimitResult } from "@/lib/http/rate-limit";

/**
 * Opening a reminder's stop link (`/r/<token>`) looks a raw token up and may write: views are
 * limited per IP (issue 24, item 10). A person clicks it once or twice; a household a few times.
 */
const STOP_LINK_VIEW_LIMIT = { limit: 30, windowSeconds: 10 * 60 };

export function limitStopLinkViews(ip: string): Promise<RateLimitResult> {
  return consumeRateLimit(`stop-reminders-view:${ip}`, STOP_LINK_VIEW_LIMIT);
}
