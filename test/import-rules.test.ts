import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";

/*
 * The lint rules that keep the shape of the code (eslint.config.mjs; docs/decisions/0027-a-floor-under-lib.md),
 * each shown failing on a deliberate violation and passing on an import that keeps the shape.
 * `npm run lint` runs the same rules over the whole tree.
 */

const root = path.resolve(import.meta.dirname, "..");
const eslint = new ESLint({ cwd: root });
// no-cycle follows imports from the file on disk: a snippet that exists nowhere has none to follow
// (the rule stops with a TypeError). The circle tests below write real files instead.
const snippets = new ESLint({ cwd: root, overrideConfig: { rules: { "import/no-cycle": "off" } } });

/** The rule ids and messages of what ESLint says about `code` as if it were the file at `filePath`. */
async function problemsOf(code: string, filePath: string): Promise<{ ruleId: string | null; message: string }[]> {
  const [result] = await snippets.lintText(code, { filePath: path.join(root, filePath) });
  return result!.messages.map(({ ruleId, message }) => ({ ruleId, message }));
}

describe("lib/'s floor and the order of its folders", () => {
  it("refuses a floor file importing a feature folder, by alias or by relative path", async () => {
    for (const code of [
      'import { createClient } from "@/lib/clients/clients";\nexport const f = createClient;\n',
      'import { createClient } from "../clients/clients";\nexport const f = createClient;\n',
    ]) {
      expect(await problemsOf(code, "lib/core/fixture.ts")).toEqual([
        { ruleId: "import/no-restricted-paths", message: expect.stringContaining("lib/core is the floor") },
      ]);
    }
  });

  it("refuses a feature importing a folder above it", async () => {
    // alerts sits below practices: practices imports alerts (the crisis text), never the reverse.
    const code = 'import { getPracticeSettings } from "@/lib/practices/practices";\nexport const f = getPracticeSettings;\n';
    expect(await problemsOf(code, "lib/alerts/fixture.ts")).toEqual([
      { ruleId: "import/no-restricted-paths", message: expect.stringContaining("lib/alerts/ imports only the folders below it") },
    ]);
  });

  it("lets a feature import the floor and the features below it", async () => {
    const code = [
      'import { clock } from "@/lib/core/clock";',
      'import { invitationEmail } from "@/lib/email/templates";',
      'import { closenessV1 } from "@/lib/instruments";',
      "export const f = [clock, invitationEmail, closenessV1];",
      "",
    ].join("\n");
    expect(await problemsOf(code, "lib/alerts/fixture.ts")).toEqual([]);
  });

  it("places every folder of lib/ in the order", async () => {
    const config = await eslint.calculateConfigForFile(path.join(root, "lib/core/fixture.ts"));
    const [, { zones }] = config.rules["import/no-restricted-paths"] as [unknown, { zones: { target: string }[] }];
    const ordered = zones.map((zone) => zone.target).filter((target) => target.startsWith("./lib/")).map((target) => target.slice("./lib/".length));
    const folders = readdirSync(path.join(root, "lib"), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(folders.map((entry) => entry.name).sort()).toEqual(ordered.sort());
    // And no loose file at lib/'s root: each belongs to a folder.
    expect(readdirSync(path.join(root, "lib"), { withFileTypes: true }).filter((entry) => entry.isFile())).toEqual([]);
  });
});

describe("layers point down (app → components → lib → db → config)", () => {
  it.each([
    ["lib/clients/fixture.ts", "@/components/ui/button", "lib/ never imports a layer above it"],
    ["components/ui/fixture.tsx", "@/app/(auth)/actions", "components/ never imports a layer above it"],
    ["db/fixture.ts", "@/lib/core/clock", "db/ never imports a layer above it"],
    ["config/fixture.ts", "@/db/schema", "config/ never imports a layer above it"],
  ])("refuses %s importing %s", async (filePath, specifier, message) => {
    const code = `import * as above from "${specifier}";\nexport const f = above;\n`;
    expect(await problemsOf(code, filePath)).toEqual([{ ruleId: "import/no-restricted-paths", message: expect.stringContaining(message) }]);
  });

  it("lets each layer import the one below", async () => {
    expect(await problemsOf('import * as below from "@/db/schema";\nexport const f = below;\n', "lib/clients/fixture.ts")).toEqual([]);
    expect(await problemsOf('import * as below from "@/config/env";\nexport const f = below;\n', "db/fixture.ts")).toEqual([]);
  });
});

describe("no circle of files", () => {
  // Real files: the rule follows imports on disk. A folder of its own, removed afterwards.
  const dir = mkdtempSync(path.join(root, "test", "tmp-import-cycle-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, code: string) => {
    writeFileSync(path.join(dir, name), code);
    return path.join(dir, name);
  };

  it("refuses two files that import each other, a dynamic import() included", async () => {
    const a = write("a.ts", 'import { b } from "./b";\nexport const a = () => b + 1;\n');
    write("b.ts", 'export const b = 1;\nexport const later = () => import("./a");\n');
    const [result] = await eslint.lintFiles([a]);
    expect(result!.messages.map(({ ruleId }) => ruleId)).toEqual(["import/no-cycle"]);
  });

  it("accepts the same files once the circle is broken", async () => {
    const c = write("c.ts", 'import { d } from "./d";\nexport const c = () => d + 1;\n');
    write("d.ts", "export const d = 1;\n");
    const [result] = await eslint.lintFiles([c]);
    expect(result!.messages).toEqual([]);
  });
});
