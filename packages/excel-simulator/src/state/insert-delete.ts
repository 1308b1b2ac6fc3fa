/**
 * Inserting and deleting cells (Range.insert / Range.delete): the checks Excel makes before it
 * moves anything, then the cells, formats, merged areas, sizes, frozen panes, names, tables and
 * PivotTables that follow the shift. The geometry of a shift lives in ../shift.ts.
 */

import { type Rect, isWholeColumns, isWholeRows } from "@nav-tiltak/a1";
import { excelError } from "../excel-errors";
import { type ShiftOp, across, along, classify, mapIndex, mapRect, splits } from "../shift";
import { oneOf } from "./arguments";
import type { FormatProp, FormatValue } from "./format-rules";
import { cellAt } from "./keys";
import { TablesState } from "./tables";
import type { FormatLayer, PivotState, RangeRef, SheetState, TableState } from "./records";

/** The position of a cell along the shift's axis. */
function positionAlong(op: ShiftOp, row: number, col: number): number {
  return op.axis === "row" ? row : col;
}

/** True when a cell lies in the band of columns (rows) that moves. */
function inBand(op: ShiftOp, row: number, col: number): boolean {
  const x = op.axis === "row" ? col : row;
  return x >= op.band[0] && x < op.band[1];
}

/** The cells a PivotTable occupies; an empty report still holds its destination cell. */
function pivotArea(p: PivotState): Rect {
  return p.output ?? { row: p.dest.row, col: p.dest.col, rows: 1, cols: 1 };
}

export class InsertDeleteState extends TablesState {
  /**
   * Range.insert (shift "Down"/"Right") and Range.delete (shift "Up"/"Left"), as Excel does them:
   * the cells past the range move with their values and formats; references in workbook names
   * and PivotTable sources, tables, PivotTables, merged areas, row heights, column widths and
   * frozen panes follow the cells. Inserted cells take the format of the row above (column to the
   * left), Excel's default "Format Same As Above". Excel refuses to move part of a table
   * (InsertDeleteConflict), part of a PivotTable report or merged area, or content off the grid;
   * everything is checked before anything changes. Formulas in cells are stored as text by this
   * fake and are not rewritten.
   */
  shiftCells(ref: RangeRef, shift: unknown, insert: boolean): void {
    const { op, whole } = this.shiftOp(ref, shift, insert);
    const { sheet } = ref;
    // Checks first: a refused shift leaves the sheet as it was.
    const tables = this.checkShift(sheet, op);
    this.shiftCellsAndFormats(sheet, op);
    // Row heights, column widths and frozen panes belong to whole rows and columns.
    if (whole) this.shiftSizes(sheet, op);
    // References and objects follow the cells.
    this.shiftNames(sheet, op);
    this.shiftTables(sheet, op, tables);
    this.shiftPivots(sheet, op);
  }

  /** The shift a Range.insert / delete asks for, checked against sheet protection. */
  private shiftOp(ref: RangeRef, shift: unknown, insert: boolean): { op: ShiftOp; whole: boolean } {
    const dir = insert
      ? oneOf(shift, ["Down", "Right"] as const, "insert shift direction")
      : oneOf(shift, ["Up", "Left"] as const, "delete shift direction");
    const axis = dir === "Down" || dir === "Up" ? "row" : "col";
    const { sheet, rect } = ref;
    const rows = isWholeRows(rect);
    const cols = isWholeColumns(rect);
    if ((rows && !cols && axis === "col") || (cols && !rows && axis === "row")) {
      throw excelError("InvalidArgument", `Entire ${rows ? "rows" : "columns"} cannot be shifted ${dir.toLowerCase()}.`);
    }
    const whole = axis === "row" ? rows : cols;
    if (whole) {
      this.assertEditable(sheet, `${insert ? "insert" : "delete"}${axis === "row" ? "Rows" : "Columns"}`);
    } else {
      this.assertEditable(sheet, "content");
    }
    const op: ShiftOp = {
      axis,
      at: axis === "row" ? rect.row : rect.col,
      count: axis === "row" ? rect.rows : rect.cols,
      insert,
      band: across(rect, axis),
    };
    return { op, whole };
  }

  /** Everything Excel refuses, before anything moves; returns the tables the shift touches. */
  private checkShift(sheet: SheetState, op: ShiftOp): TableState[] {
    if (op.insert) {
      for (const [key, cell] of sheet.cells) {
        const { row, col } = cellAt(key);
        if (
          inBand(op, row, col) &&
          (cell.value !== "" || cell.formula !== undefined) &&
          mapIndex(positionAlong(op, row, col), op) === null
        ) {
          throw excelError("InvalidOperation", "Excel cannot shift nonblank cells off the worksheet.");
        }
      }
    }
    const tables = this.liveTables(sheet).filter((t) => classify(t.rect, op) !== "none");
    for (const t of tables) {
      if (classify(t.rect, op) === "partial") {
        throw excelError("InsertDeleteConflict", `The operation would move part of the table '${t.name}'.`);
      }
      const next = mapRect(t.rect, op);
      if (op.insert && next === null) throw excelError("InvalidOperation", `The table '${t.name}' would move off the worksheet.`);
      // Deleting the header row of a table that keeps some of its rows.
      const [s] = along(t.rect, op.axis);
      if (!op.insert && next !== null && op.axis === "row" && s >= op.at && s < op.at + op.count) {
        throw excelError("InsertDeleteConflict", `The operation would delete the header row of the table '${t.name}'.`);
      }
    }
    for (const p of this.allPivots.filter((p) => !p.deleted && p.sheet === sheet)) {
      const area = pivotArea(p);
      const kind = classify(area, op);
      if (kind === "none") continue;
      const next = mapRect(area, op);
      const [s, e] = along(area, op.axis);
      const inside = op.insert ? splits(area, op) : next !== null && s < op.at + op.count;
      const whollyDeleted = !op.insert && next === null && s >= op.at && e <= op.at + op.count;
      if (kind === "partial" || inside || (next === null && !whollyDeleted)) {
        throw excelError("InvalidOperation", `Cannot change part of the PivotTable '${p.name}'.`);
      }
    }
    for (const m of sheet.merged) {
      if (classify(m, op) === "partial") throw excelError("InvalidOperation", "Cannot change part of a merged cell.");
    }
    return tables;
  }

  /** Cells with their formats, format layers and merged areas. */
  private shiftCellsAndFormats(sheet: SheetState, op: ShiftOp): void {
    this.moveCells(
      sheet,
      (r, c) => inBand(op, r, c) && positionAlong(op, r, c) >= op.at,
      (r, c) => {
        const to = mapIndex(positionAlong(op, r, c), op);
        if (to === null) return null;
        return op.axis === "row" ? { row: to, col: c } : { row: r, col: to };
      },
    );
    if (op.insert && op.at > 0) this.formatInsertedLikeBefore(sheet, op);
    for (const [prop, layers] of sheet.layers) {
      const kept: FormatLayer[] = [];
      for (const l of layers) {
        if (classify(l.rect, op) !== "full") {
          kept.push(l);
          continue;
        }
        const next = mapRect(l.rect, op);
        if (next) kept.push({ rect: next, value: l.value });
      }
      sheet.layers.set(prop, kept);
    }
    sheet.merged = sheet.merged.flatMap((m) => {
      if (classify(m, op) !== "full") return [m];
      const next = mapRect(m, op);
      return next ? [next] : [];
    });
  }

  /** Inserted cells take the formats of the row above (column to the left): "Format Same As Above". */
  private formatInsertedLikeBefore(sheet: SheetState, op: ShiftOp): void {
    const before = op.at - 1;
    const source: [number, Partial<Record<FormatProp, FormatValue>>][] = [];
    for (const [key, cell] of sheet.cells) {
      const { row, col } = cellAt(key);
      if (cell.fmt && positionAlong(op, row, col) === before && inBand(op, row, col))
        source.push([op.axis === "row" ? col : row, cell.fmt]);
    }
    for (const [x, fmt] of source) {
      for (let i = op.at; i < op.at + op.count; i++) {
        const cell = op.axis === "row" ? this.ensureCell(sheet, i, x) : this.ensureCell(sheet, x, i);
        cell.fmt = { ...fmt };
      }
    }
  }

  private shiftSizes(sheet: SheetState, op: ShiftOp): void {
    const sizes = op.axis === "row" ? sheet.rowHeights : sheet.columnWidths;
    const entries = [...sizes];
    sizes.clear();
    for (const [i, v] of entries) {
      const to = mapIndex(i, op);
      if (to !== null) sizes.set(to, v);
    }
    const frozen = op.axis === "row" ? sheet.frozenRows : sheet.frozenColumns;
    if (frozen > op.at) {
      const next = mapRect(op.axis === "row" ? { row: 0, col: 0, rows: frozen, cols: 1 } : { row: 0, col: 0, rows: 1, cols: frozen }, op);
      const count = next ? along(next, op.axis)[1] : 0;
      if (op.axis === "row") sheet.frozenRows = count;
      else sheet.frozenColumns = count;
    }
  }

  private shiftNames(sheet: SheetState, op: ShiftOp): void {
    for (const n of this.allNames) {
      if (n.deleted || n.broken || n.target.kind !== "range" || n.target.sheet !== sheet) continue;
      if (classify(n.target.rect, op) !== "full") continue;
      const next = mapRect(n.target.rect, op);
      if (next) n.target = { ...n.target, rect: next };
      else n.broken = true;
    }
  }

  private shiftTables(sheet: SheetState, op: ShiftOp, tables: TableState[]): void {
    for (const t of tables) {
      const next = mapRect(t.rect, op);
      if (!next) {
        t.deleted = true;
        continue;
      }
      const grew = op.axis === "col" && next.cols > t.rect.cols;
      t.rect = next;
      // A column inserted inside a table gets a generated header, as in Excel.
      if (grew) this.normalizeHeaders(sheet, next, true);
    }
  }

  private shiftPivots(sheet: SheetState, op: ShiftOp): void {
    for (const p of this.allPivots) {
      if (p.deleted) continue;
      if (p.source.kind === "range" && p.source.sheet === sheet && classify(p.source.rect, op) === "full") {
        const next = mapRect(p.source.rect, op);
        if (next) p.source = { ...p.source, rect: next };
      }
      if (p.sheet !== sheet || classify(pivotArea(p), op) === "none") continue;
      const next = mapRect(pivotArea(p), op);
      if (!next) {
        p.deleted = true;
        continue;
      }
      const dr = next.row - pivotArea(p).row;
      const dc = next.col - pivotArea(p).col;
      p.dest = { row: p.dest.row + dr, col: p.dest.col + dc };
      if (p.output) p.output = { ...p.output, row: p.output.row + dr, col: p.output.col + dc };
      if (p.report) p.report = { ...p.report, row: p.report.row + dr, col: p.report.col + dc };
    }
  }
}
