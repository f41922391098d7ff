import type { Metadata } from "next";
import Link from "next/link";
import { attentionSummary, NeedsAttention } from "@/components/overview/needs-attention";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { getNeedsAttention } from "@/lib/overview/overview";
import { OpenAlerts } from "../../open-alerts";

export const metadata: Metadata = { title: "Needs attention" };

/** Everything the overview's "Needs attention" lists the first few of. */
export default async function NeedsAttentionPage() {
  const actor = await requireActor();
  const attention = await getNeedsAttention(actor);
  return (
    <>
      <OpenAlerts actor={actor} />
      <PageHeader
        title="Needs attention"
        description={attentionSummary(attention)}
        actions={
          <Link href="/overview" className="text-sm font-medium text-brand-700 hover:underline">
            Back to the overview
          </Link>
        }
      />
      <NeedsAttention attention={attention} />
    </>
  );
}
