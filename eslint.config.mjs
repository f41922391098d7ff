import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * lib/'s folders from the floor up (docs/decisions/0027-a-floor-under-lib.md). A folder imports only
 * the folders before it, so lib/ cannot grow a circle of folders, and `core` (the floor) imports no
 * feature. A new folder is added here where it belongs; test/import-rules.test.ts fails until it is.
 */
export const LIB_FOLDERS = [
  "core",
  "i18n",
  "instruments",
  "reliable-change",
  "http",
  "email",
  "scores",
  "fhir",
  "overview",
  "measures",
  "alerts",
  "couples",
  "assessments",
  "invitations",
  "plans",
  "feedback",
  "auth",
  "clients",
  "export",
  "import",
  "practices",
  "team",
  "pre-session",
  "next",
  "jobs",
  "operations",
];

/** The layers, top down: each may import the ones after it, never one before. */
const LAYERS = ["app", "components", "lib", "db", "config"];

const layerZones = LAYERS.slice(1).map((target, index) => ({
  target: `./${target}`,
  from: LAYERS.slice(0, index + 1).map((layer) => `./${layer}`),
  message: `Layers point down (${LAYERS.join(" → ")}): ${target}/ never imports a layer above it.`,
}));

const libZones = LIB_FOLDERS.map((folder, index) => ({
  target: `./lib/${folder}`,
  from: "./lib",
  except: LIB_FOLDERS.slice(0, index + 1).map((below) => `./${below}`),
  message:
    index === 0
      ? "lib/core is the floor: it imports no feature folder."
      : `lib/${folder}/ imports only the folders below it in LIB_FOLDERS (eslint.config.mjs), never one above: that is how circles start.`,
}));

const config = [
  ...nextVitals,
  ...nextTs,
  {
    // Leaving a property out by destructuring it beside a rest (`{ internal, ...shown }`) is a use.
    rules: { "@typescript-eslint/no-unused-vars": ["warn", { ignoreRestSiblings: true }] },
  },
  {
    // The shape of the code: no circle of files (dynamic `import()` included), no import up the
    // layers, lib/'s folders in their order. Tests may reach across to set up a case; nothing imports them.
    files: ["**/*.{ts,tsx,mts,js,mjs}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    settings: { "import/ignore": ["node_modules"] },
    rules: {
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "import/no-restricted-paths": ["error", { zones: [...layerZones, ...libZones] }],
    },
  },
  {
    // Playwright fixtures take a `use` callback that is not React's `use`.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    ignores: [".next/**", "node_modules/**", "db/migrations/**", "next-env.d.ts", "test-results/**", "playwright-report/**"],
  },
];

export default config;
