import { relations, sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  primaryKey,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** An instrument as stored: key + version (lib/instruments). One link or plan may carry several. */
export type InstrumentRef = { key: string; version: number };

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/**
 * The practice of a derived row (an aggregate or figure kept from the practice's records, rebuilt
 * from them at will): it goes when the practice goes. Records themselves reference their practice
 * without cascading.
 */
const derivedPracticeId = () =>
  uuid("practice_id")
    .notNull()
    .references(() => practices.id, { onDelete: "cascade" });
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const userRole = pgEnum("user_role", ["owner", "clinician"]);

export const practices = pgTable("practices", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  timeZone: text("time_zone").notNull(),
  /** Every member must sign in with a second step (an authenticator app); set by the owner. */
  requireTwoStep: boolean("require_two_step").notNull().default(false),
  /** Days a questionnaire link works when the clinician does not choose (lib/invitations). */
  defaultLinkExpiryDays: integer("default_link_expiry_days").notNull().default(14),
  /** The display name on the From line of the practice's emails; null: the practice's name. */
  emailSenderName: text("email_sender_name"),
  /** Whether a client's own results are shared with them unless their clinician says otherwise (issue 15). */
  shareResultsByDefault: boolean("share_results_by_default").notNull().default(false),
  /**
   * Shown to a client whose answers include a critical one (PHQ-9 item 9), on the thank-you page;
   * null: the safe default in lib/alerts (local emergency services). Edited by the owner.
   */
  crisisText: text("crisis_text"),
  /** The language a new client gets unless the clinician chooses another (a catalogue in messages/, e.g. "en", "es"). */
  language: text("language").notNull().default("en"),
  /**
   * Set when the overview's aggregates no longer match the practice (its time zone changed) and a
   * background rebuild is due (lib/overview/rebuild.ts); null when they are up to date.
   */
  aggregatesStaleSince: timestamp("aggregates_stale_since", { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    name: text("name").notNull(),
    /** Stored lower-cased; unique across the whole service because it is the sign-in name. */
    email: text("email").notNull(),
    /** Null until a clinician added by the owner sets a password. */
    passwordHash: text("password_hash"),
    role: userRole("role").notNull(),
    active: boolean("active").notNull().default(true),
    /**
     * The authenticator app's TOTP secret, sealed (lib/core/seal.ts, purpose "two-step-secret"): it is
     * a credential, so it never rests readable. Null while two-step sign-in is off.
     */
    totpSecretSealed: text("totp_secret_sealed"),
    /** The TOTP time step of the last code accepted: a code is refused at or before it (no replay). */
    totpLastStep: integer("totp_last_step"),
    twoStepEnabledAt: timestamp("two_step_enabled_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(sql`lower(${t.email})`),
    index("users_practice_id_name_idx").on(t.practiceId, t.name),
  ],
);

/**
 * Append-only: a trigger (migration 0003) raises on UPDATE, DELETE and TRUNCATE.
 * `practice_id` is null only for a failed sign-in with an email that matches no user.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    practiceId: uuid("practice_id").references(() => practices.id),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id"),
    /** The client the event concerns, if any: a client's trail includes their invitations and exports. */
    clientId: uuid("client_id"),
    /** Only ids and changed field names, never clinical content. */
    details: jsonb("details").$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    /**
     * Tamper evidence (decision 0040): the row's place in its practice's chain and
     * sha256(previous row's hash, this row). Set by a database trigger on insert, never by the app.
     */
    chainSeq: bigint("chain_seq", { mode: "number" }),
    hash: text("hash"),
  },
  (t) => [
    uniqueIndex("audit_events_chain_idx").on(t.practiceId, t.chainSeq),
    index("audit_events_practice_subject_created_idx").on(t.practiceId, t.subjectType, t.subjectId, t.createdAt),
    index("audit_events_client_trail_idx").on(t.practiceId, t.clientId, t.createdAt),
    check("audit_events_practice_required", sql`${t.practiceId} is not null or ${t.action} = 'user.sign_in_failed'`),
  ],
);

/**
 * An owner added an address that already has an account in another practice (an address belongs
 * to one practice). Its holder was told by email; the team list shows the row as "Invited", just
 * like a clinician added with a free address who has not set a password yet, so the list does not
 * say which addresses have an Attune account (issue 24, probe 8; decision 0040).
 */
export const teamInvitations = pgTable(
  "team_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    name: text("name").notNull(),
    /** Lower-cased, as users.email. */
    email: text("email").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("team_invitations_practice_email_unique").on(t.practiceId, t.email)],
);

/**
 * The newest link of each practice's audit chain ('' for the rows of no practice), kept by the same
 * trigger: a deleted last row is seen by comparing it with the chain. Its row lock serialises the
 * practice's audit inserts (transaction-scoped, so safe through a pooler in transaction mode).
 */
export const auditChainHeads = pgTable("audit_chain_heads", {
  chainKey: text("chain_key").primaryKey(),
  lastSeq: bigint("last_seq", { mode: "number" }).notNull(),
  lastHash: text("last_hash").notNull(),
});

/**
 * The last check of each practice's audit chain (lib/core/audit-chain.ts), made by the job engine
 * in the background: reading a whole chain grows with the trail (millions of rows for a large
 * practice), so the owner's settings page shows this report instead of making one per view.
 * `npm run audit:verify` checks every chain anew.
 */
export const auditChainChecks = pgTable("audit_chain_checks", {
  practiceId: derivedPracticeId().primaryKey(),
  checkedAt: timestamp("checked_at", { withTimezone: true }).notNull(),
  rows: bigint("rows", { mode: "number" }).notNull(),
  whole: boolean("whole").notNull(),
  brokenId: bigint("broken_id", { mode: "number" }),
  brokenSeq: bigint("broken_seq", { mode: "number" }),
  reason: text("reason"),
});

export const sessionEndReason = pgEnum("session_end_reason", [
  "sign_out",
  "sign_out_everywhere",
  "password_change",
  "deactivated",
  "idle",
  "expired",
  "email_change",
  "two_step_reset",
]);

/**
 * A session whose password was right but which is not signed in yet: it waits for the
 * authenticator code (`second_factor`), or, in a practice that requires two-step sign-in, for
 * the user to set it up (`enrolment`). Null: fully signed in (docs/decisions/0019).
 */
export const sessionPendingStep = pgEnum("session_pending_step", ["second_factor", "enrolment"]);

/**
 * Server-side record of each signed-in session. The session cookie (a JWT) carries only its id,
 * which is not a secret by itself; the row is what sign-out, deactivation and password changes end.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    /** Moved forward at most once a minute, so an active session does not write on every request. */
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endedReason: sessionEndReason("ended_reason"),
    userAgent: text("user_agent"),
    ip: text("ip"),
    pendingStep: sessionPendingStep("pending_step"),
  },
  (t) => [index("sessions_open_by_user_idx").on(t.userId).where(sql`${t.endedAt} is null`)],
);

/**
 * Each couple's latest pair of closeness assessments against the pair before (DESIGN §2; the one
 * definition is compareCouple in lib/scores/couple-pairs.ts), kept with the couple's gap in the same
 * transaction as each submission and link (lib/couples/couple-gap.ts); only couples with two pairs.
 * The overview's "gaps widening" reads the widening ones through the partial index, the most widened
 * first, so its first rows cost the same however many couples the practice has (issue 27).
 */
export const coupleGapChanges = pgTable(
  "couple_gap_changes",
  {
    coupleId: uuid("couple_id")
      .primaryKey()
      .references(() => couples.id, { onDelete: "cascade" }),
    practiceId: derivedPracticeId(),
    /** The latest pair's average gap minus the pair before's, unrounded. */
    meanChange: doublePrecision("mean_change").notNull(),
    /** meanChange reaches GAP_WIDENING_MIN_POINTS. */
    widening: boolean("widening").notNull(),
    /** The comparison told from the side of the partner with the lower id, without the dimensions' labels. */
    comparison: jsonb("comparison").notNull(),
  },
  (t) => [
    index("couple_gap_changes_practice_idx").on(t.practiceId),
    index("couple_gap_changes_widening_idx").on(t.practiceId, t.meanChange.desc(), t.coupleId).where(sql`widening`),
  ],
);

export const clientStatus = pgEnum("client_status", ["active", "archived"]);

/** A couple is two linked clients; unlinking keeps the row (ended), so couple history survives. */
export const couples = pgTable(
  "couples",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    createdAt: createdAt(),
    unlinkedAt: timestamp("unlinked_at", { withTimezone: true }),
    /**
     * The largest dimension gap of the partners' latest pair of assessments (DESIGN §2: completed
     * within 14 days), unrounded; null while there is no pair. Kept in step with every submission in
     * the same transaction (lib/assessments/record.ts), so the caseload reads it without scoring.
     */
    latestGap: numeric("latest_gap", { mode: "number" }),
    latestGapDimension: text("latest_gap_dimension"),
    /** When the later assessment of that pair was completed. */
    latestGapAt: timestamp("latest_gap_at", { withTimezone: true }),
    /** The clinician withholds the couple view of results (e.g. for safety), whatever the partners agreed. */
    resultsCoupleWithheld: boolean("results_couple_withheld").notNull().default(false),
  },
  (t) => [index("couples_practice_id_idx").on(t.practiceId)],
);

export const clients = pgTable(
  "clients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    clinicianId: uuid("clinician_id")
      .notNull()
      .references(() => users.id),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    preferredName: text("preferred_name"),
    email: text("email").notNull(),
    phone: text("phone"),
    dateOfBirth: date("date_of_birth", { mode: "string" }),
    /** Everything the client sees (emails, questionnaire, results) is in this language: a catalogue in messages/. */
    language: text("language").notNull().default("en"),
    status: clientStatus("status").notNull().default("active"),
    /** The couple the client is in now; at most one at a time. */
    coupleId: uuid("couple_id").references(() => couples.id),
    /** Kept in step with assessments in the same transaction, so the caseload can sort on them. */
    lastAssessmentAt: timestamp("last_assessment_at", { withTimezone: true }),
    latestOverall: numeric("latest_overall", { mode: "number" }),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("clients_caseload_by_name_idx").on(t.practiceId, t.status, t.lastName, t.firstName, t.id),
    index("clients_caseload_by_clinician_idx").on(t.practiceId, t.clinicianId, t.status, t.lastName, t.firstName, t.id),
    index("clients_caseload_by_last_assessment_idx").on(t.practiceId, t.status, t.lastAssessmentAt, t.id),
    index("clients_caseload_by_latest_overall_idx").on(t.practiceId, t.status, t.latestOverall, t.id),
    index("clients_caseload_by_created_idx").on(t.practiceId, t.status, t.createdAt, t.id),
    index("clients_couple_id_idx").on(t.coupleId),
    uniqueIndex("clients_active_email_unique")
      .on(t.practiceId, sql`lower(${t.email})`)
      .where(sql`${t.status} = 'active'`),
    index("clients_search_trgm_idx").using(
      "gin",
      sql`(lower(${t.firstName} || ' ' || ${t.lastName} || ' ' || coalesce(${t.preferredName}, '') || ' ' || ${t.email})) gin_trgm_ops`,
    ),
  ],
);

/** `cancel_email_change`: the "this wasn't me" link in the notice to the old address. */
export const userTokenPurpose = pgEnum("user_token_purpose", ["set_password", "reset_password", "change_email", "cancel_email_change"]);

/**
 * Recovery codes for two-step sign-in: ten per enrolment, shown once, stored as SHA-256 hashes,
 * each usable once.
 */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("recovery_codes_user_hash_unique").on(t.userId, t.codeHash)],
);

/** One-time links for users (set a password). Only the SHA-256 of the token is stored. */
export const userTokens = pgTable(
  "user_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    purpose: userTokenPurpose("purpose").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** For `change_email`: the address the link confirms (an address is not a credential). */
    newEmail: text("new_email"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("user_tokens_token_hash_unique").on(t.tokenHash), index("user_tokens_user_id_idx").on(t.userId)],
);

/** `expired` is not stored: a pending or opened invitation past `expires_at` is expired. */
export const invitationStatus = pgEnum("invitation_status", ["pending", "opened", "completed", "revoked"]);

/**
 * One submission of a send form (issue 23): its key, made when the form was drawn, is held once per
 * practice, so a double submit makes one set of links; the links are kept sealed for a replay for a
 * few minutes, then erased (lib/invitations/send-requests.ts). Also what the form remembers: the
 * questionnaires last chosen for a client or a couple.
 */
export const sendRequests = pgTable(
  "send_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    /** Made when the form was drawn (a hidden field); a uuid. */
    requestKey: uuid("request_key").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    /** The client the form was for (with the partner too, when sent to both). */
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    /** What was chosen, in the order answered. */
    instruments: jsonb("instruments").$type<InstrumentRef[]>().notNull(),
    /** The links made, sealed (AUTH_SECRET), for a replay within minutes; null once erased. */
    sealedLinks: text("sealed_links"),
    createdAt: createdAt(),
  },
  (t) => [
    // A double submit of one form: the second finds the first.
    uniqueIndex("send_requests_practice_key_unique").on(t.practiceId, t.requestKey),
    // Erasing expired sealed links: only rows that still hold some are read.
    index("send_requests_sealed_created_idx").on(t.practiceId, t.createdAt).where(sql`${t.sealedLinks} is not null`),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    /** The instruments answered in one sitting, in the order the client sees them; never empty. */
    instruments: jsonb("instruments").$type<InstrumentRef[]>().notNull(),
    /** SHA-256 (hex) of the link's token; the token itself is never stored. */
    tokenHash: text("token_hash").notNull(),
    status: invitationStatus("status").notNull().default("pending"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastSentAt: timestamp("last_sent_at", { withTimezone: true }).notNull().defaultNow(),
    sendCount: integer("send_count").notNull().default(1),
    /** Answers saved as the client goes, so they can resume from the same link on any device. */
    draftAnswers: jsonb("draft_answers").$type<Record<string, number>>(),
    draftUpdatedAt: timestamp("draft_updated_at", { withTimezone: true }),
    /** Set when a measurement plan made this invitation: which plan, and which of its occurrences. */
    planId: uuid("plan_id").references(() => plans.id),
    planOccurrence: integer("plan_occurrence"),
    /** Set when a send form made this invitation (one request may make both partners' links). */
    sendRequestId: uuid("send_request_id").references(() => sendRequests.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_unique").on(t.tokenHash),
    // Exactly once per plan, occurrence and person, however many workers run at once.
    uniqueIndex("invitations_plan_occurrence_client_unique").on(t.planId, t.planOccurrence, t.clientId).where(sql`${t.planId} is not null`),
    index("invitations_client_created_idx").on(t.practiceId, t.clientId, t.createdAt),
    index("invitations_open_by_client_idx").on(t.clientId, t.expiresAt).where(sql`${t.status} in ('pending', 'opened')`),
    // The overview's "still open": only the practice's unanswered links not yet expired are read.
    index("invitations_open_by_practice_idx").on(t.practiceId, t.expiresAt).where(sql`${t.status} in ('pending', 'opened')`),
    index("invitations_practice_created_idx").on(t.practiceId, t.createdAt),
  ],
);

export const planCadence = pgEnum("plan_cadence", ["weekly", "two_weeks", "four_weeks", "monthly"]);
export const planEnd = pgEnum("plan_end", ["after_count", "on_date", "open"]);
export const planStatus = pgEnum("plan_status", ["active", "paused", "ended"]);

/**
 * A measurement plan: the same assessment sent on a schedule to a client, or to both partners of a
 * couple on the same dates (lib/plans/). Occurrences not yet sent are not stored: they follow from
 * the plan, so editing a plan changes every one of them. `first_occurrence` numbers the occurrence
 * on `start_date`: after an edit the schedule restarts from the new start date and keeps counting.
 */
export const plans = pgTable(
  "plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    /** Set for a couple's plan; its members are then both partners. */
    coupleId: uuid("couple_id").references(() => couples.id),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    /** Every occurrence's link carries these instruments, in this order; never empty. */
    instruments: jsonb("instruments").$type<InstrumentRef[]>().notNull(),
    cadence: planCadence("cadence").notNull(),
    /** The practice's calendar day of the first occurrence (practices.time_zone). */
    startDate: date("start_date", { mode: "string" }).notNull(),
    firstOccurrence: integer("first_occurrence").notNull().default(0),
    endKind: planEnd("end_kind").notNull(),
    /** With `after_count`: how many assessments in all. */
    endCount: integer("end_count"),
    /** With `on_date`: the last day an occurrence may fall on. */
    endDate: date("end_date", { mode: "string" }),
    expiryDays: integer("expiry_days").notNull(),
    /** Days after sending on which a reminder goes to whoever has not finished; at most two. */
    reminderDays: jsonb("reminder_days").$type<number[]>().notNull(),
    status: planStatus("status").notNull().default("active"),
    pausedAt: timestamp("paused_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("plans_practice_status_idx").on(t.practiceId, t.status)],
);

/** Who a plan assesses: one client, or both partners. A client can stop their own reminders. */
export const planMembers = pgTable(
  "plan_members",
  {
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    remindersStoppedAt: timestamp("reminders_stopped_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ name: "plan_members_pk", columns: [t.planId, t.clientId] }), index("plan_members_client_idx").on(t.clientId)],
);

/** A reminder sent for a plan's invitation. The stop link's token is stored as its SHA-256 only. */
export const planReminders = pgTable(
  "plan_reminders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    invitationId: uuid("invitation_id")
      .notNull()
      .references(() => invitations.id),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    reminderNumber: integer("reminder_number").notNull(),
    stopTokenHash: text("stop_token_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // Exactly once per invitation and reminder, however many workers run at once.
    uniqueIndex("plan_reminders_invitation_number_unique").on(t.invitationId, t.reminderNumber),
    uniqueIndex("plan_reminders_stop_token_hash_unique").on(t.stopTokenHash),
  ],
);

/**
 * A completed assessment of one instrument. A sitting of several instruments on one link makes one
 * row each: one per invitation and instrument, enforced by the unique index. A profile instrument
 * (closeness) sets `overall` and has dimension rows in `assessment_scores`; a total-scored one
 * (PHQ-9, GAD-7, CSI-4) sets `total`. Exactly one of the two is set (check constraint).
 */
export const assessments = pgTable(
  "assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    invitationId: uuid("invitation_id").references(() => invitations.id),
    instrumentKey: text("instrument_key").notNull(),
    instrumentVersion: integer("instrument_version").notNull(),
    answers: jsonb("answers").$type<Record<string, number>>().notNull(),
    /** The language the items were shown in when these answers were given ("en" before languages existed). */
    language: text("language").notNull().default("en"),
    /** Profile instruments: the mean of the dimension scores, unrounded, 0–100. */
    overall: numeric("overall", { mode: "number" }),
    /** Total-scored instruments: the sum of the scored items, in the instrument's own points. */
    total: numeric("total", { mode: "number" }),
    completedAt: timestamp("completed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("assessments_one_score", sql`(${t.overall} is null) <> (${t.total} is null)`),
    uniqueIndex("assessments_invitation_instrument_unique").on(t.invitationId, t.instrumentKey),
    index("assessments_client_completed_idx").on(t.practiceId, t.clientId, t.completedAt),
    index("assessments_practice_completed_idx").on(t.practiceId, t.completedAt),
  ],
);

/** One row per dimension of an assessment, unrounded; set-based aggregation reads these. */
export const assessmentScores = pgTable(
  "assessment_scores",
  {
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    dimension: text("dimension").notNull(),
    score: numeric("score", { mode: "number" }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: "assessment_scores_pk", columns: [t.assessmentId, t.dimension] }),
    index("assessment_scores_practice_completed_idx").on(t.practiceId, t.completedAt),
  ],
);

/**
 * Sharing results with a client (lib/feedback): one row per client, made on first change.
 * `shared` null follows the practice's `share_results_by_default`. The client's consent to show
 * their results to their partner names the couple it was given in, so it lapses when that couple ends.
 */
export const resultSharing = pgTable("result_sharing", {
  clientId: uuid("client_id")
    .primaryKey()
    .references(() => clients.id),
  practiceId: uuid("practice_id")
    .notNull()
    .references(() => practices.id),
  shared: boolean("shared"),
  coupleConsentCoupleId: uuid("couple_consent_couple_id").references(() => couples.id),
  coupleConsentAt: timestamp("couple_consent_at", { withTimezone: true }),
  updatedAt: updatedAt(),
});

/** A client's personal results link (`/results/<token>`). Only the SHA-256 of the token is stored. */
export const resultLinks = pgTable(
  "result_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("result_links_token_hash_unique").on(t.tokenHash),
    index("result_links_client_created_idx").on(t.practiceId, t.clientId, t.createdAt),
  ],
);

/*
 * Aggregates the overview reads instead of the practice's history (decision record 0018). Written
 * in the same transaction as each submission (lib/assessments/record.ts), so never stale; bucketed
 * by the day in the practice's time zone, so a change of time zone rebuilds them
 * (lib/overview/aggregates.ts `rebuildPracticeAggregates`).
 */
export const practiceDailyAssessments = pgTable(
  "practice_daily_assessments",
  {
    practiceId: derivedPracticeId(),
    /** The day of `completed_at` in the practice's time zone. */
    day: date("day", { mode: "string" }).notNull(),
    /** Every completed assessment of the day. */
    assessments: integer("assessments").notNull(),
    /** Those with at least one closeness dimension score (the overview's per-period count). */
    closenessAssessments: integer("closeness_assessments").notNull(),
  },
  (t) => [primaryKey({ name: "practice_daily_assessments_pk", columns: [t.practiceId, t.day] })],
);

/** Per practice, local day and dimension: how many scores and their exact sum (means are sum ÷ count). */
export const practiceDailyScores = pgTable(
  "practice_daily_scores",
  {
    practiceId: derivedPracticeId(),
    day: date("day", { mode: "string" }).notNull(),
    dimension: text("dimension").notNull(),
    scores: integer("scores").notNull(),
    scoreSum: numeric("score_sum").notNull(),
  },
  (t) => [primaryKey({ name: "practice_daily_scores_pk", columns: [t.practiceId, t.day, t.dimension] })],
);

/**
 * How many invitations each practice has made, whatever became of them (the overview's "any
 * invitation yet?"). Kept by a trigger on `invitations` (migration 0006, custom SQL), so every
 * write path — today's and any later one — keeps it in its own transaction.
 */
export const practiceInvitationCounts = pgTable("practice_invitation_counts", {
  practiceId: uuid("practice_id")
    .primaryKey()
    .references(() => practices.id, { onDelete: "cascade" }),
  invitations: integer("invitations").notNull(),
});

/**
 * Each practice's clients and how many of them are active, for the overview's counts. Kept by
 * triggers on `clients` (migration 0011, custom SQL) in the writing transaction.
 */
export const practiceClientCounts = pgTable("practice_client_counts", {
  practiceId: uuid("practice_id")
    .primaryKey()
    .references(() => practices.id, { onDelete: "cascade" }),
  clients: integer("clients").notNull(),
  activeClients: integer("active_clients").notNull(),
});

/**
 * The practice's invitations (revoked ones left out) by the local month they were created in and,
 * for completed ones, the whole hours they took (-1: not completed): the overview's invitation
 * statistics, median included, without reading each invitation. Kept by triggers on `invitations`
 * (migration 0011, custom SQL); rebuilt with the other aggregates when the time zone changes.
 */
export const practiceMonthlyInvitations = pgTable(
  "practice_monthly_invitations",
  {
    practiceId: derivedPracticeId(),
    month: date("month", { mode: "string" }).notNull(),
    hoursToComplete: integer("hours_to_complete").notNull(),
    invitations: integer("invitations").notNull(),
  },
  (t) => [primaryKey({ name: "practice_monthly_invitations_pk", columns: [t.practiceId, t.month, t.hoursToComplete] })],
);

/**
 * Clients whose latest closeness assessment fell reliably against the previous or the first one,
 * as of their latest assessment (only those; a later assessment without a drop deletes the row).
 * The overview's needs-attention list reads these instead of every client's history.
 */
export const clientDeteriorations = pgTable(
  "client_deteriorations",
  {
    clientId: uuid("client_id")
      .primaryKey()
      .references(() => clients.id, { onDelete: "cascade" }),
    practiceId: derivedPracticeId(),
    latestAt: timestamp("latest_at", { withTimezone: true }).notNull(),
    previousAt: timestamp("previous_at", { withTimezone: true }).notNull(),
    firstAt: timestamp("first_at", { withTimezone: true }).notNull(),
    assessmentCount: integer("assessment_count").notNull(),
    /** A reliable drop against the previous assessment (listed first). */
    sudden: boolean("sudden").notNull(),
    /** The deteriorated dimensions, in definition order, as the overview shows them. */
    dimensions: jsonb("dimensions").notNull(),
  },
  // The overview's listing order (sudden first, the most recent first, then the client) read
  // straight from the index, so its first rows cost the same however many clients have drops.
  (t) => [index("client_deteriorations_listing_idx").on(t.practiceId, t.sudden, t.latestAt, t.clientId)],
);

/**
 * Each client's latest total on each total-scored instrument, with the first one (for change since
 * the start): kept by the write path (lib/assessments/record.ts), only ever moving forward, so the
 * caseload, the overview and the couple view read one row per client and instrument, not histories.
 */
export const clientInstrumentTotals = pgTable(
  "client_instrument_totals",
  {
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    instrumentKey: text("instrument_key").notNull(),
    practiceId: derivedPracticeId(),
    instrumentVersion: integer("instrument_version").notNull(),
    latestAssessmentId: uuid("latest_assessment_id")
      .notNull()
      .references(() => assessments.id),
    latestTotal: numeric("latest_total", { mode: "number" }).notNull(),
    latestAt: timestamp("latest_at", { withTimezone: true }).notNull(),
    firstTotal: numeric("first_total", { mode: "number" }).notNull(),
    firstAt: timestamp("first_at", { withTimezone: true }).notNull(),
    assessmentCount: integer("assessment_count").notNull(),
  },
  (t) => [
    primaryKey({ name: "client_instrument_totals_pk", columns: [t.clientId, t.instrumentKey] }),
    index("client_instrument_totals_practice_idx").on(t.practiceId, t.instrumentKey),
  ],
);

/**
 * Reliable-change figures a practice's owner adopted from the practice's own answers (issue 28,
 * lib/measures): one row per instrument version and dimension (`total` for a total-scored one).
 * Without a row the instrument's own figures apply (provisional or published). Deleting the rows
 * goes back to them; both are audited. Scores are never rewritten: judgements read these figures.
 */
export const practiceReliabilityFigures = pgTable(
  "practice_reliability_figures",
  {
    practiceId: derivedPracticeId(),
    instrumentKey: text("instrument_key").notNull(),
    instrumentVersion: integer("instrument_version").notNull(),
    dimension: text("dimension").notNull(),
    /** SD of first assessments, in the score's own points. */
    sd: numeric("sd", { mode: "number" }).notNull(),
    /** Test–retest r (or α where there were too few retest pairs: `rKind`). */
    r: numeric("r", { mode: "number" }).notNull(),
    rKind: text("r_kind").notNull(),
    /** The smallest reliable change they imply (critical RCI × √2 · SD · √(1 − r)), read by the deterioration SQL. */
    minimumChange: numeric("minimum_change", { mode: "number" }).notNull(),
    /** People behind the estimate. */
    n: integer("n").notNull(),
    adoptedAt: timestamp("adopted_at", { withTimezone: true }).notNull(),
    adoptedBy: uuid("adopted_by").references(() => users.id),
  },
  (t) => [primaryKey({ name: "practice_reliability_figures_pk", columns: [t.practiceId, t.instrumentKey, t.instrumentVersion, t.dimension] })],
);

/** One row of the expected course's percentiles: by week, overall (band null) or by starting band. */
export type CourseFigureRow = { week: number; band: string | null; n: number; p: number[] | null };

/**
 * The practice's expected course of change per instrument version (lib/measures/course-figures.ts):
 * its percentile rows as last computed, off the request path. Recorded assessments bump `changes`
 * (lib/assessments/record.ts); the figures are current when `computed_changes` has caught up.
 */
export const practiceCourseFigures = pgTable(
  "practice_course_figures",
  {
    practiceId: derivedPracticeId(),
    instrumentKey: text("instrument_key").notNull(),
    instrumentVersion: integer("instrument_version").notNull(),
    /** Null until first computed (a row with none asks the background job for them). */
    figures: jsonb("figures").$type<CourseFigureRow[]>(),
    computedAt: timestamp("computed_at", { withTimezone: true }),
    /** How long the last computation took, and over how many assessments: whether a request may compute inline. */
    computedMs: integer("computed_ms"),
    assessments: integer("assessments"),
    /** Batches of assessments recorded since the row was made; the figures include those up to `computed_changes`. */
    changes: bigint("changes", { mode: "number" }).notNull().default(0),
    computedChanges: bigint("computed_changes", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ name: "practice_course_figures_pk", columns: [t.practiceId, t.instrumentKey, t.instrumentVersion] })],
);

/** Owners who let their practice contribute sufficient statistics (never rows) to installation-wide figures. */
export const practiceStatisticsSharing = pgTable("practice_statistics_sharing", {
  practiceId: uuid("practice_id")
    .primaryKey()
    .references(() => practices.id, { onDelete: "cascade" }),
  contributes: boolean("contributes").notNull().default(false),
  changedAt: timestamp("changed_at", { withTimezone: true }).notNull(),
  changedBy: uuid("changed_by").references(() => users.id),
});

/**
 * A critical answer (an instrument's critical item answered above its threshold: PHQ-9 item 9 above
 * 0), raised in the submission's transaction: one per assessment and item (unique index). Shown to
 * the client's clinician and the owner until a clinician acknowledges it with a note (audited). The
 * answer itself stays in `assessments.answers`; this row and its email carry no clinical detail.
 */
export const clinicalAlerts = pgTable(
  "clinical_alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id),
    /** The sent assessment; null while the alert comes from an unfinished questionnaire (a saved draft). */
    assessmentId: uuid("assessment_id").references(() => assessments.id),
    /** The link whose sitting held the answer; null only for assessments written without one (the seed). */
    invitationId: uuid("invitation_id").references(() => invitations.id),
    instrumentKey: text("instrument_key").notNull(),
    instrumentVersion: integer("instrument_version").notNull(),
    itemId: text("item_id").notNull(),
    /**
     * When the draft holding the critical answer was saved, for an alert raised from an unfinished
     * questionnaire (decision: critical answers in drafts). Kept when the sitting is later sent, so the
     * record says the answer was seen before it was sent.
     */
    draftSavedAt: timestamp("draft_saved_at", { withTimezone: true }),
    createdAt: createdAt(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedBy: uuid("acknowledged_by").references(() => users.id),
    acknowledgementNote: text("acknowledgement_note"),
  },
  (t) => [
    uniqueIndex("clinical_alerts_assessment_item_unique").on(t.assessmentId, t.itemId),
    // Once per link and item: the draft's alert is upgraded, never duplicated, when the sitting is sent.
    uniqueIndex("clinical_alerts_invitation_item_unique").on(t.invitationId, t.itemId).where(sql`${t.invitationId} is not null`),
    check("clinical_alerts_sent_or_draft", sql`${t.assessmentId} is not null or (${t.invitationId} is not null and ${t.draftSavedAt} is not null)`),
    index("clinical_alerts_open_idx").on(t.practiceId, t.clientId).where(sql`${t.acknowledgedAt} is null`),
  ],
);

export type PracticeReliabilityFigure = typeof practiceReliabilityFigures.$inferSelect;

export const emailStatus = pgEnum("email_status", ["pending", "sent", "failed"]);

/** Transactional outbox: written with the change that causes it, delivered by the dispatcher. */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Null for email about an account that belongs to no practice yet (sign-up). */
    practiceId: uuid("practice_id").references(() => practices.id),
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    /**
     * The text and HTML bodies, sealed with a key derived from AUTH_SECRET: they hold one-time
     * links, which may not rest in the database readable. Null once sent or given up.
     */
    sealedBody: text("sealed_body"),
    status: emailStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    /** The From display name, fixed when queued (the practice's sender name); null: the default. */
    fromName: text("from_name"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("email_outbox_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("email_outbox_practice_created_idx").on(t.practiceId, t.createdAt),
  ],
);

/** Fixed-window counters shared by every app instance. */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  count: integer("count").notNull(),
});

export const practicesRelations = relations(practices, ({ many }) => ({
  users: many(users),
  clients: many(clients),
}));

export const usersRelations = relations(users, ({ one, many }) => ({
  practice: one(practices, { fields: [users.practiceId], references: [practices.id] }),
  clients: many(clients),
}));

export const clientsRelations = relations(clients, ({ one, many }) => ({
  practice: one(practices, { fields: [clients.practiceId], references: [practices.id] }),
  clinician: one(users, { fields: [clients.clinicianId], references: [users.id] }),
  couple: one(couples, { fields: [clients.coupleId], references: [couples.id] }),
  invitations: many(invitations),
  assessments: many(assessments),
}));

export const couplesRelations = relations(couples, ({ many }) => ({
  clients: many(clients),
}));

export const invitationsRelations = relations(invitations, ({ one }) => ({
  client: one(clients, { fields: [invitations.clientId], references: [clients.id] }),
}));

export const assessmentsRelations = relations(assessments, ({ one, many }) => ({
  client: one(clients, { fields: [assessments.clientId], references: [clients.id] }),
  invitation: one(invitations, { fields: [assessments.invitationId], references: [invitations.id] }),
  scores: many(assessmentScores),
}));

export const assessmentScoresRelations = relations(assessmentScores, ({ one }) => ({
  assessment: one(assessments, { fields: [assessmentScores.assessmentId], references: [assessments.id] }),
}));

export type Practice = typeof practices.$inferSelect;
export type NewPractice = typeof practices.$inferInsert;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;
export type UserRole = (typeof userRole.enumValues)[number];
export type Session = typeof sessions.$inferSelect;
export type SessionEndReason = (typeof sessionEndReason.enumValues)[number];
export type SessionPendingStep = (typeof sessionPendingStep.enumValues)[number];
export type Client = typeof clients.$inferSelect;
export type NewClient = typeof clients.$inferInsert;
export type ClientStatus = (typeof clientStatus.enumValues)[number];
export type Couple = typeof couples.$inferSelect;
export type UserToken = typeof userTokens.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type SendRequest = typeof sendRequests.$inferSelect;
export type NewInvitation = typeof invitations.$inferInsert;
export type Assessment = typeof assessments.$inferSelect;
export type AssessmentScore = typeof assessmentScores.$inferSelect;
export type EmailMessage = typeof emailOutbox.$inferSelect;
export type Plan = typeof plans.$inferSelect;
export type NewPlan = typeof plans.$inferInsert;
export type PlanCadence = (typeof planCadence.enumValues)[number];
export type PlanEnd = (typeof planEnd.enumValues)[number];
export type PlanStatus = (typeof planStatus.enumValues)[number];
export type ResultSharing = typeof resultSharing.$inferSelect;
export type ResultLink = typeof resultLinks.$inferSelect;
export type ClientInstrumentTotal = typeof clientInstrumentTotals.$inferSelect;
export type ClinicalAlert = typeof clinicalAlerts.$inferSelect;

/**
 * The sufficient statistics behind the practice's own psychometrics (issue 28, decision 0038), one
 * row per practice, instrument version, scale and term (`n`, `item_sum:<i>`, `pair_xy`…: see
 * lib/measures/sums.ts, their one definition). Kept by the write path (a client's contribution out,
 * their new one in), rebuilt by `rebuildPracticeDerived`. Values are sums of integer answers, exact in
 * float8 far beyond any practice's size.
 */
export const practiceReliabilitySums = pgTable(
  "practice_reliability_sums",
  {
    practiceId: derivedPracticeId(),
    instrumentKey: text("instrument_key").notNull(),
    instrumentVersion: integer("instrument_version").notNull(),
    scale: text("scale").notNull(),
    term: text("term").notNull(),
    value: doublePrecision("value").notNull(),
  },
  (t) => [primaryKey({ name: "practice_reliability_sums_pk", columns: [t.practiceId, t.instrumentKey, t.instrumentVersion, t.scale, t.term] })],
);

/**
 * Which assessments of a client count in practice_reliability_sums, per instrument version: their
 * first (α, item–rest, SD) and their test–retest pair (null when none): what the write path takes
 * out of the sums when a late or new assessment changes them.
 */
export const clientReliabilityPicks = pgTable(
  "client_reliability_picks",
  {
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    practiceId: derivedPracticeId(),
    instrumentKey: text("instrument_key").notNull(),
    instrumentVersion: integer("instrument_version").notNull(),
    firstId: uuid("first_id").notNull(),
    pairFirstId: uuid("pair_first_id"),
    pairSecondId: uuid("pair_second_id"),
  },
  (t) => [
    primaryKey({ name: "client_reliability_picks_pk", columns: [t.clientId, t.instrumentKey, t.instrumentVersion] }),
    index("client_reliability_picks_practice_idx").on(t.practiceId),
  ],
);
