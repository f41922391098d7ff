import { DEFAULT_INSTRUMENT_KEYS } from "@/lib/instruments";
import { PLAN_INSTRUMENTS } from "@/lib/plans/plans";
import { localDay } from "@/lib/plans/schedule";
import { PLAN_LIMITS } from "@/lib/plans/schemas";
import { createPlanAction, endPlanAction, pausePlanAction, resumePlanAction, updatePlanAction } from "./plan-actions";
import { clock } from "@/lib/core/clock";
import { isEmailDeliveryConfigured } from "@/lib/core/outbox";

/** What the plans tab needs besides the plans: the actions, the choices and the form's defaults. */
export function planWiring(timeZone: string, now: Date = clock.now()) {
  const today = localDay(now, timeZone);
  return {
    today,
    instruments: PLAN_INSTRUMENTS,
    limits: { countMax: PLAN_LIMITS.count.max, expiryMax: PLAN_LIMITS.expiryDays.max },
    // Read at request time: plans say plainly when they cannot send.
    emailConfigured: isEmailDeliveryConfigured(),
    defaults: {
      // The Closeness Inventory alone, as sending does by default.
      instruments: DEFAULT_INSTRUMENT_KEYS.join(","),
      cadence: "two_weeks",
      startDate: today,
      endKind: "after_count",
      endCount: "6",
      endDate: "",
      // Empty: the practice's default link expiry (Settings), the same as a one-off send.
      expiryDays: "",
      reminder1: String(PLAN_LIMITS.reminders.defaultDays[0]),
      reminder2: "",
    },
    actions: {
      createAction: createPlanAction,
      updateAction: updatePlanAction,
      pauseAction: pausePlanAction,
      resumeAction: resumePlanAction,
      endAction: endPlanAction,
    },
  };
}
