import { buttonClass } from "@/components/ui/button";

/**
 * Downloads the client's scores as CSV (GET /api/clients/<id>/scores.csv). A plain link, not
 * next/link: the target is a file, which must never be prefetched, and it works without JavaScript.
 */
export function DownloadScoresLink({ clientId, className = "" }: { clientId: string; className?: string }) {
  return (
    <a href={`/api/clients/${encodeURIComponent(clientId)}/scores.csv`} download className={buttonClass("secondary", className)}>
      Download scores (CSV)
    </a>
  );
}
