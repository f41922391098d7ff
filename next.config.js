/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads wasm and data files relative to its own module: bundling it breaks every
  // request at run time (see ../shared/STACK-NOTES.md). argon2 is a native addon.
  serverExternalPackages: ["@electric-sql/pglite", "argon2", "proper-lockfile"],
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
