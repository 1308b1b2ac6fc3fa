// `npm run check:libreoffice`: a spreadsheet program nobody here wrote opens the xlsx file.
// LibreOffice Calc (headless, Norwegian locale) converts every sheet to CSV "as shown" and the
// workbook to PDF; the CSV text must equal, cell for cell, what the in-memory workbook displays
// and what NAV published («83 484», «*», blanks). The PDF's pages (one per sheet) become PNGs in
// test-artifacts/libreoffice/ for a look.
//
// Needs the Debian packages libreoffice-calc-nogui (soffice) and poppler-utils (pdftoppm);
// SOFFICE_PATH points at another soffice. Exit 0: no differences; 1: differences; 2: a tool is
// missing or a conversion failed.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { loadProjectDataset } from "../../src/data/load.js";
import { addinXlsx } from "../../src/xlsx/addin-workbook.js";
import { pivotNotes } from "../../src/xlsx/export.js";
import { publicationText } from "../helpers/publication.js";
import { compareGrids, comparePublication, describeDifference, type Difference } from "./compare.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "test-artifacts", "libreoffice");
const BASE = "nav-tiltak";

/**
 * CSV export options (LibreOffice's filter tokens): comma, double quote, UTF-8 (76), from line 1,
 * no column types, language 0, unquoted fields as they are, detect numbers, save cell contents
 * AS SHOWN (token 9, so numbers carry their format), no formulas, no space trimming, and token 12
 * = -1: every sheet to its own file «<name>-<sheet>.csv».
 */
const CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";
/** One page per sheet, as large as the sheet's used area, instead of A4 pages cut across tables. */
const PDF_FILTER = 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}';

function onPath(names: string[]): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const name of names) if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

function need(): { soffice: string; pdftoppm: string } | null {
  const soffice = process.env.SOFFICE_PATH || onPath(["soffice", "libreoffice"]);
  const pdftoppm = onPath(["pdftoppm"]);
  if (soffice && pdftoppm) return { soffice, pdftoppm };
  const missing = [
    ...(soffice ? [] : ["LibreOffice Calc («soffice», Debian-pakken libreoffice-calc-nogui)"]),
    ...(pdftoppm ? [] : ["pdftoppm (Debian-pakken poppler-utils)"]),
  ];
  console.error(
    `LibreOffice-kontrollen mangler ${missing.join(" og ")}.\n` +
      "Installer på Debian/Ubuntu: sudo apt-get install libreoffice-calc-nogui poppler-utils\n" +
      "(bash .ci/run gjør det selv). Ligger soffice et annet sted, sett SOFFICE_PATH=/sti/til/soffice.",
  );
  return null;
}

/** A fresh LibreOffice profile whose locale is nb-NO, so numbers show as Excel nb-NO shows them. */
function norwegianProfile(): string {
  const dir = mkdtempSync(join(tmpdir(), "nav-tiltak-lo-"));
  mkdirSync(join(dir, "user"));
  writeFileSync(
    join(dir, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>nb-NO</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>nb-NO</value></prop></item>
</oor:items>
`,
  );
  return dir;
}

function convert(soffice: string, profile: string, filter: string, file: string, outdir: string): void {
  execFileSync(
    soffice,
    [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", filter, "--outdir", outdir, file],
    { stdio: ["ignore", "pipe", "pipe"], timeout: 180_000 },
  );
}

/** The sheets' PNGs as «01-hovedgrupper.png» …, one page per sheet in tab order. */
function renderPages(pdftoppm: string, pdf: string, sheets: string[]): string[] {
  const prefix = join(OUT, "page");
  execFileSync(pdftoppm, ["-png", "-r", "96", pdf, prefix], { stdio: ["ignore", "pipe", "pipe"], timeout: 180_000 });
  const pages = readdirSync(OUT)
    .filter((f) => /^page-\d+\.png$/.test(f))
    .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
  if (pages.length !== sheets.length) throw new Error(`PDF-en har ${pages.length} sider, men arbeidsboken ${sheets.length} ark.`);
  return pages.map((page, i) => {
    const slug = sheets[i]!.toLowerCase().replace(/[^a-z0-9æøå]+/g, "-");
    const name = `${String(i + 1).padStart(2, "0")}-${slug}.png`;
    renameSync(join(OUT, page), join(OUT, name));
    return name;
  });
}

async function main(): Promise<number> {
  const tools = need();
  if (!tools) return 2;
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });

  const { dataset } = loadProjectDataset();
  const { bytes, built, exported } = await addinXlsx(dataset);
  const xlsx = join(OUT, `${BASE}.xlsx`);
  writeFileSync(xlsx, bytes);
  const sheets = exported.workbook.worksheets.map((ws) => ws.name);

  const profile = norwegianProfile();
  try {
    convert(tools.soffice, profile, CSV_FILTER, xlsx, OUT);
    convert(tools.soffice, profile, PDF_FILTER, xlsx, OUT);
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    console.error(`LibreOffice klarte ikke å konvertere filen: ${err.stderr?.toString().trim() || err.message}`);
    return 2;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }

  const shown = new Map<string, string[][]>();
  const state = built.fake.state;
  const differences: Difference[] = [];
  let cells = 0;
  for (const sheet of sheets) {
    const csv = join(OUT, `${BASE}-${sheet}.csv`);
    if (!existsSync(csv)) {
      console.error(`LibreOffice skrev ingen CSV for arket «${sheet}» (${csv}).`);
      return 2;
    }
    const rows = parse(readFileSync(csv, "utf8"), { relax_column_count: true }) as string[][];
    shown.set(sheet, rows);
    // What the in-memory workbook displays, plus the note the file adds where a PivotTable was.
    const want = state.sheetText(sheet).map((r) => [...r]);
    for (const note of pivotNotes(state).filter((n) => n.sheet === sheet)) {
      while (want.length <= note.row) want.push([]);
      want[note.row]![note.col] = note.text;
    }
    cells += want.reduce((n, r) => n + r.length, 0);
    differences.push(
      ...compareGrids(
        sheet,
        rows,
        want.map((r) => Array.from(r, (c) => c ?? "")),
        "arbeidsboken",
      ),
    );
  }
  const published = comparePublication(shown, publicationText());
  differences.push(...published.differences);
  let pngs: string[];
  try {
    pngs = renderPages(tools.pdftoppm, join(OUT, `${BASE}.pdf`), sheets);
  } catch (e) {
    console.error(`Kunne ikke lage bilder av PDF-en: ${(e as Error).message}`);
    return 2;
  }

  const version = execFileSync(tools.soffice, ["--version"], { encoding: "utf8" }).trim();
  console.log(`${version}, norsk (nb-NO) profil: ${sheets.length} ark lest fra ${BASE}.xlsx.`);
  console.log(`Sammenlignet ${cells} celler med arbeidsboken og ${published.cells} med publikasjonen.`);
  console.log(`Bilder: test-artifacts/libreoffice/{${pngs.join(",")}}`);
  if (differences.length > 0) {
    for (const d of differences.slice(0, 50)) console.error(describeDifference(d));
    if (differences.length > 50) console.error(`… og ${differences.length - 50} til.`);
    console.error(`LibreOffice-kontroll: ${differences.length} avvik.`);
    return 1;
  }
  console.log("LibreOffice-kontroll: ingen avvik.");
  return 0;
}

process.exitCode = await main();
