// The package as a user installs it: `npm pack`, then `npm install -g <tarball>` into an empty
// prefix with only the runtime dependencies, then every command from the installed bin, outside
// the project. The packages come from npm's cache (filled by the project's own `npm install`), so
// this needs no network beyond what `npm install` already had.

import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { writePublication } from "../../src/core/publication-text.js";
import { novemberRaw } from "../helpers/november-raw.js";
import { PUBLICATION_FILE } from "../helpers/publication.js";

const ROOT = join(import.meta.dirname, "..", "..");
const exec = promisify(execFile);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

const work = mkdtempSync(join(tmpdir(), "nav-tiltak-pack-"));
const prefix = join(work, "prefix");
const installed = join(prefix, "lib", "node_modules", "nav-tiltak");
const bin = join(prefix, "bin", "nav-tiltak");

/** Runs the installed command in a folder of its own; never throws, so exit codes can be checked. */
async function navTiltak(args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await exec(bin, args, { cwd: work, env: { ...process.env, NAV_TILTAK_DATA: "" } });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

describe("npm pack, installed globally on a clean prefix", () => {
  beforeAll(async () => {
    // --ignore-scripts: `npm test` has just built lib/; rebuilding it here (prepare) would pull it
    // from under the other test files that run the bin at the same time.
    const { stdout } = await exec(npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", work], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
    await exec(npm, ["install", "-g", "--prefix", prefix, join(work, filename), "--prefer-offline", "--no-audit", "--no-fund"], {
      cwd: work,
      maxBuffer: 16 * 1024 * 1024,
    });
  }, 300_000);

  it("installs only the runtime dependencies: no TypeScript compiler, no build tools", () => {
    const modules = readdirSync(join(installed, "node_modules"));
    for (const dev of ["tsx", "typescript", "esbuild", "vitest", "webpack"]) expect(modules, dev).not.toContain(dev);
    expect(modules).toEqual(expect.arrayContaining(["exceljs", "highs", "@microsoft"]));
    const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(["@microsoft/office-js", "exceljs", "fast-xml-parser", "fflate", "highs"]);
  });

  it("call, sheets and audit answer from the installed bin", async () => {
    expect(await navTiltak(["call", "TILTAK", "Arbeidstrening", "Andre på tiltak"])).toEqual({ code: 0, out: "171\n", err: "" });
    const sheets = await navTiltak(["sheets", "--tsv"]);
    expect(sheets.code).toBe(0);
    expect(sheets.out).toContain("## Tiltak og hovedgrupper");
    const audit = await navTiltak(["audit"]);
    expect(audit.code).toBe(0);
    expect(audit.out).toContain("Prikkekontroll for November 2016");
    const imported = await navTiltak(["import", PUBLICATION_FILE]);
    expect(imported.code).toBe(0);
  }, 60_000);

  it("xlsx writes the workbook (the Excel simulator and Microsoft's client inside the package)", async () => {
    const r = await navTiltak(["xlsx", "--ut", "tabeller.xlsx"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(join(work, "tabeller.xlsx")).subarray(0, 2).toString()).toBe("PK");
    expect((await navTiltak(["xlsx", "--ut", "tabeller.xlsx"])).code).toBe(2);
  }, 60_000);

  it("prikk protects a raw file with the solver", async () => {
    const { raw } = novemberRaw();
    writeFileSync(join(work, "uttrekk.txt"), writePublication(raw, raw.periods.at(-1)!.period));
    const r = await navTiltak(["prikk", "uttrekk.txt", "--ut", "prikket.txt"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Skjulte \d+ tall med «:»/);
    expect(existsSync(join(work, "prikket.txt"))).toBe(true);
  }, 60_000);
});
