import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/*
 * The lowest version of each runtime dependency we accept, with the advisory that sets it. The
 * test reads what is INSTALLED (node_modules/<name>/package.json), not what package.json asks
 * for, so a lockfile or a manual install that slips below a floor fails here.
 *
 * `npm audit` cannot reach its advisory service from our machines, so this table is kept by
 * hand (see docs/decisions/0013-dependency-floors.md): when an advisory appears, raise the floor
 * and the dependency together. Where no advisory is known the floor is the version last
 * reviewed: going below it means reviewing again.
 *
 * Reviewed 2026-11-26 against GitHub security advisories and the projects' trackers.
 */
type Floor = { name: string; at?: string; minimum: string; why: string };

const FLOORS: Floor[] = [
  {
    name: "next",
    minimum: "16.3.3",
    why: "GHSA-2xp9-vwfh-vxw4 (RCE in image optimisation via AVIF) and GHSA-p293-qw3h-jr36 / CVE-2026-75604 (RCE on Windows hosts), fixed in 16.3.3; earlier: the July 2026 release (CVE-2026-64641 server-action DoS and others, 16.2.11), the May 2026 release (proxy bypasses GHSA-267c-6grr-h53f, GHSA-492v-c6pp-mqqv; SSRF GHSA-c4j6-fc7j-m34r; 16.2.6), CVE-2026-27978 (server-action CSRF with Origin: null, 16.1.7), CVE-2025-55182 and CVE-2025-29927",
  },
  {
    name: "react",
    minimum: "19.2.8",
    why: "GHSA-wx67-qw84-cm4g / CVE-2026-44907 (Server Functions DoS), fixed in 19.2.8; earlier CVE-2026-23870 (19.2.6), CVE-2026-23864 (19.2.4), CVE-2025-55182 (19.2.1). The RSC runtime ships inside next; react and react-dom move with it",
  },
  { name: "react-dom", minimum: "19.2.8", why: "released with react: same advisories (GHSA-wx67-qw84-cm4g)" },
  {
    name: "next-auth",
    minimum: "5.0.0-beta.32",
    why: "GHSA-7rqj-j65f-68wh (homoglyph @ in email normaliser), GHSA-8fpg-xm3f-6cx3 (auth checks fail open on configuration errors), GHSA-xmf8-cvqr-rfgj (getToken crash on malformed Bearer), GHSA-x445-f3h2-j279 (OAuth check cookies not bound to provider); earlier GHSA-5jpx-9hw9-2fx4 (beta.30)",
  },
  {
    name: "@auth/core",
    at: "node_modules/next-auth/node_modules/@auth/core",
    minimum: "0.41.3",
    why: "next-auth's core, installed under it: GHSA-7rqj-j65f-68wh, GHSA-xmf8-cvqr-rfgj, GHSA-x445-f3h2-j279",
  },
  { name: "jose", minimum: "6.0.6", why: "@auth/core signs and encrypts the session cookie with it; GHSA-hhhv-q57g-882q (JWE decompression exhaustion) fixed in 4.15.5; floor is @auth/core's own range" },
  { name: "drizzle-orm", minimum: "0.45.2", why: "GHSA-gpj5-g38j-94v9 / CVE-2026-39356 (SQL injection through unescaped identifiers)" },
  { name: "pg", minimum: "8.23.1", why: "no advisory for 8.x (the 2017 code-execution advisory was fixed in 7.0.2); floor is the version reviewed" },
  {
    name: "nodemailer",
    minimum: "9.1.0",
    why: "GHSA-2x7j-588g-ccc2 (quadratic address parser DoS, < 9.1.0), GHSA-p6gq-j5cr-w38f (raw option bypasses file/URL access, <= 9.0.0), GHSA-268h-hp4c-crq3 (CRLF in List-* headers), CVE-2025-14874 (address parser recursion)",
  },
  { name: "zod", minimum: "4.6.7", why: "GHSA-m95q-7qp3-xv42 (email regex ReDoS) fixed in 3.22.3; none known for 4.x; floor is the version reviewed" },
  { name: "recharts", minimum: "3.11.0", why: "none known for 3.x (3.x dropped lodash and its prototype-pollution advisories); floor is the version reviewed" },
  { name: "argon2", minimum: "0.45.1", why: "none known; floor is the version reviewed" },
  { name: "csv-stringify", minimum: "6.9.0", why: "none known; floor is the version reviewed" },
  { name: "@electric-sql/pglite", minimum: "0.5.16", why: "none known; floor is the version reviewed" },
  { name: "proper-lockfile", minimum: "4.1.2", why: "none known; floor is the version reviewed" },
  {
    name: "@tanstack/react-table",
    minimum: "9.3.1",
    why: "none known; not among the packages compromised in the May 2026 TanStack publish incident (GHSA-g7cv-rxg3-hmpx, router family); floor is the version reviewed",
  },
  { name: "pino", minimum: "10.4.0", why: "none found; floor is the version reviewed" },
  { name: "prom-client", minimum: "15.1.3", why: "none found (reviewed 2026-12-07); the /api/metrics text format; floor is the version reviewed" },
  { name: "pg-boss", minimum: "10.4.2", why: "none found; the newest line that declares Node 20 (11+ needs Node 22); floor is the version reviewed" },
  { name: "date-fns", minimum: "4.4.0", why: "none found; floor is the version reviewed" },
  { name: "@date-fns/tz", minimum: "1.5.0", why: "none found; floor is the version reviewed" },
  { name: "otpauth", minimum: "9.5.2", why: "none found; verifies two-step sign-in codes; floor is the version reviewed" },
  { name: "qrcode", minimum: "1.5.4", why: "none found; renders only links we made, on the server; floor is the version reviewed" },
  { name: "@zxcvbn-ts/core", minimum: "4.2.0", why: "none found; floor is the version reviewed" },
  { name: "@zxcvbn-ts/language-common", minimum: "4.1.3", why: "dictionaries only; none found; floor is the version reviewed" },
  { name: "@zxcvbn-ts/language-en", minimum: "4.1.1", why: "dictionaries only; none found; floor is the version reviewed" },
  {
    name: "next-intl",
    minimum: "4.9.2",
    why: "GHSA-8f24-v5vv-gm5j / CVE-2026-40299 (open redirect in its middleware with localePrefix as-needed), fixed in 4.9.1; 4.9.2 also carries a prototype-pollution fix. We use no next-intl middleware or routing (messages only, decision 0041); installed 4.15.0 reviewed 2026-12-07",
  },
  { name: "server-only", minimum: "0.0.1", why: "no code beyond a build-time guard; none known" },
  { name: "csv-parse", minimum: "7.0.3", why: "none known; reads uploaded client lists (parse errors are caught and shown); floor is the version reviewed" },
  { name: "fflate", minimum: "0.8.3", why: "none known; writes the practice export zip (never reads untrusted archives in production); floor is the version reviewed" },
];

type Version = { release: number[]; pre: (number | string)[] };

function parse(version: string): Version {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/.exec(version);
  if (!match) throw new Error(`not a version: ${version}`);
  const pre = match[4] ? match[4].split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part)) : [];
  return { release: [Number(match[1]), Number(match[2]), Number(match[3])], pre };
}

/** Semantic-version order, pre-releases included (5.0.0-beta.9 < 5.0.0-beta.32 < 5.0.0). */
function compareVersions(a: string, b: string): number {
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if (x.release[i] !== y.release[i]) return x.release[i]! - y.release[i]!;
  if (x.pre.length === 0 || y.pre.length === 0) return y.pre.length - x.pre.length;
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const [p, q] = [x.pre[i], y.pre[i]];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    if (typeof p === "number" && typeof q === "number") return p - q;
    if (typeof p === "number") return -1;
    if (typeof q === "number") return 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

const root = path.resolve(import.meta.dirname, "..");

function installedVersion(floor: Floor): string {
  const dir = path.join(root, floor.at ?? path.join("node_modules", floor.name));
  return (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
}

describe("version order", () => {
  it.each([
    ["16.3.3", "16.3.2", 1],
    ["16.10.0", "16.9.9", 1],
    ["5.0.0-beta.32", "5.0.0-beta.31", 1],
    ["5.0.0-beta.32", "5.0.0-beta.9", 1],
    ["5.0.0", "5.0.0-beta.32", 1],
    ["0.41.3", "0.41.3", 0],
    ["1.0.0-alpha", "1.0.0-alpha.1", -1],
    ["1.0.0-alpha.beta", "1.0.0-beta", -1],
  ])("%s against %s", (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
    expect(Math.sign(compareVersions(b, a))).toBe(sign === 0 ? 0 : -sign);
  });
});

describe("installed runtime dependencies", () => {
  it("have a floor for every dependency in package.json", () => {
    const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    const covered = new Set(FLOORS.map((floor) => floor.name));
    const missing = Object.keys(manifest.dependencies).filter((name) => !covered.has(name));
    expect(missing, "look up advisories for these and add them to FLOORS").toEqual([]);
  });

  it.each(FLOORS.map((floor) => [floor.name, floor] as const))("%s is at or above its floor", (_name, floor) => {
    const installed = installedVersion(floor);
    expect(compareVersions(installed, floor.minimum), `${floor.name} ${installed} is below ${floor.minimum}: ${floor.why}`).toBeGreaterThanOrEqual(0);
  });
});
