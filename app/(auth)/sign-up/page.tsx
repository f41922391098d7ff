import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getActor } from "@/lib/auth/session";
import { supportedTimeZones } from "@/lib/practices/practices";
import { signUpAction } from "../actions";

export const metadata: Metadata = { title: "Create a practice" };

export default async function SignUpPage() {
  if (await getActor()) redirect("/clients");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Create your practice</h1>
      <p className="mt-1 text-sm text-slate-600">
        You will be its owner, and can add clinicians later. First we email you a link to confirm your address.
      </p>
      <div className="mt-6">
        <SignUpForm action={signUpAction} timeZones={supportedTimeZones()} />
      </div>
      <p className="mt-6 text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          Sign in
        </Link>
      </p>
    </>
  );
}
