import { getActor } from "@/lib/auth/session";
import { importTemplateCsv } from "@/lib/import/csv";

export const dynamic = "force-dynamic";

/** The import template: the header and one made-up example row; signed-in users only, like the page. */
export async function GET() {
  if (!(await getActor())) return Response.json({ error: "Sign in to download the template." }, { status: 401, headers: { "Cache-Control": "no-store" } });
  return new Response(importTemplateCsv(), {
    headers: {
      "Cache-Control": "no-store",
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="client-import-template.csv"',
    },
  });
}
