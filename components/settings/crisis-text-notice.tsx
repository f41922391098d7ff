import Link from "next/link";
import { EXAMPLE_CRISIS_TEXT } from "@/lib/alerts/crisis";

/**
 * Told to the owner until the practice writes its own crisis information: clients who give a
 * critical answer see only the safe default, which cannot name a local number. On the overview it
 * links to the setting; in Settings it stands above the field.
 */
export function CrisisTextNotice({ linkToSettings }: { linkToSettings: boolean }) {
  return (
    <section aria-labelledby="crisis-notice-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
      <h2 id="crisis-notice-heading" className="font-semibold">
        Your practice has not written its own crisis information yet
      </h2>
      <p className="mt-1">
        A client whose answers suggest thoughts of self-harm is shown where to get help now. Until you write your own text, they see a
        general one that names no phone number, because it cannot know your country or your local services. Name your emergency number,
        a crisis line and how to reach the practice between sessions.
      </p>
      <details className="mt-2">
        <summary className="cursor-pointer font-medium">An example, for a practice in {EXAMPLE_CRISIS_TEXT.country}</summary>
        <div className="mt-2 rounded-md border border-amber-200 bg-white p-3 whitespace-pre-line text-slate-800">{EXAMPLE_CRISIS_TEXT.text}</div>
        <p className="mt-1 text-amber-900">Check every number for your own area before you use it; the last one is made up.</p>
      </details>
      {linkToSettings ? (
        <p className="mt-2">
          <Link href="/settings#crisisText" className="font-medium underline underline-offset-2">
            Write your crisis information in Settings
          </Link>
        </p>
      ) : null}
    </section>
  );
}
