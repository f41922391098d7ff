import { log } from "@/config/log";
import { getActor } from "@/lib/auth/session";
import { httpStatusOf } from "@/lib/core/errors";
import { practiceExportFilename, practiceExportStream } from "@/lib/export/practice-export";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * The practice export, a zip streamed as it is made (lib/export/practice-export.ts). Owners only:
 * no session is 401 JSON, a clinician 404, as the owner's settings pages are.
 */
export async function GET() {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "Sign in to export the practice." }, { status: 401, headers: NO_STORE });
  try {
    const stream = await practiceExportStream(actor);
    return new Response(stream, {
      headers: {
        ...NO_STORE,
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${practiceExportFilename(actor)}"`,
      },
    });
  } catch (error) {
    const status = httpStatusOf(error);
    if (status >= 500) log.error({ module: "export", userId: actor.userId, err: error }, "practice export failed");
    return Response.json({ error: status === 404 ? "Not found." : "The export could not be made." }, { status, headers: NO_STORE });
  }
}
