// A file of raw counts is never shown as is: the build, `import`, sheets, pivot data, functions,
// audit and xlsx refuse it with a Norwegian message naming the lines and the command that protects
// it; `prikk` reads it, and what `prikk` writes is accepted everywhere.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateDataset } from "../../src/build/generate-dataset.js";
import { importPublication } from "../../src/core/dataset.js";
import { PublicationError, formatFinding, type Finding } from "../../src/core/findings.js";
import { parsePublication } from "../../src/core/parse.js";
import { protectedFileName, rawCells } from "../../src/core/raw-counts.js";
import { writePublication } from "../../src/core/publication-text.js";
import { cli } from "../helpers/cli.js";
import { novemberRaw } from "../helpers/november-raw.js";
import { publicationText } from "../helpers/publication.js";
import { makeRawDataset } from "../helpers/raw-dataset.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "nav-tiltak-raw-"));
  dirs.push(d);
  return d;
}

/** NAV's November file with one row's «*» put back (as a raw extract would have it), and that row's line. */
function withRow(start: string, row: string): { text: string; line: number } {
  const lines = publicationText().split("\n");
  const i = lines.findIndex((l) => l.startsWith(`${start}\t`));
  expect(i).toBeGreaterThan(0);
  lines[i] = row;
  return { text: lines.join("\n"), line: i + 1 };
}
// Nettbasert AMO is 2 = 1 + 1 (recoverable from the totals); the totals still add up.
const amo = () => withRow("Nettbasert arbeidsmarkedsopplæring (AMO)", "Nettbasert arbeidsmarkedsopplæring (AMO)\t2\t\t1\t1");
// Andre / Jobbskaping og egenetablering: none this year, one last year (change −1, −100 %).
const jobbskaping = () => withRow("Jobbskaping og egenetablering\t\t*", "Jobbskaping og egenetablering\t\t-1\t-100");

function refusal(text: string, file = "publikasjon.txt"): Finding[] {
  try {
    importPublication(text, file);
  } catch (e) {
    if (e instanceof PublicationError) return e.findings.filter((f) => f.severity === "error");
    throw e;
  }
  return [];
}

describe("the rule: a file showing a count of 1–3, or a change whose last year's count was 1–3, is raw", () => {
  it("NAV's own November 2016 publication is not raw (its 16 «*» are suppressed), and imports clean", () => {
    expect(rawCells(parsePublication(publicationText()).publication)).toEqual([]);
    expect(refusal(publicationText())).toEqual([]);
  });

  it("refuses counts of 1–3, naming the line (a file that also has «*» cannot be protected as it is)", () => {
    const { text, line } = amo();
    expect(refusal(text, "uttrekk.txt")).toEqual([
      {
        severity: "error",
        code: "raw-counts",
        file: "uttrekk.txt",
        line,
        message:
          `Filen har rå tall som ikke er prikket: 3 antall fra 1 til 3 (linje ${line}). NAV tiltak viser ikke en fil med rå tall, ` +
          "for summene ved siden av gir de prikkede tallene tilbake. " +
          // The rest of the file is NAV's suppressed publication: protecting it needs a new extract.
          "Filen har også prikkede tall. Prikkingen trenger alle de rå tallene: ta et nytt uttrekk uten prikking, og prikk det.",
      },
    ]);
  });

  it("refuses a shown change whose last year's count was 1–3, though no count is 1–3", () => {
    const { text, line } = jobbskaping();
    const [f, ...rest] = refusal(text);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: "raw-counts", line });
    expect(f!.message).toContain(`Filen har rå tall som ikke er prikket: 1 endring der fjorårets antall var 1–3 (linje ${line}).`);
  });

  it("refuses NAV's November data with all 16 «*» put back, listing counts and changes", () => {
    const { raw } = novemberRaw();
    const [f, ...rest] = refusal(writePublication(raw, "2016-11"), "november-raa.txt");
    expect(rest).toEqual([]);
    expect(f!.message).toMatch(
      /^Filen har rå tall som ikke er prikket: \d+ antall fra 1 til 3 \(linje [\d, ]+\) og 1 endring der fjorårets antall/,
    );
  });

  it("lists at most 20 lines, then how many more", () => {
    const raw = makeRawDataset({ seed: 3, groups: 6, tiltakPerGroup: 6 });
    const [f] = refusal(writePublication(raw, "2016-11"));
    expect(f!.message).toMatch(/\(linje (\d+, ){19}\d+ og \d+ linjer til\)/);
  });

  it("accepts the raw file with a warning only for protection (`prikk`)", () => {
    const { findings } = importPublication(amo().text, "uttrekk.txt", { acceptRawCounts: true });
    expect(findings.map((f) => f.code)).toContain("unsuppressed");
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("advises a protected file name beside the raw one", () => {
    expect(protectedFileName("uttrekk.txt")).toBe("uttrekk-prikket.txt");
    expect(protectedFileName("uttrekk")).toBe("uttrekk-prikket.txt");
    expect(protectedFileName("nav.tiltak.2016-11.txt")).toBe("nav.tiltak.2016-11-prikket.txt");
  });
});

describe("every way in refuses a raw file; exit 1 with the message", () => {
  // A raw extract: NAV's November data with every «*» put back.
  const folder = tempDir();
  const rawFile = join(folder, "raa.txt");
  const rawText = writePublication(novemberRaw().raw, "2016-11");
  writeFileSync(rawFile, rawText);
  const [expected] = refusal(rawText, "raa.txt");
  const scratch = tempDir();

  // The data folder (NAV_TILTAK_DATA) feeds sheets, call (functions, pivot data), audit and xlsx; import and audit also take files.
  it.each([
    ["import <fil>", ["import", rawFile]],
    ["sheets from the data folder", ["sheets", "--tsv"]],
    ["call TILTAK (functions)", ["call", "TILTAK", "Nettbasert arbeidsmarkedsopplæring (AMO)"]],
    ["call DATA (pivot data)", ["call", "DATA"]],
    ["call TABELL", ["call", "TABELL", "Tiltak"]],
    ["audit of the data folder", ["audit"]],
    ["audit <fil>", ["audit", "--samlet", rawFile]],
    ["xlsx", ["xlsx", "--ut", join(scratch, "ut.xlsx")]],
  ])("%s", async (_what, argv) => {
    const r = await cli(argv, folder);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${formatFinding(expected!)}\n`);
    expect(r.err).toContain("Prikk filen først, og bruk den prikkede filen i stedet: npx nav-tiltak prikk raa.txt --ut raa-prikket.txt");
    // Nothing of the file is shown: no sheet, no figure, no workbook.
    expect(r.out).not.toMatch(/Nettbasert|^\d|Godkjent|Prikkekontroll/m);
    expect(existsSync(join(scratch, "ut.xlsx"))).toBe(false);
  });

  it("prikk reads it, and the protected file it writes is accepted in the data folder", async () => {
    const protectedDir = tempDir();
    const out = join(protectedDir, "raa-prikket.txt");
    const p = await cli(["prikk", rawFile, "--ut", out]);
    expect(p.err).toBe("");
    expect(p.code).toBe(0);
    const sheets = await cli(["sheets", "--tsv"], protectedDir);
    expect(sheets.err).toBe("");
    expect(sheets.code).toBe(0);
    expect(sheets.out).toContain("Nettbasert arbeidsmarkedsopplæring (AMO)\t*");
    expect((await cli(["import", out])).code).toBe(0);
  }, 300_000);

  it("a file with both raw and suppressed figures is refused without the prikk advice, and prikk says why", async () => {
    const { text, line } = amo();
    const [f] = refusal(text);
    expect(f!.message).toContain("Filen har også prikkede tall. Prikkingen trenger alle de rå tallene");
    expect(f!.message).not.toContain("npx nav-tiltak prikk");
    const mixed = join(tempDir(), "blandet.txt");
    writeFileSync(mixed, text);
    const p = await cli(["prikk", mixed]);
    expect(p.code).toBe(1);
    expect(p.err).toMatch(
      /^Feil \(blandet\.txt, linje \d+\): Filen har allerede prikkede tall \(«\*» eller «:», linje [\d, ]+\)\. Prikkingen trenger/,
    );
    expect(p.err).not.toContain(`linje ${line},`);
    expect(p.out).toBe("");
  });
});

describe("the build (what the pane and the functions see) fails on a raw file in the publications folder", () => {
  it("generate throws the refusal and writes nothing; a protected file builds", async () => {
    const folder = tempDir();
    const out = join(tempDir(), "generated", "dataset.json");
    writeFileSync(join(folder, "nav-tiltak-2016-11.txt"), writePublication(novemberRaw().raw, "2016-11"));
    expect(() => generateDataset(out, folder)).toThrow(PublicationError);
    expect(() => generateDataset(out, folder)).toThrow(
      /Filen har rå tall som ikke er prikket.*npx nav-tiltak prikk nav-tiltak-2016-11\.txt/,
    );
    expect(existsSync(out)).toBe(false);

    const raw = join(tempDir(), "nav-tiltak-2016-11.txt");
    writeFileSync(raw, writePublication(makeRawDataset({ seed: 5, groups: 2, tiltakPerGroup: 2 }), "2016-11"));
    const clean = tempDir();
    mkdirSync(clean, { recursive: true });
    expect((await cli(["prikk", raw, "--ut", join(clean, "nav-tiltak-2016-11.txt")])).code).toBe(0);
    generateDataset(out, clean);
    expect(JSON.parse(readFileSync(out, "utf8")).periods[0].period).toBe("2016-11");
  }, 300_000);
});
