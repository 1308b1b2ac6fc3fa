// The .xlsx file read back with exceljs: every sheet, value, number format, bold/italic run, border,
// fill, column width, row height, frozen pane, table and name matches the in-memory workbook the
// add-in's writer built; what the file cannot hold (the PivotTable, hidden index names) is said.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { formatRect } from "@nav-tiltak/a1";
import { parseAddress, type CellFormat, type ViewCell, type WorkbookState } from "@nav-tiltak/excel-simulator";
import { addinXlsx } from "../../src/xlsx/addin-workbook.js";
import { pivotNote, pivotNotes } from "../../src/xlsx/export.js";

let state: WorkbookState;
let file: ExcelJS.Workbook;
let bytes: Buffer;

beforeAll(async () => {
  const result = await addinXlsx(BUNDLED_DATASET);
  state = result.built.fake.state;
  bytes = result.bytes;
  file = new ExcelJS.Workbook();
  await file.xlsx.load(bytes as unknown as ExcelJS.Buffer);
});

/** The sheets the add-in wrote (the new workbook's empty "Ark1" is not one of them). */
const addinSheets = () => state.sheetNames().filter((n) => state.usedRange(n) !== null);

const sheet = (name: string): ExcelJS.Worksheet => {
  const ws = file.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name} in the file`);
  return ws;
};

/** The pivot notes' cells, which the in-memory workbook does not have (row, col 0-based). */
function noteCells(): Set<string> {
  return new Set(pivotNotes(state).map((n) => `${n.sheet}!${n.row},${n.col}`));
}

/** A file cell's value in the in-memory workbook's terms ("" for an empty cell). */
function fileValue(cell: ExcelJS.Cell): string | number | boolean {
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "object") throw new Error(`unexpected ${JSON.stringify(v)} in ${cell.address}`);
  return v as string | number | boolean;
}

/** OOXML border style read back → Office.js style/weight, written out independently of the exporter. */
const BORDER_BACK: Record<string, string> = {
  thin: "Continuous/Thin",
  medium: "Continuous/Medium",
  thick: "Continuous/Thick",
  hair: "Continuous/Hairline",
};

function sideOf(f: CellFormat, side: "top" | "bottom" | "left" | "right"): string | null {
  const b = f.borders[side];
  return b.style === "None" ? null : `${b.style}/${b.weight}/${b.color}`;
}

function fileSide(cell: ExcelJS.Cell, side: "top" | "bottom" | "left" | "right"): string | null {
  const b = cell.border?.[side];
  if (!b?.style) return null;
  const color = b.color?.argb ? `#${b.color.argb.slice(2)}` : "#000000";
  return `${BORDER_BACK[b.style] ?? b.style}/${color}`;
}

/** Calls `check` for every cell of every add-in sheet, except the pivot note the file adds. */
function eachCell(check: (where: string, cell: ViewCell, got: ExcelJS.Cell) => void): void {
  const notes = noteCells();
  for (const name of addinSheets()) {
    const ws = sheet(name);
    state.sheetView(name).cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (notes.has(`${name}!${r},${c}`)) return;
        const got = ws.getCell(r + 1, c + 1);
        check(`${name}!${got.address}`, cell, got);
      }),
    );
  }
}

describe("nav-tiltak xlsx: the file holds what the add-in's writer built", () => {
  it("has every sheet the add-in wrote, in order, and no empty extra sheet", () => {
    expect(addinSheets()).toHaveLength(9);
    expect(file.worksheets.map((ws) => ws.name)).toEqual(addinSheets());
  });

  it("has every cell's value and number format", () => {
    const diffs: string[] = [];
    let numbers = 0;
    eachCell((where, cell, got) => {
      const value = fileValue(got);
      if (value !== cell.value) diffs.push(`${where}: value ${JSON.stringify(value)}, want ${JSON.stringify(cell.value)}`);
      const fmt = got.numFmt ?? "General";
      if (fmt !== cell.format.numberFormat) diffs.push(`${where}: format ${fmt}, want ${cell.format.numberFormat}`);
      if (typeof cell.value === "number") numbers++;
    });
    expect(diffs).toEqual([]);
    expect(numbers).toBeGreaterThan(500);
    // Cells the publication shows: a total, a suppressed cell, a negative change.
    expect(sheet("Hovedgrupper").getCell("B6").value).toBe(83484);
    expect(sheet("Hovedgrupper").getCell("B6").numFmt).toBe("#,##0");
    expect(sheet("Tiltak og hovedgrupper").getCell("C8").value).toBe("*");
  });

  it("keeps the published look: bold totals, italics, sizes, colours, fills, borders, wrapping", () => {
    const diffs: string[] = [];
    let bold = 0;
    let bordered = 0;
    eachCell((where, cell, got) => {
      const f = cell.format;
      const fill = got.fill?.type === "pattern" && got.fill.pattern === "solid" ? `#${got.fill.fgColor?.argb?.slice(2)}` : "#FFFFFF";
      const h = got.alignment?.horizontal;
      const seen = {
        bold: got.font?.bold === true,
        italic: got.font?.italic === true,
        size: got.font?.size ?? 11,
        color: got.font?.color?.argb ? `#${got.font.color.argb.slice(2)}` : "#000000",
        fill,
        wrap: got.alignment?.wrapText === true,
        hAlign: h === undefined ? "General" : h[0]!.toUpperCase() + h.slice(1),
        borders: (["top", "bottom", "left", "right"] as const).map((side) => fileSide(got, side)),
      };
      const want = {
        bold: f.bold,
        italic: f.italic,
        size: f.fontSize,
        color: f.fontColor,
        fill: f.fillColor,
        wrap: f.wrapText,
        hAlign: f.horizontalAlignment,
        borders: (["top", "bottom", "left", "right"] as const).map((side) => sideOf(f, side)),
      };
      if (JSON.stringify(seen) !== JSON.stringify(want)) diffs.push(`${where}: ${JSON.stringify(seen)}, want ${JSON.stringify(want)}`);
      // A font entry without a face makes readers pick their own default.
      if (got.font && (got.font.name !== f.fontName || got.font.size !== f.fontSize))
        diffs.push(`${where}: font ${JSON.stringify(got.font)} lacks ${f.fontName} ${f.fontSize}`);
      if (f.bold && cell.value !== "") bold++;
      if (want.borders.some((b) => b !== null)) bordered++;
    });
    expect(diffs).toEqual([]);
    expect(bold).toBeGreaterThan(50);
    expect(bordered).toBeGreaterThan(50);
    // A total row of a published table is bold with a line above it.
    const total = sheet("Tiltak og hovedgrupper").getCell("B6");
    expect(total.font?.bold).toBe(true);
  });

  it("has the column widths, row heights and frozen header rows", () => {
    for (const name of addinSheets()) {
      const snap = state.sheet(name);
      const ws = sheet(name);
      for (const [letters, points] of Object.entries(snap.columnWidths)) {
        // OOXML stores widths in digit widths of 7 px, in 1/256 steps.
        expect(((ws.getColumn(letters).width ?? 0) * 7 * 72) / 96).toBeCloseTo(points, 1);
      }
      for (const [row, points] of Object.entries(snap.rowHeights))
        expect([name, row, ws.getRow(Number(row)).height]).toEqual([name, row, points]);
      const view = ws.views[0] as Partial<ExcelJS.WorksheetViewFrozen>;
      if (snap.frozenRows > 0 || snap.frozenColumns > 0) {
        expect([name, view.state, view.ySplit ?? 0, view.xSplit ?? 0]).toEqual([name, "frozen", snap.frozenRows, snap.frozenColumns]);
      } else {
        expect([name, view?.state ?? "normal"]).toEqual([name, "normal"]);
      }
    }
    // The published tables freeze their title and header rows.
    expect(state.sheet("Tiltak og hovedgrupper").frozenRows).toBe(5);
    expect(Object.keys(state.sheet("Tiltak og hovedgrupper").rowHeights)).toContain("5");
  });

  it("has the long tables as Excel tables with their headers, range and style", () => {
    const tables = state.tables();
    expect(tables.length).toBe(2);
    for (const t of tables) {
      const got = sheet(t.sheet).getTable(t.name) as unknown as { table: ExcelJS.TableProperties & { tableRef: string } };
      expect(got, t.name).toBeDefined();
      expect(got.table.tableRef).toBe(formatRect(parseAddress(t.address).rect));
      expect(got.table.columns.map((c) => c.name)).toEqual(t.headers);
      expect(got.table.style?.theme).toBe(t.style);
      expect(got.table.style?.showRowStripes).toBe(t.showBandedRows);
      expect(got.table.columns.every((c) => c.filterButton === t.showFilterButton)).toBe(true);
    }
  });

  it("has the visible names with the same ranges, and leaves the hidden index names out", () => {
    // Range names only: the names per hovedgruppe are FILTER formulas over the long tables
    // (src/excel/group-names.ts), which exceljs cannot write.
    const visible = state.names().filter((n) => n.visible);
    const formulaNames = visible.filter((n) => n.formula.startsWith("=FILTER("));
    expect(formulaNames.length).toBeGreaterThanOrEqual(6);
    const want = visible.filter((n) => !formulaNames.includes(n)).map((n) => ({ name: n.name, ranges: [n.formula.slice(1)] }));
    expect(file.definedNames.model).toEqual(want);
    expect(state.names().some((n) => !n.visible)).toBe(true);
    expect(file.definedNames.model.some((n) => n.name.startsWith("NavTiltak."))).toBe(false);
  });

  it("says on the PivotTable's sheet that the file has no PivotTable, and keeps its figures", () => {
    const [pivot] = state.pivotTables();
    expect(pivot).toBeDefined();
    const out = parseAddress(pivot!.output!).rect;
    const ws = sheet(pivot!.sheet);
    const source = state.tables().find((t) => t.name === pivot!.source)!;
    // Above the report where that row is free, else to its right (the add-in may use the row above).
    const [note] = pivotNotes(state).filter((n) => n.sheet === pivot!.sheet);
    expect(note).toBeDefined();
    expect(note!.row === out.row - 1 || note!.col > out.col).toBe(true);
    expect(ws.getCell(note!.row + 1, note!.col + 1).value).toBe(pivotNote(pivot!, source.sheet));
    expect(String(ws.getCell(note!.row + 1, note!.col + 1).value)).toContain("Sett inn → Pivottabell");
    // The report's grand total is there as a number.
    const text = state.sheetText(pivot!.sheet);
    const totalRow = text.findIndex((row) => row[0] === "Totalsum");
    expect(totalRow).toBeGreaterThan(out.row);
    const total = state.getValues(pivot!.sheet, `A${totalRow + 1}:F${totalRow + 1}`)[0]!;
    expect(sheet(pivot!.sheet).getRow(totalRow + 1).values).toEqual([undefined, ...total.map((v) => (v === "" ? undefined : v))]);
  });

  it("is a valid zip an xlsx reader opens, small enough to mail", () => {
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    expect(bytes.length).toBeLessThan(200_000);
  });
});
