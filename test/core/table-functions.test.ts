// =NAV.TABELL and =NAV.DATA (src/core/table-functions.ts through src/core/functions.ts): the arrays
// they spill are the inserted sheets' bodies and the pivot-ready tables, cell for cell.

import { beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { FunctionError, NavFunctions, type ArrayResult, type FunctionResult } from "../../src/core/functions.js";
import { buildLayouts, SHEET_NAMES } from "../../src/core/layout.js";
import { changeLongTable, tiltakLongTable } from "../../src/core/pivot.js";
import { tableRegion, tablesOf, type TableFunctions } from "../../src/core/table-functions.js";
import type { Dataset } from "../../src/core/types.js";
import { insert } from "../../src/excel/writer.js";
import { fakeHost } from "../helpers/excel-fake.js";
import { makeRawDataset } from "../helpers/raw-dataset.js";

const ds = BUNDLED_DATASET;
const fns: TableFunctions = tablesOf(new NavFunctions(ds));
const layouts = buildLayouts(ds);

function value(r: FunctionResult<ArrayResult>): ArrayResult {
  if (r.error) throw new Error(`expected a value, got ${r.error.kind}: ${r.error.message}`);
  return r.value;
}
function error(r: FunctionResult<ArrayResult>): FunctionError {
  if (!r.error) throw new Error(`expected an error, got ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error;
}

describe("NAV.TABELL is the inserted sheet's body", () => {
  // What Excel holds on each inserted sheet, read back through the API as a user's formula would see it.
  let sheetValues: Map<string, unknown[][]>;
  beforeAll(async () => {
    const { fake, host } = fakeHost();
    const report = await insert(host, { dataset: ds, sheets: "all" });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    sheetValues = new Map();
    await fake.runAsExcel(async (ctx) => {
      const ranges = layouts.map((l) => [l.name, ctx.workbook.worksheets.getItem(l.name).getUsedRange().load("values")] as const);
      await ctx.sync();
      for (const [name, range] of ranges) sheetValues.set(name, range.values);
    });
  });

  for (const l of layouts) {
    it(`«${l.name}»: the spilled rows are the sheet's rows from the first heading to the last table row`, () => {
      const spilled = value(fns.tabell(l.name));
      const { firstRow, lastRow, columns } = tableRegion(l);
      const sheet = sheetValues.get(l.name)!;
      const expected = sheet.slice(firstRow, lastRow + 1).map((row) => row.slice(0, columns));
      expect(spilled).toEqual(expected);
      // The whole table, not a slice of it: the last table row is the sheet's last before the notes.
      expect(spilled.length).toBe(lastRow - firstRow + 1);
    });
  }

  it("keeps numbers as numbers and «*» as published", () => {
    const rows = value(fns.tabell("Tiltak og hovedgrupper"));
    expect(rows[0]).toEqual(["", "I alt", "Andre på tiltak", "Arbeidssøkere på tiltak", "Nedsatt arbeidsevne, på tiltak"]);
    expect(rows.find((r) => r[0] === "I alt")).toEqual(["I alt", 83484, 2951, 20331, 60202]);
    expect(rows.find((r) => r[0] === "Avklaring i skjermet virksomhet")).toEqual(["Avklaring i skjermet virksomhet", 592, "*", "*", 590]);
    expect(rows.find((r) => r[0] === "Nettbasert arbeidsmarkedsopplæring (AMO)")).toEqual([
      "Nettbasert arbeidsmarkedsopplæring (AMO)",
      "*",
      "",
      "*",
      "*",
    ]);
  });

  it("spills a rectangle (Excel needs every row equally wide)", () => {
    for (const l of layouts) {
      const rows = value(fns.tabell(l.key));
      expect(new Set(rows.map((r) => r.length)).size, l.name).toBe(1);
    }
  });

  it("gives the notes for «Om tabellene», which has no table", () => {
    expect(value(fns.tabell("Om tabellene")).map((r) => r[0])).toEqual(ds.notes);
  });
});

describe("NAV.TABELL names and periods", () => {
  it("takes the pane's names in any case and spacing, the layout keys and short forms", () => {
    const hg = value(fns.tabell("Hovedgrupper"));
    for (const name of ["hovedgrupper", "  HOVEDGRUPPER ", "hovedgruppe"]) expect(value(fns.tabell(name)), name).toEqual(hg);
    expect(value(fns.tabell("tiltak"))).toEqual(value(fns.tabell(SHEET_NAMES["tiltak-og-hovedgrupper"])));
    expect(value(fns.tabell("per hovedgruppe"))).toEqual(value(fns.tabell("Tiltaksgrupper per hovedgruppe")));
    expect(value(fns.tabell("tiltaksgrupper × hovedgrupper"))).toEqual(value(fns.tabell("Tiltaksgrupper x hovedgrupper")));
    expect(value(fns.tabell("tiltaksgrupper-x-hovedgrupper"))).toEqual(value(fns.tabell("Tiltaksgrupper x hovedgrupper")));
  });

  it("a misspelling gets #VALUE! with a suggestion, as the other functions do", () => {
    const e = error(fns.tabell("Tiltaksgruper"));
    expect(e.kind).toBe("VALUE");
    expect(e.message).toMatch(/^Ukjent tabell «Tiltaksgruper»\. Mente du «Tiltaksgrupper»/);
    expect(error(fns.tabell("qqq")).message).toContain("Tabellene er «Om tabellene», «Hovedgrupper»");
    expect(error(fns.tabell("")).message).toMatch(/^Navnet på tabellen mangler/);
  });

  it("the published name shared by two tables asks which one", () => {
    const e = error(fns.tabell("Tiltaksgrupper og hovedgrupper"));
    expect(e.kind).toBe("VALUE");
    expect(e.message).toContain("«Tiltaksgrupper per hovedgruppe» eller «Tiltaksgrupper x hovedgrupper»");
  });

  it("an unknown period is #N/A, as for the other functions", () => {
    const e = error(fns.tabell("Hovedgrupper", "2015-11"));
    expect(e.kind).toBe("NA");
    expect(e.message).toMatch(/^Perioden 2015-11 finnes ikke/);
    expect(value(fns.tabell("Hovedgrupper", "2016-11"))).toEqual(value(fns.tabell("Hovedgrupper")));
  });
});

describe("NAV.TABELL over several periods", () => {
  const two: Dataset = makeRawDataset({ periods: ["2016-10", "2016-11"], seed: 7 });
  const f = tablesOf(new NavFunctions(two));

  it("gives each period's own sheet body; the newest by default", () => {
    for (const period of ["2016-10", "2016-11"]) {
      const l = buildLayouts(two, period).find((x) => x.key === "tiltak-og-hovedgrupper")!;
      const { firstRow, lastRow, columns } = tableRegion(l);
      const expected = l.cells.slice(firstRow, lastRow + 1).map((r) => r.slice(0, columns).map((v) => (v === null ? "" : v)));
      expect(value(f.tabell("Tiltak og hovedgrupper", period)), period).toEqual(expected);
    }
    expect(value(f.tabell("Tiltak"))).toEqual(value(f.tabell("Tiltak", "2016-11")));
    expect(value(f.tabell("Tiltak", "2016-10"))).not.toEqual(value(f.tabell("Tiltak", "2016-11")));
  });

  it("never spills a 1, 2 or 3 from a raw dataset: the sheets' suppression applies", () => {
    for (const l of buildLayouts(two)) {
      for (const row of value(f.tabell(l.key))) for (const cell of row.slice(1)) expect([1, 2, 3], l.name).not.toContain(cell);
    }
  });
});

describe("NAV.DATA is the pivot-ready table", () => {
  const tiltak = tiltakLongTable(ds);
  const changes = changeLongTable(ds);
  const asCells = (rows: unknown[][]) => rows.map((r) => r.map((v) => (v === null ? "" : v)));

  it("with no arguments: the header row and every row of the «Pivotklare data» table", () => {
    const rows = value(fns.data());
    expect(rows[0]).toEqual(["Periode", "Hovedgruppe", "Tiltaksgruppe", "Tiltak", "Antall", "Prikket"]);
    expect(rows.slice(1)).toEqual(asCells(tiltak.rows));
  });

  it("suppressed counts: empty Antall and Prikket = Ja, as on the sheet", () => {
    const rows = value(fns.data("Andre"));
    const row = rows.find((r) => r[3] === "Avklaring i skjermet virksomhet")!;
    expect(row).toEqual(["2016-11", "Andre på tiltak", "Avklaringstiltak", "Avklaring i skjermet virksomhet", "", "Ja"]);
    expect(rows.find((r) => r[3] === "Arbeidstrening")).toEqual([
      "2016-11",
      "Andre på tiltak",
      "Arbeidspraksis",
      "Arbeidstrening",
      171,
      "Nei",
    ]);
  });

  it("a hovedgruppe (short form or published name) keeps its rows; «I alt» keeps all", () => {
    const span = tiltak.spans.find((s) => s.short === "Arbeidssøkere")!;
    const expected = asCells(tiltak.rows.slice(span.first, span.first + span.count));
    expect(value(fns.data("Arbeidssøkere")).slice(1)).toEqual(expected);
    expect(value(fns.data("arbeidssøkere på tiltak")).slice(1)).toEqual(expected);
    expect(value(fns.data("I alt"))).toEqual(value(fns.data()));
  });

  it("«endring» gives the changes per tiltaksgruppe", () => {
    const rows = value(fns.data("", "", "endring"));
    expect(rows[0]).toEqual(changes.columns);
    expect(rows.slice(1)).toEqual(asCells(changes.rows));
    expect(value(fns.data(null, null, "Endringer"))).toEqual(rows);
    expect(value(fns.data(null, null, "tiltak"))).toEqual(value(fns.data()));
  });

  it("bad arguments: #VALUE! for a name, #N/A for a period, as for the other functions", () => {
    expect(error(fns.data("Andree")).message).toContain("Mente du «Andre»");
    const kind = error(fns.data("", "", "endrig"));
    expect([kind.kind, kind.message]).toEqual(["VALUE", "Ukjent innhold «endrig». Mente du «endring»?"]);
    expect(error(fns.data("", "2015-11")).kind).toBe("NA");
  });

  it("a period keeps that month's rows only", () => {
    const two = makeRawDataset({ periods: ["2016-10", "2016-11"], seed: 3 });
    const f = tablesOf(new NavFunctions(two));
    const all = value(f.data());
    const oct = value(f.data("I alt", "2016-10"));
    expect(oct.slice(1).every((r) => r[0] === "2016-10")).toBe(true);
    expect(oct.slice(1)).toEqual(all.slice(1).filter((r) => r[0] === "2016-10"));
    expect(oct.length).toBeGreaterThan(1);
    expect(all.length - 1).toBe(oct.length - 1 + value(f.data("I alt", "2016-11")).length - 1);
  });
});
