import { log } from "@/config/log";
import { pingDb } from "@/db/client";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await pingDb(5000);
    return Response.json({ status: "ok", db: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    log.error({ module: "health", err: error }, "database check failed");
    return Response.json({ status: "error", db: "unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
