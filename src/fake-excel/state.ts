/**
 * The fake workbook's document state and Excel's rules. Proxies call into it only
 * while a batch runs at sync(); tests call its read-only inspectors directly.
 * Every rule violation throws a FakeExcelError with an Office.js error code.
 */

import {
  MAX_COLUMNS,
  MAX_ROWS,
  type Rect,
  boundingRect,
  cellCount,
  checkRect,
  columnToLetters,
  containsCell,
  formatAddress,
  formatRect,
  intersection,
  isWholeColumns,
  isWholeRows,
  looksLikeCellReference,
  parseAddress,
  quoteSheetName,
  rectContains,
  rectsIntersect,
  splitSheet,
  tryParseRef,
} from "./addresses";
import { excelError } from "./errors";
import { type ShiftOp, across, along, classify, mapIndex, mapRect, splits } from "./shift";
import { type FakeLocale, parseDateText, renderText } from "./text-format";
import type {
  AggregationFunction,
  BorderIndex,
  BorderLineStyle,
  BorderSide,
  BorderWeight,
  CalculationMode,
  CellFormat,
  CellValue,
  HorizontalAlignment,
  PivotLayoutType,
  ProtectionOptions,
  SheetVisibility,
  UnderlineStyle,
  VerticalAlignment,
} from "./types";

// ---------------------------------------------------------------------------
// Formats

export type BorderAttr = "style" | "weight" | "color";
export type FormatProp =
  | "numberFormat"
  | "font.bold"
  | "font.italic"
  | "font.underline"
  | "font.size"
  | "font.color"
  | "font.name"
  | "fill.color"
  | "horizontalAlignment"
  | "verticalAlignment"
  | "wrapText"
  | `border.${BorderSide}.${BorderAttr}`;

export type FormatValue = string | number | boolean;

/** "No fill" reads back as white, as in Office.js. */
export const NO_FILL = "#FFFFFF";
export const STANDARD_COLUMN_WIDTH = 48;
export const STANDARD_ROW_HEIGHT = 15;

const SIDES: BorderSide[] = ["top", "bottom", "left", "right"];

export const FORMAT_DEFAULTS: Record<FormatProp, FormatValue> = {
  numberFormat: "General",
  "font.bold": false,
  "font.italic": false,
  "font.underline": "None",
  "font.size": 11,
  "font.color": "#000000",
  "font.name": "Calibri",
  "fill.color": NO_FILL,
  horizontalAlignment: "General",
  verticalAlignment: "Bottom",
  wrapText: false,
  ...(Object.fromEntries(
    SIDES.flatMap((s) => [
      [`border.${s}.style`, "None"],
      [`border.${s}.weight`, "Thin"],
      [`border.${s}.color`, "#000000"],
    ]),
  ) as Record<`border.${BorderSide}.${BorderAttr}`, FormatValue>),
};

/** Ranges larger than this store formats as one rectangle layer instead of per cell. */
const LARGE_RANGE = 100_000;
/** Cell arrays larger than this are refused, as Excel refuses oversized payloads. */
const MAX_CELL_ARRAY = 2_000_000;
const MAX_CELL_TEXT = 32_767;
const MAX_FORMULA = 8_192;

const NAMED_COLORS: Record<string, string> = {
  black: "#000000",
  white: "#FFFFFF",
  red: "#FF0000",
  green: "#008000",
  lime: "#00FF00",
  blue: "#0000FF",
  yellow: "#FFFF00",
  orange: "#FFA500",
  purple: "#800080",
  gray: "#808080",
  grey: "#808080",
  lightgray: "#D3D3D3",
  lightgrey: "#D3D3D3",
  darkgray: "#A9A9A9",
  darkgrey: "#A9A9A9",
  silver: "#C0C0C0",
  navy: "#000080",
  teal: "#008080",
  maroon: "#800000",
  olive: "#808000",
  aqua: "#00FFFF",
  cyan: "#00FFFF",
  fuchsia: "#FF00FF",
  magenta: "#FF00FF",
  darkblue: "#00008B",
  lightblue: "#ADD8E6",
  darkgreen: "#006400",
  lightgreen: "#90EE90",
};

/** Normalizes "#abc", "#aabbcc" or a CSS colour name to "#AABBCC". */
export function normalizeColor(input: unknown, what = "color"): string {
  if (typeof input !== "string") throw excelError("InvalidArgument", `The ${what} must be a string.`);
  const s = input.trim();
  const named = NAMED_COLORS[s.toLowerCase()];
  if (named) return named;
  let m = /^#([0-9a-fA-F]{6})$/.exec(s);
  if (m) return `#${m[1]!.toUpperCase()}`;
  m = /^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$/.exec(s);
  if (m) return `#${m[1]}${m[1]}${m[2]}${m[2]}${m[3]}${m[3]}`.toUpperCase();
  throw excelError("InvalidArgument", `'${s}' is not a valid ${what}; use "#RRGGBB" or a colour name.`);
}

const H_ALIGN: HorizontalAlignment[] = ["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"];
const V_ALIGN: VerticalAlignment[] = ["Top", "Center", "Bottom", "Justify", "Distributed"];
const LINE_STYLES: BorderLineStyle[] = ["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "SlantDashDot"];
const WEIGHTS: BorderWeight[] = ["Hairline", "Thin", "Medium", "Thick"];
const UNDERLINES: UnderlineStyle[] = ["None", "Single", "Double", "SingleAccountant", "DoubleAccountant"];

function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  const hit = allowed.find((a) => typeof value === "string" && a.toLowerCase() === value.toLowerCase());
  if (!hit) throw excelError("InvalidArgument", `'${String(value)}' is not a valid ${what} (${allowed.join(", ")}).`);
  return hit;
}

function bool(value: unknown, what: string): boolean {
  if (typeof value !== "boolean") throw excelError("InvalidArgument", `${what} must be true or false.`);
  return value;
}

/** Validates and normalizes a value for a format property. */
export function validateFormat(prop: FormatProp, value: unknown): FormatValue {
  switch (prop) {
    case "numberFormat":
      if (typeof value !== "string") throw excelError("InvalidArgument", "A number format must be a string.");
      return value === "" ? "General" : value;
    case "font.bold":
    case "font.italic":
    case "wrapText":
      return bool(value, prop);
    case "font.underline":
      return oneOf(value, UNDERLINES, "underline style");
    case "font.size":
      if (typeof value !== "number" || !(value >= 1 && value <= 409)) {
        throw excelError("InvalidArgument", "Font size must be a number from 1 to 409.");
      }
      return value;
    case "font.name":
      if (typeof value !== "string" || value.trim() === "" || value.length > 31) {
        throw excelError("InvalidArgument", "Font name must be a non-empty string of at most 31 characters.");
      }
      return value;
    case "font.color":
    case "fill.color":
      return normalizeColor(value);
    case "horizontalAlignment":
      return oneOf(value, H_ALIGN, "horizontal alignment");
    case "verticalAlignment":
      return oneOf(value, V_ALIGN, "vertical alignment");
    default: {
      if (prop.endsWith(".style")) return oneOf(value, LINE_STYLES, "border style");
      if (prop.endsWith(".weight")) return oneOf(value, WEIGHTS, "border weight");
      return normalizeColor(value, "border color");
    }
  }
}

// ---------------------------------------------------------------------------
// Entities

interface CellData {
  value: CellValue;
  formula?: string;
  fmt?: Partial<Record<FormatProp, FormatValue>>;
}

interface FormatLayer {
  rect: Rect;
  value: FormatValue;
}

export interface CustomPropertyState {
  key: string;
  value: string;
  sheet: SheetState;
  deleted: boolean;
}

export interface SheetState {
  readonly id: string;
  name: string;
  visibility: SheetVisibility;
  deleted: boolean;
  cells: Map<number, CellData>;
  layers: Map<FormatProp, FormatLayer[]>;
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  frozenRows: number;
  frozenColumns: number;
  tabColor: string | null;
  showGridlines: boolean;
  protection: { protected: boolean; password: string | null; options: ProtectionOptions };
  customProperties: Map<string, CustomPropertyState>;
  merged: Rect[];
}

/** A resolved Range: a sheet and a rectangle on it. */
export interface RangeRef {
  sheet: SheetState;
  rect: Rect;
}

export interface TableState {
  readonly id: string;
  name: string;
  sheet: SheetState;
  rect: Rect;
  style: string;
  showBandedRows: boolean;
  showBandedColumns: boolean;
  showFilterButton: boolean;
  showHeaders: boolean;
  showTotals: boolean;
  highlightFirstColumn: boolean;
  highlightLastColumn: boolean;
  deleted: boolean;
}

export type TableFlag =
  | "showBandedRows"
  | "showBandedColumns"
  | "showFilterButton"
  | "showHeaders"
  | "showTotals"
  | "highlightFirstColumn"
  | "highlightLastColumn";

export type NamedTarget = { kind: "range"; sheet: SheetState; rect: Rect } | { kind: "formula"; formula: string };

export interface NamedItemState {
  name: string;
  comment: string;
  visible: boolean;
  target: NamedTarget;
  /** Set when the referenced sheet is deleted: the formula becomes #REF!. */
  broken: boolean;
  deleted: boolean;
}

export type PivotSource = { kind: "range"; sheet: SheetState; rect: Rect } | { kind: "table"; table: TableState };

export interface DataFieldState {
  readonly id: string;
  name: string;
  field: string;
  summarizeBy: AggregationFunction;
  numberFormat: string;
  /** True while the name is Excel's generated "Sum of X", so it follows summarizeBy. */
  defaultName: boolean;
  deleted: boolean;
}

export interface PivotState {
  readonly id: string;
  name: string;
  sheet: SheetState;
  source: PivotSource;
  fields: string[];
  dest: { row: number; col: number };
  rows: string[];
  columns: string[];
  filters: string[];
  data: DataFieldState[];
  layout: {
    layoutType: PivotLayoutType;
    showRowGrandTotals: boolean;
    showColumnGrandTotals: boolean;
    subtotalLocation: "AtTop" | "AtBottom" | "Off";
  };
  /** Cells the rendered report occupies, its filter area included; null while it has no fields. */
  output: Rect | null;
  /** The report itself within `output`: without the filter area above it. */
  report: Rect | null;
  deleted: boolean;
}

export type InitialSheet =
  | string
  | {
      name: string;
      /** Cell contents by top-left address, e.g. { A1: [["Navn", "Antall"], ["x", 1]] }. */
      cells?: Record<string, CellValue[][]>;
      visibility?: SheetVisibility;
      protected?: boolean;
    };

// ---------------------------------------------------------------------------
// Inspection snapshots (for tests and the preview grid)

export interface SheetSnapshot {
  name: string;
  id: string;
  position: number;
  visibility: SheetVisibility;
  tabColor: string | null;
  showGridlines: boolean;
  protected: boolean;
  frozenRows: number;
  frozenColumns: number;
  /** Used range address without sheet (e.g. "A1:C3"), or null for an empty sheet. */
  usedRange: string | null;
  /** The following arrays cover exactly the used range, like getUsedRange().values. */
  values: CellValue[][];
  formulas: CellValue[][];
  text: string[][];
  numberFormats: string[][];
  bold: boolean[][];
  formats: CellFormat[][];
  /** Explicitly set column widths in points, keyed by column letter. */
  columnWidths: Record<string, number>;
  /** Explicitly set row heights in points, keyed by 1-based row number. */
  rowHeights: Record<number, number>;
  merged: string[];
  customProperties: Record<string, string>;
}

export interface ViewCell {
  text: string;
  value: CellValue;
  formula?: string;
  format: CellFormat;
}

/** Everything a grid renderer needs, from A1 to the end of the used range. */
export interface SheetView {
  name: string;
  rowCount: number;
  columnCount: number;
  columnWidths: number[];
  rowHeights: number[];
  frozenRows: number;
  frozenColumns: number;
  showGridlines: boolean;
  tabColor: string | null;
  merged: Rect[];
  cells: ViewCell[][];
}

export interface TableSnapshot {
  name: string;
  id: string;
  sheet: string;
  address: string;
  headers: string[];
  style: string;
  showBandedRows: boolean;
  showBandedColumns: boolean;
  showFilterButton: boolean;
}

export interface NameSnapshot {
  name: string;
  formula: string;
  comment: string;
  visible: boolean;
}

export interface PivotSnapshot {
  name: string;
  sheet: string;
  source: string;
  destination: string;
  output: string | null;
  rows: string[];
  columns: string[];
  filters: string[];
  data: { name: string; field: string; summarizeBy: AggregationFunction; numberFormat: string }[];
}

// ---------------------------------------------------------------------------

const FORBIDDEN_SHEET_CHARS = /[[\]:*?/\\]/;

function upper(s: string): string {
  return s.toLocaleUpperCase("en-US");
}

function cellKey(row: number, col: number): number {
  return row * MAX_COLUMNS + col;
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export class WorkbookState {
  readonly locale: FakeLocale;
  readonly allSheets: SheetState[] = [];
  readonly allTables: TableState[] = [];
  readonly allNames: NamedItemState[] = [];
  readonly allPivots: PivotState[] = [];
  activeSheet!: SheetState;
  calculationMode: CalculationMode = "Automatic";
  /** How many times an add-in asked Excel to pause screen updating. */
  screenUpdatingSuspensions = 0;
  /**
   * Workbook (structure) protection: Excel.WorkbookProtection.protected (ExcelApi 1.7). Only the
   * flag is modelled; what a protected structure makes each call do is not in the reference.
   */
  workbookProtected = false;
  readonly liveSettings = new Map<string, unknown>();
  readonly savedSettings = new Map<string, unknown>();
  private sheetSeq = 0;
  private tableSeq = 0;
  private pivotSeq = 0;
  private dataFieldSeq = 0;

  constructor(locale: FakeLocale, initialSheets: InitialSheet[]) {
    this.locale = locale;
    const sheets = initialSheets.length > 0 ? initialSheets : [`${locale.sheetPrefix}1`];
    for (const init of sheets) {
      const spec = typeof init === "string" ? { name: init } : init;
      const sheet = this.addSheet(spec.name);
      for (const [address, values] of Object.entries(spec.cells ?? {})) {
        const { rect } = parseAddress(address);
        const rows = values.length;
        const cols = Math.max(0, ...values.map((r) => r.length));
        if (rows === 0 || cols === 0) continue;
        const padded = values.map((r) => [...r, ...Array<CellValue>(cols - r.length).fill("")]);
        this.writeCells({ sheet, rect: { row: rect.row, col: rect.col, rows, cols } }, padded, "values");
      }
      if (spec.protected) sheet.protection = { protected: true, password: null, options: {} };
      if (spec.visibility) sheet.visibility = spec.visibility;
    }
    const firstVisible = this.allSheets.find((s) => s.visibility === "Visible");
    if (!firstVisible) throw excelError("InvalidArgument", "A workbook needs at least one visible sheet.");
    this.activeSheet = firstVisible;
  }

  // ----- sheets -------------------------------------------------------------

  liveSheets(): SheetState[] {
    return this.allSheets.filter((s) => !s.deleted);
  }

  findSheet(key: string): SheetState | undefined {
    const k = upper(String(key));
    return this.liveSheets().find((s) => upper(s.name) === k || upper(s.id) === k);
  }

  requireSheet(key: string): SheetState {
    const sheet = this.findSheet(key);
    if (!sheet) throw excelError("ItemNotFound", `The worksheet '${key}' does not exist.`);
    return sheet;
  }

  position(sheet: SheetState): number {
    return this.liveSheets().indexOf(sheet);
  }

  /** Excel's documented worksheet-name rules; `except` allows renaming a sheet to itself. */
  validateSheetName(name: unknown, except?: SheetState): string {
    if (typeof name !== "string" || name.length === 0) {
      throw excelError("InvalidArgument", "A worksheet name cannot be empty.");
    }
    if (name.length > 31) throw excelError("InvalidArgument", `The worksheet name '${name}' is longer than 31 characters.`);
    if (FORBIDDEN_SHEET_CHARS.test(name)) {
      throw excelError("InvalidArgument", `The worksheet name '${name}' contains one of the characters [ ] : * ? / \\.`);
    }
    if (name.startsWith("'") || name.endsWith("'")) {
      throw excelError("InvalidArgument", `The worksheet name '${name}' cannot begin or end with an apostrophe.`);
    }
    if (upper(name) === "HISTORY") throw excelError("InvalidArgument", "'History' is a reserved worksheet name.");
    const clash = this.liveSheets().find((s) => s !== except && upper(s.name) === upper(name));
    if (clash) throw excelError("ItemAlreadyExists", `A worksheet named '${clash.name}' already exists.`);
    return name;
  }

  addSheet(name?: string): SheetState {
    let finalName: string;
    if (name === undefined || name === null) {
      let n = this.liveSheets().length + 1;
      while (this.findSheet(`${this.locale.sheetPrefix}${n}`)) n++;
      finalName = `${this.locale.sheetPrefix}${n}`;
    } else {
      finalName = this.validateSheetName(name);
    }
    const seq = this.sheetSeq++;
    const sheet: SheetState = {
      id: `{00000000-0001-0000-${seq.toString(16).toUpperCase().padStart(4, "0")}-000000000000}`,
      name: finalName,
      visibility: "Visible",
      deleted: false,
      cells: new Map(),
      layers: new Map(),
      columnWidths: new Map(),
      rowHeights: new Map(),
      frozenRows: 0,
      frozenColumns: 0,
      tabColor: null,
      showGridlines: true,
      protection: { protected: false, password: null, options: {} },
      customProperties: new Map(),
      merged: [],
    };
    this.allSheets.push(sheet);
    return sheet;
  }

  renameSheet(sheet: SheetState, name: unknown): void {
    sheet.name = this.validateSheetName(name, sheet);
  }

  private visibleCount(except?: SheetState): number {
    return this.liveSheets().filter((s) => s !== except && s.visibility === "Visible").length;
  }

  deleteSheet(sheet: SheetState): void {
    if (sheet.visibility === "Visible" && this.visibleCount(sheet) === 0) {
      throw excelError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    }
    sheet.deleted = true;
    for (const t of this.allTables) if (t.sheet === sheet) t.deleted = true;
    for (const p of this.allPivots) if (p.sheet === sheet) p.deleted = true;
    for (const cp of sheet.customProperties.values()) cp.deleted = true;
    for (const n of this.allNames) if (n.target.kind === "range" && n.target.sheet === sheet) n.broken = true;
    if (this.activeSheet === sheet) this.activeSheet = this.liveSheets().find((s) => s.visibility === "Visible")!;
  }

  moveSheet(sheet: SheetState, position: unknown): void {
    const live = this.liveSheets();
    if (typeof position !== "number" || !Number.isInteger(position) || position < 0 || position >= live.length) {
      throw excelError("InvalidArgument", `Position ${String(position)} is outside 0..${live.length - 1}.`);
    }
    const from = this.allSheets.indexOf(sheet);
    this.allSheets.splice(from, 1);
    // Insert before the live sheet currently at `position` (deleted sheets are skipped).
    const others = this.liveSheets();
    const anchor = others[position];
    const at = anchor ? this.allSheets.indexOf(anchor) : this.allSheets.length;
    this.allSheets.splice(at, 0, sheet);
  }

  setVisibility(sheet: SheetState, v: unknown): void {
    const vis = oneOf(v, ["Visible", "Hidden", "VeryHidden"] as const, "sheet visibility");
    if (vis !== "Visible" && sheet.visibility === "Visible" && this.visibleCount(sheet) === 0) {
      throw excelError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    }
    sheet.visibility = vis;
    if (this.activeSheet === sheet && vis !== "Visible") {
      this.activeSheet = this.liveSheets().find((s) => s.visibility === "Visible")!;
    }
  }

  activate(sheet: SheetState): void {
    if (sheet.visibility !== "Visible") {
      throw excelError("InvalidOperation", `The worksheet '${sheet.name}' is hidden and cannot be activated.`);
    }
    this.activeSheet = sheet;
  }

  setTabColor(sheet: SheetState, color: unknown): void {
    sheet.tabColor = color === "" || color === null ? null : normalizeColor(color, "tab color");
  }

  freeze(sheet: SheetState, rows: unknown, cols: unknown): void {
    for (const [n, max, what] of [
      [rows, MAX_ROWS, "rows"],
      [cols, MAX_COLUMNS, "columns"],
    ] as const) {
      if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n >= max) {
        throw excelError("InvalidArgument", `Cannot freeze ${String(n)} ${what}.`);
      }
    }
    sheet.frozenRows = rows as number;
    sheet.frozenColumns = cols as number;
  }

  protect(sheet: SheetState, options: ProtectionOptions | undefined, password: string | undefined): void {
    if (sheet.protection.protected) {
      throw excelError("InvalidOperation", `The worksheet '${sheet.name}' is already protected.`);
    }
    sheet.protection = { protected: true, password: password ?? null, options: { ...(options ?? {}) } };
  }

  unprotect(sheet: SheetState, password: string | undefined): void {
    const p = sheet.protection;
    if (p.protected && p.password !== null && p.password !== (password ?? "")) {
      throw excelError("InvalidArgument", "The password is incorrect.");
    }
    sheet.protection = { protected: false, password: null, options: {} };
  }

  /** Throws AccessDenied if sheet protection forbids this kind of change. */
  assertEditable(
    sheet: SheetState,
    kind:
      | "content"
      | "formatCells"
      | "formatColumns"
      | "formatRows"
      | "objects"
      | "pivot"
      | "insertRows"
      | "insertColumns"
      | "deleteRows"
      | "deleteColumns",
  ): void {
    const p = sheet.protection;
    if (!p.protected) return;
    const allowed =
      (kind === "insertRows" && p.options.allowInsertRows) ||
      (kind === "insertColumns" && p.options.allowInsertColumns) ||
      (kind === "deleteRows" && p.options.allowDeleteRows) ||
      (kind === "deleteColumns" && p.options.allowDeleteColumns) ||
      (kind === "formatCells" && p.options.allowFormatCells) ||
      (kind === "formatColumns" && p.options.allowFormatColumns) ||
      (kind === "formatRows" && p.options.allowFormatRows) ||
      (kind === "pivot" && p.options.allowPivotTables);
    if (!allowed) {
      throw excelError("AccessDenied", `The worksheet '${sheet.name}' is protected; the change is not allowed.`);
    }
  }

  // ----- custom properties --------------------------------------------------

  findCustomProperty(sheet: SheetState, key: string): CustomPropertyState | undefined {
    return sheet.customProperties.get(upper(String(key)));
  }

  setCustomProperty(sheet: SheetState, key: unknown, value: unknown): CustomPropertyState {
    if (typeof key !== "string" || key.length === 0 || key.length > 255) {
      throw excelError("InvalidArgument", "A custom property key must be 1 to 255 characters.");
    }
    if (typeof value !== "string") throw excelError("InvalidArgument", "A custom property value must be a string.");
    const existing = this.findCustomProperty(sheet, key);
    if (existing) {
      existing.value = value;
      return existing;
    }
    const cp: CustomPropertyState = { key, value, sheet, deleted: false };
    sheet.customProperties.set(upper(key), cp);
    return cp;
  }

  deleteCustomProperty(cp: CustomPropertyState): void {
    cp.deleted = true;
    cp.sheet.customProperties.delete(upper(cp.key));
  }

  // ----- cells --------------------------------------------------------------

  private cell(sheet: SheetState, row: number, col: number): CellData | undefined {
    return sheet.cells.get(cellKey(row, col));
  }

  private ensureCell(sheet: SheetState, row: number, col: number): CellData {
    const key = cellKey(row, col);
    let c = sheet.cells.get(key);
    if (!c) {
      c = { value: "" };
      sheet.cells.set(key, c);
    }
    return c;
  }

  private dropIfEmpty(sheet: SheetState, row: number, col: number): void {
    const key = cellKey(row, col);
    const c = sheet.cells.get(key);
    if (c && c.value === "" && c.formula === undefined && (!c.fmt || Object.keys(c.fmt).length === 0)) {
      sheet.cells.delete(key);
    }
  }

  /** Visits the stored cells inside a rectangle, choosing the cheaper walk. */
  private forEachStored(sheet: SheetState, rect: Rect, fn: (row: number, col: number, cell: CellData) => void): void {
    if (cellCount(rect) <= sheet.cells.size) {
      for (let r = rect.row; r < rect.row + rect.rows; r++) {
        for (let c = rect.col; c < rect.col + rect.cols; c++) {
          const cell = sheet.cells.get(cellKey(r, c));
          if (cell) fn(r, c, cell);
        }
      }
    } else {
      for (const [key, cell] of [...sheet.cells]) {
        const r = Math.floor(key / MAX_COLUMNS);
        const c = key % MAX_COLUMNS;
        if (containsCell(rect, r, c)) fn(r, c, cell);
      }
    }
  }

  cellValue(sheet: SheetState, row: number, col: number): CellValue {
    return this.cell(sheet, row, col)?.value ?? "";
  }

  cellFormula(sheet: SheetState, row: number, col: number): CellValue {
    const c = this.cell(sheet, row, col);
    return c?.formula ?? c?.value ?? "";
  }

  formatAt(sheet: SheetState, row: number, col: number, prop: FormatProp): FormatValue {
    const own = this.cell(sheet, row, col)?.fmt?.[prop];
    if (own !== undefined) return own;
    return this.layerValueAt(sheet, row, col, prop);
  }

  private layerValueAt(sheet: SheetState, row: number, col: number, prop: FormatProp): FormatValue {
    const layers = sheet.layers.get(prop);
    if (layers) {
      for (let i = layers.length - 1; i >= 0; i--) {
        const l = layers[i]!;
        if (containsCell(l.rect, row, col)) return l.value;
      }
    }
    return FORMAT_DEFAULTS[prop];
  }

  /** A border side as displayed: a cell's own border, else its neighbour's facing one. */
  borderAt(sheet: SheetState, row: number, col: number, side: BorderSide, attr: BorderAttr): FormatValue {
    const own = this.formatAt(sheet, row, col, `border.${side}.style`);
    if (own !== "None") return this.formatAt(sheet, row, col, `border.${side}.${attr}`);
    const n = neighbour(row, col, side);
    if (!n) return this.formatAt(sheet, row, col, `border.${side}.${attr}`);
    const facing = this.formatAt(sheet, n.row, n.col, `border.${n.side}.style`);
    if (facing === "None") return this.formatAt(sheet, row, col, `border.${side}.${attr}`);
    return this.formatAt(sheet, n.row, n.col, `border.${n.side}.${attr}`);
  }

  cellFormat(sheet: SheetState, row: number, col: number): CellFormat {
    const f = (p: FormatProp) => this.formatAt(sheet, row, col, p);
    const border = (s: BorderSide) => ({
      style: this.borderAt(sheet, row, col, s, "style") as BorderLineStyle,
      weight: this.borderAt(sheet, row, col, s, "weight") as BorderWeight,
      color: this.borderAt(sheet, row, col, s, "color") as string,
    });
    return {
      numberFormat: f("numberFormat") as string,
      bold: f("font.bold") as boolean,
      italic: f("font.italic") as boolean,
      underline: f("font.underline") as UnderlineStyle,
      fontSize: f("font.size") as number,
      fontColor: f("font.color") as string,
      fontName: f("font.name") as string,
      fillColor: f("fill.color") as string,
      horizontalAlignment: f("horizontalAlignment") as HorizontalAlignment,
      verticalAlignment: f("verticalAlignment") as VerticalAlignment,
      wrapText: f("wrapText") as boolean,
      borders: { top: border("top"), bottom: border("bottom"), left: border("left"), right: border("right") },
    };
  }

  cellText(sheet: SheetState, row: number, col: number): string {
    return renderText(this.cellValue(sheet, row, col), this.formatAt(sheet, row, col, "numberFormat") as string, this.locale);
  }

  private checkReadable(rect: Rect): void {
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

  readValues(ref: RangeRef): CellValue[][] {
    return this.readGrid(ref, (r, c) => this.cellValue(ref.sheet, r, c));
  }

  readFormulas(ref: RangeRef): CellValue[][] {
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
  private assertNoPivot(ref: RangeRef, except?: PivotState): void {
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

  private checkDims(input: unknown, rect: Rect, what: string): input is unknown[][] {
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
      this.forEachStored(sheet, rect, (r, c) => this.storeCell(sheet, r, c, { value: "" }));
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

  private storeCell(sheet: SheetState, row: number, col: number, data: CellData): void {
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

  /** Range.numberFormat assignment. */
  writeNumberFormat(ref: RangeRef, input: unknown): void {
    this.assertEditable(ref.sheet, "formatCells");
    if (this.checkDims(input, ref.rect, "numberFormat")) {
      const prepared = input.map((row) => row.map((v) => (v === null || v === undefined ? null : validateFormat("numberFormat", v))));
      prepared.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v !== null) this.setCellFormat(ref.sheet, ref.rect.row + r, ref.rect.col + c, "numberFormat", v);
        }),
      );
      return;
    }
    if (Array.isArray(input) || input === null || input === undefined) return;
    this.applyFormat(ref.sheet, ref.rect, "numberFormat", validateFormat("numberFormat", input));
  }

  private setCellFormat(sheet: SheetState, row: number, col: number, prop: FormatProp, value: FormatValue): void {
    const cell = this.ensureCell(sheet, row, col);
    (cell.fmt ??= {})[prop] = value;
  }

  private applyFormat(sheet: SheetState, rect: Rect, prop: FormatProp, value: FormatValue): void {
    if (cellCount(rect) <= LARGE_RANGE) {
      for (let r = rect.row; r < rect.row + rect.rows; r++) {
        for (let c = rect.col; c < rect.col + rect.cols; c++) this.setCellFormat(sheet, r, c, prop, value);
      }
      return;
    }
    // Whole rows/columns: one layer, and per-cell values underneath stop counting.
    this.forEachStored(sheet, rect, (r, c, cell) => {
      if (cell.fmt) delete cell.fmt[prop];
      this.dropIfEmpty(sheet, r, c);
    });
    const layers = (sheet.layers.get(prop) ?? []).filter((l) => !rectContains(rect, l.rect));
    layers.push({ rect, value });
    sheet.layers.set(prop, layers);
  }

  /** Sets one format property on every cell of the range. */
  setFormat(ref: RangeRef, prop: FormatProp, value: unknown): void {
    this.assertEditable(ref.sheet, "formatCells");
    this.applyFormat(ref.sheet, ref.rect, prop, validateFormat(prop, value));
  }

  /** Null when the cells disagree, as Office.js reports mixed formatting. */
  private uniform(sheet: SheetState, rect: Rect, at: (r: number, c: number) => FormatValue, prop?: FormatProp): FormatValue | null {
    if (cellCount(rect) <= LARGE_RANGE || !prop) {
      this.checkReadable(rect);
      let first: FormatValue | undefined;
      for (let r = rect.row; r < rect.row + rect.rows; r++) {
        for (let c = rect.col; c < rect.col + rect.cols; c++) {
          const v = at(r, c);
          if (first === undefined) first = v;
          else if (v !== first) return null;
        }
      }
      return first ?? null;
    }
    // Huge range: compare stored cells and one sample per block between layer edges.
    const seen = new Set<FormatValue>();
    this.forEachStored(sheet, rect, (_r, _c, cell) => {
      const v = cell.fmt?.[prop];
      if (v !== undefined) seen.add(v);
    });
    const rowsCut = new Set([rect.row]);
    const colsCut = new Set([rect.col]);
    for (const l of sheet.layers.get(prop) ?? []) {
      const i = intersection(l.rect, rect);
      if (!i) continue;
      rowsCut.add(i.row).add(i.row + i.rows);
      colsCut.add(i.col).add(i.col + i.cols);
    }
    for (const r of rowsCut) {
      if (r >= rect.row + rect.rows) continue;
      for (const c of colsCut) {
        if (c >= rect.col + rect.cols) continue;
        seen.add(this.layerValueAt(sheet, r, c, prop));
      }
    }
    return seen.size === 1 ? [...seen][0]! : null;
  }

  readFormat(ref: RangeRef, prop: FormatProp): FormatValue | null {
    return this.uniform(ref.sheet, ref.rect, (r, c) => this.formatAt(ref.sheet, r, c, prop), prop);
  }

  private borderCells(rect: Rect, index: BorderIndex): { rect: Rect; side: BorderSide }[] {
    const { row, col, rows, cols } = rect;
    switch (index) {
      case "EdgeTop":
        return [{ rect: { row, col, rows: 1, cols }, side: "top" }];
      case "EdgeBottom":
        return [{ rect: { row: row + rows - 1, col, rows: 1, cols }, side: "bottom" }];
      case "EdgeLeft":
        return [{ rect: { row, col, rows, cols: 1 }, side: "left" }];
      case "EdgeRight":
        return [{ rect: { row, col: col + cols - 1, rows, cols: 1 }, side: "right" }];
      case "InsideHorizontal":
        return rows < 2
          ? []
          : [
              { rect: { row, col, rows: rows - 1, cols }, side: "bottom" },
              { rect: { row: row + 1, col, rows: rows - 1, cols }, side: "top" },
            ];
      case "InsideVertical":
        return cols < 2
          ? []
          : [
              { rect: { row, col, rows, cols: cols - 1 }, side: "right" },
              { rect: { row, col: col + 1, rows, cols: cols - 1 }, side: "left" },
            ];
    }
  }

  setBorder(ref: RangeRef, index: BorderIndex, attr: BorderAttr, value: unknown): void {
    this.assertEditable(ref.sheet, "formatCells");
    for (const { rect, side } of this.borderCells(ref.rect, index)) {
      const prop = `border.${side}.${attr}` as const;
      const v = validateFormat(prop, value);
      this.applyFormat(ref.sheet, rect, prop, v);
      // Keep an explicit facing border outside the range in step, so both cells agree.
      const facing = outside(rect, side);
      if (facing) {
        const fprop = `border.${opposite(side)}.${attr}` as const;
        this.forEachStored(ref.sheet, facing, (_r, _c, cell) => {
          if (cell.fmt?.[fprop] !== undefined) cell.fmt[fprop] = v;
        });
      }
    }
  }

  readBorder(ref: RangeRef, index: BorderIndex, attr: BorderAttr): FormatValue | null {
    const parts = this.borderCells(ref.rect, index).filter((p) => p.side === "top" || p.side === "left" || index.startsWith("Edge"));
    if (parts.length === 0) return FORMAT_DEFAULTS[`border.top.${attr}`];
    const values = new Set<FormatValue | null>();
    for (const { rect, side } of parts) {
      values.add(this.uniform(ref.sheet, rect, (r, c) => this.borderAt(ref.sheet, r, c, side, attr), undefined));
    }
    return values.size === 1 ? [...values][0]! : null;
  }

  setColumnWidth(ref: RangeRef, width: unknown): void {
    this.assertEditable(ref.sheet, "formatColumns");
    if (typeof width !== "number" || !Number.isFinite(width) || width < 0) {
      throw excelError("InvalidArgument", "Column width must be a non-negative number of points.");
    }
    for (let c = ref.rect.col; c < ref.rect.col + ref.rect.cols; c++) ref.sheet.columnWidths.set(c, width);
  }

  setRowHeight(ref: RangeRef, height: unknown): void {
    this.assertEditable(ref.sheet, "formatRows");
    if (typeof height !== "number" || !Number.isFinite(height) || height < 0 || height > 409) {
      throw excelError("InvalidArgument", "Row height must be a number of points from 0 to 409.");
    }
    for (let r = ref.rect.row; r < ref.rect.row + ref.rect.rows; r++) ref.sheet.rowHeights.set(r, height);
  }

  columnWidth(sheet: SheetState, col: number): number {
    return sheet.columnWidths.get(col) ?? STANDARD_COLUMN_WIDTH;
  }

  rowHeight(sheet: SheetState, row: number): number {
    return sheet.rowHeights.get(row) ?? STANDARD_ROW_HEIGHT;
  }

  readColumnWidth(ref: RangeRef): number | null {
    const first = this.columnWidth(ref.sheet, ref.rect.col);
    for (let c = ref.rect.col + 1; c < ref.rect.col + ref.rect.cols; c++) {
      if (this.columnWidth(ref.sheet, c) !== first) return null;
    }
    return first;
  }

  readRowHeight(ref: RangeRef): number | null {
    const first = this.rowHeight(ref.sheet, ref.rect.row);
    for (let r = ref.rect.row + 1; r < ref.rect.row + ref.rect.rows; r++) {
      if (this.rowHeight(ref.sheet, r) !== first) return null;
    }
    return first;
  }

  private isMergedCell(sheet: SheetState, row: number, col: number): boolean {
    return sheet.merged.some((m) => containsCell(m, row, col));
  }

  /** Rough text width: Calibri 11 digits are about 7 px; points are 3/4 px. */
  private textWidth(sheet: SheetState, row: number, col: number): number {
    const text = this.cellText(sheet, row, col);
    if (text === "") return 0;
    const size = this.formatAt(sheet, row, col, "font.size") as number;
    const bold = this.formatAt(sheet, row, col, "font.bold") === true;
    const longest = Math.max(...text.split("\n").map((l) => l.length));
    const px = longest * 7 * (size / 11) * (bold ? 1.1 : 1) + 10;
    return Math.round(px * 0.75 * 100) / 100;
  }

  autofitColumns(ref: RangeRef): void {
    this.assertEditable(ref.sheet, "formatColumns");
    const used = this.usedRect(ref.sheet, true);
    for (let c = ref.rect.col; c < ref.rect.col + ref.rect.cols; c++) {
      const rows = used ? intersection(ref.rect, { row: used.row, col: c, rows: used.rows, cols: 1 }) : null;
      let width = 0;
      if (rows) {
        for (let r = rows.row; r < rows.row + rows.rows; r++) {
          if (!this.isMergedCell(ref.sheet, r, c)) width = Math.max(width, this.textWidth(ref.sheet, r, c));
        }
      }
      if (width > 0) ref.sheet.columnWidths.set(c, width);
    }
  }

  /**
   * Lines a cell's text takes: its line breaks, and with wrapText also the lines a paragraph wraps
   * into at the column's width ("best fit, based on the current data in the columns":
   * learn.microsoft.com/javascript/api/excel/excel.rangeformat#excel-excel-rangeformat-autofitrows-member(1)).
   * Widths use the same estimate as autofitColumns.
   */
  private textLines(sheet: SheetState, row: number, col: number): number {
    const paragraphs = this.cellText(sheet, row, col).split("\n");
    if (this.formatAt(sheet, row, col, "wrapText") !== true) return paragraphs.length;
    const size = this.formatAt(sheet, row, col, "font.size") as number;
    const bold = this.formatAt(sheet, row, col, "font.bold") === true;
    const room = this.columnWidth(sheet, col) - 7.5; // the cell's padding, as in textWidth's + 10 px
    const perChar = 7 * (size / 11) * (bold ? 1.1 : 1) * 0.75;
    // Greedy word wrap, as a spreadsheet breaks lines at spaces; a word longer than the cell breaks anywhere.
    const wrapped = (p: string): number => {
      let lines = 1;
      let used = 0;
      for (const word of p.split(" ")) {
        const w = word.length * perChar;
        const next = used === 0 ? w : used + perChar + w;
        if (next <= room || used === 0) used = next;
        else {
          lines++;
          used = w;
        }
        while (used > room && room > perChar) {
          lines++;
          used -= room;
        }
      }
      return lines;
    };
    return paragraphs.reduce((n, p) => n + wrapped(p), 0);
  }

  autofitRows(ref: RangeRef): void {
    this.assertEditable(ref.sheet, "formatRows");
    const used = this.usedRect(ref.sheet, true);
    for (let r = ref.rect.row; r < ref.rect.row + ref.rect.rows; r++) {
      let height = STANDARD_ROW_HEIGHT;
      const cols = used ? intersection(ref.rect, { row: r, col: used.col, rows: 1, cols: used.cols }) : null;
      if (cols) {
        for (let c = cols.col; c < cols.col + cols.cols; c++) {
          const lines = this.textLines(ref.sheet, r, c);
          const size = this.formatAt(ref.sheet, r, c, "font.size") as number;
          height = Math.max(height, Math.round(lines * STANDARD_ROW_HEIGHT * (size / 11) * 100) / 100);
        }
      }
      ref.sheet.rowHeights.set(r, Math.min(409, height));
    }
  }

  clear(ref: RangeRef, applyTo: unknown = "All"): void {
    const what = oneOf(applyTo, ["All", "Formats", "Contents", "Hyperlinks", "RemoveHyperlinks", "ResetContents"] as const, "clear option");
    const { sheet, rect } = ref;
    const contents = what === "All" || what === "Contents" || what === "ResetContents";
    const formats = what === "All" || what === "Formats";
    if (contents) {
      this.assertEditable(sheet, "content");
      this.assertNoPivot(ref);
    }
    if (formats) this.assertEditable(sheet, "formatCells");
    if (contents) this.forEachStored(sheet, rect, (r, c) => this.storeCell(sheet, r, c, { value: "" }));
    if (formats) this.clearFormats(sheet, rect);
    // Tables in the range stay. Range.clear's reference (learn.microsoft.com, Excel.Range.clear
    // and Excel.ClearApplyTo) says nothing about tables; Excel's UI may remove a table whose whole
    // range is cleared with Clear All, but that is not documented for the API, so the fake does not
    // model it and code under test must delete a table explicitly (Table.delete) when it means to.
  }

  private clearFormats(sheet: SheetState, rect: Rect): void {
    this.forEachStored(sheet, rect, (r, c, cell) => {
      delete cell.fmt;
      this.dropIfEmpty(sheet, r, c);
    });
    for (const [prop, layers] of sheet.layers) {
      const kept = layers.filter((l) => !rectContains(rect, l.rect));
      if (kept.some((l) => rectsIntersect(l.rect, rect))) kept.push({ rect, value: FORMAT_DEFAULTS[prop] });
      sheet.layers.set(prop, kept);
    }
    sheet.merged = sheet.merged.filter((m) => !rectsIntersect(m, rect));
  }

  merge(ref: RangeRef, across: boolean): void {
    const { sheet, rect } = ref;
    this.assertEditable(sheet, "content");
    if (this.allTables.some((t) => !t.deleted && t.sheet === sheet && rectsIntersect(t.rect, rect))) {
      throw excelError("InvalidOperation", "Cells in a table cannot be merged.");
    }
    const areas = across
      ? Array.from({ length: rect.rows }, (_, i) => ({ row: rect.row + i, col: rect.col, rows: 1, cols: rect.cols }))
      : [rect];
    sheet.merged = sheet.merged.filter((m) => !rectsIntersect(m, rect));
    for (const a of areas) {
      if (cellCount(a) < 2) continue;
      // Only the top-left value survives a merge.
      this.forEachStored(sheet, a, (r, c) => {
        if (r !== a.row || c !== a.col) this.storeCell(sheet, r, c, { value: "" });
      });
      sheet.merged.push(a);
    }
  }

  unmerge(ref: RangeRef): void {
    this.assertEditable(ref.sheet, "content");
    ref.sheet.merged = ref.sheet.merged.filter((m) => !rectsIntersect(m, ref.rect));
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
      if (used) add({ row: Math.floor(key / MAX_COLUMNS), col: key % MAX_COLUMNS, rows: 1, cols: 1 });
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

  // ----- inserting and deleting cells ---------------------------------------

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
    const at = (r: number, c: number) => (axis === "row" ? r : c);
    const inBand = (r: number, c: number) => {
      const x = axis === "row" ? c : r;
      return x >= op.band[0] && x < op.band[1];
    };

    // Checks first: a refused shift leaves the sheet as it was.
    if (insert) {
      for (const [key, cell] of sheet.cells) {
        const r = Math.floor(key / MAX_COLUMNS);
        const c = key % MAX_COLUMNS;
        if (inBand(r, c) && (cell.value !== "" || cell.formula !== undefined) && mapIndex(at(r, c), op) === null) {
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
      if (insert && next === null) throw excelError("InvalidOperation", `The table '${t.name}' would move off the worksheet.`);
      // Deleting the header row of a table that keeps some of its rows.
      const [s] = along(t.rect, axis);
      if (!insert && next !== null && axis === "row" && s >= op.at && s < op.at + op.count) {
        throw excelError("InsertDeleteConflict", `The operation would delete the header row of the table '${t.name}'.`);
      }
    }
    const pivots = this.allPivots.filter((p) => !p.deleted && p.sheet === sheet);
    const pivotArea = (p: PivotState): Rect => p.output ?? { row: p.dest.row, col: p.dest.col, rows: 1, cols: 1 };
    for (const p of pivots) {
      const area = pivotArea(p);
      const kind = classify(area, op);
      if (kind === "none") continue;
      const next = mapRect(area, op);
      const [s, e] = along(area, axis);
      const inside = insert ? splits(area, op) : next !== null && s < op.at + op.count;
      const whollyDeleted = !insert && next === null && s >= op.at && e <= op.at + op.count;
      if (kind === "partial" || inside || (next === null && !whollyDeleted)) {
        throw excelError("InvalidOperation", `Cannot change part of the PivotTable '${p.name}'.`);
      }
    }
    for (const m of sheet.merged) {
      if (classify(m, op) === "partial") throw excelError("InvalidOperation", "Cannot change part of a merged cell.");
    }

    // Cells, with their formats.
    const moved: [number, number, CellData][] = [];
    for (const [key, cell] of sheet.cells) {
      const r = Math.floor(key / MAX_COLUMNS);
      const c = key % MAX_COLUMNS;
      if (inBand(r, c) && at(r, c) >= op.at) moved.push([r, c, cell]);
    }
    for (const [r, c] of moved) sheet.cells.delete(cellKey(r, c));
    for (const [r, c, cell] of moved) {
      const to = mapIndex(at(r, c), op);
      if (to === null) continue;
      sheet.cells.set(axis === "row" ? cellKey(to, c) : cellKey(r, to), cell);
    }
    if (insert && op.at > 0) {
      const before = op.at - 1;
      const source: [number, Partial<Record<FormatProp, FormatValue>>][] = [];
      for (const [key, cell] of sheet.cells) {
        const r = Math.floor(key / MAX_COLUMNS);
        const c = key % MAX_COLUMNS;
        if (cell.fmt && at(r, c) === before && inBand(r, c)) source.push([axis === "row" ? c : r, cell.fmt]);
      }
      for (const [x, fmt] of source) {
        for (let i = op.at; i < op.at + op.count; i++) {
          const cell = axis === "row" ? this.ensureCell(sheet, i, x) : this.ensureCell(sheet, x, i);
          cell.fmt = { ...fmt };
        }
      }
    }
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

    // Row heights, column widths and frozen panes belong to whole rows and columns.
    if (whole) {
      const sizes = axis === "row" ? sheet.rowHeights : sheet.columnWidths;
      const entries = [...sizes];
      sizes.clear();
      for (const [i, v] of entries) {
        const to = mapIndex(i, op);
        if (to !== null) sizes.set(to, v);
      }
      const frozen = axis === "row" ? sheet.frozenRows : sheet.frozenColumns;
      if (frozen > op.at) {
        const next = mapRect(axis === "row" ? { row: 0, col: 0, rows: frozen, cols: 1 } : { row: 0, col: 0, rows: 1, cols: frozen }, op);
        const count = next ? along(next, axis)[1] : 0;
        if (axis === "row") sheet.frozenRows = count;
        else sheet.frozenColumns = count;
      }
    }

    // References and objects follow the cells.
    for (const n of this.allNames) {
      if (n.deleted || n.broken || n.target.kind !== "range" || n.target.sheet !== sheet) continue;
      if (classify(n.target.rect, op) !== "full") continue;
      const next = mapRect(n.target.rect, op);
      if (next) n.target = { ...n.target, rect: next };
      else n.broken = true;
    }
    for (const t of tables) {
      const next = mapRect(t.rect, op);
      if (!next) {
        t.deleted = true;
        continue;
      }
      const grew = axis === "col" && next.cols > t.rect.cols;
      t.rect = next;
      // A column inserted inside a table gets a generated header, as in Excel.
      if (grew) this.normalizeHeaders(sheet, next, true);
    }
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

  // ----- names and tables ---------------------------------------------------

  /** Rules shared by table and workbook names; unique across both, ignoring case. */
  validateObjectName(name: unknown, except?: TableState | NamedItemState): string {
    if (typeof name !== "string" || name.length === 0) throw excelError("InvalidArgument", "A name cannot be empty.");
    if (name.length > 255) throw excelError("InvalidArgument", `The name '${name}' is longer than 255 characters.`);
    if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name)) {
      throw excelError(
        "InvalidArgument",
        `The name '${name}' is not valid: start with a letter or underscore and use no spaces or symbols.`,
      );
    }
    if (looksLikeCellReference(name)) {
      throw excelError("InvalidArgument", `The name '${name}' is not valid because it looks like a cell reference.`);
    }
    if (/^(TRUE|FALSE)$/i.test(name)) throw excelError("InvalidArgument", `'${name}' is reserved and cannot be a name.`);
    const k = upper(name);
    const clash =
      this.allTables.find((t) => !t.deleted && t !== except && upper(t.name) === k) ??
      this.allNames.find((n) => !n.deleted && n !== except && upper(n.name) === k);
    if (clash) throw excelError("ItemAlreadyExists", `The name '${clash.name}' is already used by a table or named item.`);
    return name;
  }

  findTable(key: string, sheet?: SheetState): TableState | undefined {
    const k = upper(String(key));
    return this.allTables.find((t) => !t.deleted && (!sheet || t.sheet === sheet) && (upper(t.name) === k || t.id === String(key)));
  }

  liveTables(sheet?: SheetState): TableState[] {
    return this.allTables.filter((t) => !t.deleted && (!sheet || t.sheet === sheet));
  }

  /** Resolves "Sheet!A1:B2" or "A1:B2" (relative to `defaultSheet`) to a range. */
  resolveAddress(address: string, defaultSheet: SheetState): RangeRef {
    const parsed = parseAddress(address);
    const sheet = parsed.sheet === undefined ? defaultSheet : this.findSheet(parsed.sheet);
    if (!sheet) throw excelError("InvalidArgument", `The address '${address}' refers to a missing worksheet.`);
    return { sheet, rect: checkRect(parsed.rect) };
  }

  private assertNoObjectsOverlap(sheet: SheetState, rect: Rect, what: string, exceptTable?: TableState): void {
    for (const t of this.liveTables(sheet)) {
      if (t !== exceptTable && rectsIntersect(t.rect, rect)) {
        throw excelError("InvalidArgument", `A ${what} cannot overlap the table '${t.name}'.`);
      }
    }
    for (const p of this.allPivots) {
      if (!p.deleted && p.sheet === sheet && p.output && rectsIntersect(p.output, rect)) {
        throw excelError("InvalidArgument", `A ${what} cannot overlap the PivotTable '${p.name}'.`);
      }
    }
  }

  addTable(sheet: SheetState, rectIn: Rect, hasHeaders: unknown): TableState {
    if (typeof hasHeaders !== "boolean") throw excelError("InvalidArgument", "hasHeaders must be true or false.");
    this.assertEditable(sheet, "objects");
    let rect = { ...checkRect(rectIn) };
    if (!hasHeaders || rect.rows === 1) {
      // Excel adds a generated header row (shifting the data down) or an empty data row.
      rect = checkRect({ ...rect, rows: rect.rows + 1 }, "table range");
    }
    this.assertNoObjectsOverlap(sheet, rect, "table");
    if (!hasHeaders) this.shiftDown(sheet, { ...rect, rows: rect.rows - 1 });
    this.normalizeHeaders(sheet, rect, hasHeaders);
    let n = ++this.tableSeq;
    while (this.findTable(`${this.locale.tablePrefix}${n}`) || this.findName(`${this.locale.tablePrefix}${n}`)) n++;
    const table: TableState = {
      id: String(this.tableSeq),
      name: `${this.locale.tablePrefix}${n}`,
      sheet,
      rect,
      style: "TableStyleMedium2",
      showBandedRows: true,
      showBandedColumns: false,
      showFilterButton: true,
      showHeaders: true,
      showTotals: false,
      highlightFirstColumn: false,
      highlightLastColumn: false,
      deleted: false,
    };
    this.allTables.push(table);
    return table;
  }

  /** Table headers are unique, non-empty text; Excel fills gaps with "Kolonne1", "Kolonne2"… */
  private normalizeHeaders(sheet: SheetState, rect: Rect, keepExisting: boolean): void {
    const seen = new Set<string>();
    for (let c = 0; c < rect.cols; c++) {
      const raw = keepExisting ? this.cellText(sheet, rect.row, rect.col + c) : "";
      let header = raw === "" ? `${this.locale.columnPrefix}${c + 1}` : raw;
      const base = header;
      for (let n = 2; seen.has(upper(header)); n++) header = `${base}${n}`;
      seen.add(upper(header));
      this.storeCell(sheet, rect.row, rect.col + c, { value: header });
    }
  }

  /** Inserts one row of cells above `rect` within its columns, pushing content down. */
  private shiftDown(sheet: SheetState, rect: Rect): void {
    const moved: [number, number, CellData][] = [];
    for (const [key, cell] of sheet.cells) {
      const r = Math.floor(key / MAX_COLUMNS);
      const c = key % MAX_COLUMNS;
      if (r >= rect.row && c >= rect.col && c < rect.col + rect.cols) moved.push([r, c, cell]);
    }
    for (const [r, c] of moved) sheet.cells.delete(cellKey(r, c));
    for (const [r, c, cell] of moved) if (r + 1 < MAX_ROWS) sheet.cells.set(cellKey(r + 1, c), cell);
  }

  /** Table.resize: same header row, overlapping the old range, clear of other tables. */
  resizeTable(t: TableState, ref: RangeRef): void {
    this.assertEditable(t.sheet, "objects");
    const rect = ref.rect;
    if (ref.sheet !== t.sheet || rect.row !== t.rect.row || !rectsIntersect(rect, t.rect)) {
      throw excelError("InvalidArgument", "The new table range must be on the same sheet, overlap the table and keep its header row.");
    }
    if (rect.rows < 2) throw excelError("InvalidArgument", "A table needs a header row and at least one data row.");
    this.assertNoObjectsOverlap(t.sheet, rect, "table", t);
    t.rect = { ...rect };
    this.normalizeHeaders(t.sheet, rect, true);
  }

  renameTable(t: TableState, name: unknown): void {
    const before = t.name;
    t.name = this.validateObjectName(name, t);
    this.renameInStructuredReferences(before, t.name);
  }

  /**
   * Renaming a table changes it in every structured reference in the workbook ("Using structured
   * references with Excel tables", support.microsoft.com: "If you rename a table or column, Excel
   * automatically changes the use of that table and column header in all structured references").
   * Modelled for workbook names whose target is a formula (cell formulas are kept as text).
   * A table name is a whole token: not preceded or followed by a name character, nor inside "…".
   */
  private renameInStructuredReferences(before: string, after: string): void {
    if (before === after) return;
    const escaped = before.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const token = new RegExp(`(^|[^A-Za-z0-9_.\\\\\u00C0-\uFFFF])${escaped}(?![A-Za-z0-9_.\\\\\u00C0-\uFFFF])`, "giu");
    for (const n of this.liveNames()) {
      if (n.target.kind !== "formula") continue;
      // Split on string constants so text such as ="NavTiltak" is left alone.
      const parts = n.target.formula.split(/("(?:[^"]|"")*")/);
      n.target = {
        kind: "formula",
        formula: parts.map((p, i) => (i % 2 === 1 ? p : p.replace(token, (_m, pre: string) => `${pre}${after}`))).join(""),
      };
    }
  }

  setTableStyle(t: TableState, style: unknown): void {
    this.assertEditable(t.sheet, "objects");
    if (style === null || style === "") {
      t.style = "";
      return;
    }
    if (typeof style !== "string" || !/^TableStyle(Light([1-9]|1\d|2[01])|Medium([1-9]|1\d|2[0-8])|Dark([1-9]|1[01]))$/.test(style)) {
      throw excelError("InvalidArgument", `'${String(style)}' is not a built-in table style.`);
    }
    t.style = style;
  }

  setTableFlag(t: TableState, flag: TableFlag, value: unknown): void {
    this.assertEditable(t.sheet, "objects");
    t[flag] = bool(value, flag);
  }

  /** Table.delete removes the table together with its cells' contents and formats. */
  deleteTable(t: TableState): void {
    this.assertEditable(t.sheet, "objects");
    t.deleted = true;
    this.forEachStored(t.sheet, t.rect, (r, c) => this.storeCell(t.sheet, r, c, { value: "" }));
    this.clearFormats(t.sheet, t.rect);
  }

  convertTableToRange(t: TableState): void {
    this.assertEditable(t.sheet, "objects");
    t.deleted = true;
  }

  tableHeaders(t: TableState): string[] {
    return Array.from({ length: t.rect.cols }, (_, c) => this.cellText(t.sheet, t.rect.row, t.rect.col + c));
  }

  findName(name: string): NamedItemState | undefined {
    const k = upper(String(name));
    return this.allNames.find((n) => !n.deleted && upper(n.name) === k);
  }

  liveNames(): NamedItemState[] {
    return this.allNames.filter((n) => !n.deleted);
  }

  /** Parses a name's reference: a range, or any other formula kept as text. */
  parseNameTarget(reference: unknown): NamedTarget {
    if (typeof reference !== "string" || reference.trim() === "" || reference.trim() === "=") {
      throw excelError("InvalidArgument", 'A name needs a reference such as "=Ark1!$A$1:$B$2".');
    }
    const formula = reference.startsWith("=") ? reference : `=${reference}`;
    const body = formula.slice(1).trim();
    const { sheet, ref } = splitSheet(body);
    const rect = tryParseRef(ref);
    if (rect) {
      const target = sheet === undefined ? this.activeSheet : this.findSheet(sheet);
      if (!target) throw excelError("InvalidArgument", `The reference '${reference}' names a missing worksheet.`);
      return { kind: "range", sheet: target, rect: checkRect(rect) };
    }
    return { kind: "formula", formula };
  }

  /** Name comments are strings of at most 255 characters, as in Excel's Name Manager. */
  validateNameComment(comment: unknown): string {
    if (comment === undefined || comment === null) return "";
    if (typeof comment !== "string") throw excelError("InvalidArgument", "A name's comment must be a string.");
    if (comment.length > 255) {
      throw excelError("InvalidArgument", `A name's comment can be at most 255 characters (got ${comment.length}).`);
    }
    return comment;
  }

  addName(name: unknown, target: NamedTarget, comment: unknown): NamedItemState {
    const valid = this.validateObjectName(name);
    const validComment = this.validateNameComment(comment);
    const item: NamedItemState = {
      name: valid,
      comment: validComment,
      visible: true,
      target,
      broken: false,
      deleted: false,
    };
    this.allNames.push(item);
    return item;
  }

  nameFormula(n: NamedItemState): string {
    if (n.target.kind === "formula") return n.target.formula;
    const sheetPart = n.broken ? "#REF!" : `${quoteSheetName(n.target.sheet.name)}!`;
    return `=${sheetPart}${formatRect(n.target.rect, true)}`;
  }

  nameType(n: NamedItemState): "Range" | "String" | "Integer" | "Double" | "Boolean" | "Error" {
    if (n.broken) return "Error";
    if (n.target.kind === "range") return "Range";
    const body = n.target.formula.slice(1).trim();
    if (/^[+-]?\d+$/.test(body)) return "Integer";
    if (NUMERIC.test(body)) return "Double";
    if (/^(TRUE|FALSE|SANN|USANN)$/i.test(body)) return "Boolean";
    if (body.startsWith("#")) return "Error";
    return "String";
  }

  nameValue(n: NamedItemState): CellValue {
    if (n.broken) return "#REF!";
    if (n.target.kind === "range") return formatAddress(n.target.sheet.name, n.target.rect, true);
    const body = n.target.formula.slice(1).trim();
    if (NUMERIC.test(body)) return Number(body);
    const quoted = /^"(.*)"$/.exec(body);
    return quoted ? quoted[1]!.replace(/""/g, '"') : body;
  }

  nameRange(n: NamedItemState): RangeRef | null {
    if (n.broken || n.target.kind !== "range" || n.target.sheet.deleted) return null;
    return { sheet: n.target.sheet, rect: n.target.rect };
  }

  // ----- pivots (rules live in pivot.ts) -----------------------------------

  nextPivotId(): string {
    return String(++this.pivotSeq);
  }

  nextDataFieldId(): string {
    return String(++this.dataFieldSeq);
  }

  /** Writes pivot output cells, bypassing the guard that protects reports from edits. */
  writePivotCell(sheet: SheetState, row: number, col: number, value: CellValue, fmt?: Partial<Record<FormatProp, FormatValue>>): void {
    this.storeCell(sheet, row, col, { value });
    if (fmt) {
      const cell = this.ensureCell(sheet, row, col);
      cell.fmt = { ...cell.fmt, ...fmt };
    }
  }

  clearPivotOutput(sheet: SheetState, rect: Rect): void {
    this.forEachStored(sheet, rect, (r, c) => this.storeCell(sheet, r, c, { value: "" }));
    this.clearFormats(sheet, rect);
  }

  assertAreaFree(sheet: SheetState, rect: Rect, what: string, except?: PivotState): void {
    for (const t of this.liveTables(sheet)) {
      if (rectsIntersect(t.rect, rect)) throw excelError("InvalidArgument", `A ${what} cannot overlap the table '${t.name}'.`);
    }
    for (const p of this.allPivots) {
      if (!p.deleted && p !== except && p.sheet === sheet && p.output && rectsIntersect(p.output, rect)) {
        throw excelError("InvalidArgument", `A ${what} cannot overlap the PivotTable '${p.name}'.`);
      }
    }
  }

  // ----- settings (Office.context.document.settings) ------------------------

  saveSettings(): void {
    this.savedSettings.clear();
    for (const [k, v] of this.liveSettings) this.savedSettings.set(k, v);
  }

  // ----- inspection API -----------------------------------------------------

  /** Live sheet names in tab order (hidden ones included). */
  sheetNames(): string[] {
    return this.liveSheets().map((s) => s.name);
  }

  activeSheetName(): string {
    return this.activeSheet.name;
  }

  private refFor(sheetName: string, address: string): RangeRef {
    const sheet = this.requireSheet(sheetName);
    return this.resolveAddress(address, sheet);
  }

  getValues(sheet: string, address: string): CellValue[][] {
    return this.readValues(this.refFor(sheet, address));
  }

  getFormulas(sheet: string, address: string): CellValue[][] {
    return this.readFormulas(this.refFor(sheet, address));
  }

  getText(sheet: string, address: string): string[][] {
    return this.readText(this.refFor(sheet, address));
  }

  getNumberFormats(sheet: string, address: string): string[][] {
    return this.readNumberFormats(this.refFor(sheet, address));
  }

  /** Full format of one cell (the top-left cell of `address`). */
  getCellFormat(sheet: string, address: string): CellFormat {
    const ref = this.refFor(sheet, address);
    return this.cellFormat(ref.sheet, ref.rect.row, ref.rect.col);
  }

  getColumnWidth(sheet: string, column: string): number {
    const ref = this.refFor(sheet, `${column}1`);
    return this.columnWidth(ref.sheet, ref.rect.col);
  }

  getRowHeight(sheet: string, row: number): number {
    return this.rowHeight(this.requireSheet(sheet), row - 1);
  }

  /** Used range address ("A1:C3") or null; valuesOnly ignores formatting. */
  usedRange(sheet: string, valuesOnly = false): string | null {
    const r = this.usedRect(this.requireSheet(sheet), valuesOnly);
    return r ? formatRect(r) : null;
  }

  /** Direct write for test setup (same validation as Range.values, no queue, no protection bypass). */
  setValues(sheet: string, address: string, values: CellValue[][]): void {
    this.writeCells(this.refFor(sheet, address), values, "values");
  }

  sheet(name: string): SheetSnapshot {
    const s = this.requireSheet(name);
    const used = this.usedRect(s, false);
    const ref: RangeRef | null = used ? { sheet: s, rect: used } : null;
    const grid = <T>(fn: (r: number, c: number) => T): T[][] => (ref ? this.readGrid(ref, fn) : []);
    return {
      name: s.name,
      id: s.id,
      position: this.position(s),
      visibility: s.visibility,
      tabColor: s.tabColor,
      showGridlines: s.showGridlines,
      protected: s.protection.protected,
      frozenRows: s.frozenRows,
      frozenColumns: s.frozenColumns,
      usedRange: used ? formatRect(used) : null,
      values: grid((r, c) => this.cellValue(s, r, c)),
      formulas: grid((r, c) => this.cellFormula(s, r, c)),
      text: grid((r, c) => this.cellText(s, r, c)),
      numberFormats: grid((r, c) => this.formatAt(s, r, c, "numberFormat") as string),
      bold: grid((r, c) => this.formatAt(s, r, c, "font.bold") === true),
      formats: grid((r, c) => this.cellFormat(s, r, c)),
      columnWidths: Object.fromEntries([...s.columnWidths].sort((a, b) => a[0] - b[0]).map(([c, w]) => [columnToLetters(c), w])),
      rowHeights: Object.fromEntries([...s.rowHeights].sort((a, b) => a[0] - b[0]).map(([r, h]) => [r + 1, h])),
      merged: s.merged.map((m) => formatRect(m)),
      customProperties: Object.fromEntries([...s.customProperties.values()].map((cp) => [cp.key, cp.value])),
    };
  }

  /**
   * Range.copyFrom(source, "All") (ExcelApi 1.9): the source's contents and formats onto the
   * destination, which takes the source's size from its top left cell (the reference: "the
   * destination is expanded automatically if it's smaller than the source"). Formulas are copied
   * as written: the fake keeps no reference arithmetic, and a copy to the same address on another
   * sheet needs none. Other copy types, skipBlanks and transpose are not modelled.
   */
  copyFrom(dest: RangeRef, src: RangeRef, copyType: unknown = "All", skipBlanks = false, transpose = false): void {
    if (copyType !== "All" || skipBlanks || transpose) {
      throw excelError("InvalidArgument", 'The fake models Range.copyFrom with copyType "All" only.');
    }
    this.assertEditable(dest.sheet, "content");
    this.assertEditable(dest.sheet, "formatCells");
    const to: RangeRef = { sheet: dest.sheet, rect: { row: dest.rect.row, col: dest.rect.col, rows: src.rect.rows, cols: src.rect.cols } };
    this.assertNoPivot(to);
    // Read everything first: source and destination may overlap.
    const props = Object.keys(FORMAT_DEFAULTS) as FormatProp[];
    const cells = this.readGrid(src, (r, c) => ({
      formula: this.cellFormula(src.sheet, r, c),
      value: this.cellValue(src.sheet, r, c),
      fmt: Object.fromEntries(
        props.map((p) => [p, this.formatAt(src.sheet, r, c, p)]).filter(([p, v]) => v !== FORMAT_DEFAULTS[p as FormatProp]),
      ),
    }));
    this.clearFormats(to.sheet, to.rect);
    cells.forEach((row, i) =>
      row.forEach((cell, j) => {
        const r = to.rect.row + i;
        const c = to.rect.col + j;
        const formula = typeof cell.formula === "string" && cell.formula.startsWith("=") ? cell.formula : undefined;
        this.storeCell(to.sheet, r, c, { value: cell.value, ...(formula ? { formula } : {}) });
        if (Object.keys(cell.fmt).length > 0) this.ensureCell(to.sheet, r, c).fmt = cell.fmt as Partial<Record<FormatProp, FormatValue>>;
      }),
    );
  }

  /** Every cell, on any sheet, whose formula (or constant) is `formula`: "Sheet!A1" addresses. */
  findFormula(formula: CellValue): string[] {
    const out: string[] = [];
    for (const s of this.liveSheets()) {
      const used = this.usedRect(s, true);
      if (!used) continue;
      this.readGrid({ sheet: s, rect: used }, (r, c) => {
        if (this.cellFormula(s, r, c) === formula) out.push(formatAddress(s.name, { row: r, col: c, rows: 1, cols: 1 }));
        return null;
      });
    }
    return out;
  }

  /** Displayed text from A1 to the end of the used range ([] for an empty sheet). */
  sheetText(name: string): string[][] {
    const s = this.requireSheet(name);
    const used = this.usedRect(s, false);
    if (!used) return [];
    return this.readGrid({ sheet: s, rect: { row: 0, col: 0, rows: used.row + used.rows, cols: used.col + used.cols } }, (r, c) =>
      this.cellText(s, r, c),
    );
  }

  /** Cells with text and format from A1 to the end of the used range, plus sizes, for a grid view. */
  sheetView(name: string): SheetView {
    const s = this.requireSheet(name);
    const used = this.usedRect(s, false);
    const rowCount = used ? used.row + used.rows : 0;
    const columnCount = used ? used.col + used.cols : 0;
    const cells =
      rowCount === 0
        ? []
        : this.readGrid({ sheet: s, rect: { row: 0, col: 0, rows: rowCount, cols: columnCount } }, (r, c) => {
            const formula = this.cell(s, r, c)?.formula;
            const view: ViewCell = { text: this.cellText(s, r, c), value: this.cellValue(s, r, c), format: this.cellFormat(s, r, c) };
            if (formula !== undefined) view.formula = formula;
            return view;
          });
    return {
      name: s.name,
      rowCount,
      columnCount,
      columnWidths: Array.from({ length: columnCount }, (_, c) => this.columnWidth(s, c)),
      rowHeights: Array.from({ length: rowCount }, (_, r) => this.rowHeight(s, r)),
      frozenRows: s.frozenRows,
      frozenColumns: s.frozenColumns,
      showGridlines: s.showGridlines,
      tabColor: s.tabColor,
      merged: s.merged.map((m) => ({ ...m })),
      cells,
    };
  }

  tables(): TableSnapshot[] {
    return this.liveTables().map((t) => ({
      name: t.name,
      id: t.id,
      sheet: t.sheet.name,
      address: formatAddress(t.sheet.name, t.rect),
      headers: this.tableHeaders(t),
      style: t.style,
      showBandedRows: t.showBandedRows,
      showBandedColumns: t.showBandedColumns,
      showFilterButton: t.showFilterButton,
    }));
  }

  names(): NameSnapshot[] {
    return this.liveNames().map((n) => ({ name: n.name, formula: this.nameFormula(n), comment: n.comment, visible: n.visible }));
  }

  pivotTables(): PivotSnapshot[] {
    return this.allPivots
      .filter((p) => !p.deleted)
      .map((p) => ({
        name: p.name,
        sheet: p.sheet.name,
        source: p.source.kind === "table" ? p.source.table.name : formatAddress(p.source.sheet.name, p.source.rect),
        destination: formatAddress(p.sheet.name, { row: p.dest.row, col: p.dest.col, rows: 1, cols: 1 }),
        output: p.output ? formatAddress(p.sheet.name, p.output) : null,
        rows: [...p.rows],
        columns: [...p.columns],
        filters: [...p.filters],
        data: p.data.map((d) => ({ name: d.name, field: d.field, summarizeBy: d.summarizeBy, numberFormat: d.numberFormat })),
      }));
  }

  customProperties(sheet: string): Record<string, string> {
    return this.sheet(sheet).customProperties;
  }

  /** Document settings as last saved with saveAsync (what a reopened workbook would see). */
  settings(): Record<string, unknown> {
    return Object.fromEntries(this.savedSettings);
  }
}

function neighbour(row: number, col: number, side: BorderSide): { row: number; col: number; side: BorderSide } | null {
  switch (side) {
    case "top":
      return row > 0 ? { row: row - 1, col, side: "bottom" } : null;
    case "bottom":
      return row + 1 < MAX_ROWS ? { row: row + 1, col, side: "top" } : null;
    case "left":
      return col > 0 ? { row, col: col - 1, side: "right" } : null;
    case "right":
      return col + 1 < MAX_COLUMNS ? { row, col: col + 1, side: "left" } : null;
  }
}

function opposite(side: BorderSide): BorderSide {
  return side === "top" ? "bottom" : side === "bottom" ? "top" : side === "left" ? "right" : "left";
}

/** The row or column just outside `rect` on `side`, or null at the grid edge. */
function outside(rect: Rect, side: BorderSide): Rect | null {
  switch (side) {
    case "top":
      return rect.row > 0 ? { ...rect, row: rect.row - 1, rows: 1 } : null;
    case "bottom":
      return rect.row + rect.rows < MAX_ROWS ? { ...rect, row: rect.row + rect.rows, rows: 1 } : null;
    case "left":
      return rect.col > 0 ? { ...rect, col: rect.col - 1, cols: 1 } : null;
    case "right":
      return rect.col + rect.cols < MAX_COLUMNS ? { ...rect, col: rect.col + rect.cols, cols: 1 } : null;
  }
}
