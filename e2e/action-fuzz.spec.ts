import { expect, test } from "@playwright/test";
import { builtActions, callAction, FormArg, type ActionResponse, type Arg } from "./next-actions";
import {
  ACTIONS,
  actionId,
  fingerprint,
  insertPractice,
  insertUser,
  makeTargets,
  newCaller,
  practicesOfUsers,
  signedIn,
  storedInPractice,
  unlistedActions,
  type ActionRow,
  type Targets,
} from "./surface";

/*
 * Every server action, called by its rightful user with hostile input: the wrong types, missing
 * fields, 1 MB strings, odd Unicode and huge numbers. Never a 500; what is refused is refused
 * with a message and stores nothing (a fingerprint of the practice's rows is unchanged); what is
 * accepted (emoji, combining marks, number-like text in a free-text field) is stored exactly.
 * Each action gets a practice of its own, so actions run side by side.
 */

/** Values tried in every field, one field at a time, the rest of the form valid. */
type OddValue = { label: string; value: string | Buffer; mayAccept?: boolean };

const unique = () => Math.random().toString(36).slice(2, 8);
const oddValues = (): OddValue[] => [
  { label: "an empty string", value: "" },
  { label: "a 1 MB string", value: "x".repeat(1_000_000) },
  { label: "NUL", value: "Sam\u0000Lee" },
  // A lone surrogate cannot travel as UTF-8; this is its CESU-8 form, invalid UTF-8 on the wire.
  { label: "a lone surrogate's bytes", value: Buffer.from([0x53, 0x61, 0x6d, 0xed, 0xa0, 0x80]) },
  { label: "a right-to-left override", value: "Sam\u202Eeel.exe" },
  { label: "stacked combining marks", value: `Zoe${"\u0308".repeat(40)} ${unique()}`, mayAccept: true },
  { label: "emoji", value: `Sam 👩‍❤️‍👨 ${unique()}`, mayAccept: true },
  { label: "a huge number", value: "1e309", mayAccept: true },
  { label: "a 400-digit number", value: "9".repeat(400) },
];

/** What is passed in the form's place: none, nothing, and values that are not forms at all. */
const notForms: { label: string; value: Arg }[] = [
  { label: "no form (null)", value: null },
  { label: "a string", value: "clientId=1" },
  { label: "a huge number", value: 1e308 },
  { label: "a boolean", value: true },
  { label: "an array", value: [1, 2, 3] },
  { label: "a plain object", value: { clientId: "x", userId: "x", ref: "x" } },
  { label: "an empty form", value: FormArg.of({}) },
];

type Fuzz = {
  /** Fields a valid form may leave out or empty. */
  optional?: string[];
  /** Fields the action deliberately ignores or normalises: odd values there may be accepted. */
  ignored?: string[];
  /** Fields never stored as typed (passwords are hashed). */
  secret?: string[];
  /** The form is the first argument (a plain form action) rather than the second (useActionState). */
  formFirst?: boolean;
  /** Refuses by redirecting to a calm page instead of returning `{ ok: false }`. */
  refused?: (response: ActionResponse) => boolean;
  /** Drops answers it cannot read and says nothing (by design); it must still store none of them. */
  quiet?: boolean;
  /** Creates a practice of its own (sign-up): "stored" is looked for there, found by this field's email. */
  createsPracticeFor?: string;
  /** Argument lists of its own, for actions that take no form. */
  args?: (t: Targets) => { label: string; args: Arg[]; mayAccept?: boolean }[];
  /** Takes no input at all: anything passed is ignored. */
  takesNothing?: boolean;
  /** Stores nothing when it accepts (sign-up seals what was typed into the emailed link). */
  sealedUntilConfirmed?: boolean;
  /** Answers every well-formed input alike and stores nothing typed (forgot-password: only hashes, for a holder). */
  answersAlike?: boolean;
  /** Free-text fields long enough for paragraphs, where a 400-digit number is just text: it may be accepted (and must then be stored). */
  longText?: string[];
};

/** The questionnaire refuses by showing a calm page: the invalid-link state, or the same part again with a note. */
const questionnaireRefusal = (response: ActionResponse) =>
  response.status >= 400 || response.redirect === "/a/invalid" || /notice=unreadable/.test(response.redirect ?? "");

/** The consent form refuses by showing a calm page: the unavailable link, or its own page unchanged (no `saved=`). */
const consentRefusal = (response: ActionResponse) =>
  response.status >= 400 || response.redirect === "/results/invalid" || (response.redirect !== null && !/[?&]saved=/.test(response.redirect));
/** A step of the caller's own sign-in: without a session waiting for it, a redirect to sign in (or a refusal). */
const signedOutOrRefused = (response: ActionResponse) =>
  response.redirect === "/sign-in" || response.status === 413 || (response.result as { ok?: unknown } | undefined)?.ok === false;

const FUZZ: Record<string, Fuzz> = {
  signInAction: { secret: ["password"] },
  signUpAction: { sealedUntilConfirmed: true },
  completeSignUpAction: { secret: ["password", "confirm"] },
  signOutAction: { takesNothing: true },
  signOutEverywhereAction: { takesNothing: true },
  setPasswordAction: { secret: ["password", "confirm"] },
  saveAnswersAction: { formFirst: true, ignored: ["intent", "step"], quiet: true, refused: questionnaireRefusal },
  autosaveAnswersAction: {
    quiet: true,
    args: (t) => [
      { label: "no arguments", args: [] },
      { label: "no answers", args: [t.link.ref] },
      { label: "a number for the reference", args: [1e308, { k1: "3" }] },
      { label: "a string for the answers", args: [t.link.ref, "k1=3"] },
      { label: "an array for the answers", args: [t.link.ref, ["3"]] },
      { label: "a number as an answer", args: [t.link.ref, { k1: 3 }] },
      { label: "a 1 MB answer", args: [t.link.ref, { k1: "3".repeat(1_000_000) }] },
      { label: "a body over the 1 MB limit", args: [t.link.ref, { k1: "3".repeat(1_100_000) }] },
      { label: "a NUL in an answer's name", args: [t.link.ref, { "k\u00001": "3" }] },
      { label: "a lone surrogate as an answer", args: [t.link.ref, { k1: "\uD800" }] },
      { label: "an answer off the scale", args: [t.link.ref, { k1: "1e309" }] },
      { label: "a thousand answers", args: [t.link.ref, Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, "3"]))] },
      { label: "a form for the reference", args: [FormArg.of({ ref: t.link.ref }), { k1: "3" }] },
    ],
  },
  verifySecondStepAction: { refused: signedOutOrRefused },
  confirmTwoStepAction: { refused: signedOutOrRefused },
  forgotPasswordAction: { answersAlike: true },
  resetPasswordAction: { secret: ["password", "confirm"] },
  confirmEmailChangeAction: {},
  cancelEmailChangeAction: {},
  changePasswordAction: { secret: ["current", "password", "confirm"], optional: ["code"] },
  changeEmailAction: { secret: ["current"], optional: ["code"] },
  resetTwoStepAction: { secret: ["current"], optional: ["code"] },
  // An empty crisis text means the default one (lib/alerts/crisis.ts).
  updatePracticeSettingsAction: { optional: ["emailSenderName", "requireTwoStep", "crisisText"], longText: ["crisisText"] },
  // The first accepted note acknowledges the alert; every later case is refused as already acknowledged.
  acknowledgeAlertAction: { longText: ["note"] },
  coupleConsentAction: { formFirst: true, refused: consentRefusal },
  createResultLinkAction: { ignored: ["email"] },
  createClientAction: { ignored: ["clinicianId"], optional: ["preferredName", "phone", "dateOfBirth"] },
  createCoupleAction: { ignored: ["clinicianId"] },
  createPlanAction: { optional: ["reminder1"] },
  // clientId only chooses the page to return to; lib/ checks access through the plan.
  updatePlanAction: { optional: ["reminder1"], ignored: ["clientId"] },
};

type Case = { label: string; args: Arg[]; field?: string; value?: string | Buffer; mayAccept?: boolean; fields?: Record<string, string> };

function casesFor(row: ActionRow, fuzz: Fuzz, t: Targets): Case[] {
  if (fuzz.args) return fuzz.args(t);
  const wrap = (form: Arg): Arg[] => (fuzz.formFirst ? [form] : [null, form]);
  const cases: Case[] = [{ label: "no arguments", args: [] }, ...notForms.map(({ label, value }) => ({ label, args: wrap(value) }))];
  const sample = Object.keys(row.input(t));
  if (sample.length > 0) {
    // Past the framework's 1 MB body limit for actions (the questionnaire's own limit is far lower).
    const form = row.input(t);
    cases.push({ label: "a body over the 1 MB limit", args: wrap(FormArg.of({ ...form, [sample[0]!]: "x".repeat(1_100_000) })), fields: form });
  }
  for (const field of sample) {
    const fields = row.input(t);
    const rest = Object.fromEntries(Object.entries(fields).filter(([name]) => name !== field));
    const optional = (fuzz.optional ?? []).includes(field);
    cases.push({ label: `${field} missing`, args: wrap(FormArg.of(rest)), field, fields: rest, mayAccept: optional });
    for (const odd of oddValues()) {
      const form = row.input(t);
      const mayAccept = odd.mayAccept || (optional && odd.value === "") || (odd.label === "a 400-digit number" && (fuzz.longText ?? []).includes(field));
      cases.push({ label: `${field} = ${odd.label}`, args: wrap(FormArg.of({ ...form, [field]: odd.value })), field, value: odd.value, mayAccept, fields: form });
    }
  }
  return cases;
}

const isRefusal = (response: ActionResponse, fuzz: Fuzz) => {
  if (fuzz.refused) return fuzz.refused(response);
  const result = response.result as { ok?: unknown } | undefined;
  return response.status === 413 || (typeof result === "object" && result !== null && result.ok === false);
};

/** The practices whose rows a case may touch: the row's own, and for sign-up the one it would create. */
async function practicesTouched(practiceId: string, fuzz: Fuzz, fields: Record<string, string> | undefined): Promise<string[]> {
  const email = fuzz.createsPracticeFor && fields?.[fuzz.createsPracticeFor];
  return email ? [practiceId, ...(await practicesOfUsers([email.toLowerCase()]))] : [practiceId];
}

test.describe.configure({ mode: "parallel" });

test("every built action has a fuzz run", () => {
  expect(unlistedActions(), "Add a row to ACTIONS in e2e/surface.ts for each of these").toEqual([]);
});

for (const row of ACTIONS) {
  const fuzz = FUZZ[row.name] ?? {};
  test(`fuzz ${row.name} (${row.module})`, async ({ baseURL }) => {
    test.setTimeout(300_000);
    const practice = await insertPractice("Fuzz practice");
    const [owner, caseload] = await Promise.all([insertUser(practice.id, "owner"), insertUser(practice.id, "clinician")]);
    const targets = await makeTargets(baseURL!, { id: practice.id, owner, caseloadId: caseload.id });
    const caller =
      row.rightful === "owner" ? await signedIn(baseURL!, owner) : row.rightful === "caseload" ? await signedIn(baseURL!, caseload) : await newCaller(baseURL!);
    const action = { id: actionId(row, builtActions()), page: row.page(targets) };

    try {
      for (const fuzzCase of casesFor(row, fuzz, targets)) {
        const label = `${row.name} with ${fuzzCase.label}`;
        const touched = await practicesTouched(practice.id, fuzz, fuzzCase.fields);
        const before = await fingerprint(touched);
        const response = await callAction(caller, action, fuzzCase.args);
        const summary = `status ${response.status}, redirect ${response.redirect ?? "none"}, result ${JSON.stringify(response.result)?.slice(0, 200)}`;
        expect(response.status, `${label}: ${summary}`).toBeLessThan(500);

        if (fuzz.takesNothing) {
          expect(await fingerprint(touched), `${label} changed data`).toBe(before);
          continue;
        }
        const refused = isRefusal(response, fuzz);
        const ignored = fuzzCase.field !== undefined && (fuzz.ignored ?? []).includes(fuzzCase.field);
        if (refused) {
          expect(await fingerprint(await practicesTouched(practice.id, fuzz, fuzzCase.fields)), `${label} was refused but stored something`).toBe(before);
          const result = response.result as { message?: unknown } | undefined;
          if (result && typeof result === "object" && "message" in result) expect(String(result.message).length, `${label}: a message`).toBeGreaterThan(0);
          continue;
        }
        if (fuzz.quiet && !ignored) {
          // Answers it cannot read (none of these values is a point on the scale) are dropped
          // without a word; none may be stored.
          expect(await fingerprint(touched), `${label} stored an answer it should have dropped: ${summary}`).toBe(before);
          continue;
        }
        expect(fuzzCase.mayAccept || ignored, `${label} was accepted: ${summary}`).toBe(true);
        const secret = fuzzCase.field !== undefined && (fuzz.secret ?? []).includes(fuzzCase.field);
        if (!ignored && !secret && !fuzz.sealedUntilConfirmed && !fuzz.answersAlike && typeof fuzzCase.value === "string" && fuzzCase.value !== "") {
          const where = await practicesTouched(practice.id, fuzz, fuzzCase.fields);
          const stored = await Promise.all(where.map((id) => storedInPractice(id, fuzzCase.value as string)));
          expect(stored.includes(true), `${label} was accepted but not stored as typed`).toBe(true);
        }
      }
    } finally {
      await caller.dispose();
    }
  });
}
