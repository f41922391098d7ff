"use server";

import { z } from "zod";
import { actionWithActor } from "@/lib/auth/action";
import { signOut } from "@/lib/auth/config";
import { signOutEverywhere } from "@/lib/auth/session-store";

/** Ends every session of the signed-in user, on every device, this one included. */
export const signOutEverywhereAction = actionWithActor(z.object({}), async (_input, actor) => {
  await signOutEverywhere(actor);
  // This device's cookie goes too; its session row is already ended.
  await signOut({ redirectTo: "/sign-in" });
  return { ok: true };
});
