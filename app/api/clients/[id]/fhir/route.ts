import { log } from "@/config/log";
import { getActor } from "@/lib/auth/session";
import { httpStatusOf } from "@/lib/errors";
import { clientScoresFilename } from "@/lib/exports";
import { clientFhirBundle } from "@/lib/fhir/client-bundle";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * A client as a FHIR R4 Bundle: the same rules as the scores CSV beside it. No session is 401
 * JSON; another practice's or clinician's client, or a malformed id, is 404.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "Sign in to download scores." }, { status: 401, headers: NO_STORE });
  const { id } = await params;
  try {
    const bundle = await clientFhirBundle(actor, id);
    return new Response(JSON.stringify(bundle, null, 2), {
      headers: {
        ...NO_STORE,
        "Content-Type": "application/fhir+json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${clientScoresFilename(actor).replace(/\.csv$/, ".fhir.json")}"`,
      },
    });
  } catch (error) {
    const status = httpStatusOf(error);
    if (status >= 500) log.error({ module: "export", clientId: id, userId: actor.userId, err: error }, "client FHIR export failed");
    return Response.json({ error: status === 404 ? "Not found." : "The export could not be made." }, { status, headers: NO_STORE });
  }
}
