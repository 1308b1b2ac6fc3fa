/**
 * The range family's cells: where values, formulas and per-cell formats are stored, how a cell's
 * value, formula, format and displayed text are read (its own format first, then format layers,
 * then Excel's defaults), how Range.values and Range.formulas writes are checked and stored, and
 * the used range.
 */

import { type Rect, boundingRect, cellCount, containsCell, isWholeColumns, isWholeRows, rectsIntersect } from "@nav-tiltak/a1";
import { excelError } from "../excel-errors";
import { parseDateText, renderText } from "../text-format";
import type { RangeValue } from "../office-types";
import { CustomPropertiesState } from "./custom-properties";
import { FORMAT_DEFAULTS, type FormatProp, type FormatValue } from "./format-rules";
import { cellAt, cellKey } from "./keys";
import type { CellData, PivotState, RangeRef, SheetState } from "./records";

/** Cell arrays larger than this are refused, as Excel refuses oversized payloads. */
const MAX_CELL_ARRAY = 2_000_000;
const MAX_CELL_TEXT = 32_767;
const MAX_FORMULA = 8_192;

/** Text Excel reads as a number when typed into a cell. */
export const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export class CellsState extends CustomPropertiesState {
  protected cell(sheet: SheetState, row: number, col: number): CellData | undefined {
    return sheet.cells.get(cellKey(row, col));
  }

  protected ensureCell(sheet: SheetState, row: number, col: number): CellData {
    const key = cellKey(row, col);
    let c = sheet.cells.get(key);
    if (!c) {
      c = { value: "" };
      sheet.cells.set(key, c);
    }
    return c;
  }

  protected dropIfEmpty(sheet: SheetState, row: number, col: number): void {
    const key = cellKey(row, col);
    const c = sheet.cells.get(key);
    if (c && c.value === "" && c.formula === undefined && (!c.fmt || Object.keys(c.fmt).length === 0)) {
      sheet.cells.delete(key);
    }
  }

  /** Visits the stored cells inside a rectangle, choosing the cheaper walk. */
  protected forEachStored(sheet: SheetState, rect: Rect, fn: (row: number, col: number, cell: CellData) => void): void {
    if (cellCount(rect) <= sheet.cells.size) {
      for (let r = rect.row; r < rect.row + rect.rows; r++) {
        for (let c = rect.col; c < rect.col + rect.cols; c++) {
          const cell = sheet.cells.get(cellKey(r, c));
          if (cell) fn(r, c, cell);
        }
      }
    } else {
      for (const [key, cell] of [...sheet.cells]) {
        const { row, col } = cellAt(key);
        if (containsCell(rect, row, col)) fn(row, col, cell);
      }
    }
  }

  /**
   * Moves the stored cells `where` picks to the place `to` gives (null: off the grid, so dropped).
   * All are lifted out first, so no cell lands on one that has yet to move.
   */
  protected moveCells(
    sheet: SheetState,
    where: (row: number, col: number) => boolean,
    to: (row: number, col: number) => { row: number; col: number } | null,
  ): void {
    const moved: [number, number, CellData][] = [];
    for (const [key, cell] of sheet.cells) {
      const { row, col } = cellAt(key);
      if (where(row, col)) moved.push([row, col, cell]);
    }
    for (const [r, c] of moved) sheet.cells.delete(cellKey(r, c));
    for (const [r, c, cell] of moved) {
      const next = to(r, c);
      if (next) sheet.cells.set(cellKey(next.row, next.col), cell);
    }
  }

  cellValue(sheet: SheetState, row: number, col: number): RangeValue {
    return this.cell(sheet, row, col)?.value ?? "";
  }

  cellFormula(sheet: SheetState, row: number, col: number): RangeValue {
    const c = this.cell(sheet, row, col);
    return c?.formula ?? c?.value ?? "";
  }

  formatAt(sheet: SheetState, row: number, col: number, prop: FormatProp): FormatValue {
    const own = this.cell(sheet, row, col)?.fmt?.[prop];
    if (own !== undefined) return own;
    return this.layerValueAt(sheet, row, col, prop);
  }

  protected layerValueAt(sheet: SheetState, row: number, col: number, prop: FormatProp): FormatValue {
    const layers = sheet.layers.get(prop);
    if (layers) {
      for (let i = layers.length - 1; i >= 0; i--) {
        const l = layers[i]!;
        if (containsCell(l.rect, row, col)) return l.value;
      }
    }
    return FORMAT_DEFAULTS[prop];
  }

  cellText(sheet: SheetState, row: number, col: number): string {
    return renderText(this.cellValue(sheet, row, col), this.formatAt(sheet, row, col, "numberFormat") as string, this.locale);
  }

  protected checkReadable(rect: Rect): void {
    if (cellCount(rect) > MAX_CELL_ARRAY) {
      throw excelError(
        "GeneralException",
        `Reading ${cellCount(rect)} cells at once exceeds the response size limit; read a smaller range.`,
      );
    }
  }

  readGrid<T>(ref: RangeRef, fn: (row: number, col: number) => T): T[][] {
    this.checkReadable(ref.rect);
    const out: T[][] = [];
    for (let r = 0; r < ref.rect.rows; r++) {
      const line: T[] = [];
      for (let c = 0; c < ref.rect.cols; c++) line.push(fn(ref.rect.row + r, ref.rect.col + c));
      out.push(line);
    }
    return out;
  }

  readValues(ref: RangeRef): RangeValue[][] {
    return this.readGrid(ref, (r, c) => this.cellValue(ref.sheet, r, c));
  }

  readFormulas(ref: RangeRef): RangeValue[][] {
    return this.readGrid(ref, (r, c) => this.cellFormula(ref.sheet, r, c));
  }

  readText(ref: RangeRef): string[][] {
    return this.readGrid(ref, (r, c) => this.cellText(ref.sheet, r, c));
  }

  readNumberFormats(ref: RangeRef): string[][] {
    return this.readGrid(ref, (r, c) => this.formatAt(ref.sheet, r, c, "numberFormat") as string);
  }

  readValueTypes(ref: RangeRef): string[][] {
    return this.readGrid(ref, (r, c) => {
      const v = this.cellValue(ref.sheet, r, c);
      if (v === "") return "Empty";
      if (typeof v === "number") return "Double";
      if (typeof v === "boolean") return "Boolean";
      return /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A)$/.test(v) ? "Error" : "String";
    });
  }

  /** Throws if a content change would hit a PivotTable report. */
  protected assertNoPivot(ref: RangeRef, except?: PivotState): void {
    for (const p of this.allPivots) {
      if (p.deleted || p === except || p.sheet !== ref.sheet || !p.output) continue;
      if (rectsIntersect(p.output, ref.rect)) {
        throw excelError("InvalidOperation", `Cannot change part of the PivotTable '${p.name}'.`);
      }
    }
  }

  /**
   * Converts one input element the way Excel does: "=…" is a formula, numeric text a number,
   * date-shaped text a date (with a date format for a General cell, in `fmt`).
   */
  private normalizeInput(value: unknown, textFormat: boolean): CellData | null {
    if (value === null || value === undefined) return null;
    if (typeof value === "number") {
      if (!Number.isFinite(value)) throw excelError("InvalidArgument", `${value} cannot be stored in a cell.`);
      return { value };
    }
    if (typeof value === "boolean") return { value };
    if (typeof value !== "string") {
      throw excelError("InvalidArgument", `Cells accept strings, numbers and booleans, not ${Object.prototype.toString.call(value)}.`);
    }
    if (value.length > MAX_CELL_TEXT) {
      throw excelError("InvalidArgument", `A cell can hold at most ${MAX_CELL_TEXT} characters.`);
    }
    if (value === "") return { value: "" };
    if (value.startsWith("=") && value.length > 1 && !textFormat) {
      if (value.length > MAX_FORMULA) throw excelError("InvalidArgument", `A formula can be at most ${MAX_FORMULA} characters.`);
      // Formulas are stored, not evaluated: the value stays the formula text.
      return { value, formula: value };
    }
    if (!textFormat && NUMERIC.test(value.trim())) return { value: Number(value.trim()) };
    if (!textFormat) {
      // Date-shaped text becomes a date serial, as when typed; see parseDateText.
      const date = parseDateText(value);
      if (date) return { value: date.serial, fmt: { numberFormat: date.format } };
    }
    return { value };
  }

  protected checkDims(input: unknown, rect: Rect, what: string): input is unknown[][] {
    if (!Array.isArray(input)) return false;
    const ok = input.length === rect.rows && input.every((row) => Array.isArray(row) && row.length === rect.cols);
    if (!ok) {
      const got = `${input.length}×${Array.isArray(input[0]) ? (input[0] as unknown[]).length : "?"}`;
      throw excelError(
        "InvalidArgument",
        `The number of rows or columns in the ${what} array (${got}) doesn't match the size of the range ` + `(${rect.rows}×${rect.cols}).`,
      );
    }
    return true;
  }

  /** Range.values / Range.formulas assignment: a 2-D array of the range's size, or one scalar for all cells. */
  writeCells(ref: RangeRef, input: unknown, mode: "values" | "formulas"): void {
    const { sheet, rect } = ref;
    this.assertEditable(sheet, "content");
    this.assertNoPivot(ref);
    const isText = (r: number, c: number) => this.formatAt(sheet, r, c, "numberFormat") === "@";
    if (this.checkDims(input, rect, mode)) {
      // Validate everything first so a bad cell leaves the range untouched.
      const prepared = input.map((row, r) => row.map((v, c) => this.normalizeInput(v, isText(rect.row + r, rect.col + c))));
      prepared.forEach((row, r) => row.forEach((d, c) => d && this.storeCell(sheet, rect.row + r, rect.col + c, d)));
      return;
    }
    if (Array.isArray(input)) return;
    const sample = this.normalizeInput(input, false);
    if (!sample) return;
    if (sample.value === "" && !sample.formula) {
      this.clearContents(sheet, rect);
      return;
    }
    if (cellCount(rect) > MAX_CELL_ARRAY) {
      throw excelError("GeneralException", `Filling ${cellCount(rect)} cells at once is beyond what this fake supports.`);
    }
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      for (let c = rect.col; c < rect.col + rect.cols; c++) {
        const d = this.normalizeInput(input, isText(r, c));
        if (d) this.storeCell(sheet, r, c, d);
      }
    }
  }

  /** Empties the cells' contents; their formats stay. */
  protected clearContents(sheet: SheetState, rect: Rect): void {
    this.forEachStored(sheet, rect, (r, c) => this.storeCell(sheet, r, c, { value: "" }));
  }

  protected storeCell(sheet: SheetState, row: number, col: number, data: CellData): void {
    // A parsed date gives a General cell a date format (Excel keeps any other format).
    const dateFormat = data.fmt?.numberFormat;
    const general = dateFormat !== undefined && String(this.formatAt(sheet, row, col, "numberFormat")).toLowerCase() === "general";
    const cell = this.ensureCell(sheet, row, col);
    cell.value = data.value;
    if (data.formula !== undefined) cell.formula = data.formula;
    else delete cell.formula;
    if (general) (cell.fmt ??= {}).numberFormat = dateFormat;
    this.dropIfEmpty(sheet, row, col);
  }

  /** Bounding box of cells with content (and, unless valuesOnly, non-default formatting). */
  usedRect(sheet: SheetState, valuesOnly: boolean): Rect | null {
    let box: Rect | null = null;
    const add = (r: Rect) => {
      box = box ? boundingRect(box, r) : r;
    };
    for (const [key, cell] of sheet.cells) {
      const used =
        cell.value !== "" ||
        cell.formula !== undefined ||
        (!valuesOnly && Object.entries(cell.fmt ?? {}).some(([p, v]) => FORMAT_DEFAULTS[p as FormatProp] !== v));
      if (used) add({ ...cellAt(key), rows: 1, cols: 1 });
    }
    if (!valuesOnly) {
      for (const [prop, layers] of sheet.layers) {
        for (const l of layers) {
          // Column- and row-wide formats do not stretch the used range, as in Excel.
          if (l.value !== FORMAT_DEFAULTS[prop] && !isWholeColumns(l.rect) && !isWholeRows(l.rect)) add(l.rect);
        }
      }
      for (const t of this.allTables) if (!t.deleted && t.sheet === sheet) add(t.rect);
    }
    return box;
  }
}
