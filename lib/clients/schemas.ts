import { z } from "zod";
import { emailSchema, isPlainText, PLAIN_TEXT_ERROR, requiredText } from "@/lib/core/validation";
import { clock } from "@/lib/core/clock";

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters.` })
    .refine(isPlainText, { error: PLAIN_TEXT_ERROR })
    .optional()
    .transform((value) => (value ? value : null));

/** Today as YYYY-MM-DD; a date of birth may be any day up to the latest "today" on Earth. */
function latestTodayOnEarth(): string {
  return new Date(clock.ms() + 14 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/**
 * A language tag ("es"); empty: the practice's language for a new client, unchanged for an existing
 * one. Whether it has a catalogue is checked where it is written (lib/clients, lib/practices,
 * lib/import): this module is also loaded in the browser, where the catalogues are not.
 */
export const languageField = z
  .string()
  .trim()
  .max(20)
  .optional()
  .transform((value) => (value ? value : null))
  .refine((value) => value === null || /^[a-z]{2,3}(-[A-Z]{2})?$/.test(value), { error: "Choose a language from the list." });

export const clientInputSchema = z.object({
  firstName: requiredText("First name", 100),
  lastName: requiredText("Last name", 100),
  preferredName: optionalText("Preferred name", 100),
  email: emailSchema,
  phone: z
    .string()
    .trim()
    .max(40, { error: "Phone must be at most 40 characters." })
    .optional()
    .transform((value) => (value ? value : null))
    .refine((value) => value === null || /^\+?[0-9 ()./-]{5,}$/.test(value), {
      error: "Enter a phone number using digits, spaces and + ( ) - only.",
    }),
  dateOfBirth: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : null))
    .refine((value) => value === null || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))), {
      error: "Enter a date as YYYY-MM-DD.",
    })
    .refine((value) => value === null || value <= latestTodayOnEarth(), { error: "Date of birth cannot be in the future." })
    .refine((value) => value === null || value >= "1900-01-01", { error: "Enter a date of birth after 1900." }),
  /** What everything the client sees is written in. */
  language: languageField,
  /** Owners choose; for clinicians it is ignored (a clinician's clients are their own). */
  clinicianId: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : null)),
});

/** `language` may be left out by callers other than the form (tests, the seed): the practice's, or unchanged. */
export type ClientInput = Omit<z.output<typeof clientInputSchema>, "language"> & { language?: string | null };

/** The fields asked for a new partner: names and the email their link goes to; the rest can wait. */
export const newPartnerSchema = clientInputSchema.pick({ firstName: true, lastName: true, email: true });
export type NewPartnerInput = z.output<typeof newPartnerSchema>;

const partnerFields = <N extends 1 | 2>(n: N) =>
  ({
    [`partner${n}.firstName`]: clientInputSchema.shape.firstName,
    [`partner${n}.lastName`]: clientInputSchema.shape.lastName,
    [`partner${n}.email`]: clientInputSchema.shape.email,
  }) as Record<`partner${N}.${"firstName" | "lastName" | "email"}`, typeof clientInputSchema.shape.firstName>;

const partnerLanguages = { "partner1.language": languageField, "partner2.language": languageField };

/**
 * The new-couple form: both partners in one post, with flat field names (`partner1.firstName`…)
 * so each error lands beside its own field. The two emails must differ: each partner gets their
 * own private link.
 */
export const coupleInputSchema = z
  .object({ ...partnerFields(1), ...partnerFields(2), ...partnerLanguages, clinicianId: clientInputSchema.shape.clinicianId })
  .refine((v) => v["partner1.email"] !== v["partner2.email"], {
    error: "Each partner needs their own email address: each gets a private link.",
    path: ["partner2.email"],
  })
  .transform((v) => ({
    clinicianId: v.clinicianId,
    partners: ([1, 2] as const).map((n) => ({
      firstName: v[`partner${n}.firstName`],
      lastName: v[`partner${n}.lastName`],
      email: v[`partner${n}.email`],
      language: v[`partner${n}.language`],
      preferredName: null,
      phone: null,
      dateOfBirth: null,
    })) as [NewPartner, NewPartner],
  }));

type NewPartner = NewPartnerInput & { language: string | null; preferredName: null; phone: null; dateOfBirth: null };
export type CoupleInput = z.output<typeof coupleInputSchema>;

export const CASELOAD_SORTS = ["name", "partner", "clinician", "status", "lastAssessment", "latestOverall", "gap", "pending"] as const;
export type CaseloadSort = (typeof CASELOAD_SORTS)[number];
const CASELOAD_PAGE_SIZES = [10, 25, 50, 100] as const;

/**
 * The caseload view as it lives in the URL. Anything out of range falls back to its default,
 * so a hand-edited or stale bookmark still opens.
 */
const caseloadQuerySchema = z.object({
  q: z.string().trim().max(100).refine(isPlainText).catch("").default(""),
  status: z.enum(["active", "archived", "all"]).catch("active").default("active"),
  /** Couples only, people seen on their own only, or both. */
  kind: z.enum(["all", "couples", "individuals"]).catch("all").default("all"),
  clinician: z.uuid().optional().catch(undefined),
  /** With an active measurement plan, without a running one, or either. */
  plan: z.enum(["all", "active", "none"]).catch("all").default("all"),
  sort: z.enum(CASELOAD_SORTS).catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => (CASELOAD_PAGE_SIZES as readonly number[]).includes(n))
    .catch(25)
    .default(25),
});

export type CaseloadQuery = z.output<typeof caseloadQuerySchema>;

export function parseCaseloadQuery(params: Record<string, string | string[] | undefined>): CaseloadQuery {
  const flat = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  return caseloadQuerySchema.parse(flat);
}

/** The query string for a caseload view, leaving out defaults so URLs stay short. */
export function caseloadHref(query: CaseloadQuery, change: Partial<CaseloadQuery> = {}): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.status !== "active") params.set("status", next.status);
  if (next.kind !== "all") params.set("kind", next.kind);
  if (next.clinician) params.set("clinician", next.clinician);
  if (next.plan !== "all") params.set("plan", next.plan);
  if (next.sort !== "name") params.set("sort", next.sort);
  if (next.dir !== "asc") params.set("dir", next.dir);
  if (next.page !== 1) params.set("page", String(next.page));
  if (next.size !== 25) params.set("size", String(next.size));
  const search = params.toString();
  return search ? `/clients?${search}` : "/clients";
}
