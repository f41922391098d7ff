import type { Metadata } from "next";
import Link from "next/link";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { checkPasswordResetToken } from "@/lib/auth/password-reset";
import { preparePasswordCheck } from "@/lib/auth/password-strength";
import { resetPasswordAction } from "../../actions";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const check = await checkPasswordResetToken(token);
  if (!check.valid) {
    return (
      <>
        <h1 className="text-xl font-semibold text-slate-900">This link cannot be used</h1>
        <p className="mt-2 text-sm text-slate-600">Password reset links work once, for one hour, and only the newest one works.</p>
        <Link href="/forgot-password" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
          Ask for a new link
        </Link>
      </>
    );
  }
  preparePasswordCheck();
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Choose a new password</h1>
      <p className="mt-1 text-sm text-slate-600">For {check.email}. This signs your account out on every other device.</p>
      <div className="mt-6">
        <SetPasswordForm action={resetPasswordAction} token={token} submitLabel="Set new password and sign in" />
      </div>
    </>
  );
}
