import { OffCourse } from "@/components/overview/off-course";
import type { Actor } from "@/lib/core/actor-types";
import { findOffCourseClients } from "@/lib/measures/course";

/** How many off-course clients the overview names before linking to the rest. */
const SHOWN_ON_OVERVIEW = 5;

/**
 * The overview's "Off the usual course": the first few clients, streamed in after the rest of the
 * page (it waits on nothing else): the practice's figures are stored (decision 0042), but judging
 * each active client's latest still reads their assessments. Nothing below the threshold, or while
 * a large practice's first figures are being calculated, as on Needs attention.
 */
export async function OffCoursePart({ actor }: { actor: Actor }) {
  const { course, clients } = await findOffCourseClients(actor);
  return <OffCourse course={course} clients={clients} shown={SHOWN_ON_OVERVIEW} timeZone={actor.practiceTimeZone} />;
}
