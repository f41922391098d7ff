import { OffCourse, OffCourseOnAttention } from "@/components/overview/off-course";
import type { Actor } from "@/lib/core/actor-types";
import { findOffCourseClients, loadPracticeCourse, overviewMayListOffCourse } from "@/lib/measures/course";
import { measuredInstrument } from "@/lib/measures/reliability";

/** How many off-course clients the overview names before linking to the rest. */
const SHOWN_ON_OVERVIEW = 5;

/**
 * The overview's "Off the usual course": the first few clients, streamed in after the rest of the
 * page (it waits on nothing else). The practice's figures are stored (decision 0042), but judging
 * each active client's latest reads their assessments: a large practice's overview links to Needs
 * attention for the list instead, so the overview stays flat. Nothing below the threshold, or while
 * a large practice's first figures are being calculated, as on Needs attention.
 */
export async function OffCoursePart({ actor }: { actor: Actor }) {
  const instrument = measuredInstrument("closeness");
  const course = await loadPracticeCourse(actor.practiceId, instrument.key, instrument.version);
  if (!overviewMayListOffCourse(course)) return <OffCourseOnAttention course={course} />;
  const { clients } = await findOffCourseClients(actor);
  return <OffCourse course={course} clients={clients} shown={SHOWN_ON_OVERVIEW} timeZone={actor.practiceTimeZone} />;
}
