import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { EnrolmentForm } from "@/components/auth/two-step-forms";
import { getSessionState, PENDING_STEP_PAGES } from "@/lib/auth/session";
import { beginEnrolment } from "@/lib/auth/two-step";
import { confirmTwoStepAction, signOutAction } from "../../actions";

export const metadata: Metadata = { title: "Set up two-step sign-in", referrer: "no-referrer" };

/** In a practice that requires two-step sign-in, a member without it comes here, and can go nowhere else. */
export default async function SetUpTwoStepPage() {
  const state = await getSessionState();
  if (!state) redirect("/sign-in");
  if (state.pendingStep !== "enrolment") redirect(state.pendingStep ? PENDING_STEP_PAGES[state.pendingStep] : "/clients");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Set up two-step sign-in</h1>
      <p className="mt-1 text-sm text-slate-600">
        {state.actor.practiceName} asks everyone to sign in with a code from their phone as well as their password. It takes a minute.
      </p>
      <div className="mt-6">
        <EnrolmentForm action={confirmTwoStepAction} enrolment={beginEnrolment(state.actor)} continueHref="/clients" continueLabel="I have saved them — continue" />
      </div>
      <form action={signOutAction} className="mt-6">
        <button type="submit" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          Not now — sign out
        </button>
      </form>
    </>
  );
}
