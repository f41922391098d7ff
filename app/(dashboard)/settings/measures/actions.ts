"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionWithActor } from "@/lib/auth/action";
import { MEASURED_INSTRUMENTS, adoptEstimatedFigures, revertToInstrumentFigures, setStatisticsSharing } from "@/lib/measures/reliability";

const instrumentSchema = z.object({ instrument: z.enum(MEASURED_INSTRUMENTS, { error: "Choose an instrument." }) });

/** The owner adopts the practice's estimated SD and r for an instrument's reliable change (lib checks the role; audited). */
export const adoptEstimatesAction = actionWithActor(instrumentSchema, async ({ instrument }, actor) => {
  await adoptEstimatedFigures(actor, instrument);
  revalidatePath("/settings/measures");
  return { ok: true, message: "Adopted. Reliable change is now judged with this practice's own figures." };
});

/** Back to the instrument's own (published or provisional) figures (owner; audited). */
export const revertEstimatesAction = actionWithActor(instrumentSchema, async ({ instrument }, actor) => {
  await revertToInstrumentFigures(actor, instrument);
  revalidatePath("/settings/measures");
  return { ok: true, message: "Back to the instrument's own figures." };
});

const contributeSchema = z.object({ contribute: z.enum(["on", "off"], { error: "Choose on or off." }) });

/** The owner's consent to contribute sufficient statistics (never rows) to the installation's figures (audited). */
export const setContributionAction = actionWithActor(contributeSchema, async ({ contribute }, actor) => {
  await setStatisticsSharing(actor, contribute === "on");
  revalidatePath("/settings/measures");
  return {
    ok: true,
    message: contribute === "on" ? "This practice now contributes its sums to the installation's figures." : "This practice no longer contributes.",
  };
});
