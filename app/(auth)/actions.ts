"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { failure, unreadableForm, type FormState } from "@/lib/action-result";
import { signIn, signOut } from "@/lib/auth/config";
import { createPracticeWithOwner } from "@/lib/practices";
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
    if (error instanceof AuthError) return failure(INCORRECT, undefined, values);
    throw error;
  }
  return null;
}

const signUpSchema = z.object({
  practiceName: requiredText("Practice name", 120),
  name: requiredText("Your name", 120),
  email: emailSchema,
  password: newPasswordSchema,
  timeZone: timeZoneSchema,
});

export async function signUpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return unreadableForm();
  const values = echoValues(formData);
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failure("Please correct the highlighted fields.", fieldErrorsOf(parsed.error), values);

  const created = await createPracticeWithOwner(parsed.data);
  if (!created.ok) {
    return failure(
      "Please correct the highlighted fields.",
      { email: ["An account with this email already exists. Sign in instead, or use another email."] },
      values,
    );
  }
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: "/clients" });
  return null;
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}

const setPasswordSchema = z
  .object({
    token: z.string().min(1).max(200),
    password: newPasswordSchema,
    confirm: z.string({ error: "Repeat the password." }),
  })
  .refine((input) => input.password === input.confirm, { error: "The two passwords do not match.", path: ["confirm"] });

export async function setPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(formData instanceof FormData)) return unreadableForm();
  const parsed = setPasswordSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failure("Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  const result = await setPasswordWithToken(parsed.data.token, parsed.data.password);
  if (!result.ok) return failure("This link has expired or was already used. Ask your practice owner for a new one.");
  await signIn("credentials", { email: result.email, password: parsed.data.password, redirectTo: "/clients" });
  return null;
}
