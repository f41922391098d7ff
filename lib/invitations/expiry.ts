/**
 * How long a questionnaire link works, in days: one range for one-off sends and measurement plans
 * alike, and the default a practice starts with (the practice's own setting replaces it; Settings).
 */
export const EXPIRY_DAYS = { min: 1, max: 60, default: 14 } as const;
