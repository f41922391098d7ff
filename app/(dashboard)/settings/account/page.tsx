import type { Metadata } from "next";
import Link from "next/link";
import { ChangeEmailForm, ChangeNameForm, ChangePasswordForm } from "@/components/settings/account-forms";
import { SettingsNav } from "@/components/shell/settings-nav";
import { ActionForm } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { recentSignIns } from "@/lib/auth/account";
import { isOwner } from "@/lib/core/owner";
import { getSessionState, requireActor } from "@/lib/auth/session";
import { twoStepStatus } from "@/lib/auth/two-step";
import { formatDate, formatDateTime } from "@/lib/core/format";
import { signOutEverywhereAction } from "../actions";
import { changeEmailAction, changeNameAction, changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "My account" };

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-slate-200 bg-white p-6">
      <h2 id={`${id}-heading`} className="text-base font-semibold">
        {title}
      </h2>
      <div className="mt-4">{children}</div>
    </section>
  );
}

export default async function AccountPage() {
  const actor = await requireActor();
  const state = await getSessionState();
  const [twoStep, signIns] = await Promise.all([twoStepStatus(actor), recentSignIns(actor, state?.sessionId ?? null)]);
  const tz = actor.practiceTimeZone;
  return (
    <>
      <PageHeader title="Settings" description="Your practice and your account." />
      <SettingsNav isOwner={isOwner(actor)} current="account" />
      <div className="grid gap-6 lg:grid-cols-2">
        <Section id="name" title="Name">
          <ChangeNameForm action={changeNameAction} name={actor.name} />
        </Section>
        <Section id="email" title="Email">
          <ChangeEmailForm action={changeEmailAction} email={actor.email} twoStep={twoStep.enabled} />
        </Section>
        <Section id="password" title="Password">
          <p className="mb-3 text-sm text-slate-600">Changing it signs you out on every other device.</p>
          <ChangePasswordForm action={changePasswordAction} twoStep={twoStep.enabled} />
        </Section>
        <Section id="two-step" title="Two-step sign-in">
          {twoStep.enabled ? (
            <div className="space-y-2 text-sm text-slate-700">
              <p>
                <span className="font-medium text-emerald-800">On</span>
                {twoStep.enabledAt ? ` since ${formatDate(twoStep.enabledAt, tz)}` : ""}: signing in asks for a code from your authenticator app after
                your password.
              </p>
              <p>
                {twoStep.recoveryCodesLeft} of 10 recovery codes left. Lost your phone? Use a recovery code
                {isOwner(actor)
                  ? ". As the practice owner, no one else at the practice can turn two-step sign-in off for you, so keep your recovery codes safe."
                  : "; your practice owner can also turn two-step sign-in off for you."}
              </p>
            </div>
          ) : (
            <div className="space-y-3 text-sm text-slate-700">
              <p>Off. With it on, signing in also asks for a code from an app on your phone, so a stolen password alone is not enough.</p>
              <Link href="/settings/account/two-step" className={buttonClass("primary")}>
                Set up two-step sign-in
              </Link>
            </div>
          )}
        </Section>
      </div>
      <div className="mt-6">
        <Section id="sign-ins" title="Recent sign-ins">
          {signIns.length === 0 ? (
            <p className="text-sm text-slate-600">No sign-ins yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {signIns.map((entry) => (
                <li key={entry.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2">
                  <span className="font-medium text-slate-900">{formatDateTime(entry.at, tz)}</span>
                  <span className="text-slate-700">{entry.browser}</span>
                  <span className="text-slate-500">{entry.origin}</span>
                  <span className="text-slate-500">{entry.current ? "This device" : entry.open ? "Signed in" : "Ended"}</span>
                </li>
              ))}
            </ul>
          )}
          <div className="mt-4 border-t border-slate-100 pt-4">
            <p className="text-sm text-slate-600">
              Signed in on a computer you no longer use, or lost a device? This signs you out everywhere, here included.
            </p>
            <ActionForm action={signOutEverywhereAction} className="mt-3">
              <SubmitButton variant="secondary" pendingLabel="Signing out…">
                Sign out of all devices
              </SubmitButton>
            </ActionForm>
          </div>
        </Section>
      </div>
    </>
  );
}
