// Seeds the demo practice once. Idempotent: a second run finds the demo owner and changes nothing.
import { databaseDescription } from "@/db/client";
import { runScript } from "@/db/run-script";
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from "./seed-demo";

await runScript(async () => {
  const result = await seedDemo();
  console.log(
    result.created
      ? `Seeded the demo practice in ${databaseDescription()}.`
      : `Demo practice already present in ${databaseDescription()}; nothing changed.`,
  );
  console.log(`Demo sign-in: ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
  if (result.pendingLink) console.log(`A pending assessment link to try the client side: ${result.pendingLink}`);
});
