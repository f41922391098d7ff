import type { Metadata } from "next";
import { OutboxList } from "@/components/settings/outbox-list";
import { PracticeSettingsForm } from "@/components/settings/practice-settings-form";
import { SettingsNav } from "@/components/shell/settings-nav";
import { PageHeader } from "@/components/ui/page-header";
import { isOwner } from "@/lib/core/owner";
import { auditChainStatus } from "@/lib/core/audit-chain";
import { AuditChainSection } from "@/components/settings/audit-chain-section";
import { requireActor } from "@/lib/auth/session";
import { isEmailDeliveryConfigured } from "@/lib/core/outbox";
import { OUTBOX_DEFAULT_LIMIT, listOutbox } from "@/lib/email/outbox-list";
import { getPracticeSettings, supportedTimeZones } from "@/lib/practices/practices";
import { updatePracticeSettingsAction } from "./actions";
import { languageOptions } from "@/lib/i18n/catalogues";
import { ResultsSharingSection } from "./results-sharing-section";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requireActor();
  const owner = isOwner(actor);
  const [settings, outbox, chain] = await Promise.all([
    getPracticeSettings(actor),
    owner ? listOutbox(actor, { limit: OUTBOX_DEFAULT_LIMIT }) : null,
    owner ? auditChainStatus(actor) : null,
  ]);
  return (
    <>
      <PageHeader title="Settings" description="Your practice and your account." />
      <SettingsNav isOwner={owner} current="practice" />
      <section aria-labelledby="practice-heading" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="practice-heading" className="text-base font-semibold">
          Practice
        </h2>
        {owner ? (
          <div className="mt-4">
            <PracticeSettingsForm action={updatePracticeSettingsAction} settings={settings} timeZones={supportedTimeZones()} languages={languageOptions()} />
          </div>
        ) : (
          <dl className="mt-4 grid gap-4 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-slate-500">Name</dt>
              <dd className="mt-0.5 font-medium">{settings.name}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Time zone</dt>
              <dd className="mt-0.5 font-medium">{settings.timeZone.replaceAll("_", " ")}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Questionnaire links work for</dt>
              <dd className="mt-0.5 font-medium">{settings.defaultLinkExpiryDays} days, unless you choose otherwise</dd>
            </div>
            <div>
              <dt className="text-slate-500">Two-step sign-in</dt>
              <dd className="mt-0.5 font-medium">{settings.requireTwoStep ? "Required for everyone" : "Each member's choice"}</dd>
            </div>
          </dl>
        )}
      </section>
      {owner ? <ResultsSharingSection actor={actor} /> : null}
      {owner ? <AuditChainSection chain={chain} timeZone={actor.practiceTimeZone} /> : null}
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
