// Saves the state of an in-memory workbook (the Excel simulator package) as an .xlsx file with exceljs, so the
// file holds exactly what the add-in's own writer put in the workbook: one code path decides what
// a sheet looks like. Reads the fake only through its inspection API.
//
// What an xlsx file written by exceljs cannot carry, and what is done instead:
// - PivotTables: exceljs 4.4 writes none (no pivot cache or pivot table parts). The report's cells
//   are kept as plain values and the sheet gets a note saying so and where the data is.
// - Hidden names (the add-in's index names `NavTiltak.<tabell>`) and name comments: exceljs writes
//   neither `hidden` nor `comment`, so the index names would show up as bare, visible names. They
//   are left out; visible range names are kept. exceljs writes range names only, so names
//   whose target is a formula (the names per hovedgruppe, NAV_Arbeidssokere …) are left out too.
// - Worksheet custom properties (another ownership marker) are left out for the same reason.

import ExcelJS from "exceljs";
import { columnLetters, formatRect, type Rect } from "@nav-tiltak/a1";
import {
  parseAddress,
  type PivotSnapshot,
  type SheetSnapshot,
  type TableSnapshot,
  type WorkbookState,
  type RangeValue,
} from "@nav-tiltak/excel-simulator";
import { cellStyle, argb, pointsToColumnWidth } from "./styles.js";

export interface XlsxExport {
  workbook: ExcelJS.Workbook;
  /** What the file leaves out, in English, for tests and developers. */
  omitted: string[];
}

/** Text of the note on a sheet whose PivotTable could not be written into the file. */
export function pivotNote(pivot: PivotSnapshot, sourceSheet: string | undefined): string {
  const where = sourceSheet ? ` på arket «${sourceSheet}»` : "";
  return (
    `Filen har ingen ekte pivottabell: den kan bare lages i Excel. Tallene under er pivottabellen ` +
    `«${pivot.name}» slik tillegget lager den. Lag en ny med Sett inn → Pivottabell fra tabellen ` +
    `${pivot.source}${where}.`
  );
}

function cellValue(value: RangeValue, formula: string | undefined): ExcelJS.CellValue {
  if (formula !== undefined && formula.startsWith("="))
    return { formula: formula.slice(1), result: value === "" ? undefined : value } as ExcelJS.CellFormulaValue;
  return value === "" ? null : value;
}

/** Values, formats, sizes and view of one sheet. */
function writeSheet(state: WorkbookState, snap: SheetSnapshot, ws: ExcelJS.Worksheet): void {
  const view = state.sheetView(snap.name);
  view.cells.forEach((row, r) => {
    row.forEach((cell, c) => {
      const value = cellValue(cell.value, cell.formula);
      const style = cellStyle(cell.format);
      if (value === null && !style) return;
      const target = ws.getCell(r + 1, c + 1);
      target.value = value;
      if (style) target.style = style as Partial<ExcelJS.Style>;
    });
  });
  for (const [letters, points] of Object.entries(snap.columnWidths)) ws.getColumn(letters).width = pointsToColumnWidth(points);
  for (const [row, points] of Object.entries(snap.rowHeights)) ws.getRow(Number(row)).height = points;
  for (const m of snap.merged) ws.mergeCells(m);

  const frozen = snap.frozenRows > 0 || snap.frozenColumns > 0;
  ws.views = [
    frozen
      ? { state: "frozen", xSplit: snap.frozenColumns, ySplit: snap.frozenRows, showGridLines: snap.showGridlines }
      : { state: "normal", showGridLines: snap.showGridlines },
  ];
  if (snap.tabColor) ws.properties.tabColor = { argb: argb(snap.tabColor) };
  ws.state = snap.visibility === "Visible" ? "visible" : snap.visibility === "Hidden" ? "hidden" : "veryHidden";
}

/** An Excel table over cells already written: exceljs writes the header and rows again, unchanged. */
function addTable(ws: ExcelJS.Worksheet, t: TableSnapshot, values: RangeValue[][], rect: Rect): void {
  const rows = values.slice(1).map((row) => row.map((v) => (v === "" ? null : v)));
  ws.addTable({
    name: t.name,
    ref: `${columnLetters(rect.col)}${rect.row + 1}`,
    headerRow: true,
    totalsRow: false,
    style: {
      ...(t.style ? { theme: t.style as ExcelJS.TableStyleProperties["theme"] } : {}),
      showRowStripes: t.showBandedRows,
      showColumnStripes: t.showBandedColumns,
    },
    columns: t.headers.map((name) => ({ name, filterButton: t.showFilterButton })),
    rows,
  });
}

/** A note the file adds on a PivotTable's sheet (0-based cell). */
export interface PivotNote {
  sheet: string;
  row: number;
  col: number;
  text: string;
}

/** Where a pivot's note goes: the row above its report when that row is free, else right of it. */
function noteCell(state: WorkbookState, sheet: string, output: Rect): { row: number; col: number } {
  if (output.row > 0) {
    const above = state.getValues(sheet, formatRect({ row: output.row - 1, col: output.col, rows: 1, cols: output.cols }));
    if (above[0]!.every((v) => v === "")) return { row: output.row - 1, col: output.col };
  }
  return { row: output.row, col: output.col + output.cols + 1 };
}

/** The notes the file adds because it cannot hold the workbook's PivotTables. */
export function pivotNotes(state: WorkbookState): PivotNote[] {
  const tables = state.tables();
  return state.pivotTables().flatMap((p) => {
    if (!p.output) return [];
    const at = noteCell(state, p.sheet, parseAddress(p.output).rect);
    return [{ sheet: p.sheet, ...at, text: pivotNote(p, tables.find((t) => t.name === p.source)?.sheet) }];
  });
}

/** True for a sheet with nothing on it (the workbook's first, untouched "Ark1"). */
function isEmpty(snap: SheetSnapshot, state: WorkbookState): boolean {
  return (
    snap.usedRange === null && !state.tables().some((t) => t.sheet === snap.name) && !state.pivotTables().some((p) => p.sheet === snap.name)
  );
}

/** The workbook as an exceljs Workbook, ready for `xlsx.writeBuffer()` / `xlsx.writeFile()`. */
export function exportWorkbook(state: WorkbookState): XlsxExport {
  const wb = new ExcelJS.Workbook();
  wb.creator = "NAV tiltak";
  const omitted: string[] = [];
  const tables = state.tables();
  const notes = pivotNotes(state);
  const snaps = state.sheetNames().map((n) => state.sheet(n));
  const kept = snaps.filter((s) => !isEmpty(s, state));
  const sheets = kept.length > 0 ? kept : snaps.slice(0, 1);
  for (const s of snaps) if (!sheets.includes(s)) omitted.push(`empty sheet ${s.name}`);

  for (const snap of sheets) {
    const ws = wb.addWorksheet(snap.name);
    writeSheet(state, snap, ws);
    for (const t of tables.filter((x) => x.sheet === snap.name)) {
      const rect = parseAddress(t.address).rect;
      addTable(ws, t, state.getValues(snap.name, formatRect(rect)), rect);
    }
    for (const p of state.pivotTables().filter((x) => x.sheet === snap.name)) {
      omitted.push(`PivotTable ${p.name} (its cells are kept as values)`);
    }
    for (const note of notes.filter((n) => n.sheet === snap.name)) {
      const cell = ws.getCell(note.row + 1, note.col + 1);
      const base = state.sheetView(snap.name).cells[note.row]?.[note.col]?.format;
      cell.value = note.text;
      cell.font = { name: base?.fontName ?? "Calibri", size: base?.fontSize ?? 11, italic: true, color: { argb: argb("#C00000") } };
    }
    if (Object.keys(snap.customProperties).length > 0) omitted.push(`custom properties of ${snap.name}`);
  }

  for (const n of state.names()) {
    const target = n.formula.startsWith("=") ? n.formula.slice(1) : n.formula;
    let ok = false;
    try {
      const { sheet } = parseAddress(target);
      ok = n.visible && sheet !== undefined && sheets.some((s) => s.name === sheet);
    } catch {
      ok = false; // a constant or formula name: exceljs only writes range names
    }
    if (ok) wb.definedNames.add(target, n.name);
    else omitted.push(`name ${n.name}${n.visible ? "" : " (hidden)"}`);
  }

  const active = sheets.findIndex((s) => s.name === state.activeSheetName());
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: Math.max(0, active), visibility: "visible" }];
  return { workbook: wb, omitted };
}
