import type { Metadata } from "next";
import { OutboxList } from "@/components/settings/outbox-list";
import { SettingsNav } from "@/components/shell/settings-nav";
import { ActionForm } from "@/components/ui/action-form";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { isOwner } from "@/lib/auth/owner";
import { requireActor } from "@/lib/auth/session";
import { OUTBOX_DEFAULT_LIMIT, isEmailDeliveryConfigured, listOutbox } from "@/lib/email/outbox";
import { signOutEverywhereAction } from "./actions";
import { ResultsSharingSection } from "./results-sharing-section";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requireActor();
  const owner = isOwner(actor);
  const outbox = owner ? await listOutbox(actor, { limit: OUTBOX_DEFAULT_LIMIT }) : null;
  return (
    <>
      <PageHeader title="Settings" description="Your practice and your account." />
      <SettingsNav isOwner={owner} current="practice" />
      <section aria-labelledby="practice-heading" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="practice-heading" className="text-base font-semibold">
          Practice
        </h2>
        <dl className="mt-4 grid gap-4 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">Name</dt>
            <dd className="mt-0.5 font-medium">{actor.practiceName}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Time zone</dt>
            <dd className="mt-0.5 font-medium">{actor.practiceTimeZone.replaceAll("_", " ")}</dd>
          </div>
        </dl>
      </section>
      {owner ? <ResultsSharingSection actor={actor} /> : null}
      <section aria-labelledby="account-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="account-heading" className="text-base font-semibold">
          Your account
        </h2>
        <dl className="mt-4 grid gap-4 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">Name</dt>
            <dd className="mt-0.5 font-medium">{actor.name}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Email</dt>
            <dd className="mt-0.5 font-medium break-all">{actor.email}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Role</dt>
            <dd className="mt-0.5 font-medium capitalize">{actor.role}</dd>
          </div>
        </dl>
        <div className="mt-6 border-t border-slate-100 pt-4">
          <p className="text-sm text-slate-600">
            Signed in on a computer you no longer use, or lost a device? This signs you out everywhere, here included.
          </p>
          <ActionForm action={signOutEverywhereAction} className="mt-3">
            <SubmitButton variant="secondary" pendingLabel="Signing out…">
              Sign out of all devices
            </SubmitButton>
          </ActionForm>
        </div>
      </section>
      {outbox ? (
        <OutboxList
          entries={outbox}
          timeZone={actor.practiceTimeZone}
          deliveryConfigured={isEmailDeliveryConfigured()}
          limit={OUTBOX_DEFAULT_LIMIT}
        />
      ) : null}
    </>
  );
}
