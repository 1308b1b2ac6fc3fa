// `nav-tiltak xlsx`: writes the add-in's workbook as a file; bad options, periods and paths get a
// Norwegian message and exit 2, a rejected publication exit 1.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { publicationText } from "../helpers/publication.js";

const dir = mkdtempSync(join(tmpdir(), "nav-tiltak-xlsx-"));

async function sheetNames(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
  return wb.worksheets.map((ws) => ws.name);
}

describe("nav-tiltak xlsx", () => {
  it("writes every sheet the add-in inserts to --ut; exit 0", async () => {
    const file = join(dir, "tabeller.xlsx");
    const r = await cli(["xlsx", "--ut", file, "--periode", "2016-11"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Skrev .*tabeller\.xlsx: 9 ark for November 2016/);
    expect(r.out).toMatch(/Pivottabellen er lagret som tall/);
    expect(await sheetNames(file)).toEqual([
      "Om tabellene",
      "Hovedgrupper",
      "Tiltaksgrupper",
      "Tiltaksgrupper per hovedgruppe",
      "Tiltaksgrupper x hovedgrupper",
      "Tiltak og hovedgrupper",
      "Pivotdata tiltak",
      "Pivotdata endring",
      "Pivottabell",
    ]);
  });

  it("bad options, periods and file names are usage errors; exit 2 with a Norwegian message", async () => {
    const cases: [string[], RegExp][] = [
      [["--ut"], /«--ut» trenger en verdi/],
      [["--tsv"], /Ukjent valg «--tsv»/],
      [["ekstra"], /Uventet argument «ekstra»/],
      [["--periode", "2016-13"], /Ugyldig periode «2016-13»/],
      [["--periode", "1999-01"], /Perioden «1999-01» finnes ikke i datasettet \(har: 2016-11\)/],
      [["--ut", join(dir, "tabeller.csv")], /må slutte på \.xlsx/],
      [["--ut", join(dir, "finnes-ikke", "t.xlsx")], /Kan ikke skrive «.*t\.xlsx»: mappen finnes ikke\./],
    ];
    for (const [args, message] of cases) {
      const r = await cli(["xlsx", ...args]);
      expect([args, r.code]).toEqual([args, 2]);
      expect(r.err).toMatch(message);
    }
    expect(existsSync(join(dir, "tabeller.csv"))).toBe(false);
  });

  it("a publication the import rejects writes no file; exit 1", async () => {
    const data = join(dir, "data");
    mkdirSync(data);
    writeFileSync(join(data, "nav-tiltak-2016-11.txt"), publicationText().replace("Mentor\t138\t13\t13\t112", "Mentor\t138\t13\t13\t113"));
    const file = join(dir, "avvist.xlsx");
    const r = await cli(["xlsx", "--ut", file], data);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Mentor: summen er 138/);
    expect(existsSync(file)).toBe(false);
  });

  it("--periode picks the month of the published tables; the newest is the default", async () => {
    const data = join(dir, "to-maneder");
    mkdirSync(data);
    // NAV's November publication, and the same tables labelled as December (a file of raw counts would be refused).
    writeFileSync(join(data, "2016-11.txt"), publicationText());
    writeFileSync(join(data, "2016-12.txt"), publicationText().replaceAll("November 2016", "Desember 2016"));
    const periodCell = async (file: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
      return wb.getWorksheet("Hovedgrupper")!.getCell("A3").value;
    };
    const older = join(dir, "november.xlsx");
    expect((await cli(["xlsx", "--ut", older, "--periode", "2016-11"], data)).code).toBe(0);
    expect(await periodCell(older)).toBe("November 2016");
    const newest = join(dir, "nyeste.xlsx");
    const r = await cli(["xlsx", "--ut", newest], data);
    expect(r.out).toMatch(/ark for Desember 2016/);
    expect(await periodCell(newest)).toBe("Desember 2016");
  });

  it("npx nav-tiltak xlsx names the file after the period in the current folder", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "nav-tiltak-xlsx-cwd-"));
    const bin = join(import.meta.dirname, "..", "..", "lib", "nav-tiltak.mjs");
    const { stdout } = await promisify(execFile)(process.execPath, [bin, "xlsx"], { cwd });
    expect(stdout).toMatch(/nav-tiltak-2016-11\.xlsx: 9 ark/);
    expect(await sheetNames(join(cwd, "nav-tiltak-2016-11.xlsx"))).toHaveLength(9);
  }, 60_000);
});
