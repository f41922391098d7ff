import { checkReadiness } from "@/lib/operations/readiness";

export const dynamic = "force-dynamic";

/** Readiness for a load balancer: 200 when this instance may take traffic, 503 naming what is not ready. */
export async function GET() {
  const readiness = await checkReadiness();
  const { ready, ...checks } = readiness;
  return Response.json({ status: ready ? "ready" : "not ready", ...checks }, { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
