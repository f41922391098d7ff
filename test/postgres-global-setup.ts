import type { TestProject } from "vitest/node";
import { createThrowawayDatabase } from "../db/throwaway-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** Creates a throwaway database on TEST_DATABASE_URL's server for this run, and drops it after. */
export default async function setup(project: TestProject) {
  const database = await createThrowawayDatabase(process.env.TEST_DATABASE_URL!, "attune_vitest");
  project.provide("databaseUrl", database.url);
  return database.drop;
}
