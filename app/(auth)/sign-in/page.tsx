import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getActor } from "@/lib/auth/session";
import { signInAction } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await getActor()) redirect("/clients");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Sign in</h1>
      <p className="mt-1 text-sm text-slate-600">Welcome back. Sign in to your practice.</p>
      <div className="mt-6">
        <SignInForm action={signInAction} />
      </div>
      <p className="mt-4 text-sm">
        <Link href="/forgot-password" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          Forgot your password?
        </Link>
      </p>
      <p className="mt-6 text-sm text-slate-600">
        New to Attune?{" "}
        <Link href="/sign-up" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          Create a practice
        </Link>
      </p>
    </>
  );
}
