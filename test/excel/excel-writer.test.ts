// The Excel writer against the Excel simulator: the resulting workbook state, round trips, and
// that the user's sheets and cells survive everything the add-in does (the user's own sheets,
// names and moved blocks: excel-writer-user-sheets.test.ts).

import { describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { buildLayouts, layoutText, type SheetLayout } from "../../src/core/layout.js";
import { changeLongTable, tiltakLongTable } from "../../src/core/pivot.js";
import { charsToPoints } from "../../src/excel/sheet-specs.js";
import { MARKER_KEY } from "../../src/excel/ownership.js";
import { columnLetters, parseSheetReference } from "@nav-tiltak/a1";
import { insert, refresh, sheetSpecs } from "../../src/excel/writer.js";
import { fakeHost, trimText, userDoes, widenDataset, workbookState } from "../helpers/excel-fake.js";
import { groupNameRows, parseGroupName } from "../helpers/group-names.js";

const ds = BUNDLED_DATASET;
const layouts = buildLayouts(ds);
const layoutByKey = new Map(layouts.map((l) => [l.key, l]));
const layout = (key: SheetLayout["key"]) => layoutByKey.get(key)!;

async function inserted(options: Parameters<typeof fakeHost>[0] = {}) {
  const h = fakeHost(options);
  const report = await insert(h.host, { dataset: ds, sheets: "all" });
  expect(report.ok, JSON.stringify(report.messages)).toBe(true);
  return { ...h, report };
}

describe("insert all: the sheets are the core's layouts", () => {
  it("writes every layout's cells as Excel displays them (nb-NO), formats and bold rows", async () => {
    const { fake } = await inserted();
    for (const l of layouts) {
      const sheet = fake.state.sheet(l.name);
      expect(trimText(fake.state.sheetText(l.name)), l.name).toEqual(trimText(layoutText(l)));
      l.cells.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v === null) return;
          // Text Excel would parse (the period line, "§ 2-6" notes) is written with "@".
          const format = typeof v === "string" && /\d/.test(v) && l.numberFormats[r]![c] === "General" ? "@" : l.numberFormats[r]![c];
          expect(sheet.numberFormats[r]![c], `${l.name}!${columnLetters(c)}${r + 1}`).toBe(format);
        }),
      );
      for (let r = 0; r < l.cells.length; r++) {
        if (l.cells[r]![0] === null) continue;
        expect(sheet.bold[r]![0], `${l.name} row ${r + 1} bold`).toBe(l.boldRows.includes(r));
      }
      expect(sheet.frozenRows).toBe(l.freezeRows);
      l.columnWidths.forEach((w, c) => expect(sheet.columnWidths[columnLetters(c)]).toBe(charsToPoints(w)));
      expect(sheet.customProperties[MARKER_KEY]).toBe(l.key);
    }
  });

  it("shows the published figures, «*» where published, numbers right-aligned", async () => {
    const { fake } = await inserted();
    const text = fake.state.sheetText("Tiltak og hovedgrupper");
    const row = (label: string) => text.find((r) => r[0] === label)!;
    expect(row("I alt").slice(1, 5)).toEqual(["83 484", "2 951", "20 331", "60 202"]);
    expect(row("Avklaring i skjermet virksomhet").slice(1, 5)).toEqual(["592", "*", "*", "590"]);
    expect(row("Nettbasert arbeidsmarkedsopplæring (AMO)").slice(1, 5)).toEqual(["*", "", "*", "*"]);
    const sheet = fake.state.sheet("Tiltak og hovedgrupper");
    const r = text.findIndex((x) => x[0] === "Avklaring i skjermet virksomhet");
    expect(sheet.values[r]![1]).toBe(592); // a number with the #,##0 format, not text
    expect(sheet.formats[r]![2]!.horizontalAlignment).toBe("Right");
    expect(sheet.formats[r]![1]!.horizontalAlignment).toBe("Right");
  });

  it("draws rules like the publication: under headers, above subtotals, under each block", async () => {
    const { fake } = await inserted();
    for (const l of layouts) {
      const f = fake.state.sheet(l.name).formats;
      for (const b of l.blocks) {
        for (let c = 0; c < b.columns; c++) {
          expect(f[b.headerRow]![c]!.borders.bottom.style, `${l.name} header`).toBe("Continuous");
          expect(f[b.lastRow]![c]!.borders.bottom.style, `${l.name} last row`).toBe("Continuous");
          for (const t of b.totalRows.filter((t) => t !== b.firstRow)) {
            expect(f[t]![c]!.borders.top.style, `${l.name} total row ${t + 1}`).toBe("Continuous");
          }
        }
        expect(f[b.headerRow]![1]!.wrapText).toBe(true);
      }
    }
    // The § 2-6 note is on every table sheet.
    for (const l of layouts.filter((x) => x.key !== "om-tabellene")) {
      expect(fake.state.sheetText(l.name).some((r) => r[0]?.includes("§ 2-6"))).toBe(true);
    }
  });

  it("inserts all tables and the pivot ranges in at most 2 round trips", async () => {
    const { fake, report } = await inserted();
    expect(report.syncs).toBeLessThanOrEqual(2);
    expect(fake.stats.syncs).toBeLessThanOrEqual(2);
    expect(fake.stats.runs).toBe(1);
    expect(report.sheets.map((s) => s.status)).toEqual(new Array(9).fill("created"));
  });
});

describe("pivot-ready data", () => {
  it("a long table of facts without subtotals; suppressed cells have empty Antall and Prikket Ja", async () => {
    const { fake } = await inserted();
    const long = tiltakLongTable(ds);
    const table = fake.state.tables().find((t) => t.name === "NavTiltak")!;
    expect(table.sheet).toBe("Pivotdata tiltak");
    expect(table.headers).toEqual(["Periode", "Hovedgruppe", "Tiltaksgruppe", "Tiltak", "Antall", "Prikket"]);
    const values = fake.state.sheet("Pivotdata tiltak").values;
    const header = values.findIndex((r) => r[0] === "Periode");
    const body = values.slice(header + 1, header + 1 + long.rows.length);
    expect(body).toEqual(long.rows.map((r) => r.map((v) => (v === null ? "" : v))));
    expect(values.length).toBe(header + 1 + long.rows.length);
    expect(body.some((r) => String(r[3]).startsWith("I alt"))).toBe(false);
    const suppressed = body.filter((r) => r[5] === "Ja");
    expect(suppressed.length).toBeGreaterThan(0);
    expect(suppressed.every((r) => r[4] === "")).toBe(true);
    expect(body.filter((r) => r[5] === "Nei").every((r) => typeof r[4] === "number" && r[4] > 3)).toBe(true);
    // "2016-11" stays text (it is written after its "@" format).
    expect(body[0]![0]).toBe("2016-11");
  });

  it("a workbook name per hovedgruppe gives exactly its rows, through the table's structured references", async () => {
    const { fake } = await inserted();
    const values = fake.state.sheet("Pivotdata tiltak").values;
    const names = fake.state.names();
    for (const [name, hg] of [
      ["NAV_Arbeidssokere", "Arbeidssøkere på tiltak"],
      ["NAV_Nedsatt_arbeidsevne", "Nedsatt arbeidsevne, på tiltak"],
      ["NAV_Andre", "Andre på tiltak"],
    ] as const) {
      const n = names.find((x) => x.name === name)!;
      expect(n.comment).toMatch(/^NAV tiltak:/);
      expect(parseGroupName(n.formula)).toEqual({ table: "NavTiltak", column: "Hovedgruppe", value: hg });
      // No fixed address anywhere in it: nothing that sorting could leave behind.
      expect(parseSheetReference(n.formula)).toBeNull();
      expect(n.formula).not.toMatch(/\$?[A-Z]{1,3}\$?\d+|!/);
      const rows = groupNameRows(fake, name);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r[1] === hg)).toBe(true);
      expect(values.filter((r) => r[1] === hg).length).toBe(rows.length);
    }
    const endring = names.find((n) => n.name === "NAV_Endring_Arbeidssokere")!;
    expect(parseGroupName(endring.formula)).toMatchObject({ table: "NavTiltaksgruppeEndring", column: "Hovedgruppe" });
  });

  it("the changes table, and a real PivotTable on its own sheet", async () => {
    const { fake } = await inserted();
    const change = changeLongTable(ds);
    const t = fake.state.tables().find((x) => x.name === "NavTiltaksgruppeEndring")!;
    expect(t.headers).toEqual(change.columns);
    const values = fake.state.sheet("Pivotdata endring").values;
    const andreJobb = values.find((r) => r[1] === "Andre på tiltak" && r[2] === "Jobbskaping og egenetablering")!;
    expect(andreJobb.slice(3)).toEqual(["", "", "", "Nei", "Ja"]);
    // Beside the pivot's sums: NAV's published total, so the lower pivot sum is not read as NAV's.
    const pivotSheetText = trimText(fake.state.sheetText("Pivottabell"));
    expect(pivotSheetText[2]![0]).toMatch(/^NAVs publiserte totalsum \(I alt\) November 2016: 83 484\. Pivottabellens sum er lavere/);
    expect(pivotSheetText.find((r) => r[0] === "Totalsum")?.at(-1)).toBe("83 463");

    const [pivot] = fake.state.pivotTables();
    expect(pivot).toMatchObject({
      name: "NavTiltakPivot",
      sheet: "Pivottabell",
      source: "NavTiltak",
      rows: ["Tiltaksgruppe", "Tiltak"],
      columns: ["Hovedgruppe"],
    });
    expect(pivot!.data).toEqual([{ name: "Sum av Antall", field: "Antall", summarizeBy: "Sum", numberFormat: '#,##0;-#,##0;"*"' }]);
    // A sum of suppressed cells only is «*», never a 0 that reads as NAV's figure (Nettbasert AMO is
    // «*» in every hovedgruppe NAV published it for).
    const nettbasert = pivotSheetText.find((r) => r.includes("Nettbasert arbeidsmarkedsopplæring (AMO)"));
    expect(nettbasert, "the pivot has a Nettbasert AMO row").toBeDefined();
    const sums = nettbasert!.slice(nettbasert!.indexOf("Nettbasert arbeidsmarkedsopplæring (AMO)") + 1).filter((v) => v !== "");
    expect(sums.length).toBeGreaterThan(0);
    expect(
      sums.every((v) => v === "*"),
      sums.join(" | "),
    ).toBe(true);
    expect(pivotSheetText.flat()).not.toContain("0");
  });

  it("the PivotTable's «Periode» filter sits between the note and the report, and survives a refresh", async () => {
    const { fake, host } = await inserted();
    const text = fake.state.sheetText("Pivottabell");
    expect(text[0]![0]).toMatch(/pivottabell$/);
    expect(text[1]![0]).toMatch(/^Antall deltakere per tiltaksgruppe/);
    expect(text[2]![0]).toMatch(/^NAVs publiserte totalsum/); // the note beside the pivot's sums
    expect(text[3]!.slice(0, 2)).toEqual(["Periode", "(Alle)"]);
    expect(text[5]!.slice(0, 2)).toEqual(["Sum av Antall", "Kolonneetiketter"]);
    const report = await refresh(host, { dataset: ds });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(fake.state.sheetText("Pivottabell")).toEqual(text);
  });

  it("insertPivotRanges alone writes the three pivot sheets", async () => {
    const { fake, host } = fakeHost();
    const report = await insert(host, { dataset: ds, sheets: "pivot" });
    expect(report.ok).toBe(true);
    expect(report.syncs).toBeLessThanOrEqual(2);
    expect(fake.state.sheetNames()).toEqual(["Ark1", "Pivotdata tiltak", "Pivotdata endring", "Pivottabell"]);
  });
});

describe("refresh", () => {
  it("takes at most 2 round trips and is idempotent", async () => {
    const { fake, host } = await inserted();
    const afterInsert = workbookState(fake);
    fake.stats.reset();
    const first = await refresh(host, { dataset: ds });
    expect(first.ok).toBe(true);
    expect(first.syncs).toBeLessThanOrEqual(2);
    expect(fake.stats.syncs).toBeLessThanOrEqual(2);
    expect(first.sheets.every((s) => s.status === "updated")).toBe(true);
    const once = workbookState(fake);
    expect(once).toEqual(afterInsert);
    await refresh(host, { dataset: ds });
    expect(workbookState(fake)).toEqual(once);
  });

  it("inserting again rewrites in place instead of adding sheets", async () => {
    const { fake, host } = await inserted();
    const before = workbookState(fake);
    const again = await insert(host, { dataset: ds, sheets: ["hovedgrupper"] });
    expect(again.sheets).toMatchObject([{ sheet: "Hovedgrupper", status: "updated" }]);
    expect(workbookState(fake)).toEqual(before);
  });

  it("keeps every cell of the user's own sheets, and user cells beside the add-in's tables", async () => {
    const { fake, host } = await inserted();
    await userDoes(fake, (ctx) => {
      const mine = ctx.workbook.worksheets.add("Mine tall");
      mine.getRange("A1:C2").values = [
        ["Tiltak", "Antall", "Merknad"],
        ["Arbeidstrening", 15947, "sjekket"],
      ];
      mine.getRange("D5").formulas = [["='Tiltak og hovedgrupper'!B6*2"]];
      ctx.workbook.worksheets.getItem("Hovedgrupper").getRange("H2:H3").values = [["Min kommentar"], [42]];
      ctx.workbook.worksheets.getItem("Ark1").getRange("B2").values = [["ark1"]];
    });
    const mineBefore = fake.state.sheet("Mine tall");
    const report = await refresh(host, { dataset: ds });
    expect(report.ok).toBe(true);
    expect(report.syncs).toBeLessThanOrEqual(2);
    expect(fake.state.sheet("Mine tall")).toEqual(mineBefore);
    expect(fake.state.getValues("Hovedgrupper", "H2:H3")).toEqual([["Min kommentar"], [42]]);
    expect(fake.state.getValues("Ark1", "B2")).toEqual([["ark1"]]);
    expect(trimText(fake.state.sheetText("Hovedgrupper").map((r) => r.slice(0, 4)))).toEqual(trimText(layoutText(layout("hovedgrupper"))));
  });

  it("keeps the user's edits in the add-in's own cells on a sheet of their own, and says so", async () => {
    const { fake, host } = await inserted();
    await userDoes(fake, (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Hovedgrupper");
      ws.getRange("B6").values = [[99999]];
      ws.getRange("C3").values = [["min merknad"]];
    });
    const report = await refresh(host, { dataset: ds });
    expect(report.ok).toBe(true);
    expect(report.syncs).toBe(2); // the edits were read in the first, and copied first in the second
    const kept = report.sheets.find((s) => s.key === "hovedgrupper")!.keptAs!;
    expect(kept).toBe("Hovedgrupper (endret)");
    expect(fake.state.getValues(kept, "B6")).toEqual([[99999]]);
    expect(fake.state.getValues(kept, "C3")).toEqual([["min merknad"]]);
    expect(fake.state.sheetText("Hovedgrupper")[5]![1]).toBe("83 484");
    expect(report.messages.some((m) => m.level === "warning" && m.text.includes("«Hovedgrupper (endret)»"))).toBe(true);
    // The kept copy is the user's: a second refresh leaves it alone.
    const second = await refresh(host, { dataset: ds });
    expect(second.syncs).toBeLessThanOrEqual(2);
    expect(fake.state.getValues(kept, "B6")).toEqual([[99999]]);
    expect(fake.state.sheetNames().filter((n) => n.startsWith("Hovedgrupper"))).toEqual(["Hovedgrupper", "Hovedgrupper (endret)"]);
  });

  it("when saving the user's edits fails, nothing of the add-in's is rewritten, the message says so, and Oppdater finishes", async () => {
    const { fake, host } = await inserted();
    await userDoes(fake, (ctx) => {
      ctx.workbook.worksheets.getItem("Hovedgrupper").getRange("B7").values = [[12345]];
    });
    // Fail the attempt to add the "(endret)" sheet (Excel busy, say).
    fake.failOn({
      when: (op) => op.object === "WorksheetCollection" && op.member === "add" && String(op.args[0]).includes("(endret)"),
      code: "GeneralException",
    });
    const report = await refresh(host, { dataset: ds });
    expect(report.ok).toBe(false);
    const text = report.messages.at(-1)!.text;
    expect(text).toContain("Endringene dine på «Hovedgrupper» står urørt der.");
    expect(text).toMatch(/Ikke fullført: «Om tabellene», «Hovedgrupper»/);
    expect(text).not.toMatch(/Ferdig skrevet|Ctrl\+Z|beskyttet/);
    expect(fake.state.getValues("Hovedgrupper", "B7")).toEqual([[12345]]);

    const again = await refresh(host, { dataset: ds });
    expect(again.ok, JSON.stringify(again.messages)).toBe(true);
    const kept = again.sheets.find((s) => s.key === "hovedgrupper")!.keptAs!;
    expect(kept).toBe("Hovedgrupper (endret)");
    expect(fake.state.getValues(kept, "B7")).toEqual([[12345]]);
    expect(fake.state.sheetText("Hovedgrupper")[6]![1]).toBe("20 331");
  });

  it("follows a sheet the user renamed, and does not mistake a sorted table for an edit", async () => {
    const { fake, host } = await inserted();
    await userDoes(fake, (ctx) => {
      ctx.workbook.worksheets.getItem("Hovedgrupper").name = "HG";
    });
    // Sort the long table's body by writing its rows in reverse order (what Data > Sort does).
    const values = fake.state.sheet("Pivotdata tiltak").values;
    const header = values.findIndex((r) => r[0] === "Periode");
    const body = values.slice(header + 1);
    fake.state.setValues("Pivotdata tiltak", `A${header + 2}:F${header + 1 + body.length}`, [...body].reverse());
    const report = await refresh(host, { dataset: ds });
    expect(report.ok).toBe(true);
    expect(report.sheets.every((s) => !s.keptAs)).toBe(true);
    expect(fake.state.sheetNames()).not.toContain("Hovedgrupper");
    expect(fake.state.sheetText("HG")[5]![1]).toBe("83 484");
  });

  it("recreates deleted add-in sheets, with their table, names and PivotTable, without duplicates", async () => {
    const { fake, host } = await inserted();
    const before = workbookState(fake) as { names: unknown[] };
    await userDoes(fake, (ctx) => {
      ctx.workbook.worksheets.getItem("Tiltaksgrupper").delete();
      ctx.workbook.worksheets.getItem("Pivotdata tiltak").delete();
    });
    const report = await refresh(host, { dataset: ds });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(report.syncs).toBeLessThanOrEqual(2);
    expect(
      report.sheets
        .filter((s) => s.status === "recreated")
        .map((s) => s.sheet)
        .sort(),
    ).toEqual(["Pivotdata tiltak", "Tiltaksgrupper"]);
    expect(trimText(fake.state.sheetText("Tiltaksgrupper"))).toEqual(trimText(layoutText(layout("tiltaksgrupper"))));
    expect(
      fake.state
        .tables()
        .map((t) => t.name)
        .sort(),
    ).toEqual(["NavTiltak", "NavTiltaksgruppeEndring"]);
    expect(fake.state.pivotTables()).toHaveLength(1);
    expect(fake.state.pivotTables()[0]!.source).toBe("NavTiltak");
    const names = fake.state.names();
    expect(names.length).toBe(before.names.length);
    expect(names.every((n) => !n.formula.includes("#REF"))).toBe(true);
  });

  it("reports a protected add-in sheet instead of writing it", async () => {
    const { fake, host } = await inserted();
    await userDoes(fake, (ctx) => ctx.workbook.worksheets.getItem("Hovedgrupper").protection.protect());
    fake.state.setValues("Tiltaksgrupper", "B6", [[1]]); // an edit on another sheet, to see it refreshed
    const protectedBefore = fake.state.sheet("Hovedgrupper");
    const report = await refresh(host, { dataset: ds });
    expect(report.ok).toBe(true);
    expect(report.sheets.find((s) => s.key === "hovedgrupper")!.status).toBe("skipped");
    expect(report.messages.some((m) => m.level === "warning" && m.text.includes("«Hovedgrupper» er beskyttet"))).toBe(true);
    expect(fake.state.sheet("Hovedgrupper")).toEqual(protectedBefore);
    expect(fake.state.sheetText("Tiltaksgrupper")[5]![1]).toBe("83 484");
  });

  it("says so when there is nothing to refresh", async () => {
    const { host } = fakeHost();
    const report = await refresh(host, { dataset: ds });
    expect(report.ok).toBe(true);
    expect(report.syncs).toBe(1);
    expect(report.messages[0]!.text).toMatch(/Fant ingen ark fra NAV tiltak/);
  });
});

/** A user's own sheet with content, before the add-in runs. */
const BUDGET = [
  ["Post", "Beløp"],
  ["Lønn", 1200],
];
const budgetWorkbook = () => fakeHost({ sheets: [{ name: "Budsjett", cells: { A1: BUDGET.map((r) => [...r]) } }] });

describe("errors and old hosts", () => {
  it("reports an Excel error in the middle of an operation and loses none of the user's cells", async () => {
    const { fake, host } = budgetWorkbook();
    let writes = 0;
    fake.failOn({ when: (op) => op.object === "Range" && op.member === "values" && ++writes === 4, code: "GeneralException" });
    const failed = await insert(host, { dataset: ds, sheets: "all" });
    expect(failed.ok).toBe(false);
    expect(failed.messages.some((m) => m.level === "error" && m.text.startsWith("Excel stoppet operasjonen: GeneralException"))).toBe(true);
    expect(fake.state.getValues("Budsjett", "A1:B2")).toEqual(BUDGET);

    // Trying again finishes the job: no duplicate sheets, no false "edited" copies.
    fake.clearFailures();
    const retry = await insert(host, { dataset: ds, sheets: "all" });
    expect(retry.ok, JSON.stringify(retry.messages)).toBe(true);
    expect(retry.sheets.every((s) => !s.keptAs)).toBe(true);
    const clean = budgetWorkbook();
    await insert(clean.host, { dataset: ds, sheets: "all" });
    expect(fake.state.sheetNames()).toEqual(clean.fake.state.sheetNames());
    for (const l of layouts) expect(fake.state.sheetText(l.name)).toEqual(clean.fake.state.sheetText(l.name));
  });

  it("an error while refreshing leaves the user's sheets untouched", async () => {
    const { fake, host } = await inserted();
    fake.state.setValues("Ark1", "A1:B1", [["mitt", 7]]);
    fake.failOn({ when: (op) => op.object === "Table" || op.member === "refresh" });
    const before = fake.state.sheet("Ark1");
    const report = await refresh(host, { dataset: ds });
    expect(report.ok).toBe(false);
    expect(report.messages.at(-1)!.text).toMatch(/Trykk «Oppdater» for å gjøre ferdig/);
    expect(report.messages.at(-1)!.text).not.toMatch(/Ctrl\+Z|beskyttet/);
    expect(fake.state.sheet("Ark1")).toEqual(before);
  });

  it("without ExcelApi 1.8 and 1.12: tables and names, no PivotTable, with a message", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.7" });
    const report = await insert(host, { dataset: ds, sheets: "all" });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(report.syncs).toBeLessThanOrEqual(2);
    expect(fake.state.sheetNames()).not.toContain("Pivottabell");
    expect(fake.state.tables().map((t) => t.name)).toContain("NavTiltak");
    expect(report.messages.some((m) => m.level === "warning" && m.text.includes("ExcelApi 1.8"))).toBe(true);
    expect(fake.state.sheet("Hovedgrupper").customProperties).toEqual({});
    // Ownership still works through the index: refresh rewrites, never duplicates.
    const names = fake.state.sheetNames();
    const again = await refresh(host, { dataset: ds });
    expect(again.ok).toBe(true);
    expect(again.sheets.every((s) => s.status === "updated")).toBe(true);
    expect(fake.state.sheetNames()).toEqual(names);
  });

  it("refuses politely on a host older than the manifest's minimum", async () => {
    const { fake, host } = fakeHost({ apiVersion: "1.6" });
    const report = await insert(host, { dataset: ds, sheets: "all" });
    expect(report.ok).toBe(false);
    expect(report.syncs).toBe(0);
    expect(report.messages[0]!.text).toMatch(/ExcelApi 1\.7/);
    expect(fake.state.sheetNames()).toEqual(["Ark1"]);
  });

  it("a new month with other row counts: tables follow (resized where 1.13 allows, else rebuilt)", async () => {
    for (const apiVersion of ["1.12", "1.17"]) {
      const { fake, host } = fakeHost({ apiVersion });
      await insert(host, { dataset: ds, sheets: "all" });
      const tableId = fake.state.tables().find((t) => t.name === "NavTiltak")!.id;
      const wider = widenDataset(ds, 2);
      const report = await refresh(host, { dataset: wider });
      expect(report.ok, `${apiVersion}: ${JSON.stringify(report.messages)}`).toBe(true);
      expect(report.sheets.every((s) => !s.keptAs)).toBe(true);
      const table = fake.state.tables().find((t) => t.name === "NavTiltak")!;
      const rows = tiltakLongTable(wider).rows.length;
      expect(table.address).toBe(`'Pivotdata tiltak'!A4:F${4 + rows}`);
      // Resized in place where Table.resize exists (PivotTables the user built on it keep working).
      expect(table.id === tableId).toBe(apiVersion === "1.17");
      expect(fake.state.tables()).toHaveLength(2);
      expect(fake.state.pivotTables()).toHaveLength(1);
      expect(trimText(fake.state.sheetText("Tiltak og hovedgrupper"))).toEqual(trimText(layoutText(buildLayouts(wider)[5]!)));
    }
  });
});

describe("writes are blocks, not cells", () => {
  it("queued calls stay flat when the dataset has ten times the tiltak", async () => {
    const small = fakeHost();
    await insert(small.host, { dataset: ds, sheets: "all" });
    const big = fakeHost();
    const wide = widenDataset(ds, 10);
    const report = await insert(big.host, { dataset: wide, sheets: "all" });
    expect(report.ok).toBe(true);
    const cells = async (d: typeof ds) =>
      (await sheetSpecs({ dataset: d }, "all")).reduce((n, s) => n + s.values.length * s.values[0]!.length, 0);
    expect((await cells(wide)) / (await cells(ds))).toBeGreaterThan(3);
    expect(tiltakLongTable(wide).rows.length).toBe(10 * tiltakLongTable(ds).rows.length);
    expect(big.fake.stats.queuedCalls).toBeLessThanOrEqual(small.fake.stats.queuedCalls + 10);
    expect(big.fake.stats.syncs).toBeLessThanOrEqual(2);
  });
});

describe("the summary the pane announces", () => {
  it("names every sheet made, updated and skipped, and says when there are notes", async () => {
    const { host, fake } = fakeHost();
    const first = await insert(host, { dataset: ds, sheets: ["hovedgrupper", "tiltaksgrupper"] });
    expect(first.summary).toBe("2 ark satt inn: «Hovedgrupper» og «Tiltaksgrupper».");
    fake.state.setValues("Hovedgrupper", "B6", [[1]]);
    const again = await insert(host, { dataset: ds, sheets: ["om-tabellene", "hovedgrupper", "tiltaksgrupper"] });
    expect(again.summary).toBe("1 ark satt inn: «Om tabellene». 2 ark oppdatert: «Hovedgrupper» og «Tiltaksgrupper». Se merknadene under.");
    expect(again.messages.map((m) => m.text).join(" ")).toContain("«Hovedgrupper (endret)»");
  });

  it("the Pivottabell's columns are as wide as their longest name or heading", async () => {
    const { host, fake } = fakeHost();
    await insert(host, { dataset: ds, sheets: "pivot" });
    const widest = (names: string[]) => charsToPoints(Math.max(...names.map((n) => n.length + 4)));
    expect(fake.state.getColumnWidth("Pivottabell", "B")).toBe(widest(ds.tiltak.map((t) => t.name)));
    expect(fake.state.getColumnWidth("Pivottabell", "C")).toBe(widest(ds.hovedgrupper.map((g) => g.name)));
    // The notes wrap in column A instead of running off to the right.
    expect(fake.state.getCellFormat("Pivottabell", "A3").wrapText).toBe(true);
  });
});
