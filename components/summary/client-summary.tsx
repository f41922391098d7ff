import Link from "next/link";
import { StrengthsAndGrowthAreas } from "@/components/scores/strengths-growth";
import { formatDate } from "@/lib/core/format";
import { formatScore } from "@/lib/instruments/scoring";
import type { ClientScores } from "@/lib/scores/scores";
import { attentionItems, noMovementSentence, whatMoved } from "@/lib/scores/session-summary";
import { CopySummary } from "./copy-summary";
import { AttentionList, LatestScores, MovedList, SummaryBlock } from "./summary-parts";

type InvitationState = Parameters<typeof attentionItems>[0][number]["invitations"][number];

/**
 * The top of a client's page: what a clinician needs before a session — anything needing
 * attention, what moved since last time, the latest scores with their bands, strengths and growth
 * areas — and the summary as text to copy into a note. Details live on the other tabs.
 */
export function ClientSummary({
  scores,
  invitations,
  timeZone,
  summaryText,
  reportHref,
}: {
  scores: ClientScores;
  invitations: readonly InvitationState[];
  timeZone: string;
  /** The copy text; left out where the page's pre-session summary carries the one "Copy summary". */
  summaryText?: string;
  reportHref: string;
}) {
  const summary = scores.summary;
  const attention = attentionItems([{ name: scores.client.name, summary, invitations }], timeZone);
  return (
    <div className="space-y-4">
      <SummaryBlock id="attention-heading" title="Needs attention">
        <AttentionList items={attention} />
      </SummaryBlock>
      {summary ? (
        <>
          <SummaryBlock id="moved-heading" title="What moved since last time">
            <MovedList moves={whatMoved(summary, timeZone)} empty={noMovementSentence(summary, timeZone)} />
          </SummaryBlock>
          <div className="grid gap-4 lg:grid-cols-2">
            <SummaryBlock id="latest-heading" title={`Latest scores, ${formatDate(summary.latest.completedAt, timeZone)}`}>
              <p className="mb-2 text-sm text-slate-600">
                Overall closeness <span className="font-semibold tabular-nums text-slate-900">{formatScore(summary.latest.overall)}</span> of 100.
              </p>
              <LatestScores dimensions={summary.dimensions} />
            </SummaryBlock>
            <SummaryBlock id="strengths-heading" title="Strengths and growth areas">
              <StrengthsAndGrowthAreas summary={summary} />
            </SummaryBlock>
          </div>
        </>
      ) : (
        <SummaryBlock id="latest-heading" title="Scores">
          <p className="text-sm text-slate-600">No assessment yet. Scores, what moved, strengths and growth areas appear here once {scores.client.name} completes one.</p>
        </SummaryBlock>
      )}
      <div className="flex flex-wrap items-start gap-3">
        {summaryText ? <CopySummary text={summaryText} /> : null}
        {summary ? (
          <Link href={reportHref} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
            Printable report
          </Link>
        ) : null}
      </div>
    </div>
  );
}
