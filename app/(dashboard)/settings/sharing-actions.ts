"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionWithActor } from "@/lib/auth/action";
import { setShareResultsByDefault } from "@/lib/feedback/sharing";

const schema = z.object({ shareByDefault: z.enum(["on", "off"], { error: "Choose on or off." }) });

/** The practice's default for sharing results with clients (owner only; lib checks). */
export const setShareResultsByDefaultAction = actionWithActor(schema, async ({ shareByDefault }, actor) => {
  await setShareResultsByDefault(actor, shareByDefault === "on");
  revalidatePath("/settings");
  return {
    ok: true,
    message:
      shareByDefault === "on"
        ? "Clients now see their own results unless their clinician switches sharing off for them."
        : "Clients see their results only where their clinician has switched sharing on.",
  };
});
