"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { failure, unreadableForm, type FormState } from "@/lib/action-result";
import { signIn, signOut, TooManySignInAttempts } from "@/lib/auth/config";
import { completeSignUp, requestSignUp } from "@/lib/sign-up";
import { setPasswordWithToken } from "@/lib/team";
import { echoValues, emailSchema, fieldErrorsOf, newPasswordSchema, requiredText, timeZoneSchema } from "@/lib/validation";

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

function tooManyAttempts(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts — try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

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
 * that follows says which (lib/sign-up.ts, docs/decisions/0008).
 */
export async function signUpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return unreadableForm();
  const values = echoValues(formData);
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failure("Please correct the highlighted fields.", fieldErrorsOf(parsed.error), values);
  await requestSignUp(parsed.data);
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
