import type { Metadata } from "next";

// Like the questionnaire's links: never indexed, never cached, never leaking the link onwards.
export const metadata: Metadata = {
  title: { absolute: "Reminders" },
  robots: { index: false, follow: false, nocache: true, googleBot: { index: false, follow: false } },
  referrer: "no-referrer",
};

export default function ReminderLinkLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen bg-slate-50">
      <main id="main" className="mx-auto w-full max-w-2xl px-4 py-6 sm:px-6 sm:py-12">
        {children}
      </main>
    </div>
  );
}
