"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionWithActor } from "@/lib/auth/action";
import { importClients, previewImport, type ImportPreview, type ImportResult } from "@/lib/import/import";

const CHOOSE_FILE = "Choose a CSV file to upload.";

/** The upload; a plain text field (a post made without a file picker) is read as the file's text. */
const fileSchema = z.union(
  [
    z.instanceof(File).refine((file) => file.size > 0 || file.name !== "", { error: CHOOSE_FILE }),
    z
      .string()
      .min(1, { error: CHOOSE_FILE })
      .transform((text) => new File([text], "clients.csv", { type: "text/csv" })),
  ],
  { error: CHOOSE_FILE },
);

export const previewImportAction = actionWithActor(
  z.object({ file: fileSchema }),
  async ({ file }, actor): Promise<{ ok: true; preview: ImportPreview }> => ({ ok: true, preview: await previewImport(actor, file) }),
);

export const importClientsAction = actionWithActor(
  z.object({ sealed: z.string({ error: "Upload the file again." }).min(1, { error: "Upload the file again." }) }),
  async ({ sealed }, actor): Promise<{ ok: true; message: string; result: ImportResult }> => {
    const result = await importClients(actor, sealed);
    revalidatePath("/clients");
    const couples = result.couples ? `, ${result.couples} ${result.couples === 1 ? "couple" : "couples"} linked` : "";
    return { ok: true, message: `Imported ${result.new.toLocaleString("en")} ${result.new === 1 ? "client" : "clients"}${couples}.`, result };
  },
);
