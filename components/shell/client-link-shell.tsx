import type { Metadata } from "next";

/**
 * The pages a client reaches by a link (`/a/`, `/r/`, `/results/`): the URL is the credential, so
 * they are never indexed, never cached and never leak the link onwards in a Referer
 * (next.config.js sets the same as headers).
 */
export function clientLinkMetadata(title: string): Metadata {
  return {
    title: { absolute: title },
    robots: { index: false, follow: false, nocache: true, googleBot: { index: false, follow: false } },
    referrer: "no-referrer",
  };
}

/** The client's side: no app chrome, nothing about the practice until the link proves itself. */
export function ClientLinkShell({ children, wide = false }: { children: React.ReactNode; wide?: boolean }) {
  return (
    <div className="min-h-screen bg-slate-50">
      <main id="main" className={`mx-auto w-full ${wide ? "max-w-3xl" : "max-w-2xl"} px-4 py-6 sm:px-6 sm:py-12`}>
        {children}
      </main>
    </div>
  );
}
