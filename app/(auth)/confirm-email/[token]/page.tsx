import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmEmailForm } from "@/components/auth/confirm-email-form";
import { checkEmailChangeToken } from "@/lib/auth/account";
import { confirmEmailChangeAction } from "../../actions";

export const metadata: Metadata = { title: "Confirm your email address", referrer: "no-referrer" };

export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const check = await checkEmailChangeToken(token);
  if (!check.valid) {
    return (
      <>
        <h1 className="text-xl font-semibold text-slate-900">This link cannot be used</h1>
        <p className="mt-2 text-sm text-slate-600">Email confirmation links work once, for 24 hours. Ask for a new one in My account.</p>
        <Link href="/sign-in" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
          Go to sign in
        </Link>
      </>
    );
  }
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Confirm your email address</h1>
      <p className="mt-1 text-sm text-slate-600">From now on, sign in to Attune with {check.newEmail}.</p>
      <div className="mt-6">
        <ConfirmEmailForm action={confirmEmailChangeAction} token={token} />
      </div>
      <Link href="/sign-in" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
        Go to sign in
      </Link>
    </>
  );
}
