// The app's whole attack surface — every server action, page and route handler — with who may
// use each, in one table that e2e/authorization-matrix.spec.ts and e2e/action-fuzz.spec.ts both
// read. They fail, naming it, when the build has an action (both specs) or a page or route
// handler (the matrix) that this table does not list.
//
// Adding a row: one line in ACTIONS (module, export name, rightful caller, the page that posts it,
// a sample valid input built from the targets below) or ROUTES (app path from the build, rightful
// caller, a concrete URL). Nothing else needs to change unless the row needs a new kind of target.
import { randomBytes, randomUUID } from "node:crypto";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import argon2 from "argon2";
import { eq, inArray } from "drizzle-orm";
import * as schema from "../db/schema";
import { planFingerprint, sealPreview } from "@/lib/import/sealed";
import { seal } from "@/lib/core/seal";
import { generateToken } from "@/lib/core/tokens";
import { createClient, e2eDb, ensureMeasuredPractice, insertCriticalPhq9, insertInvitation, linkCouple, uid } from "./db";
import { builtActions, callAction, FormArg, rememberOrigin, type BuiltAction } from "./next-actions";
import { clock } from "@/lib/core/clock";

// ---------------------------------------------------------------------------------------------
// Who calls

/** The four callers who must get nothing, and the two kinds of rightful one. */
export const FORBIDDEN = ["nobody", "otherPractice", "outsider", "deactivated"] as const;
export type Forbidden = (typeof FORBIDDEN)[number];
export type Rightful = "owner" | "caseload";

/**
 * Practice A is the one under attack: its owner, the clinician whose caseload the targets are
 * in, a clinician of the same practice outside that caseload, and a second owner who signed in
 * and was then deactivated (every right in A, were they still active). Practice B's owner is
 * the other practice. Every target below is in A.
 */
export type World = {
  baseURL: string;
  practiceA: { id: string; name: string };
  practiceB: { id: string; name: string };
  users: Record<Rightful | Exclude<Forbidden, "nobody">, { id: string; name: string; email: string; password: string }>;
  as: Record<Rightful | Forbidden, APIRequestContext>;
};

/** What one row acts on, made fresh for each row so rows never depend on one another. */
export type Targets = {
  /** An active client in the caseload clinician's care; their name must never reach a forbidden caller. */
  client: typeof schema.clients.$inferSelect;
  /** Another active, unlinked client of the same caseload. */
  partner: typeof schema.clients.$inferSelect;
  archived: typeof schema.clients.$inferSelect;
  /** The couple `coupled` belongs to. */
  coupleId: string;
  /** One of a linked couple in the caseload. */
  coupled: typeof schema.clients.$inferSelect;
  /** A pending invitation for `client`. */
  invitationId: string;
  /** An active measurement plan for `client` (its first date a week ahead, so nothing is sent yet). */
  planId: string;
  /** A paused plan for `client`: resuming it is a change (resuming an active one is not). */
  pausedPlanId: string;
  /** An active clinician of A who has not set a password yet. */
  member: { id: string; name: string };
  inactiveMember: { id: string; name: string };
  /** An active clinician of A with two-step sign-in on (its secret a stand-in: nobody signs in as them). */
  twoStepMember: { id: string; name: string };
  /** An active clinician of A with a client of their own, to reassign from. */
  leaver: { id: string; name: string };
  /** The practice and the caseload clinician the targets belong to. */
  practiceId: string;
  caseloadId: string;
  /** Sign-in details of the practice's owner. */
  owner: { email: string; password: string };
  /** A usable set-password token for `member`. */
  setPasswordToken: string;
  /** A second pending invitation for `partner`: its link's token and the sealed reference its form carries. */
  link: { token: string; ref: string };
  /** A live results link of `coupled` (issue 15): its id, token, and the sealed reference its consent form carries. */
  resultLink: { id: string; token: string; ref: string };
  /** A client of the caseload with a critical PHQ-9 answer (issue 14), and its open alert. */
  alerted: typeof schema.clients.$inferSelect;
  alertId: string;
};

// ---------------------------------------------------------------------------------------------
// The actions

const AUTH = "app/(auth)/actions.ts";
const CLIENTS = "app/(dashboard)/clients/actions.ts";
const INVITATIONS = "app/(dashboard)/_record/invitation-actions.ts";
const TEAM = "app/(dashboard)/settings/team/actions.ts";
const SETTINGS = "app/(dashboard)/settings/actions.ts";
const ACCOUNT = "app/(dashboard)/settings/account/actions.ts";
const COUPLES = "app/(dashboard)/couples/actions.ts";
const QUESTIONNAIRE = "app/a/[token]/actions.ts";
const PLANS = "app/(dashboard)/_record/plan-actions.ts";
const IMPORT = "app/(dashboard)/clients/import/actions.ts";
const SHARING = "app/(dashboard)/_record/sharing-actions.ts";
const SETTINGS_SHARING = "app/(dashboard)/settings/sharing-actions.ts";
const RESULTS = "app/results/[token]/actions.ts";
const ALERTS = "app/(dashboard)/_record/alert-actions.ts";
const MEASURES = "app/(dashboard)/settings/measures/actions.ts";

type Fields = Record<string, string>;

export type ActionRow = {
  module: string;
  name: string;
  /** Who may call it; for public actions, what guards them instead of a session. */
  rightful: Rightful | { public: string };
  /** The page whose form posts it (a page that can run it). */
  page: (t: Targets) => string;
  /** A sample valid input for the rightful caller; called once per call, so it may make unique values. */
  input: (t: Targets) => Fields;
  /**
   * Forbidden callers for whom this call is legitimate after all, and why. Their calls must still
   * not fail or sign them out, and must leave practice A alone unless they belong to it.
   */
  allowed?: Partial<Record<Forbidden, string>>;
  /** The rightful call signs its caller out (handing the device over): it gets a session of its own. */
  signsOutCaller?: true;
  /** The rightful call only reads (a preview), so it must change nothing; why. */
  readOnly?: string;
};

const clientFields = (t: Targets, changes: Partial<Fields> = {}): Fields => ({
  firstName: t.client.firstName,
  lastName: t.client.lastName,
  email: t.client.email ?? "",
  ...changes,
});

const newCoupleFields = (t: Targets): Fields => ({
  "partner1.firstName": `Ada${uid()}`,
  "partner1.lastName": `Couple${uid()}`,
  "partner1.email": `ada-${uid()}@example.test`,
  "partner2.firstName": `Ben${uid()}`,
  "partner2.lastName": `Couple${uid()}`,
  "partner2.email": `ben-${uid()}@example.test`,
  // An owner must choose one of their own clinicians; a clinician's choice is ignored.
  clinicianId: t.caseloadId,
});

/** A calendar day a week from now in London (the world's practices' zone): a valid first date. */
const nextWeek = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date(clock.ms() + 7 * 86_400_000));

const planFields = (): Fields => ({
  instruments: "closeness",
  cadence: "two_weeks",
  startDate: nextWeek(),
  endKind: "after_count",
  endCount: "6",
  expiryDays: "4",
  reminder1: "2",
});

const newClientFields = (t: Targets): Fields => ({
  firstName: `New${uid()}`,
  lastName: `Client${uid()}`,
  email: `new-${uid()}@example.test`,
  preferredName: "Sam",
  phone: "+44 20 7946 0000",
  dateOfBirth: "1990-04-01",
  // An owner must choose one of their own clinicians; a clinician's choice is ignored.
  clinicianId: t.caseloadId,
});

/** Actions on the caller's own account: any signed-in caller may use them, on themselves. */
const OWN_ACCOUNT = { outsider: "acts on the caller's own account only", otherPractice: "acts on the caller's own account only" };
/** A one-client import file, as the browser would upload it (a text field: the action reads it as the file). */
const importFile = () => `first name,last name,email\r\nImported,Client${uid()},imported-${uid()}@example.test\r\n`;

/** The sealed preview the import page carries, made for the caseload clinician as the server makes it (lib/import/sealed.ts). */
function importPreview(t: Targets): Fields {
  const email = `imported-${uid()}@example.test`;
  const records = [{ line: 2, values: { firstName: "Imported", lastName: `Client${uid()}`, email } }];
  const expect = planFingerprint([{ line: 2, fields: { email }, clinicianId: t.caseloadId, partner: null }]);
  return { sealed: sealPreview({ v: 1, userId: t.caseloadId, practiceId: t.practiceId, at: clock.ms(), records, expect }, process.env.E2E_AUTH_SECRET) };
}

export const ACTIONS: ActionRow[] = [
  { module: AUTH, name: "signInAction", rightful: { public: "signs in: the credentials are the guard" }, page: () => "/sign-in", input: (t) => ({ email: t.owner.email, password: t.owner.password }) },
  { module: AUTH, name: "signUpAction", rightful: { public: "creates a new practice of one's own" }, page: () => "/sign-up", input: () => ({ practiceName: `Practice ${uid()}`, name: "Sam Owner", email: `owner-${uid()}@example.test`, timeZone: "Europe/London" }) },
  { module: AUTH, name: "signOutAction", rightful: { public: "ends the caller's own session; takes no input" }, page: () => "/clients", input: () => ({}) },
  { module: AUTH, name: "completeSignUpAction", rightful: { public: "the sealed, emailed sign-up link is the guard" }, page: () => "/sign-up", input: () => ({ token: generateToken().token, password: "a long new password", confirm: "a long new password" }) },
  { module: SETTINGS, name: "signOutEverywhereAction", rightful: { public: "ends the caller's own sessions; takes no input" }, page: () => "/settings/account", input: () => ({}) },
  { module: AUTH, name: "setPasswordAction", rightful: { public: "the one-time set-password token is the guard" }, page: (t) => `/set-password/${t.setPasswordToken}`, input: (t) => ({ token: t.setPasswordToken, password: "a long new password", confirm: "a long new password" }) },
  { module: AUTH, name: "verifySecondStepAction", rightful: { public: "only a session whose password was right and which waits for its code; the code is the guard" }, page: () => "/sign-in/two-step", input: () => ({ code: "123456" }) },
  { module: AUTH, name: "confirmTwoStepAction", rightful: { public: "sets up the caller's own account only; the sealed set-up is bound to the caller" }, page: () => "/settings/account/two-step", input: () => ({ enrolment: generateToken().token, code: "123456" }) },
  { module: AUTH, name: "forgotPasswordAction", rightful: { public: "answers the same for any address; only the address's holder gets a link" }, page: () => "/forgot-password", input: (t) => ({ email: t.owner.email }) },
  { module: AUTH, name: "resetPasswordAction", rightful: { public: "the one-time reset token is the guard" }, page: () => `/reset-password/${generateToken().token}`, input: () => ({ token: generateToken().token, password: "a long new password", confirm: "a long new password" }) },
  { module: AUTH, name: "cancelEmailChangeAction", rightful: { public: "the one-time token sent to the old address is the guard" }, page: () => `/email-change/cancel/${generateToken().token}`, input: () => ({ token: generateToken().token }) },
  { module: AUTH, name: "confirmEmailChangeAction", rightful: { public: "the one-time token sent to the new address is the guard" }, page: () => `/confirm-email/${generateToken().token}`, input: () => ({ token: generateToken().token }) },
  { module: QUESTIONNAIRE, name: "saveAnswersAction", rightful: { public: "the sealed link reference is the guard" }, page: (t) => `/a/${t.link.token}`, input: (t) => ({ ref: t.link.ref, intent: "next", step: "1", k1: "3" }) },
  { module: RESULTS, name: "coupleConsentAction", rightful: { public: "the sealed results-link reference is the guard" }, page: (t) => `/results/${t.resultLink.token}`, input: (t) => ({ ref: t.resultLink.ref, clientId: t.coupled.id, consent: "yes" }) },
  { module: QUESTIONNAIRE, name: "autosaveAnswersAction", rightful: { public: "the sealed link reference is the guard" }, page: (t) => `/a/${t.link.token}`, input: (t) => ({ ref: t.link.ref, k1: "3" }) },

  { module: CLIENTS, name: "createClientAction", rightful: "caseload", page: () => "/clients/new", input: newClientFields, allowed: { outsider: "a clinician adds clients to their own caseload (the clinician chosen in the form is ignored)" } },
  { module: CLIENTS, name: "addPartnerAction", rightful: "caseload", page: (t) => `/clients/${t.partner.id}`, input: (t) => ({ clientId: t.partner.id, firstName: `New${uid()}`, lastName: `Partner${uid()}`, email: `partner-${uid()}@example.test` }) },
  { module: COUPLES, name: "createCoupleAction", rightful: "caseload", page: () => "/couples/new", input: newCoupleFields, allowed: { outsider: "a clinician adds couples to their own caseload (the clinician chosen in the form is ignored)" } },
  { module: CLIENTS, name: "updateClientAction", rightful: "caseload", page: (t) => `/clients/${t.client.id}/edit`, input: (t) => clientFields(t, { clientId: t.client.id, firstName: `Renamed${uid()}` }) },
  { module: CLIENTS, name: "archiveClientAction", rightful: "caseload", page: (t) => `/clients/${t.client.id}`, input: (t) => ({ clientId: t.client.id }) },
  { module: CLIENTS, name: "restoreClientAction", rightful: "caseload", page: (t) => `/clients/${t.archived.id}`, input: (t) => ({ clientId: t.archived.id }) },
  { module: CLIENTS, name: "linkPartnerAction", rightful: "caseload", page: (t) => `/clients/${t.client.id}`, input: (t) => ({ clientId: t.client.id, partnerId: t.partner.id }) },
  { module: CLIENTS, name: "unlinkPartnerAction", rightful: "caseload", page: (t) => `/clients/${t.coupled.id}`, input: (t) => ({ clientId: t.coupled.id }) },
  { module: INVITATIONS, name: "createInvitationsAction", rightful: "caseload", page: (t) => `/clients/${t.client.id}`, input: (t) => ({ clientId: t.client.id, expiresInDays: "14", instruments: "closeness", requestKey: randomUUID(), confirmRepeat: "yes" }) },
  { module: INVITATIONS, name: "resendInvitationAction", rightful: "caseload", page: (t) => `/clients/${t.client.id}`, input: (t) => ({ invitationId: t.invitationId }) },
  { module: INVITATIONS, name: "openQuestionnaireHereAction", rightful: "caseload", page: (t) => `/clients/${t.partner.id}`, input: (t) => ({ token: t.link.token }), signsOutCaller: true },
  { module: INVITATIONS, name: "revokeInvitationAction", rightful: "caseload", page: (t) => `/clients/${t.client.id}`, input: (t) => ({ invitationId: t.invitationId }) },
  { module: PLANS, name: "createPlanAction", rightful: "caseload", page: (t) => `/clients/${t.partner.id}/plan`, input: (t) => ({ clientId: t.partner.id, ...planFields() }) },
  { module: PLANS, name: "updatePlanAction", rightful: "caseload", page: (t) => `/clients/${t.client.id}/plan`, input: (t) => ({ planId: t.planId, clientId: t.client.id, ...planFields(), cadence: "weekly" }) },
  { module: PLANS, name: "pausePlanAction", rightful: "caseload", page: (t) => `/clients/${t.client.id}/plan`, input: (t) => ({ planId: t.planId }) },
  { module: PLANS, name: "resumePlanAction", rightful: "caseload", page: (t) => `/clients/${t.client.id}/plan`, input: (t) => ({ planId: t.pausedPlanId }) },
  { module: PLANS, name: "endPlanAction", rightful: "caseload", page: (t) => `/clients/${t.client.id}/plan`, input: (t) => ({ planId: t.planId }) },
  {
    module: IMPORT,
    name: "previewImportAction",
    rightful: "caseload",
    page: () => "/clients/import",
    input: () => ({ file: importFile() }),
    readOnly: "the preview reads the file and the caseload and stores nothing",
    allowed: { outsider: "a clinician previews an import into their own caseload", otherPractice: "an owner previews an import into their own practice" },
  },
  { module: IMPORT, name: "importClientsAction", rightful: "caseload", page: () => "/clients/import", input: importPreview },
  { module: SHARING, name: "setResultsSharedAction", rightful: "caseload", page: (t) => `/clients/${t.client.id}/sharing`, input: (t) => ({ clientId: t.client.id, shared: "on" }) },
  { module: SHARING, name: "setCoupleWithheldAction", rightful: "caseload", page: (t) => `/clients/${t.coupled.id}/sharing`, input: (t) => ({ clientId: t.coupled.id, withheld: "on" }) },
  { module: SHARING, name: "createResultLinkAction", rightful: "caseload", page: (t) => `/clients/${t.client.id}/sharing`, input: (t) => ({ clientId: t.client.id, expiresInDays: "30", email: "on" }) },
  { module: SHARING, name: "revokeResultLinkAction", rightful: "caseload", page: (t) => `/clients/${t.coupled.id}/sharing`, input: (t) => ({ linkId: t.resultLink.id }) },
  { module: SETTINGS_SHARING, name: "setShareResultsByDefaultAction", rightful: "owner", page: () => "/settings", input: () => ({ shareByDefault: "on" }), allowed: { otherPractice: "an owner sets their own practice's default" } },
  { module: TEAM, name: "addClinicianAction", rightful: "owner", page: () => "/settings/team", input: () => ({ name: `Clinician ${uid()}`, email: `added-${uid()}@example.test` }), allowed: { otherPractice: "an owner adds clinicians to their own practice" } },
  { module: TEAM, name: "resendSetPasswordAction", rightful: "owner", page: () => "/settings/team", input: (t) => ({ userId: t.member.id }) },
  { module: TEAM, name: "deactivateUserAction", rightful: "owner", page: () => "/settings/team", input: (t) => ({ userId: t.member.id }) },
  { module: TEAM, name: "reactivateUserAction", rightful: "owner", page: () => "/settings/team", input: (t) => ({ userId: t.inactiveMember.id }) },
  { module: TEAM, name: "unlockSignInAction", rightful: "owner", page: () => "/settings/team", input: (t) => ({ userId: t.member.id }) },
  { module: TEAM, name: "resetTwoStepAction", rightful: "owner", page: () => "/settings/team", input: (t) => ({ userId: t.twoStepMember.id, current: t.owner.password }) },
  { module: SETTINGS, name: "updatePracticeSettingsAction", rightful: "owner", page: () => "/settings", input: () => ({ name: `Practice ${uid()}`, timeZone: "Europe/London", defaultLinkExpiryDays: "14", emailSenderName: `Sender ${uid()}`, crisisText: `Call 999 ${uid()}` }), allowed: { otherPractice: "an owner edits their own practice's settings" } },
  { module: ALERTS, name: "acknowledgeAlertAction", rightful: "caseload", page: (t) => `/clients/${t.alerted.id}`, input: (t) => ({ alertId: t.alertId, note: `Phoned them ${uid()}: safe, plan agreed.` }) },
  { module: ACCOUNT, name: "changeNameAction", rightful: "caseload", page: () => "/settings/account", input: () => ({ name: `Renamed ${uid()}` }), allowed: OWN_ACCOUNT },
  { module: ACCOUNT, name: "changeEmailAction", rightful: "caseload", page: () => "/settings/account", input: (t) => ({ email: `moved-${uid()}@example.test`, current: t.owner.password }), allowed: OWN_ACCOUNT },
  // The same password again: the caller can still sign in with it (other rows sign in as them).
  { module: ACCOUNT, name: "changePasswordAction", rightful: "caseload", page: () => "/settings/account", input: (t) => ({ current: t.owner.password, password: t.owner.password, confirm: t.owner.password }), allowed: OWN_ACCOUNT },
  // The practice has 100 people with GAD-7 answers (ensureMeasuredPractice) and adopted CSI-4 figures (makeTargets).
  { module: MEASURES, name: "adoptEstimatesAction", rightful: "owner", page: () => "/settings/measures", input: () => ({ instrument: "gad7" }), allowed: { otherPractice: "an owner adopts figures for their own practice" } },
  { module: MEASURES, name: "revertEstimatesAction", rightful: "owner", page: () => "/settings/measures", input: () => ({ instrument: "csi4" }), allowed: { otherPractice: "an owner chooses their own practice's figures" } },
  { module: MEASURES, name: "setContributionAction", rightful: "owner", page: () => "/settings/measures", input: () => ({ contribute: "on" }), allowed: { otherPractice: "an owner decides for their own practice" } },
  { module: TEAM, name: "reassignAllAction", rightful: "owner", page: () => "/settings/team", input: (t) => ({ userId: t.leaver.id, toClinicianId: t.caseloadId }) },
];

// ---------------------------------------------------------------------------------------------
// Pages and route handlers

export type RouteRow = {
  /** The app path as the build names it (`.next/server/app-paths-manifest.json`). */
  route: string;
  rightful: Rightful | { public: string };
  path: (t: Targets) => string;
  /**
   * `record`: the URL names a client in the caseload, so the other practice and the outsider get
   * 404. `owner`: owners only, so the outsider (a clinician) gets 404. Otherwise signed-in callers
   * get their own view, which must not show the target client.
   */
  scope?: "record" | "owner";
  /** Text the rightful caller sees and no forbidden caller may: null for pages that show no record. */
  marker?: (t: Targets) => string | null;
  /** An API answers 401 without a session, rather than sending a browser to sign in. */
  signedOut?: 401;
};

const clientName = (t: Targets) => t.client.lastName;

export const ROUTES: RouteRow[] = [
  { route: "/(dashboard)/clients/(list)/page", rightful: "caseload", path: (t) => `/clients?q=${t.client.firstName}`, marker: clientName },
  { route: "/(dashboard)/clients/new/page", rightful: "caseload", path: () => "/clients/new", marker: () => null },
  { route: "/(dashboard)/clients/[id]/(record)/page", rightful: "caseload", scope: "record", path: (t) => `/clients/${t.client.id}`, marker: clientName },
  { route: "/(dashboard)/clients/[id]/(record)/history/page", rightful: "caseload", scope: "record", path: (t) => `/clients/${t.client.id}/history`, marker: clientName },
  { route: "/(dashboard)/clients/[id]/(record)/links/page", rightful: "caseload", scope: "record", path: (t) => `/clients/${t.client.id}/links`, marker: clientName },
  { route: "/(dashboard)/clients/[id]/(record)/plan/page", rightful: "caseload", scope: "record", path: (t) => `/clients/${t.client.id}/plan`, marker: clientName },
  { route: "/(dashboard)/clients/[id]/(record)/sharing/page", rightful: "caseload", scope: "record", path: (t) => `/clients/${t.client.id}/sharing`, marker: clientName },
  { route: "/(dashboard)/clients/[id]/(record)/details/page", rightful: "caseload", scope: "record", path: (t) => `/clients/${t.client.id}/details`, marker: clientName },
  // The audit trail is the owner's alone (a clinician has no such tab and gets 404).
  { route: "/(dashboard)/clients/[id]/(record)/audit/page", rightful: "owner", scope: "record", path: (t) => `/clients/${t.client.id}/audit`, marker: clientName },
  { route: "/(dashboard)/clients/[id]/edit/page", rightful: "caseload", scope: "record", path: (t) => `/clients/${t.client.id}/edit`, marker: clientName },
  { route: "/(dashboard)/clients/[id]/report/page", rightful: "caseload", scope: "record", path: (t) => `/clients/${t.client.id}/report`, marker: clientName },
  { route: "/(dashboard)/couples/new/page", rightful: "caseload", path: () => "/couples/new", marker: () => null },
  { route: "/(dashboard)/couples/[id]/(record)/page", rightful: "caseload", scope: "record", path: (t) => `/couples/${t.coupleId}`, marker: (t) => t.coupled.lastName },
  { route: "/(dashboard)/couples/[id]/(record)/history/page", rightful: "caseload", scope: "record", path: (t) => `/couples/${t.coupleId}/history`, marker: (t) => t.coupled.lastName },
  { route: "/(dashboard)/couples/[id]/(record)/links/page", rightful: "caseload", scope: "record", path: (t) => `/couples/${t.coupleId}/links`, marker: (t) => t.coupled.lastName },
  { route: "/(dashboard)/couples/[id]/(record)/plan/page", rightful: "caseload", scope: "record", path: (t) => `/couples/${t.coupleId}/plan`, marker: (t) => t.coupled.lastName },
  { route: "/(dashboard)/couples/[id]/(record)/partners/page", rightful: "caseload", scope: "record", path: (t) => `/couples/${t.coupleId}/partners`, marker: (t) => t.coupled.lastName },
  { route: "/(dashboard)/couples/[id]/report/page", rightful: "caseload", scope: "record", path: (t) => `/couples/${t.coupleId}/report`, marker: (t) => t.coupled.lastName },
  // The alert banner names the caseload's client with a critical answer: theirs to see, nobody else's.
  { route: "/(dashboard)/overview/page", rightful: "caseload", path: () => "/overview", marker: (t) => t.alerted.lastName },
  { route: "/(dashboard)/overview/attention/page", rightful: "caseload", path: () => "/overview/attention", marker: (t) => t.alerted.lastName },
  { route: "/(dashboard)/settings/page", rightful: "caseload", path: () => "/settings", marker: () => null },
  { route: "/(dashboard)/settings/account/page", rightful: "caseload", path: () => "/settings/account", marker: () => null },
  { route: "/(dashboard)/settings/account/two-step/page", rightful: "caseload", path: () => "/settings/account/two-step", marker: () => null },
  { route: "/(dashboard)/settings/team/page", rightful: "owner", scope: "owner", path: () => "/settings/team", marker: (t) => t.member.name },
  { route: "/api/clients/[id]/scores.csv/route", rightful: "caseload", scope: "record", path: (t) => `/api/clients/${t.client.id}/scores.csv`, signedOut: 401 },
  { route: "/api/clients/[id]/fhir/route", rightful: "caseload", scope: "record", path: (t) => `/api/clients/${t.client.id}/fhir`, marker: clientName, signedOut: 401 },
  { route: "/api/fhir/Questionnaire/[id]/route", rightful: "caseload", path: () => "/api/fhir/Questionnaire/closeness-1", marker: () => null, signedOut: 401 },
  { route: "/api/fhir/CodeSystem/[id]/route", rightful: "caseload", path: () => "/api/fhir/CodeSystem/phq9-1-scale", marker: () => null, signedOut: 401 },
  { route: "/(dashboard)/clients/import/page", rightful: "caseload", path: () => "/clients/import", marker: () => null },
  { route: "/(dashboard)/clients/import/template.csv/route", rightful: "caseload", path: () => "/clients/import/template.csv", marker: () => null, signedOut: 401 },
  { route: "/(dashboard)/settings/measures/page", rightful: "caseload", path: () => "/settings/measures", marker: () => null },
  { route: "/api/instruments/[key]/reliability/route", rightful: "caseload", path: () => "/api/instruments/closeness/reliability", marker: () => null, signedOut: 401 },
  { route: "/(dashboard)/settings/export/page", rightful: "owner", scope: "owner", path: () => "/settings/export", marker: () => null },
  { route: "/api/practice/export/route", rightful: "owner", scope: "owner", path: () => "/api/practice/export", marker: () => null, signedOut: 401 },

  { route: "/page", rightful: { public: "sends everyone on to /clients" }, path: () => "/" },
  { route: "/(auth)/sign-in/page", rightful: { public: "the sign-in form" }, path: () => "/sign-in" },
  { route: "/(auth)/sign-in/two-step/page", rightful: { public: "asks for the code of the caller's own pending sign-in; others are sent to sign in" }, path: () => "/sign-in/two-step" },
  { route: "/(auth)/sign-in/set-up-two-step/page", rightful: { public: "the caller's own pending set-up; others are sent to sign in" }, path: () => "/sign-in/set-up-two-step" },
  { route: "/(auth)/forgot-password/page", rightful: { public: "the forgot-password form" }, path: () => "/forgot-password" },
  { route: "/(auth)/reset-password/[token]/page", rightful: { public: "the one-time reset token is the guard" }, path: () => `/reset-password/${generateToken().token}` },
  { route: "/(auth)/email-change/cancel/[token]/page", rightful: { public: "the one-time token sent to the old address is the guard" }, path: () => `/email-change/cancel/${generateToken().token}` },
  { route: "/(auth)/confirm-email/[token]/page", rightful: { public: "the one-time token sent to the new address is the guard" }, path: () => `/confirm-email/${generateToken().token}` },
  { route: "/(auth)/sign-up/page", rightful: { public: "the sign-up form" }, path: () => "/sign-up" },
  { route: "/(auth)/sign-up/check-email/page", rightful: { public: "says to check one's email; shows nothing of any account" }, path: () => "/sign-up/check-email" },
  { route: "/(auth)/sign-up/confirm/[token]/page", rightful: { public: "the sealed, emailed sign-up link is the guard" }, path: () => `/sign-up/confirm/${generateToken().token}` },
  { route: "/(auth)/set-password/[token]/page", rightful: { public: "the one-time token is the guard" }, path: () => `/set-password/${generateToken().token}` },
  { route: "/a/[token]/page", rightful: { public: "the client's link: the token is the guard" }, path: () => `/a/${generateToken().token}` },
  { route: "/r/[token]/page", rightful: { public: "a reminder's stop link: the token is the guard; says nothing of any client" }, path: () => `/r/${generateToken().token}` },
  { route: "/results/[token]/page", rightful: { public: "the client's results link: the token is the guard" }, path: () => `/results/${generateToken().token}` },
  { route: "/a/[token]/done/page", rightful: { public: "the client's link: the token is the guard" }, path: () => `/a/${generateToken().token}/done` },
  { route: "/api/health/route", rightful: { public: "health check; says nothing of any practice" }, path: () => "/api/health" },
  { route: "/api/health/ready/route", rightful: { public: "readiness check; says nothing of any practice" }, path: () => "/api/health/ready" },
  { route: "/api/metrics/route", rightful: { public: "the METRICS_TOKEN bearer token is the guard (404 without it); counts only, nothing of any practice" }, path: () => "/api/metrics" },
  { route: "/icon.svg/route", rightful: { public: "the favicon, a static image" }, path: () => "/icon.svg" },
  { route: "/api/auth/[...nextauth]/route", rightful: { public: "next-auth's own endpoints; they read only the caller's own cookie" }, path: () => "/api/auth/session" },
  { route: "/_not-found/page", rightful: { public: "the framework's 404 page" }, path: () => "/no-such-page" },
  { route: "/_global-error/page", rightful: { public: "the framework's last-resort error page" }, path: () => "/no-such-page" },
];

// ---------------------------------------------------------------------------------------------
// Completeness: what the build has that the table does not, and the reverse

export function unlistedActions(built: BuiltAction[] = builtActions()): string[] {
  const listed = new Set(ACTIONS.map((row) => `${row.module}#${row.name}`));
  return built.filter((action) => !listed.has(`${action.module}#${action.name}`)).map((action) => `${action.module}#${action.name}`);
}

export function staleActions(built: BuiltAction[] = builtActions()): string[] {
  const present = new Set(built.map((action) => `${action.module}#${action.name}`));
  return ACTIONS.map((row) => `${row.module}#${row.name}`).filter((key) => !present.has(key));
}

export function actionId(row: ActionRow, built: BuiltAction[] = builtActions()): string {
  const found = built.find((action) => action.module === row.module && action.name === row.name);
  if (!found) throw new Error(`${row.module}#${row.name} is not in the build`);
  return found.id;
}

// ---------------------------------------------------------------------------------------------
// Making the world

let passwordHash: Promise<string> | undefined;
const PASSWORD = `matrix password ${randomBytes(6).toString("hex")}`;

/** One argon2 hash for every user this file makes: hashing is the slow part of a fixture. */
function sharedPasswordHash(): Promise<string> {
  passwordHash ??= argon2.hash(PASSWORD, { type: argon2.argon2id });
  return passwordHash;
}

export async function insertPractice(label: string) {
  const [practice] = await e2eDb()
    .insert(schema.practices)
    .values({ name: `${label} ${uid()}`, timeZone: "Europe/London" })
    .returning();
  return practice!;
}

export async function insertUser(
  practiceId: string,
  role: "owner" | "clinician",
  options: { withPassword?: boolean; active?: boolean; label?: string } = {},
) {
  const id = uid();
  const [user] = await e2eDb()
    .insert(schema.users)
    .values({
      practiceId,
      name: `${options.label ?? role} ${id}`,
      email: `${role}-${id}-${uid()}@example.test`,
      role,
      active: options.active ?? true,
      passwordHash: options.withPassword === false ? null : await sharedPasswordHash(),
    })
    .returning();
  return { id: user!.id, name: user!.name, email: user!.email, password: PASSWORD };
}

/** A request context of its own (cookies, client address) for one caller. */
export async function newCaller(baseURL: string): Promise<APIRequestContext> {
  const [a, b, c] = randomBytes(3);
  // One connection per request: a kept-alive socket that the server closes while idle (between
  // rows) resets the next request sent on it.
  const context = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": `10.${a}.${b}.${c}`, connection: "close" },
  });
  rememberOrigin(context, baseURL);
  return context;
}

/** Signs in through the real sign-in action, so the session is exactly what a browser gets. */
export async function signedIn(baseURL: string, user: { email: string; password: string }): Promise<APIRequestContext> {
  const context = await newCaller(baseURL);
  const signIn = ACTIONS.find((row) => row.name === "signInAction")!;
  const response = await callAction(context, { id: actionId(signIn), page: "/sign-in" }, [null, FormArg.of({ email: user.email, password: user.password })]);
  if (!response.redirect || new URL(response.redirect, baseURL).pathname !== "/clients") {
    throw new Error(`sign-in of ${user.email} did not succeed (status ${response.status}, ${JSON.stringify(response.result)})`);
  }
  return context;
}

export async function makeWorld(baseURL: string): Promise<World> {
  const [practiceA, practiceB] = await Promise.all([insertPractice("Practice A"), insertPractice("Practice B")]);
  const [owner, caseload, outsider, deactivated, otherPractice] = await Promise.all([
    insertUser(practiceA.id, "owner"),
    insertUser(practiceA.id, "clinician", { label: "Caseload clinician" }),
    insertUser(practiceA.id, "clinician", { label: "Outsider clinician" }),
    insertUser(practiceA.id, "owner", { label: "Deactivated owner" }),
    insertUser(practiceB.id, "owner", { label: "Other owner" }),
  ]);
  const sessions = await Promise.all([owner, caseload, outsider, deactivated, otherPractice].map((user) => signedIn(baseURL, user)));
  // Signed in while active; deactivated afterwards, so the cookie is one a real browser would hold.
  await e2eDb().update(schema.users).set({ active: false }).where(eq(schema.users.id, deactivated.id));
  return {
    baseURL,
    practiceA: { id: practiceA.id, name: practiceA.name },
    practiceB: { id: practiceB.id, name: practiceB.name },
    users: { owner, caseload, outsider, deactivated, otherPractice },
    as: {
      owner: sessions[0]!,
      caseload: sessions[1]!,
      outsider: sessions[2]!,
      deactivated: sessions[3]!,
      otherPractice: sessions[4]!,
      nobody: await newCaller(baseURL),
    },
  };
}

/** The targets of one row, in the given practice (practice A of the world, or a practice of its own). */
/** A fortnightly Closeness plan for one client, starting next week (nothing sent yet); paused if asked. */
async function insertPlanFor(practiceId: string, createdBy: string, clientId: string, paused = false) {
  const [plan] = await e2eDb()
    .insert(schema.plans)
    .values({
      practiceId,
      createdBy,
      instruments: [{ key: "closeness", version: 1 }],
      cadence: "two_weeks",
      startDate: nextWeek(),
      endKind: "after_count",
      endCount: 6,
      expiryDays: 4,
      reminderDays: [2],
      ...(paused ? { status: "paused" as const, pausedAt: clock.now() } : {}),
    })
    .returning({ id: schema.plans.id });
  await e2eDb().insert(schema.planMembers).values({ planId: plan!.id, clientId, practiceId });
  return plan!;
}

export async function makeTargets(baseURL: string, practice: { id: string; owner: { email: string; password: string }; caseloadId: string }): Promise<Targets> {
  const practiceId = practice.id;
  const clinicianId = practice.caseloadId;
  const [client, partner, archived, coupled, coupledOther, member, inactiveMember, leaver, twoStepMember, alerted] = await Promise.all([
    createClient(practiceId, clinicianId),
    createClient(practiceId, clinicianId),
    createClient(practiceId, clinicianId, { status: "archived" }),
    createClient(practiceId, clinicianId),
    createClient(practiceId, clinicianId),
    insertUser(practiceId, "clinician", { withPassword: false, label: "Member" }),
    insertUser(practiceId, "clinician", { withPassword: false, active: false, label: "Inactive member" }),
    insertUser(practiceId, "clinician", { withPassword: false, label: "Leaver" }),
    insertUser(practiceId, "clinician", { withPassword: false, label: "Two-step member" }),
    createClient(practiceId, clinicianId),
  ]);
  const { alertId } = await insertCriticalPhq9(practiceId, alerted.id);
  await ensureMeasuredPractice(practiceId, clinicianId);
  // Adopted CSI-4 figures, so going back to the instrument's own has something to undo.
  await e2eDb()
    .insert(schema.practiceReliabilityFigures)
    .values({ practiceId, instrumentKey: "csi4", instrumentVersion: 1, dimension: "total", sd: 4, r: 0.9, rKind: "test-retest", minimumChange: 3.5, n: 100, adoptedAt: clock.now() })
    .onConflictDoNothing();
  await e2eDb().update(schema.users).set({ totpSecretSealed: "stand-in" }).where(eq(schema.users.id, twoStepMember.id));
  const couple = await linkCouple(practiceId, coupled.id, coupledOther.id);
  await createClient(practiceId, leaver.id);
  await insertInvitation({ practiceId, clientId: client.id, createdBy: clinicianId });
  const [invitation] = await e2eDb()
    .select({ id: schema.invitations.id })
    .from(schema.invitations)
    .where(eq(schema.invitations.clientId, client.id));
  // An active plan, and a paused one: resuming it is a change (resuming an active one is not).
  const [plan, pausedPlan] = [await insertPlanFor(practiceId, clinicianId, client.id), await insertPlanFor(practiceId, clinicianId, client.id, true)];
  const setPassword = generateToken();
  await e2eDb()
    .insert(schema.userTokens)
    .values({ practiceId, userId: member.id, purpose: "set_password", tokenHash: setPassword.tokenHash, expiresAt: new Date(clock.ms() + 3_600_000) });
  const linkToken = await insertInvitation({ practiceId, clientId: partner.id, createdBy: clinicianId });
  const results = generateToken();
  const [resultLink] = await e2eDb()
    .insert(schema.resultLinks)
    .values({ practiceId, clientId: coupled.id, createdBy: clinicianId, tokenHash: results.tokenHash, expiresAt: new Date(clock.ms() + 30 * 86_400_000) })
    .returning({ id: schema.resultLinks.id });
  return {
    client,
    partner,
    archived,
    coupled,
    coupleId: couple.id,
    invitationId: invitation!.id,
    planId: plan.id,
    pausedPlanId: pausedPlan.id,
    member,
    inactiveMember,
    leaver,
    twoStepMember,
    practiceId,
    caseloadId: clinicianId,
    owner: practice.owner,
    setPasswordToken: setPassword.token,
    link: { token: linkToken, ref: await sealedReference(baseURL, linkToken) },
    // Sealed here with the server's AUTH_SECRET, as its results page would seal it.
    resultLink: { id: resultLink!.id, token: results.token, ref: seal("results-form-ref", results.token, process.env.E2E_AUTH_SECRET) },
    alerted,
    alertId,
  };
}

/** The sealed reference the questionnaire's form carries, read from the page as a browser would. */
async function sealedReference(baseURL: string, token: string): Promise<string> {
  const caller = await newCaller(baseURL);
  try {
    const page = await (await caller.get(`/a/${token}?step=1`)).text();
    const ref = /name="ref" value="([^"]+)"/.exec(page)?.[1];
    if (!ref) throw new Error("the questionnaire page carried no sealed reference");
    return ref;
  } finally {
    await caller.dispose();
  }
}

export function targetsInPracticeA(world: World): Promise<Targets> {
  return makeTargets(world.baseURL, { id: world.practiceA.id, owner: world.users.owner, caseloadId: world.users.caseload.id });
}

// ---------------------------------------------------------------------------------------------
// "Changed nothing"

let practiceTables: Promise<string[]> | undefined;

/** Every table that holds practice data: those with a practice_id column (DESIGN.md §5). */
function tablesWithPracticeId(): Promise<string[]> {
  practiceTables ??= e2eDb()
    .$client.query<{ table_name: string }>(
      `select table_name from information_schema.columns
        where table_schema = 'public' and column_name = 'practice_id' order by table_name`,
    )
    .then((result) => result.rows.map((row) => row.table_name));
  return practiceTables;
}

/**
 * What a call may write without having changed anything: the audit rows of a refusal (written in
 * the background: lib/core/audit.ts) and of signing in and out, and the caller's session bookkeeping.
 */
const OBSERVATION_ONLY: Record<string, string> = {
  // An owner's export of their own practice records that it was downloaded, and changes nothing.
  // A client's results page records each view (issue 15); an action's redirect renders that page.
  // A refused action is recorded (issue 24, probe 5): the record of a refusal, not a change. A
  // record page rendered after an action (its layout) records that it was read, as any page view.
  audit_events:
    "and t.action not in ('client.access_refused', 'user.sign_in', 'user.sign_in_failed', 'user.sign_out', 'user.sign_out_everywhere', 'practice.export', 'results.view', 'client.view', 'couple.view', 'action.refused', 'user.reauth_failed')",
  sessions: "and false",
  // The practice's expected course (lib/measures/course-figures.ts) is a cache of what its rows say,
  // computed by whoever reads a page that shows it when it is missing or behind: a read, not a change.
  practice_course_figures: "and false",
  // The last check of the practice's audit chain, written by the job engine in the background
  // (lib/core/audit-chain.ts) whenever it is due, whoever is calling.
  audit_chain_checks: "and false",
};

/**
 * A fingerprint of every row the given practices own (and the practices themselves), whole rows
 * with their updated_at: equal before and after a call means the call wrote nothing there.
 */
export async function fingerprint(practiceIds: string[]): Promise<string> {
  const tables = await tablesWithPracticeId();
  const parts = tables.map(
    (table) => `select '${table}:' || t::text as row from "${table}" t where t.practice_id = any($1::uuid[]) ${OBSERVATION_ONLY[table] ?? ""}`,
  );
  parts.push(`select 'practices:' || t::text as row from practices t where t.id = any($1::uuid[])`);
  const result = await e2eDb().$client.query<{ digest: string | null }>(
    `select md5(string_agg(row, E'\\n' order by row)) as digest from (${parts.join(" union all ")}) rows`,
    [practiceIds],
  );
  return result.rows[0]?.digest ?? "empty";
}

/** Whether the exact text was stored anywhere in the practice's rows. */
export async function storedInPractice(practiceId: string, text: string): Promise<boolean> {
  const tables = await tablesWithPracticeId();
  const parts = tables.map((table) => `select 1 from "${table}" t where t.practice_id = $1::uuid and strpos(t::text, $2) > 0`);
  parts.push(`select 1 from practices t where t.id = $1::uuid and strpos(t::text, $2) > 0`);
  const result = await e2eDb().$client.query(`select exists (${parts.join(" union all ")}) as found`, [practiceId, text]);
  return Boolean((result.rows[0] as { found?: boolean } | undefined)?.found);
}

export async function practicesOfUsers(emails: string[]): Promise<string[]> {
  if (emails.length === 0) return [];
  const rows = await e2eDb().select({ practiceId: schema.users.practiceId }).from(schema.users).where(inArray(schema.users.email, emails));
  return rows.map((row) => row.practiceId);
}

export async function disposeWorld(world: World | undefined) {
  if (!world) return;
  await Promise.all(Object.values(world.as).map((context) => context.dispose()));
}
