// Broken TILT workbooks through `nav-tiltak import`: one clear Norwegian answer naming file, sheet
// and cell, exit 1 (rejected) or 2 (a file that cannot be read at all), never a stack trace, and
// nothing imported. Each broken copy is made from a generated workbook by editing its XML.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { brokenCopy, dataSheetPart, nameOf, setNumber, tiltFolder } from "../helpers/tilt.js";

let dir: string;
const T130 = nameOf(130, 2026, 3);
const T100 = nameOf(100, 2026, 3);
const SHEET = "ark «Arbeidsmarkedsstatus og tiltak»";

beforeAll(async () => {
  ({ dir } = await tiltFolder(undefined, false));
});

function writeTemp(name: string, bytes: Uint8Array): string {
  const out = mkdtempSync(join(tmpdir(), "nav-tiltak-bad-"));
  writeFileSync(join(out, name), bytes);
  return join(out, name);
}

async function rejected(path: string, ...more: string[]) {
  const r = await cli(["import", path, ...more]);
  expect(r.err).not.toMatch(/Uventet feil|at .*\.ts:\d+|Error:/);
  expect(r.out).not.toMatch(/Godkjent/);
  return r;
}

describe("import of a broken TILT workbook", () => {
  it("accepts the unbroken file, so each case below fails for its own reason", async () => {
    const r = await cli(["import", join(dir, T130)]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Godkjent: 1 fil, 3 måneder \(Januar 2026 – Mars 2026\), 3 hovedgrupper, 1 tiltaksgruppe, 4 tiltak\./);
  });

  it("a block «I alt» that is not the sum of its rows: the cell, the month and both figures", async () => {
    // E5: «I alt Arbeidssøkere …» in March.
    const r = await rejected(brokenCopy(dir, T130, (p) => setNumber(p, "E5", 1)));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      new RegExp(
        `Feil \\(${T130.replace(/\./g, "\\.")}, ${SHEET}, celle E5\\): «I alt Arbeidssøkere.*» i Mars 2026 er 1, men radene under summerer til [\\d ]+\\.`,
      ),
    );
    // The average of that row no longer fits either.
    expect(r.err).toMatch(
      /celle B5\): «Gjennomsnitt hittil i år» for «I alt Arbeidssøkere.*» er [\d ]+, men gjennomsnittet av de 3 månedene er/,
    );
    expect(r.err).toMatch(/Avvist: 2 feil\. Ingenting ble importert\./);
  });

  it("an average more than 0.5 away from the mean of its months", async () => {
    const r = await rejected(brokenCopy(dir, T130, (p) => setNumber(p, "B6", 1)));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /celle B6\): «Gjennomsnitt hittil i år» for «Arbeidsmarkedsopplæring \(AMO\)» er 1, men gjennomsnittet av de 3 månedene er/,
    );
  });

  it("an average stored with decimals: the finding shows them, so the two figures never read alike", async () => {
    // B6's average moved 1.2 off the months' mean: rejected, and the message must not read «x, men … x».
    const path = brokenCopy(dir, T130, (p) => {
      const part = dataSheetPart(p);
      const v = Number(/<c r="B6"[^>]*><v>([^<]*)<\/v>/.exec(p[part]!)![1]);
      return setNumber(p, "B6", v + 1.2);
    });
    const r = await rejected(path);
    expect(r.code).toBe(1);
    const m =
      /celle B6\): «Gjennomsnitt hittil i år» for «[^»]+» er ([\d ]+,\d+), men gjennomsnittet av de 3 månedene er ([\d ]+(?:,\d+)?) \(avvik/.exec(
        r.err,
      );
    expect(m, r.err).not.toBeNull();
    expect(m![1]).not.toBe(m![2]);
  });

  it("TILT100's group row that disagrees with TILT130's «I alt»: both files named", async () => {
    // TILT100, Arbeidssøkere block: row 8 is Opplæring; D, E = February, March. 10 moves from February
    // to March in the row and in its «I alt» (row 5), so TILT100 alone still adds up, averages included.
    const path = brokenCopy(dir, T100, (p) => {
      const part = dataSheetPart(p);
      const v = (ref: string) => Number(new RegExp(`<c r="${ref}"[^>]*><v>([^<]*)</v>`).exec(p[part]!)![1]);
      const moved = setNumber(setNumber(p, "E8", v("E8") + 10), "E5", v("E5") + 10);
      return setNumber(setNumber(moved, "D8", v("D8") - 10), "D5", v("D5") - 10);
    });
    const copy = join(path, "..", T130);
    writeFileSync(copy, readFileSync(join(dir, T130)));
    const r = await rejected(path, copy);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      new RegExp(
        `${T100.replace(/\./g, "\\.")}, ark «Arbeidsmarkedsstatus og tiltaks», celle E8\\): «Opplæring» for Arbeidssøkere i Mars 2026 er .*, men i «${T130}» er «I alt Arbeidssøkere.*» \\(celle E5\\)`,
      ),
    );
    expect(r.err).toMatch(/celle D8\): «Opplæring» for Arbeidssøkere i Februar 2026/);
    expect(r.err).toMatch(/Avvist: 2 feil\./);
  });

  it("a formula in a cell: never evaluated, named by its cell", async () => {
    const r = await rejected(
      brokenCopy(dir, T130, (p) => {
        const part = dataSheetPart(p);
        return { ...p, [part]: p[part]!.replace(/(<c r="D6"[^>]*>)<v>/, "$1<f>C6*2</f><v>") };
      }),
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/celle D6\): Cellen har en formel \(«=C6\*2»\)\. Formler beregnes aldri/);
  });

  it("an external link to another file", async () => {
    const r = await rejected(
      brokenCopy(dir, T130, (p) => ({
        ...p,
        "xl/externalLinks/externalLink1.xml": '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
        "xl/_rels/workbook.xml.rels": p["xl/_rels/workbook.xml.rels"]!.replace(
          "</Relationships>",
          '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>',
        ),
      })),
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/ekstern kobling til andre filer \(«externalLinks\/externalLink1\.xml»\)/);
  });

  it("no data sheet: says what it looked for and which sheets there are", async () => {
    const r = await rejected(
      brokenCopy(dir, T130, (p) => ({
        ...p,
        "xl/workbook.xml": p["xl/workbook.xml"]!.replace('name="Arbeidsmarkedsstatus og tiltak"', 'name="Data"'),
      })),
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /Fant ikke dataarket: ingen ark har «Arbeidsmarkedsstatus og tiltak» i navnet \(arbeidsboken har «Forklaring»|«Data»/,
    );
  });

  it("not a zip, an old .xls, a password-protected workbook: what the file is", async () => {
    const notZip = await rejected(writeTemp("202603_TILT130_x.xlsx", new TextEncoder().encode("Dette er ikke en arbeidsbok")));
    expect(notZip.code).toBe(1);
    expect(notZip.err).toMatch(/Filen er ikke en Excel-arbeidsbok \(\.xlsx\): den er ikke et zip-arkiv\./);
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const xls = await rejected(writeTemp("202603_TILT130_x.xls", ole));
    expect(xls.code).toBe(1);
    expect(xls.err).toMatch(/gammel Excel-fil \(\.xls\)/);
    const encrypted = ole.slice();
    encrypted.set(
      Array.from("EncryptedPackage").flatMap((c) => [c.charCodeAt(0), 0]),
      1024,
    );
    const enc = await rejected(writeTemp("202603_TILT130_x.xlsx", encrypted));
    expect(enc.code).toBe(1);
    expect(enc.err).toMatch(/passordbeskyttet \(kryptert\)/);
  });

  it("refuses a zip bomb from its declared sizes, before inflating it", async () => {
    // 30 MB of zeros deflate to about 30 kB: the central directory declares the 30 MB.
    const bomb = zipSync({ "xl/worksheets/sheet1.xml": new Uint8Array(30 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(200_000);
    const r = await rejected(writeTemp("202603_TILT130_bomb.xlsx", bomb));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/ville blitt 30 MB utpakket \(høyst 50 MB godtas\)\. Den pakkes ikke ut\./);
  });

  it("an absurd number of shared strings or rows: refused before the XML is parsed", async () => {
    const sst = await rejected(
      brokenCopy(dir, T130, (p) => ({
        ...p,
        "xl/sharedStrings.xml": p["xl/sharedStrings.xml"]!.replace(/uniqueCount="\d+"/, 'uniqueCount="5000000"'),
      })),
    );
    expect(sst.code).toBe(1);
    expect(sst.err).toMatch(/Arbeidsboken har 5000000 tekster \(høyst 100000 godtas\)/);
    const rows = await rejected(
      brokenCopy(dir, T130, (p) => {
        const part = dataSheetPart(p);
        const filler = Array.from({ length: 25_000 }, (_, i) => `<row r="${1000 + i}"/>`).join("");
        return { ...p, [part]: p[part]!.replace("</sheetData>", `${filler}</sheetData>`) };
      }),
    );
    expect(rows.code).toBe(1);
    expect(rows.err).toMatch(/Arket har 250\d\d rader .*\(høyst 20000 rader/);
  });

  it("a file over the size limit is a file problem (exit 2), not read into memory", async () => {
    const big = writeTemp("202603_TILT130_stor.xlsx", new Uint8Array(11 * 1024 * 1024));
    const r = await cli(["import", big]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/er 11 MB – for stor/);
  });

  it("a text cell where a figure belongs, named by its cell", async () => {
    const r = await rejected(
      brokenCopy(dir, T130, (p) => {
        const part = dataSheetPart(p);
        return {
          ...p,
          [part]: p[part]!.replace(/<c r="C7"([^>]*)><v>[^<]*<\/v><\/c>/, '<c r="C7" t="inlineStr"><is><t>mange</t></is></c>'),
        };
      }),
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/celle C7\): «Fag- og yrkesopplæring» i 1\. måned er «mange», verken et tall, «\*» eller tom\./);
  });

  it("prikk refuses a workbook already suppressed (NAV's published time series): it needs raw figures", async () => {
    const r = await cli(["prikk", join(dir, T130), "--ut", join(dir, "prikket.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/trenger rå tall, men «.*» har «\*» i celle [A-Z]+\d+/);
    expect(r.out).toBe("");
  });
});

describe("two files with the same last month", () => {
  const base = { code: 130, year: 2026, last: 3 } as const;

  it("the same file under both name styles: one «Merk», imported once", async () => {
    const { dir: twice, files } = await tiltFolder(
      [
        { ...base, style: "compact" },
        { ...base, style: "dotted" },
      ],
      false,
    );
    const r = await cli(["import", ...files.map((f) => join(twice, f))]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Merk \(.*TILT130.*\): Filen har de samme månedene og tallene som «.*TILT130.*»; tallene brukes én gang\./);
    expect(r.out).toMatch(/Godkjent: 2 filer, 3 måneder/);
  });

  it("different figures for the same months and last month: rejected, both named", async () => {
    const { dir: two, files } = await tiltFolder(
      [
        { ...base, style: "compact" },
        { ...base, style: "dotted", revision: { row: "Arbeidsmarkedsopplæring (AMO)", malgruppe: "Andre", month: 1, delta: 3 } },
      ],
      false,
    );
    const r = await rejected(join(two, files[0]!), join(two, files[1]!));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /TILT130 for Januar 2026 finnes både i «.*» og i «.*», med samme siste måned og ulike tall\. Fjern den ene filen\./,
    );
  });
});

describe("tolerated layout variations", () => {
  it("a block without a header row of its own takes the nearest one above", async () => {
    // TILT130 2026: Arbeidssøkere's header is row 4, its rows 5–9, a blank row 10, Nedsatt arbeidsevne's header row 11.
    const path = brokenCopy(dir, T130, (p) => {
      const part = dataSheetPart(p);
      expect(p[part]).toMatch(/<row r="11"[^>]*>.*?<\/row>/);
      return { ...p, [part]: p[part]!.replace(/<row r="11"[^>]*>.*?<\/row>/, "") };
    });
    const r = await cli(["import", path]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
  });
});

describe("formulas anywhere in the workbook", () => {
  it("a formula on another sheet («Tiltak og fylke») is refused too, named by its sheet and cell", async () => {
    const r = await rejected(
      brokenCopy(dir, T130, (p) => {
        const id = /name="Tiltak og fylke"[^>]*r:id="([^"]+)"/.exec(p["xl/workbook.xml"]!)![1]!;
        const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(p["xl/_rels/workbook.xml.rels"]!)![1]!;
        const part = `xl/${target}`;
        return { ...p, [part]: p[part]!.replace(/(<c r="B3"[^>]*>)<v>/, "$1<f>1+1</f><v>") };
      }),
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/ark «Tiltak og fylke», celle B3\): Cellen har en formel\. Formler beregnes aldri/);
  });
});
