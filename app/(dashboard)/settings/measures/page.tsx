import type { Metadata } from "next";
import { InstallationMeasures } from "@/components/measures/installation-measures";
import { InstrumentMeasures } from "@/components/measures/instrument-measures";
import { SettingsNav } from "@/components/shell/settings-nav";
import { PageHeader } from "@/components/ui/page-header";
import { isOwner } from "@/lib/core/owner";
import { requireActor } from "@/lib/auth/session";
import { getMeasuresPage } from "@/lib/measures/page";
import { adoptEstimatesAction, revertEstimatesAction, setContributionAction } from "./actions";

export const metadata: Metadata = { title: "Measures" };

export default async function MeasuresPage() {
  const actor = await requireActor();
  const owner = isOwner(actor);
  const page = await getMeasuresPage(actor);
  return (
    <>
      <PageHeader title="Settings" description="Your practice and your account." />
      <SettingsNav isOwner={owner} current="measures" />
      <section aria-labelledby="measures-heading" className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-700">
        <h2 id="measures-heading" className="text-base font-semibold text-slate-900">
          Measures: how reliable the questionnaires are in this practice
        </h2>
        <p className="mt-2">
          Each questionnaire&apos;s reliable change — the smallest change that one questionnaire can tell apart from the ups and downs of
          answering on a given day — rests on two figures: how much scores vary between people (SD) and how steady they are when nothing
          has changed (r). PHQ-9 and GAD-7 use published figures; the Closeness Inventory and the CSI-4 start with provisional ones.
        </p>
        <p className="mt-2">
          Below, the same figures estimated from this practice&apos;s own answers: α (how well a scale&apos;s items agree; with its 95%
          interval), the SD of people&apos;s first questionnaire, and test–retest r between two questionnaires by the same person at most
          14 days apart. Nothing is estimated from fewer than 100 people. Adopting the estimates never changes a score; each
          reliable-change judgement says which figures it used.
        </p>
      </section>
      {page.instruments.map((entry) => (
        <InstrumentMeasures
          key={entry.report.instrument}
          title={entry.title}
          report={entry.report}
          labels={entry.labels}
          timeZone={actor.practiceTimeZone}
          adoptable={entry.adoptable}
          owner={owner}
          adoptAction={adoptEstimatesAction}
          revertAction={revertEstimatesAction}
        />
      ))}
      <InstallationMeasures
        contributes={page.sharing.contributes}
        changedAt={page.sharing.changedAt}
        timeZone={actor.practiceTimeZone}
        installation={page.installation}
        owner={owner}
        action={setContributionAction}
      />
    </>
  );
}
