import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { connection } from "next/server";
import { getLocale } from "next-intl/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Attune", template: "%s · Attune" },
  description: "A practice dashboard for couples and relationship therapists.",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1f6f68" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: its scripts must carry this response's CSP nonce (proxy.ts),
  // which a page rendered at build time could not know.
  await connection();
  // The id the server logs this request under (lib/operations/request-observer.ts); the error pages show it.
  const requestId = (await headers()).get("x-request-id");
  // A client's pages are in the client's language (lib/next/i18n-request.ts); the rest in English.
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <head>{requestId ? <meta name="attune-request-id" content={requestId} /> : null}</head>
      <body className="min-h-screen font-sans">
        {children}
      </body>
    </html>
  );
}
