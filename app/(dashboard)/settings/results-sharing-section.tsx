import { ResultsSharingDefault } from "@/components/settings/results-sharing-default";
import type { Actor } from "@/lib/core/actor-types";
import { getShareResultsByDefault } from "@/lib/feedback/sharing";
import { setShareResultsByDefaultAction } from "./sharing-actions";

/** The settings page's part for sharing results with clients, wired here so the page changes by one line. */
export async function ResultsSharingSection({ actor }: { actor: Actor }) {
  return <ResultsSharingDefault shareByDefault={await getShareResultsByDefault(actor)} action={setShareResultsByDefaultAction} />;
}
