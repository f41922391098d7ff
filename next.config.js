import createNextIntlPlugin from "next-intl/plugin";

// next-intl without i18n routing: the locale comes from the client's record (lib/next/i18n-request.ts).
const withNextIntl = createNextIntlPlugin("./lib/next/i18n-request.ts");

const CLIENT_LINK_HEADERS = [
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "Cache-Control", value: "no-store" },
  { key: "X-Robots-Tag", value: "noindex, nofollow, noarchive" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads wasm and data files relative to its own module: bundling it breaks every
  // request at run time (see ../shared/STACK-NOTES.md). argon2 is a native addon.
  // pg-boss loads its SQL plans and pg at run time; bundling gains nothing.
  serverExternalPackages: ["@electric-sql/pglite", "argon2", "proper-lockfile", "pg-boss"],
  poweredByHeader: false,
  experimental: {
    // The client import posts a CSV of up to 5 MB (lib/import/csv.ts) and its sealed preview back.
    // proxy.ts keeps every other path at the 1 MB default, refusing larger posts before they are read.
    serverActions: { bodySizeLimit: "6mb" },
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
          // Browsers heed it only over HTTPS, so local http:// use is unaffected. The
          // Content-Security-Policy is per response (it carries a nonce): proxy.ts sets it.
          { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
        ],
      },
      // The pages a client reaches by a link — the questionnaire, a reminder's stop link, their
      // results: the URL is the credential, so it must not travel on in a Referer, sit in a shared
      // cache or be indexed. Listed last so they override the above.
      ...["/a/:path*", "/r/:path*", "/results/:path*"].map((source) => ({ source, headers: CLIENT_LINK_HEADERS })),
    ];
  },
};

export default withNextIntl(nextConfig);
