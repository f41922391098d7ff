import { getActor } from "@/lib/auth/session";
import { clientScoresCsv, instrumentScoresFilename, parseScoresInstrument } from "@/lib/export/scores-csv";
import { clientDownloadRoute } from "@/lib/next/client-export-route";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * The client scores CSV (DESIGN.md §4; columns in lib/export/scores-csv.ts). No `instrument` parameter (or
 * `closeness`): the Closeness Inventory's stable contract. `?instrument=phq9` etc.: that
 * instrument's columns. An unknown key is 400 with a plain message, after the session check.
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const instrument = parseScoresInstrument(new URL(request.url).searchParams.get("instrument"));
  if (!instrument.ok) {
    if (!(await getActor())) return Response.json({ error: "Sign in to download scores." }, { status: 401, headers: NO_STORE });
    return Response.json({ error: instrument.message }, { status: 400, headers: NO_STORE });
  }
  return clientDownloadRoute("scores", async (actor, id) => ({
    body: await clientScoresCsv(actor, id, instrument.key),
    contentType: "text/csv; charset=utf-8",
    filename: instrumentScoresFilename(actor, instrument.key),
  }))(request, context);
}
