import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SecondStepForm } from "@/components/auth/two-step-forms";
import { getSessionState, PENDING_STEP_PAGES } from "@/lib/auth/session";
import { signOutAction, verifySecondStepAction } from "../../actions";

export const metadata: Metadata = { title: "Two-step sign-in" };

/** After a right password, for an account with two-step sign-in on. */
export default async function SecondStepPage() {
  const state = await getSessionState();
  if (!state) redirect("/sign-in");
  if (state.pendingStep !== "second_factor") redirect(state.pendingStep ? PENDING_STEP_PAGES[state.pendingStep] : "/clients");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Two-step sign-in</h1>
      <p className="mt-1 text-sm text-slate-600">Open your authenticator app and type the code it shows for Attune.</p>
      <div className="mt-6">
        <SecondStepForm action={verifySecondStepAction} />
      </div>
      <p className="mt-6 text-sm text-slate-600">
        {state.actor.role === "owner"
          ? "Lost your phone? Type one of your recovery codes instead. As the practice owner, you are the one who turns two-step sign-in off for others, so no one at the practice can do it for you: keep your recovery codes safe."
          : "Lost your phone and your recovery codes? Your practice owner can turn two-step sign-in off for you."}
      </p>
      <form action={signOutAction} className="mt-3">
        <button type="submit" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          Cancel and sign in as someone else
        </button>
      </form>
    </>
  );
}
