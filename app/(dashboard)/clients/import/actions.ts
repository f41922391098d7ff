"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionWithActor } from "@/lib/auth/action";
import { importClients, previewImport, type ImportPreview, type ImportResult } from "@/lib/import/import";

const CHOOSE_FILE = "Choose a CSV file to upload.";

export const previewImportAction = actionWithActor(
  z.object({ file: z.instanceof(File, { error: CHOOSE_FILE }).refine((file) => file.size > 0 || file.name !== "", { error: CHOOSE_FILE }) }),
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
