import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmEmailForm } from "@/components/auth/confirm-email-form";
import { checkEmailChangeCancelToken } from "@/lib/auth/account";
import { cancelEmailChangeAction } from "../../../actions";

export const metadata: Metadata = { title: "Cancel the change of email", referrer: "no-referrer" };

/** The "this wasn't me" link of the notice to the old address; one button (a post, so a mail scanner changes nothing). */
export default async function CancelEmailChangePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const usable = await checkEmailChangeCancelToken(token);
  if (!usable) {
    return (
      <>
        <h1 className="text-xl font-semibold text-slate-900">This link cannot be used</h1>
        <p className="mt-2 text-sm text-slate-600">No change of address is waiting: it was cancelled, confirmed or has expired.</p>
        <Link href="/sign-in" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
          Go to sign in
        </Link>
      </>
    );
  }
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Was this not you?</h1>
      <p className="mt-1 text-sm text-slate-600">
        Cancel the change of your sign-in email. Your account is also signed out on every device, so whoever asked for it is signed out too.
      </p>
      <div className="mt-6">
        <ConfirmEmailForm action={cancelEmailChangeAction} token={token} label="Cancel the change and sign out everywhere" pendingLabel="Cancelling…" />
      </div>
      <Link href="/sign-in" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
        Go to sign in
      </Link>
    </>
  );
}
