/**
 * Next.js calls `register()` once when a server instance starts (Node.js and Edge runtimes alike).
 * On Node.js it starts the email dispatcher, which does nothing unless SMTP_URL is set and never
 * runs during `next build`. Imported inside the function so the Edge bundle leaves it out.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startEmailDispatcher } = await import("./lib/email/dispatcher");
    startEmailDispatcher();
  }
}
