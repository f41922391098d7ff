import { getActor } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/core/errors";
import { getCodeSystem } from "@/lib/fhir/client-bundle";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };
const FHIR_JSON = { ...NO_STORE, "Content-Type": "application/fhir+json; charset=utf-8" };

const outcome = (code: string, diagnostics: string) => ({ resourceType: "OperationOutcome", issue: [{ severity: "error", code, diagnostics }] });

/** One of the project's code systems at its canonical URL (`phq9-1-scale`, `closeness-dimension`). Signed-in users, like the Questionnaires. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!(await getActor())) return new Response(JSON.stringify(outcome("login", "Sign in to read code systems.")), { status: 401, headers: FHIR_JSON });
  const { id } = await params;
  try {
    return new Response(JSON.stringify(getCodeSystem(id), null, 2), { headers: FHIR_JSON });
  } catch (error) {
    if (error instanceof NotFoundError) return new Response(JSON.stringify(outcome("not-found", "No such code system.")), { status: 404, headers: FHIR_JSON });
    throw error;
  }
}
