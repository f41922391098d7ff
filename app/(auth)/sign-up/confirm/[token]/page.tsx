import type { Metadata } from "next";
import Link from "next/link";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { checkSignUpLink } from "@/lib/practices/sign-up";
import { preparePasswordCheck } from "@/lib/auth/password-strength";
import { completeSignUpAction } from "../../../actions";

export const metadata: Metadata = { title: "Finish creating your practice", referrer: "no-referrer" };

export default async function ConfirmSignUpPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await checkSignUpLink(token);
  if (link.state !== "open") {
    return (
      <>
        <h1 className="text-xl font-semibold text-slate-900">This link cannot be used</h1>
        <p className="mt-2 text-sm text-slate-600">
          {link.state === "used"
            ? "It was already used: the practice exists. Sign in with the password you chose."
            : "It has expired or is not complete. Sign up again to get a new link."}
        </p>
        <Link href={link.state === "used" ? "/sign-in" : "/sign-up"} className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
          {link.state === "used" ? "Go to sign in" : "Sign up again"}
        </Link>
      </>
    );
  }
  preparePasswordCheck();
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Welcome, {link.name}</h1>
      <p className="mt-1 text-sm text-slate-600">
        Choose a password to finish creating {link.practiceName} on Attune. You will sign in with {link.email}.
      </p>
      <div className="mt-6">
        <SetPasswordForm action={completeSignUpAction} token={token} submitLabel="Create practice and sign in" />
      </div>
    </>
  );
}
