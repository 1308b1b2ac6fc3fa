// First contact with the CLI: the compiled bin answers with Node alone, `call` loads nothing it does
// not need, the generated dataset is used only while the data folder is unchanged, nothing the user
// owns is overwritten or left half-written, and an unexpected error is one Norwegian line.

import { execFile, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { EXIT, runCommand } from "../../src/cli/contract.js";
import type { Command } from "../../src/cli/io.js";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import type { Dataset } from "../../src/core/types.js";
import { loadProjectDataset, PUBLICATIONS_DIR, usePrebuiltDataset } from "../../src/data/load.js";
import { folderFingerprint } from "../../src/data/prebuilt.js";
import { cli } from "../helpers/cli.js";
import { PUBLICATION_FILE } from "../helpers/publication.js";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "lib", "nav-tiltak.mjs");
const run = promisify(execFile);

describe("the compiled bin", () => {
  it("answers `call TILTAK Arbeidstrening «Andre på tiltak»` with Node alone, from any folder", async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "nav-tiltak-bin-"));
    const { stdout, stderr } = await run(process.execPath, [BIN, "call", "TILTAK", "Arbeidstrening", "Andre på tiltak"], {
      cwd: elsewhere,
    });
    expect(stdout).toBe("171\n");
    expect(stderr).toBe("");
    // Plain JavaScript: no TypeScript loader is registered or needed.
    expect(readFileSync(BIN, "utf8")).not.toMatch(/from "tsx|\.ts"/);
  });

  it("`call` loads neither the solver, the xlsx libraries (exceljs, and the workbook reader's zip and XML libraries) nor Microsoft's Excel client", () => {
    const meta = JSON.parse(readFileSync(join(ROOT, "lib", "meta.json"), "utf8")) as {
      outputs: Record<string, { entryPoint?: string; imports: { path: string; kind: string; external?: boolean }[] }>;
    };
    const outputs = meta.outputs;
    const key = (path: string): string => Object.keys(outputs).find((k) => k === path || k.endsWith(`/${path}`))!;
    /**
     * Everything a file brings in: its chunks (static imports, and with `dynamic` the chunks it loads
     * on demand too, transitively) and the packages any of them imports, statically or on demand.
     */
    const loaded = (start: string, dynamic: boolean, seen = new Set<string>()): Set<string> => {
      if (seen.has(start)) return seen;
      seen.add(start);
      for (const i of outputs[start]?.imports ?? []) {
        if (i.external) seen.add(i.path);
        else if (dynamic || i.kind === "import-statement") loaded(key(i.path), dynamic, seen);
      }
      return seen;
    };
    const chunkOf = (source: string): string => Object.keys(outputs).find((k) => outputs[k]!.entryPoint === source)!;
    const heavy = (set: Set<string>): string[] => {
      const packages = [...set].filter((p) => /^(highs|exceljs|@microsoft\/office-js|fast-xml-parser|fflate)/.test(p));
      // Microsoft's client is read from its package file at run time, not imported: look for its name.
      const reads = [...set].filter((p) => p.startsWith("lib/") && readFileSync(join(ROOT, p), "utf8").includes("@microsoft/office-js"));
      return [...packages, ...reads];
    };
    const entry = key("lib/nav-tiltak.mjs");
    // The entry loads each command's chunk on demand; call's own on-demand chunk is the folder's
    // readers, loaded only when the data folder changed since the build (data/project-dataset.ts).
    const forCall = new Set([...loaded(entry, false), ...loaded(chunkOf("src/cli/commands/call.ts"), false)]);
    expect(heavy(forCall)).toEqual([]);
    // The check sees what it looks for: prikk brings the solver, xlsx the xlsx library and the client.
    expect(heavy(loaded(chunkOf("src/cli/commands/prikk.ts"), true))).toContain("highs");
    expect(heavy(loaded(chunkOf("src/cli/commands/xlsx.ts"), true))).toEqual(
      expect.arrayContaining(["exceljs", expect.stringMatching(/^lib\//)]),
    );
  });
});

describe("the generated dataset, used only while the folder is unchanged", () => {
  afterEach(() => usePrebuiltDataset(undefined));

  const marked = (): Dataset => ({ ...BUNDLED_DATASET, title: "generert" });

  it("is used when the folder holds exactly the files it was built from", () => {
    usePrebuiltDataset(marked(), { files: folderFingerprint(PUBLICATIONS_DIR)!, findings: [] });
    expect(loadProjectDataset(PUBLICATIONS_DIR).dataset.title).toBe("generert");
  });

  it("is not used when a file changed, was added or is gone: the folder is parsed instead", () => {
    const files = folderFingerprint(PUBLICATIONS_DIR)!;
    const changed = files.map((f) => ({ ...f, sha256: f.sha256.replace(/^./, (c) => (c === "0" ? "1" : "0")) }));
    for (const stale of [changed, [...files, { name: "desember.txt", sha256: "0" }], files.slice(1)]) {
      usePrebuiltDataset(marked(), { files: stale, findings: [] });
      expect(loadProjectDataset(PUBLICATIONS_DIR).dataset.title).toBe(BUNDLED_DATASET.title);
    }
  });

  it("is not used for another folder (NAV_TILTAK_DATA)", () => {
    const other = mkdtempSync(join(tmpdir(), "nav-tiltak-data-"));
    copyFileSync(PUBLICATION_FILE, join(other, "nov.txt"));
    usePrebuiltDataset(marked(), { files: folderFingerprint(other)!, findings: [] });
    expect(loadProjectDataset(other).dataset.title).toBe(BUNDLED_DATASET.title);
  });
});

describe("output files are never replaced unasked, never left half-written", () => {
  const dir = mkdtempSync(join(tmpdir(), "nav-tiltak-ut-"));
  const raw = join(ROOT, "test", "fixtures", "bad", "known-typos.txt"); // any readable file: refused or not, it must not matter

  it("xlsx --ut onto an existing file: exit 2, the file untouched; --overskriv replaces it", async () => {
    const target = join(dir, "min arbeidsbok.xlsx");
    writeFileSync(target, "mine egne data");
    const refused = await cli(["xlsx", "--ut", target]);
    expect(refused.code).toBe(EXIT.USAGE);
    expect(refused.err).toMatch(/^Filen «.*min arbeidsbok\.xlsx» finnes allerede, og nav-tiltak skriver ikke over den\. .*--overskriv/);
    expect(readFileSync(target, "utf8")).toBe("mine egne data");
    const replaced = await cli(["xlsx", "--ut", target, "--overskriv"]);
    expect(replaced.code).toBe(0);
    expect(readFileSync(target).subarray(0, 2).toString()).toBe("PK");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("xlsx without --ut does not replace the default file either", async () => {
    const first = await cli(["xlsx"]);
    expect(first.code).toBe(0);
    const second = await cli(["xlsx"]);
    expect(second.code).toBe(EXIT.USAGE);
    expect(second.err).toMatch(/nav-tiltak-2016-11\.xlsx» finnes allerede/);
  });

  it("prikk --ut onto an existing file: exit 2 before anything is written", async () => {
    const target = join(dir, "notater.txt");
    writeFileSync(target, "mine notater");
    const r = await cli(["prikk", raw, "--ut", target]);
    expect([EXIT.REJECTED, EXIT.USAGE]).toContain(r.code);
    expect(readFileSync(target, "utf8")).toBe("mine notater");
  });

  it("a write cut off halfway (the file system refuses more bytes) leaves the old file whole and no temporary file", () => {
    const target = join(dir, "gammel.xlsx");
    writeFileSync(target, "gammel fil");
    const script = join(dir, "write.mjs");
    writeFileSync(
      script,
      `import { writeOutputFile } from ${JSON.stringify(join(ROOT, "src", "cli", "output-file.ts"))};\n` +
        `try { writeOutputFile(${JSON.stringify(target)}, Buffer.alloc(4 * 1024 * 1024, 65), true); } catch (e) { console.log(e.message); }\n`,
    );
    // ulimit -f: the file size limit, in 512-byte blocks. Writing past it fails (EFBIG) mid-file.
    const r = spawnSync("bash", ["-c", `ulimit -f 64; exec "${process.execPath}" --import tsx "${script}"`], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(r.stdout).toMatch(/^Kan ikke skrive «.*gammel\.xlsx»: filen blir for stor for filsystemet\.\n$/);
    expect(readFileSync(target, "utf8")).toBe("gammel fil");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("an unexpected error", () => {
  const failing: Command = {
    summary: "prøve",
    usage: "nav-tiltak prøve",
    run: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'antall')")),
  };

  async function runFailing(): Promise<{ code: number; err: string }> {
    let err = "";
    const code = await runCommand(failing, [], { out: () => {}, err: (t) => (err += t) });
    return { code, err };
  }

  it("is one Norwegian line that says how to report it, exit 70, no English and no stack", async () => {
    const before = process.env.NAV_TILTAK_DEBUG;
    delete process.env.NAV_TILTAK_DEBUG;
    try {
      const { code, err } = await runFailing();
      expect(code).toBe(70);
      expect(err.trimEnd().split("\n")).toHaveLength(1);
      expect(err).toMatch(/^Uventet feil i nav-tiltak: .*NAV_TILTAK_DEBUG=1.*meld feilen/);
      expect(err).not.toMatch(/TypeError|Cannot|undefined|\bat /);
    } finally {
      if (before !== undefined) process.env.NAV_TILTAK_DEBUG = before;
    }
  });

  it("shows the technical detail and the stack only with NAV_TILTAK_DEBUG=1", async () => {
    process.env.NAV_TILTAK_DEBUG = "1";
    try {
      const { code, err } = await runFailing();
      expect(code).toBe(70);
      expect(err).toContain("TypeError: Cannot read properties of undefined");
      expect(err).toMatch(/\n\s+at /);
    } finally {
      delete process.env.NAV_TILTAK_DEBUG;
    }
  });
});
