// The CLI contract, for every command: exit 0 = done, 1 = input rejected, 2 = usage or file
// problem; --help everywhere; Norwegian file errors; long arguments shortened; findings name their
// line; no input, file or argument list ever ends in a stack trace.

import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/main.js";
import { cli } from "../helpers/cli.js";
import { publicationText, PUBLICATION_FILE } from "../helpers/publication.js";

const dir = mkdtempSync(join(tmpdir(), "nav-tiltak-contract-"));
const NAMES = Object.keys(COMMANDS);

/** Signs of a crash rather than an answer. */
function expectNoCrash(r: { out: string; err: string }, what: string): void {
  expect(r.out + r.err, what).not.toMatch(/\n\s+at |Uventet feil|TypeError|RangeError|ReferenceError|ERR_[A-Z_]+/);
}

describe("--help on every command", () => {
  it.each(NAMES)("%s --help and -h: exit 0, the usage on stdout, nothing read", async (name) => {
    for (const flag of ["--help", "-h"]) {
      // import --help must not look for a file called «--help».
      const r = await cli([name, flag]);
      expect(r.code, `${name} ${flag}`).toBe(0);
      expect(r.err).toBe("");
      expect(r.out).toMatch(new RegExp(`^Bruk: nav-tiltak ${name}`));
      expect(r.out).toContain(
        "Exit-status: 0 = ferdig/godkjent, 1 = inndata avvist, 2 = feil bruk eller fil som ikke kan leses, 70 = feil i nav-tiltak selv (meld den).",
      );
    }
  });

  it("nav-tiltak --help lists every command and the contract", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    for (const name of NAMES) expect(r.out).toContain(`nav-tiltak ${name}`);
    expect(r.out).toContain("Exit-status");
  });
});

describe("the same problem gives the same exit code in every command", () => {
  it("a missing file: 2, in Norwegian, for import and audit", async () => {
    for (const name of ["import", "audit"]) {
      const r = await cli([name, join(dir, "finnes-ikke.txt")]);
      expect(r.code, name).toBe(2);
      expect(r.err, name).toMatch(/^Filen «.*finnes-ikke\.txt» finnes ikke\.\n$/);
    }
  });

  it("a folder given as a file, and a file too big to be a publication: 2", async () => {
    const big = join(dir, "stor.txt");
    writeFileSync(big, "");
    truncateSync(big, 11 * 1024 * 1024); // sparse: costs no disk
    for (const name of ["import", "audit"]) {
      const folder = await cli([name, dir]);
      expect(folder.code).toBe(2);
      expect(folder.err).toMatch(/er en mappe, ikke en fil\.\n$/);
      const large = await cli([name, big]);
      expect(large.code).toBe(2);
      expect(large.err).toMatch(/^Filen «.*stor\.txt» er 11 MB – for stor til å være en publikasjon/);
    }
  });

  it("a badly written or unknown --periode: 2 for sheets and audit", async () => {
    for (const name of ["sheets", "audit"]) {
      const extra = name === "sheets" ? ["--tsv"] : [];
      for (const periode of ["2016-13", "nov", "1999-01"]) {
        const r = await cli([name, ...extra, "--periode", periode]);
        expect(r.code, `${name} ${periode}`).toBe(2);
        expect(r.err).toMatch(/periode|Perioden/);
      }
    }
  });

  it("a rejected publication: 1 for import and audit", async () => {
    const file = join(dir, "broken.txt");
    writeFileSync(file, publicationText().replace("Mentor\t138\t13\t13\t112", "Mentor\t138\t13\t13\t113"));
    for (const name of ["import", "audit"]) {
      const r = await cli([name, file]);
      expect(r.code, name).toBe(1);
      expect(r.err).toMatch(/linje 147\): «Tiltak og hovedgrupper», Mentor: summen er 138/);
    }
  });
});

describe("long arguments are shortened in messages", () => {
  const huge = `=${"x".repeat(126_000)}`;
  it.each([
    ["unknown command", [huge]],
    ["import file", ["import", huge]],
    ["audit file", ["audit", huge]],
    ["audit option", ["audit", `--${huge}`]],
    ["sheets period", ["sheets", "--tsv", "--periode", huge]],
    ["call function", ["call", huge]],
    ["call argument", ["call", "TILTAK", huge]],
    ["call period", ["call", "TILTAK", "Arbeidstrening", "", huge]],
  ])("%s", async (_what, argv) => {
    const r = await cli(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.out.length + r.err.length).toBeLessThan(2000);
    expect(r.err).toMatch(/… \(126 001 tegn\)|… \(126 003 tegn\)/);
    expectNoCrash(r, String(_what));
  });
});

describe("every finding names its line", () => {
  it("raw (unsuppressed) counts name their lines, and the file is refused", async () => {
    const file = join(dir, "raw.txt");
    const lines = publicationText().split("\n");
    const i = lines.findIndex((l) => l.startsWith("Nettbasert arbeidsmarkedsopplæring (AMO)\t"));
    lines[i] = "Nettbasert arbeidsmarkedsopplæring (AMO)\t2\t\t1\t1";
    writeFileSync(file, lines.join("\n"));
    const r = await cli(["import", file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `Feil (raw.txt, linje ${i + 1}): Filen har rå tall som ikke er prikket: 3 antall fra 1 til 3 (linje ${i + 1}).`,
    );
  });
});

describe("no input crashes the CLI", () => {
  const original = Buffer.from(publicationText(), "utf8");

  it("arbitrary bytes, and the publication with bytes overwritten, as an import file", async () => {
    const file = join(dir, "fuzz.txt");
    const bytesOf = fc.oneof(
      fc.uint8Array({ maxLength: 3000 }),
      fc
        .array(fc.record({ at: fc.nat(original.length - 1), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 8 })
        .map((edits) => {
          const b = Buffer.from(original);
          for (const e of edits) b[e.at] = e.byte;
          return new Uint8Array(b);
        }),
    );
    await fc.assert(
      fc.asyncProperty(bytesOf, async (bytes) => {
        writeFileSync(file, bytes);
        const r = await cli(["import", file]);
        expect([0, 1]).toContain(r.code);
        expectNoCrash(r, "import");
        // Every finding printed names its line.
        for (const line of (r.out + r.err).split("\n")) if (/^(Feil|Merk) \(/.test(line)) expect(line).toMatch(/linje \d+\)/);
      }),
      { numRuns: 150, seed: 11 },
    );
  }, 120_000);

  it("arbitrary argument lists for every command", async () => {
    const arg = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom("--help", "--tsv", "--json", "--periode", "--samlet", "2016-11", "TILTAK", "LISTE", "", "-", "--"),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES, "ukjent"), fc.array(arg, { maxLength: 5 }), async (name, rest) => {
        const r = await cli([name, ...rest]);
        expect([0, 1, 2]).toContain(r.code);
        expectNoCrash(r, [name, ...rest].join(" "));
      }),
      { numRuns: 200, seed: 12 },
    );
  }, 120_000);
});

describe("running from another folder", () => {
  it("the bin, called by its path from elsewhere, reads a file relative to that folder", async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "nav-tiltak-elsewhere-"));
    copyFileSync(PUBLICATION_FILE, join(elsewhere, "nov.txt"));
    const bin = join(import.meta.dirname, "..", "..", "lib", "nav-tiltak.mjs");
    const { stdout } = await promisify(execFile)(process.execPath, [bin, "import", "nov.txt"], { cwd: elsewhere });
    expect(stdout).toMatch(/Godkjent: November 2016/);
  }, 60_000);
});
