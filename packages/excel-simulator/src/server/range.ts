/**
 * Range and RangeAreas as the RichApi simulator serves them. Members carry the ExcelApi version
 * that introduced them, so a fake created with an older apiVersion fails the way an old host
 * would (ApiNotFound).
 */

import { MAX_COLUMNS, MAX_ROWS, type Rect, boundingRect, formatAddress, intersection, isWholeColumns, isWholeRows } from "@nav-tiltak/a1";
import { checkRect } from "../addresses";
import { excelError } from "../excel-errors";
import type { RangeRef, SheetState, WorkbookState } from "../state";
import type { ClearApplyTo } from "../office-types";
import { type AreasRef, refsOf, sheetRange } from "./range-refs";
import { FORMAT } from "./format";
import { type Host, type MethodDef, type TypeDef, ServerObject, intArg, need, obj } from "./object-model";

/** A Range argument given as a Range object or as an address (resolved against `base`). */
export function rangeArg(arg: unknown, wb: WorkbookState, base: SheetState): RangeRef {
  return arg instanceof ServerObject ? need(arg, RANGE) : wb.resolveAddress(String(arg), base);
}

/** A range on this range's sheet, from a rectangle computed off it; null gives a null object. */
function derived(fn: (r: RangeRef, args: unknown[], host: Host) => Rect | null, api?: string): MethodDef<RangeRef> {
  return {
    ...(api ? { api } : {}),
    run: (r, args, host) => {
      const rect = fn(r, args, host);
      return obj(RANGE, rect === null ? null : { sheet: r.sheet, rect: checkRect(rect) });
    },
  };
}

function otherRect(r: RangeRef, wb: WorkbookState, other: unknown): Rect {
  const o = typeof other === "string" ? sheetRange(wb, r.sheet, other) : need(other, RANGE);
  if (o.sheet !== r.sheet) throw excelError("InvalidArgument", "Both ranges must be on the same worksheet.");
  return o.rect;
}

const cells = (kind: "values" | "formulas") => (r: RangeRef, v: unknown, h: Host) => h.wb.writeCells(r, v, kind);

export const RANGE: TypeDef<RangeRef> = {
  name: "Range",
  alive: (r) => !r.sheet.deleted,
  props: {
    address: { get: (r) => formatAddress(r.sheet.name, r.rect) },
    addressLocal: { get: (r) => formatAddress(r.sheet.name, r.rect) },
    cellCount: { get: (r) => r.rect.rows * r.rect.cols },
    rowCount: { get: (r) => r.rect.rows },
    columnCount: { get: (r) => r.rect.cols },
    rowIndex: { get: (r) => r.rect.row },
    columnIndex: { get: (r) => r.rect.col },
    isEntireColumn: { get: (r) => isWholeColumns(r.rect), api: "1.7" },
    isEntireRow: { get: (r) => isWholeRows(r.rect), api: "1.7" },
    /** A 2-D array the size of the range, or one value for every cell. */
    values: { get: (r, h) => h.wb.readValues(r), set: cells("values") },
    text: { get: (r, h) => h.wb.readText(r) },
    formulas: { get: (r, h) => h.wb.readFormulas(r), set: cells("formulas") },
    formulasLocal: { get: (r, h) => h.wb.readFormulas(r), set: cells("formulas") },
    numberFormat: { get: (r, h) => h.wb.readNumberFormats(r), set: (r, v, h) => h.wb.writeNumberFormat(r, v) },
    valueTypes: { get: (r, h) => h.wb.readValueTypes(r) },
  },
  navs: {
    format: (r) => obj(FORMAT, r),
    worksheet: (r, h) => h.worksheet(r.sheet),
  },
  getters: {
    /** Cells may lie outside the range, as long as they stay on the sheet. */
    getCell: derived((r, [row, column]) => ({
      row: r.rect.row + intArg(row, "row"),
      col: r.rect.col + intArg(column, "column"),
      rows: 1,
      cols: 1,
    })),
    getRow: derived((r, [row]) => ({ row: r.rect.row + intArg(row, "row"), col: r.rect.col, rows: 1, cols: r.rect.cols })),
    getColumn: derived((r, [column]) => ({ row: r.rect.row, col: r.rect.col + intArg(column, "column"), rows: r.rect.rows, cols: 1 })),
    getEntireRow: derived((r) => ({ row: r.rect.row, col: 0, rows: r.rect.rows, cols: MAX_COLUMNS })),
    getEntireColumn: derived((r) => ({ row: 0, col: r.rect.col, rows: MAX_ROWS, cols: r.rect.cols })),
    getLastCell: derived((r) => ({ row: r.rect.row + r.rect.rows - 1, col: r.rect.col + r.rect.cols - 1, rows: 1, cols: 1 })),
    getLastRow: derived((r) => ({ ...r.rect, row: r.rect.row + r.rect.rows - 1, rows: 1 })),
    getLastColumn: derived((r) => ({ ...r.rect, col: r.rect.col + r.rect.cols - 1, cols: 1 })),
    getOffsetRange: derived((r, [rowOffset, columnOffset]) => ({
      ...r.rect,
      row: r.rect.row + intArg(rowOffset, "rowOffset"),
      col: r.rect.col + intArg(columnOffset, "columnOffset"),
    })),
    /** Grows or shrinks from the top-left corner; the result must keep at least one cell. */
    getResizedRange: derived(
      (r, [deltaRows, deltaColumns]) => ({
        ...r.rect,
        rows: r.rect.rows + intArg(deltaRows, "deltaRows"),
        cols: r.rect.cols + intArg(deltaColumns, "deltaColumns"),
      }),
      "1.2",
    ),
    getBoundingRect: derived((r, [other], h) => boundingRect(r.rect, otherRect(r, h.wb, other))),
    getIntersection: derived((r, [other], h) => {
      const i = intersection(r.rect, otherRect(r, h.wb, other));
      if (!i) throw excelError("ItemNotFound", "The ranges do not intersect.");
      return i;
    }),
    getIntersectionOrNullObject: derived((r, [other], h) => intersection(r.rect, otherRect(r, h.wb, other)), "1.4"),
    /** The used part of this range (top-left cell if none), as Range.getUsedRange does. */
    getUsedRange: derived((r, [valuesOnly], h) => {
      const used = h.wb.usedRect(r.sheet, valuesOnly === true);
      const i = used ? intersection(used, r.rect) : null;
      if (!i) throw excelError("ItemNotFound", "The range has no used cells.");
      return i;
    }),
    getUsedRangeOrNullObject: derived((r, [valuesOnly], h) => {
      const used = h.wb.usedRect(r.sheet, valuesOnly === true);
      return used ? intersection(used, r.rect) : null;
    }, "1.4"),
  },
  methods: {
    clear: { run: (r, [applyTo], h) => h.wb.clear(r, (applyTo ?? "All") as ClearApplyTo) },
    /** Range.copyFrom (ExcelApi 1.9), from a range on any sheet; see WorkbookState.copyFrom. */
    copyFrom: {
      api: "1.9",
      run: (r, [source, copyType, skipBlanks, transpose], h) =>
        h.wb.copyFrom(r, rangeArg(source, h.wb, r.sheet), copyType ?? "All", skipBlanks === true, transpose === true),
    },
    /**
     * Inserts blank cells in place of this range, moving the cells there "Down" or "Right"
     * (names, tables and PivotTables move with them); returns the blank range.
     */
    insert: {
      run: (r, [shift], h) => {
        h.wb.shiftCells(r, shift as "Down" | "Right", true);
        return obj(RANGE, { sheet: r.sheet, rect: checkRect(r.rect) });
      },
    },
    /** Deletes this range's cells, moving the cells past it "Up" or "Left". */
    delete: { run: (r, [shift], h) => h.wb.shiftCells(r, shift as "Up" | "Left", false) },
    merge: { api: "1.2", run: (r, [across], h) => h.wb.merge(r, across === true) },
    unmerge: { api: "1.2", run: (r, _args, h) => h.wb.unmerge(r) },
    select: { run: () => undefined },
  },
};

const areasAddress = (a: AreasRef) => a.rects.map((r) => formatAddress(a.sheet.name, r)).join(", ");

/**
 * RangeAreas (ExcelApi 1.9): rectangles on one sheet handled as one object; its format applies to
 * every area, and reads give a value only when all areas agree.
 */
export const RANGE_AREAS: TypeDef<AreasRef> = {
  name: "RangeAreas",
  alive: (a) => !a.sheet.deleted,
  props: {
    address: { get: areasAddress },
    addressLocal: { get: areasAddress },
    areaCount: { get: (a) => a.rects.length },
    cellCount: { get: (a) => a.rects.reduce((n, r) => n + r.rows * r.cols, 0) },
    isEntireColumn: { get: (a) => a.rects.every(isWholeColumns) },
    isEntireRow: { get: (a) => a.rects.every(isWholeRows) },
  },
  navs: {
    format: (a) => obj(FORMAT, a),
    worksheet: (a, h) => h.worksheet(a.sheet),
  },
  methods: {
    clear: { run: (a, [applyTo], h) => refsOf(a).forEach((r) => h.wb.clear(r, (applyTo ?? "All") as ClearApplyTo)) },
  },
};
