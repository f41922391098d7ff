import type { Metadata } from "next";
import Link from "next/link";
import { attentionSummary, NeedsAttention } from "@/components/overview/needs-attention";
import { OffCourse } from "@/components/overview/off-course";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { findOffCourseClients } from "@/lib/measures/course";
import { getNeedsAttention } from "@/lib/overview/overview";
import { OpenAlerts } from "../../open-alerts";

export const metadata: Metadata = { title: "Needs attention" };

/** Everything the overview's "Needs attention" lists the first few of. */
export default async function NeedsAttentionPage() {
  const actor = await requireActor();
  // The usual course is read from the practice's stored figures (lib/measures/course.ts, decision 0042).
  const [attention, offCourse] = await Promise.all([getNeedsAttention(actor), findOffCourseClients(actor)]);
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
      <div className="mt-8">
        <OffCourse course={offCourse.course} clients={offCourse.clients} timeZone={actor.practiceTimeZone} />
      </div>
    </>
  );
}
