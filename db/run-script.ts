import { closeDb, EmbeddedDatabaseInUseError } from "./client";

/** Runs a database script, closing the database after; a known failure prints one clear line. */
export async function runScript(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof EmbeddedDatabaseInUseError) {
      console.error(`\n${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    await closeDb().catch(() => {});
  }
}
