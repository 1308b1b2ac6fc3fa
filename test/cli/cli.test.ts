import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { cli as run } from "../helpers/cli.js";
import { mergedPages, publicationText, publishedTables, PUBLICATION_FILE } from "../helpers/publication.js";

const cli = (...argv: string[]) => run(argv);

/** Splits `sheets --tsv` output into sheets: name → lines. */
function sheetsOf(out: string): Map<string, string[]> {
  const sheets = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of out.split("\n").slice(0, -1)) {
    if (line.startsWith("## ")) sheets.set(line.slice(3), (current = []));
    else current.push(line);
  }
  return sheets;
}

describe("nav-tiltak sheets --tsv", () => {
  it("prints every sheet the add-in inserts, as Excel displays it", async () => {
    const { code, out } = await cli("sheets", "--tsv");
    expect(code).toBe(0);
    const sheets = sheetsOf(out);
    expect([...sheets.keys()]).toEqual([
      "Om tabellene",
      "Hovedgrupper",
      "Tiltaksgrupper",
      "Tiltaksgrupper per hovedgruppe",
      "Tiltaksgrupper x hovedgrupper",
      "Tiltak og hovedgrupper",
    ]);
    // The merged tiltak table: every published line (tabs, spaces, "*" and empty cells) appears verbatim, in order.
    const merged = mergedPages(publishedTables(), "Tiltak og hovedgrupper").rows.map((r) => r.join("\t").replace(/\t+$/, ""));
    const lines = sheets.get("Tiltak og hovedgrupper")!;
    const start = lines.indexOf(merged[0]!);
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start, start + merged.length)).toEqual(merged);
    expect(lines).toContain("Nettbasert arbeidsmarkedsopplæring (AMO)\t*\t\t*\t*");
    expect(sheets.get("Hovedgrupper")).toContain("Nedsatt arbeidsevne, på tiltak\t60 202\t-90\t0");
  });

  it("bad options are usage errors in Norwegian; exit 2", async () => {
    for (const argv of [
      ["--tsv", "--foo"],
      ["--tsv", "ekstra"],
      ["--tsv", "--periode"],
    ]) {
      const r = await cli("sheets", ...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/Bruk: nav-tiltak sheets --tsv/);
      expect(r.err).not.toMatch(/Unknown|Unexpected|argument missing/);
    }
  });

  it("refuses an unknown period in Norwegian; exit 2, as in every command", async () => {
    const r = await cli("sheets", "--tsv", "--periode", "1999-01");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Perioden «1999-01» finnes ikke/);
  });
});

describe("nav-tiltak import", () => {
  const dir = mkdtempSync(join(tmpdir(), "nav-tiltak-cli-"));

  it("accepts the real publication, reporting the known typo; exit 0", async () => {
    const r = await cli("import", PUBLICATION_FILE);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/linje 103\): «Lønnskudd»/);
    expect(r.out).toMatch(/Godkjent: November 2016, 3 hovedgrupper, 10 tiltaksgrupper, 42 tiltak, 83 484 deltakere i alt/);
  });

  it("rejects a broken file naming the line; exit 1", async () => {
    const file = join(dir, "broken.txt");
    writeFileSync(file, publicationText().replace("Mentor\t138\t13\t13\t112", "Mentor\t138\t13\t13\t113"));
    const r = await cli("import", file);
    expect(r.code).toBe(1);
    const line =
      publicationText()
        .split("\n")
        .findIndex((l) => l.startsWith("Mentor\t")) + 1;
    expect(r.err).toContain(`linje ${line}): «Tiltak og hovedgrupper», Mentor: summen er 138, men delene summerer til 139.`);
    expect(r.err).toMatch(/Avvist: \d+ feil\. Ingenting ble importert\./);
  });

  it("a missing file or a folder is a file problem in Norwegian, not a crash; exit 2", async () => {
    const r = await cli("import", join(dir, "nope.txt"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^Filen «.*nope\.txt» finnes ikke\.\n$/);
    const folder = await cli("import", dir);
    expect(folder.code).toBe(2);
    expect(folder.err).toMatch(/^Filen «.*» er en mappe, ikke en fil\.\n$/);
  });

  it("usage errors exit 2", async () => {
    expect((await cli("import")).code).toBe(2);
    expect((await cli("finnesikke")).code).toBe(2);
    expect((await cli()).code).toBe(2);
  });
});

describe("the data folder", () => {
  it("a missing NAV_TILTAK_DATA folder is explained in Norwegian; exit 2 (a file problem)", async () => {
    const r = await run(["call", "TILTAK", "Arbeidstrening"], join(tmpdir(), "nav-tiltak-finnes-ikke"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Datamappen «.*nav-tiltak-finnes-ikke» finnes ikke\. Sjekk NAV_TILTAK_DATA\./);
    expect(r.err).not.toMatch(/no such file/);
  });
});

describe("the installed command", () => {
  it("npx nav-tiltak runs the same CLI", async () => {
    const { stdout } = await promisify(execFile)("npx", ["--no-install", "nav-tiltak", "import", PUBLICATION_FILE], {
      cwd: join(import.meta.dirname, "..", ".."),
    });
    expect(stdout).toMatch(/Godkjent: November 2016/);
  }, 60_000);
});
