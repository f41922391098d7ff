import type { Metadata } from "next";
import Link from "next/link";
import { isEmailDeliveryConfigured } from "@/lib/core/outbox";
import { SIGN_UP_LINK_HOURS } from "@/lib/practices/sign-up";

export const metadata: Metadata = { title: "Check your email" };

// Reads SMTP_URL at request time, not at build time.
export const dynamic = "force-dynamic";

/** The one answer to every sign-up, whether or not the address already had an account. */
export default function CheckEmailPage() {
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Check your email</h1>
      <p className="mt-2 text-sm text-slate-600">
        We have sent a message to the address you gave. If it can be used for a new practice, the message has a link to choose
        your password and finish; the link works for {SIGN_UP_LINK_HOURS} hours. If the address already has an Attune account,
        the message says so and how to sign in.
      </p>
      {isEmailDeliveryConfigured() ? null : (
        <div className="mt-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p>Email is not set up on this server, so no message will arrive. Ask whoever runs Attune to set it up.</p>
          <p className="mt-2 text-xs text-amber-800">
            For whoever runs it: set <code className="font-mono">SMTP_URL</code> to your mail server; for local use, sign in with the
            demo practice described in the README.
          </p>
        </div>
      )}
      <p className="mt-6 text-sm text-slate-600">
        Nothing arrived after a few minutes? Check your spam folder, or{" "}
        <Link href="/sign-up" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          sign up again
        </Link>
        . Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          Sign in
        </Link>
      </p>
    </>
  );
}
