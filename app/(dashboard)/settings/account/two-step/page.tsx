import type { Metadata } from "next";
import Link from "next/link";
import { EnrolmentForm } from "@/components/auth/two-step-forms";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { beginEnrolment, twoStepStatus } from "@/lib/auth/two-step";
import { confirmTwoStepAction } from "../../../../(auth)/actions";

export const metadata: Metadata = { title: "Set up two-step sign-in", referrer: "no-referrer" };

export default async function TwoStepSetUpPage() {
  const actor = await requireActor();
  const status = await twoStepStatus(actor);
  return (
    <>
      <PageHeader title="Set up two-step sign-in" description="A code from your phone as well as your password." />
      <section className="max-w-xl rounded-lg border border-slate-200 bg-white p-6">
        {status.enabled ? (
          <p className="text-sm text-slate-700">Two-step sign-in is already on for your account.</p>
        ) : (
          <EnrolmentForm action={confirmTwoStepAction} enrolment={beginEnrolment(actor)} continueHref="/settings/account" continueLabel="I have saved them — done" askPassword />
        )}
        <p className="mt-6 text-sm">
          <Link href="/settings/account" className="font-medium text-brand-700 hover:underline">
            ← Back to My account
          </Link>
        </p>
      </section>
    </>
  );
}
