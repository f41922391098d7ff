import { z } from "zod";
import { EXPIRY_DAYS } from "@/lib/invitations/expiry";
import { checkboxListSchema } from "@/lib/core/validation";

/** The plan form's limits; the form shows them and the domain checks them again. */
export const PLAN_LIMITS = {
  count: { min: 1, max: 52 },
  // The same range as a one-off send; the default is the practice's (Settings), applied when empty.
  expiryDays: { min: EXPIRY_DAYS.min, max: EXPIRY_DAYS.max },
  reminders: { max: 2, defaultDays: [2] as number[] },
} as const;

const DATE_ERROR = "Enter a date like 2026-03-02.";
const COUNT_ERROR = `Enter a whole number of assessments from ${PLAN_LIMITS.count.min} to ${PLAN_LIMITS.count.max}.`;
const EXPIRY_ERROR = `Enter a whole number of days from ${PLAN_LIMITS.expiryDays.min} to ${PLAN_LIMITS.expiryDays.max}.`;
const REMINDER_ERROR = "Enter a whole number of days after sending, or leave it empty for no reminder.";

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const isoDate = z.string({ error: DATE_ERROR }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: DATE_ERROR }).refine((value) => !Number.isNaN(Date.parse(value)), { error: DATE_ERROR });
const reminderDay = z.preprocess(
  blankToUndefined,
  z.coerce.number({ error: REMINDER_ERROR }).int({ error: REMINDER_ERROR }).min(1, { error: REMINDER_ERROR }).max(13, { error: REMINDER_ERROR }).optional(),
);

/** What the plan form posts (create and edit alike). */
export const planFieldsSchema = z.object({
  /** Instrument keys (a group of checkboxes); the domain refuses an empty or unknown choice. */
  instruments: checkboxListSchema,
  cadence: z.enum(["weekly", "two_weeks", "four_weeks", "monthly"], { error: "Choose how often." }),
  startDate: isoDate,
  endKind: z.enum(["after_count", "on_date", "open"], { error: "Choose when the plan ends." }),
  endCount: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: COUNT_ERROR })
      .int({ error: COUNT_ERROR })
      .min(PLAN_LIMITS.count.min, { error: COUNT_ERROR })
      .max(PLAN_LIMITS.count.max, { error: COUNT_ERROR })
      .optional(),
  ),
  endDate: z.preprocess(blankToUndefined, isoDate.optional()),
  /** Empty: the practice's default link expiry. */
  expiryDays: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: EXPIRY_ERROR })
      .int({ error: EXPIRY_ERROR })
      .min(PLAN_LIMITS.expiryDays.min, { error: EXPIRY_ERROR })
      .max(PLAN_LIMITS.expiryDays.max, { error: EXPIRY_ERROR })
      .optional(),
  ),
  reminder1: reminderDay,
  reminder2: reminderDay,
});

export type PlanFields = z.output<typeof planFieldsSchema>;

// Posted by the couple's page: the plan must be that couple's, and the form returns there.
const coupleIdField = z.preprocess(blankToUndefined, z.string().min(1).max(100).optional());

export const createPlanSchema = planFieldsSchema.extend({
  clientId: z.string().min(1).max(100),
  coupleId: coupleIdField,
  // A checkbox posts "on" when ticked and nothing otherwise.
  forCouple: z.preprocess((value) => value === "on" || value === "true", z.boolean()),
});

export const updatePlanSchema = planFieldsSchema.extend({ planId: z.string().min(1).max(100), coupleId: coupleIdField });

export const planIdSchema = z.object({ planId: z.string().min(1).max(100) });
