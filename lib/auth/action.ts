import "server-only";
import type { z } from "zod";
import type { ActionResult } from "@/lib/core/action-result";
import { runActorAction } from "./action-core";
import type { Actor } from "@/lib/core/actor-types";
import { markWrite } from "@/lib/core/read-db";
import { requireActor } from "./session";

/**
 * The one way to write a signed-in server action: authenticate, then lib/auth/action-core.ts —
 * validate the form with zod, run the handler with the actor, calm messages for domain errors,
 * and an audit row for every refusal (not found, forbidden). Redirects thrown by the handler propagate.
 */
export function actionWithActor<S extends z.ZodType, R extends object = object>(
  schema: S,
  handler: (input: z.output<S>, actor: Actor, formData: FormData) => Promise<ActionResult<R>>,
) {
  return async (_previous: unknown, formData: FormData): Promise<ActionResult<R>> => {
    const actor = await requireActor();
    try {
      return await runActorAction(actor, schema, handler, formData);
    } finally {
      // The handler may have written (even when it then failed): this person's next few reads come
      // from the primary, not a replica that may not have it yet.
      await markWrite();
    }
  };
}
