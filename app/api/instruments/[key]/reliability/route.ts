import { log } from "@/config/log";
import { getActor } from "@/lib/auth/session";
import { httpStatusOf } from "@/lib/core/errors";
import { getInstallationReliability, getReliabilityReport } from "@/lib/measures/reliability";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * The practice's own reliability figures for an instrument (DESIGN.md §4, issue 28): JSON, signed
 * in, any member of the practice. `?scope=installation`: the figures pooled from consenting
 * practices (lib/measures/reliability.ts). No session is 401; an unknown instrument 404.
 */
export async function GET(request: Request, context: { params: Promise<{ key: string }> }): Promise<Response> {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "Sign in to read the practice's figures." }, { status: 401, headers: NO_STORE });
  const { key } = await context.params;
  const installation = new URL(request.url).searchParams.get("scope") === "installation";
  try {
    const report = installation ? await getInstallationReliability(actor, key) : await getReliabilityReport(actor, key);
    return Response.json(report, { headers: NO_STORE });
  } catch (error) {
    const status = httpStatusOf(error);
    if (status >= 500) log.error({ module: "measures", userId: actor.userId, err: error }, "reliability report failed");
    return Response.json({ error: status === 404 ? "No such instrument." : "The figures could not be computed." }, { status, headers: NO_STORE });
  }
}
