import { log } from "@/config/log";
import { getActor } from "@/lib/auth/session";
import { httpStatusOf } from "@/lib/errors";
import { clientScoresCsv, clientScoresFilename } from "@/lib/exports";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * The client scores CSV (DESIGN.md §4). An API, so no session answers 401 JSON rather than a
 * redirect to the sign-in page; another practice's or clinician's client, or a malformed id, is 404.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "Sign in to download scores." }, { status: 401, headers: NO_STORE });
  const { id } = await params;
  try {
    const csv = await clientScoresCsv(actor, id);
    return new Response(csv, {
      headers: {
        ...NO_STORE,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${clientScoresFilename(actor)}"`,
      },
    });
  } catch (error) {
    const status = httpStatusOf(error);
    if (status >= 500) log.error({ module: "export", clientId: id, userId: actor.userId, err: error }, "client scores export failed");
    return Response.json({ error: status === 404 ? "Not found." : "The export could not be made." }, { status, headers: NO_STORE });
  }
}
