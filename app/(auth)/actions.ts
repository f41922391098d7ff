"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { failure, unreadableForm, type ActionResult, type FormState } from "@/lib/core/action-result";
import { cancelEmailChangeWithToken, confirmEmailChange } from "@/lib/auth/account";
import { signIn, signOut, TooManySignInAttempts } from "@/lib/auth/config";
import { requestPasswordReset, resetPasswordWithToken } from "@/lib/auth/password-reset";
import { rememberDevice } from "@/lib/auth/device-cookie";
import { tooManyAttemptsMessage } from "@/lib/auth/reauth";
import { getSessionState, PENDING_STEP_PAGES } from "@/lib/auth/session";
import { completeSecondStep, confirmEnrolment } from "@/lib/auth/two-step";
import { DomainError } from "@/lib/core/errors";
import { clientIp } from "@/lib/http/rate-limit";
import { completeSignUp, requestSignUp } from "@/lib/practices/sign-up";
import { setPasswordWithToken } from "@/lib/team/team";
import { echoValues, emailSchema, fieldErrorsOf, newPasswordSchema, requiredText, timeZoneSchema } from "@/lib/core/validation";

const INCORRECT = "Email or password is incorrect.";

const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Password is required." }).min(1, { error: "Password is required." }).max(1024),
});

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return unreadableForm();
  const values = echoValues(formData);
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failure("Please correct the highlighted fields.", fieldErrorsOf(parsed.error), values);
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: "/clients" });
  } catch (error) {
    // signIn redirects by throwing; only authentication failures are ours to map.
    if (error instanceof TooManySignInAttempts) return failure(tooManyAttempts(error.retryAfterSeconds), undefined, values);
    if (error instanceof AuthError) return failure(INCORRECT, undefined, values);
    throw error;
  }
  return null;
}

const tooManyAttempts = tooManyAttemptsMessage;

/**
 * Signs in with a password the person has just chosen (sign-up, set-password). Should that be
 * refused (the sign-in throttle), the account is still made: send them to sign in by hand.
 */
async function signInWithNewPassword(email: string, password: string) {
  try {
    await signIn("credentials", { email, password, redirectTo: "/clients" });
  } catch (error) {
    if (error instanceof AuthError) redirect("/sign-in");
    throw error;
  }
}

const signUpSchema = z.object({
  practiceName: requiredText("Practice name", 120),
  name: requiredText("Your name", 120),
  email: emailSchema,
  timeZone: timeZoneSchema,
});

/**
 * Whether the address is free or already has an account, the answer is the same page: the email
 * that follows says which (lib/practices/sign-up.ts, docs/decisions/0008).
 */
export async function signUpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return unreadableForm();
  const values = echoValues(formData);
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failure("Please correct the highlighted fields.", fieldErrorsOf(parsed.error), values);
  await requestSignUp(parsed.data, clientIp(await headers()));
  redirect("/sign-up/check-email");
}

const newPasswordFormSchema = (maxTokenLength: number) =>
  z
    .object({
      token: z.string().min(1).max(maxTokenLength),
      password: newPasswordSchema,
      confirm: z.string({ error: "Repeat the password." }),
    })
    .refine((input) => input.password === input.confirm, { error: "The two passwords do not match.", path: ["confirm"] });

const completeSignUpSchema = newPasswordFormSchema(2000);

export async function completeSignUpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return unreadableForm();
  const parsed = completeSignUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failure("Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  const result = await completeSignUp(parsed.data.token, parsed.data.password);
  if (!result.ok) {
    if (result.reason === "weak_password") return failure("Please choose a stronger password.", { password: [result.message] });
    if (result.reason === "used") return failure("This link was already used: the practice exists. Sign in instead.");
    return failure("This link has expired or cannot be used. Sign up again to get a new one.");
  }
  await signInWithNewPassword(result.email, parsed.data.password);
  return null;
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}

const setPasswordSchema = newPasswordFormSchema(200);

export async function setPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return unreadableForm();
  const parsed = setPasswordSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failure("Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  const result = await setPasswordWithToken(parsed.data.token, parsed.data.password);
  if (!result.ok && result.reason === "weak_password") return failure("Please choose a stronger password.", { password: [result.message] });
  if (!result.ok) return failure("This link has expired or was already used. Ask your practice owner for a new one.");
  await signInWithNewPassword(result.email, parsed.data.password);
  return null;
}

const codeSchema = z.object({
  code: z.string({ error: "Type the code." }).trim().min(1, { error: "Type the code." }).max(40, { error: "That is longer than any code." }),
});

/** The second step of sign-in; only a session whose password was right and which waits for it may use it. */
export async function verifySecondStepAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return unreadableForm();
  const state = await getSessionState();
  if (!state) redirect("/sign-in");
  if (state.pendingStep !== "second_factor") redirect(state.pendingStep ? PENDING_STEP_PAGES[state.pendingStep] : "/clients");
  const parsed = codeSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failure("Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  const outcome = await completeSecondStep(
    { sessionId: state.sessionId, userId: state.actor.userId },
    { code: parsed.data.code, ip: clientIp(await headers()) },
  );
  if (outcome.ok) {
    await rememberDevice(state.actor.email);
    redirect("/clients");
  }
  if (outcome.reason === "throttled") return failure(tooManyAttempts(outcome.retryAfterSeconds));
  if (outcome.reason === "no_pending_step") redirect("/sign-in");
  return failure("That code is not right, or was already used.", { code: ["Type the code your app shows now, or an unused recovery code."] });
}

/**
 * Confirms the set-up of two-step sign-in with a first code: from My account, or at sign-in in a
 * practice that requires it (the session then goes on). Returns the recovery codes, shown once.
 */
export async function confirmTwoStepAction(_previous: unknown, formData: FormData): Promise<ActionResult<{ recoveryCodes?: string[] }>> {
  if (!(formData instanceof FormData)) return unreadableForm();
  const state = await getSessionState();
  if (!state) redirect("/sign-in");
  if (state.pendingStep === "second_factor") redirect(PENDING_STEP_PAGES.second_factor);
  const parsed = codeSchema
    .extend({ enrolment: z.string().min(1).max(500), current: z.string().max(1024).optional() })
    .safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failure("Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  const { enrolment, code, current } = parsed.data;
  try {
    const { recoveryCodes } = await confirmEnrolment(
      state.actor,
      state.pendingStep === "enrolment"
        ? { enrolment, code, sessionId: state.sessionId }
        : { enrolment, code, reauth: { current, ip: clientIp(await headers()) } },
    );
    return { ok: true, message: "Two-step sign-in is on.", recoveryCodes };
  } catch (error) {
    if (error instanceof DomainError) return failure(error.message, error.field ? { [error.field]: [error.message] } : undefined);
    throw error;
  }
}

const FORGOT_PASSWORD_ANSWER =
  "If an account uses that address, an email with a link to choose a new password is on its way. The link works once, for one hour.";

/** Answers the same whatever the address (docs/decisions/0008); lib/auth/password-reset.ts limits it. */
export async function forgotPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return unreadableForm();
  const values = echoValues(formData);
  const parsed = z.object({ email: emailSchema }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failure("Please correct the highlighted fields.", fieldErrorsOf(parsed.error), values);
  await requestPasswordReset({ email: parsed.data.email, ip: clientIp(await headers()) });
  return { ok: true, message: FORGOT_PASSWORD_ANSWER };
}

const resetPasswordSchema = newPasswordFormSchema(200);

export async function resetPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return unreadableForm();
  const parsed = resetPasswordSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failure("Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  const result = await resetPasswordWithToken(parsed.data.token, parsed.data.password);
  if (!result.ok && result.reason === "weak_password") return failure("Please choose a stronger password.", { password: [result.message] });
  if (!result.ok) return failure("This link has expired or was already used. Ask for a new one from the sign-in page.");
  await signInWithNewPassword(result.email, parsed.data.password);
  return null;
}

/** Confirms a new sign-in email from the link sent to it (a post, so a mail scanner opening the link changes nothing). */
export async function confirmEmailChangeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return unreadableForm();
  const parsed = z.object({ token: z.string().min(1).max(200) }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failure("This link cannot be used.");
  const result = await confirmEmailChange(parsed.data.token);
  if (!result.ok && result.reason === "taken") return failure("Another Attune account already uses this address, so it cannot be yours too.");
  if (!result.ok) return failure("This link has expired or was already used. Ask for a new one in My account.");
  return { ok: true, message: `Done: sign in with ${result.email} from now on.` };
}

/** "This wasn't me", from the notice to the old address: cancels the pending change and signs the account out everywhere. */
export async function cancelEmailChangeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return unreadableForm();
  const parsed = z.object({ token: z.string().min(1).max(200) }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failure("This link cannot be used.");
  const result = await cancelEmailChangeWithToken(parsed.data.token);
  if (!result.ok) return failure("This link has expired or was already used: no change of address is waiting.");
  return {
    ok: true,
    message: "Cancelled: your sign-in email stays as it is, and your account is signed out on every device. Now reset your password from the sign-in page.",
  };
}
