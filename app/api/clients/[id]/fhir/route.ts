import { clientScoresFilename } from "@/lib/export/scores-csv";
import { clientFhirBundle } from "@/lib/fhir/client-bundle";
import { clientDownloadRoute } from "@/lib/next/client-export-route";

export const dynamic = "force-dynamic";

/** A client as a FHIR R4 Bundle: the same rules as the scores CSV beside it. */
export const GET = clientDownloadRoute("FHIR", async (actor, id) => ({
  body: JSON.stringify(await clientFhirBundle(actor, id), null, 2),
  contentType: "application/fhir+json; charset=utf-8",
  filename: clientScoresFilename(actor).replace(/\.csv$/, ".fhir.json"),
}));
