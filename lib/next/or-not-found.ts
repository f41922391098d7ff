import "server-only";
import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/core/errors";

/** For pages: a record that is missing or not the actor's renders the 404 page, never data. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
