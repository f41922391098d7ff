import { log } from "@/config/log";
import type { Actor } from "@/lib/core/actor-types";
import { getActor } from "@/lib/auth/session";
import { httpStatusOf } from "@/lib/core/errors";

const NO_STORE = { "Cache-Control": "no-store" };

/** What a client's download is: its body, type and file name, made by a `lib/` function that authorizes. */
export type ClientDownload = { body: string; contentType: string; filename: string };

/**
 * The GET handler of a download about one client (the scores CSV, the FHIR Bundle): one set of
 * rules for all of them. An API, so no session answers 401 JSON rather than a redirect to the
 * sign-in page; another practice's or clinician's client, or a malformed id, is 404 (the `lib/`
 * function throws NotFoundError); a failure is logged without the body.
 */
export function clientDownloadRoute(what: string, make: (actor: Actor, clientId: string) => Promise<ClientDownload>) {
  return async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
    const actor = await getActor();
    if (!actor) return Response.json({ error: "Sign in to download scores." }, { status: 401, headers: NO_STORE });
    const { id } = await params;
    try {
      const download = await make(actor, id);
      return new Response(download.body, {
        headers: {
          ...NO_STORE,
          "Content-Type": download.contentType,
          "Content-Disposition": `attachment; filename="${download.filename}"`,
        },
      });
    } catch (error) {
      const status = httpStatusOf(error);
      if (status >= 500) log.error({ module: "export", clientId: id, userId: actor.userId, err: error }, `client ${what} export failed`);
      return Response.json({ error: status === 404 ? "Not found." : "The export could not be made." }, { status, headers: NO_STORE });
    }
  };
}
