import type { Metadata } from "next";
import Link from "next/link";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { checkSetPasswordToken } from "@/lib/team/team";
import { preparePasswordCheck } from "@/lib/auth/password-strength";
import { setPasswordAction } from "../../actions";

export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };

export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const check = await checkSetPasswordToken(token);
  if (!check.valid) {
    return (
      <>
        <h1 className="text-xl font-semibold text-slate-900">This link cannot be used</h1>
        <p className="mt-2 text-sm text-slate-600">
          Set-password links work once and for 72 hours. Ask your practice owner to send you a new one.
        </p>
        <Link href="/sign-in" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
          Go to sign in
        </Link>
      </>
    );
  }
  preparePasswordCheck();
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Welcome, {check.name}</h1>
      <p className="mt-1 text-sm text-slate-600">Choose a password to join {check.practiceName} on Attune.</p>
      <div className="mt-6">
        <SetPasswordForm action={setPasswordAction} token={token} />
      </div>
    </>
  );
}
