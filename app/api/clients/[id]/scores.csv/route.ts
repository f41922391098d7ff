import { clientScoresCsv, clientScoresFilename } from "@/lib/exports";
import { clientDownloadRoute } from "@/lib/next/client-export-route";

export const dynamic = "force-dynamic";

/** The client scores CSV (DESIGN.md §4). */
export const GET = clientDownloadRoute("scores", async (actor, id) => ({
  body: await clientScoresCsv(actor, id),
  contentType: "text/csv; charset=utf-8",
  filename: clientScoresFilename(actor),
}));
