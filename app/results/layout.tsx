import type { Metadata } from "next";

// Never indexed, never cached, never leaking the link onwards (next.config.js sets the same as headers).
export const metadata: Metadata = {
  title: { absolute: "Your results" },
  robots: { index: false, follow: false, nocache: true, googleBot: { index: false, follow: false } },
  referrer: "no-referrer",
};

/** A client's own results: no app chrome, nothing about the practice until the link proves itself. */
export default function ResultsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen bg-slate-50">
      <main id="main" className="mx-auto w-full max-w-3xl px-4 py-6 sm:px-6 sm:py-12">
        {children}
      </main>
    </div>
  );
}
