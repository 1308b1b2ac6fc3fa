/** WorksheetCollection, Worksheet, its freeze panes and its protection, as the simulator serves them. */

import { MAX_COLUMNS, MAX_ROWS } from "@nav-tiltak/a1";
import { checkRect } from "../addresses";
import { excelError } from "../excel-errors";
import type { SheetState, WorkbookState } from "../state";
import type { ProtectionOptions } from "../office-types";
import { CHARTS } from "./chart";
import { CUSTOM_PROPERTIES } from "./custom-property";
import { type MethodDef, type TypeDef, intArg, need, obj } from "./object-model";
import { PIVOT_TABLES } from "./pivot-table";
import { sheetAreas, sheetRange } from "./range-refs";
import { RANGE, RANGE_AREAS } from "./range";
import { TABLES } from "./table";

const sheetAlive = (s: SheetState) => !s.deleted;

function edgeSheet(wb: WorkbookState, visibleOnly: unknown, last: boolean): SheetState {
  const sheets = wb.liveSheets().filter((x) => visibleOnly !== true || x.visibility === "Visible");
  const s = last ? sheets[sheets.length - 1] : sheets[0];
  if (!s) throw excelError("ItemNotFound", "There is no such worksheet.");
  return s;
}

/** Worksheet methods that point at ranges of the sheet. */
const SHEET_RANGE_GETTERS: Record<string, MethodDef<SheetState>> = {
  /** A1 address ("A1", "A1:D10", "A:C", "1:3"); the whole sheet when omitted. */
  getRange: { run: (s, [address], h) => obj(RANGE, sheetRange(h.wb, s, address as string | undefined)) },
  /** RangeAreas for comma-separated areas of this sheet, e.g. "A1:B2, D4" (ExcelApi 1.9). */
  getRanges: { api: "1.9", run: (s, [address], h) => obj(RANGE_AREAS, sheetAreas(h.wb, s, address)) },
  getRangeByIndexes: {
    api: "1.7",
    run: (s, [startRow, startColumn, rowCount, columnCount]) =>
      obj(RANGE, {
        sheet: s,
        rect: checkRect({
          row: intArg(startRow, "startRow"),
          col: intArg(startColumn, "startColumn"),
          rows: intArg(rowCount, "rowCount"),
          cols: intArg(columnCount, "columnCount"),
        }),
      }),
  },
  getCell: {
    run: (s, [row, column]) =>
      obj(RANGE, { sheet: s, rect: checkRect({ row: intArg(row, "row"), col: intArg(column, "column"), rows: 1, cols: 1 }) }),
  },
  /** The top-left cell when the sheet is empty, as in Excel. */
  getUsedRange: {
    run: (s, [valuesOnly], h) =>
      obj(RANGE, { sheet: s, rect: h.wb.usedRect(s, valuesOnly === true) ?? { row: 0, col: 0, rows: 1, cols: 1 } }),
  },
  getUsedRangeOrNullObject: {
    api: "1.4",
    run: (s, [valuesOnly], h) => {
      const rect = h.wb.usedRect(s, valuesOnly === true);
      return obj(RANGE, rect ? { sheet: s, rect } : null);
    },
  },
};

export const WORKSHEETS: TypeDef<WorkbookState> = {
  name: "WorksheetCollection",
  items: (wb) => wb.liveSheets().map((s) => obj(WORKSHEET, s)),
  getters: {
    getItem: { run: (wb, [key]) => obj(WORKSHEET, wb.requireSheet(String(key))) },
    getItemOrNullObject: { api: "1.4", run: (wb, [key]) => obj(WORKSHEET, wb.findSheet(String(key)) ?? null) },
    getActiveWorksheet: { run: (wb) => obj(WORKSHEET, wb.activeSheet) },
    getFirst: { run: (wb, [visibleOnly]) => obj(WORKSHEET, edgeSheet(wb, visibleOnly, false)) },
    getLast: { run: (wb, [visibleOnly]) => obj(WORKSHEET, edgeSheet(wb, visibleOnly, true)) },
  },
  methods: {
    add: { run: (wb, [name]) => obj(WORKSHEET, wb.addSheet(name as string | undefined)) },
    getCount: {
      api: "1.4",
      run: (wb, [visibleOnly]) => wb.liveSheets().filter((s) => visibleOnly !== true || s.visibility === "Visible").length,
    },
  },
};

export const WORKSHEET: TypeDef<SheetState> = {
  name: "Worksheet",
  alive: sheetAlive,
  identity: { field: "Id", prop: "id" },
  props: {
    name: { get: (s) => s.name, set: (s, v, h) => h.wb.renameSheet(s, v) },
    id: { get: (s) => s.id },
    position: { get: (s, h) => h.wb.position(s), set: (s, v, h) => h.wb.moveSheet(s, v) },
    visibility: { get: (s) => s.visibility, set: (s, v, h) => h.wb.setVisibility(s, v), setApi: "1.2" },
    /** "" when the tab has no colour. */
    tabColor: { api: "1.7", get: (s) => s.tabColor ?? "", set: (s, v, h) => h.wb.setTabColor(s, v) },
    showGridlines: {
      api: "1.8",
      get: (s) => s.showGridlines,
      set: (s, v) => {
        if (typeof v !== "boolean") throw excelError("InvalidArgument", "showGridlines must be true or false.");
        s.showGridlines = v;
      },
    },
    standardWidth: { api: "1.7", get: () => 8.43 },
    standardHeight: { api: "1.7", get: () => 15 },
  },
  navs: {
    tables: (s) => obj(TABLES, { sheet: s }),
    pivotTables: (s) => obj(PIVOT_TABLES, { sheet: s }),
    /** Charts (ExcelApi 1.1) are modelled in chart-rules.ts. */
    charts: (s) => obj(CHARTS, s),
    freezePanes: (s) => obj(FREEZE_PANES, s),
    protection: (s) => obj(WORKSHEET_PROTECTION, s),
    customProperties: (s) => obj(CUSTOM_PROPERTIES, s),
  },
  getters: SHEET_RANGE_GETTERS,
  methods: {
    activate: { run: (s, _a, h) => h.wb.activate(s) },
    delete: { run: (s, _a, h) => h.wb.deleteSheet(s) },
  },
};

export const FREEZE_PANES: TypeDef<SheetState> = {
  name: "WorksheetFreezePanes",
  alive: sheetAlive,
  getters: {
    /**
     * The frozen cells of the top and left pane; a null object where nothing is frozen
     * (learn.microsoft.com, Excel.WorksheetFreezePanes.getLocationOrNullObject, ExcelApi 1.7).
     * Rows frozen alone span every column, columns alone every row, as Excel's frozen pane does.
     */
    getLocationOrNullObject: {
      api: "1.7",
      run: (s) => {
        if (s.frozenRows === 0 && s.frozenColumns === 0) return obj(RANGE, null);
        const rows = s.frozenRows === 0 ? MAX_ROWS : s.frozenRows;
        const cols = s.frozenColumns === 0 ? MAX_COLUMNS : s.frozenColumns;
        return obj(RANGE, { sheet: s, rect: { row: 0, col: 0, rows, cols } });
      },
    },
  },
  methods: {
    freezeRows: { api: "1.7", run: (s, [count], h) => h.wb.freeze(s, count ?? 1, 0) },
    freezeColumns: { api: "1.7", run: (s, [count], h) => h.wb.freeze(s, 0, count ?? 1) },
    /** Freezes the rows above and columns left of the range's bottom-right edge. */
    freezeAt: {
      api: "1.7",
      run: (s, [frozenRange], h) => {
        const { rect } = typeof frozenRange === "string" ? sheetRange(h.wb, s, frozenRange) : need(frozenRange, RANGE);
        h.wb.freeze(s, rect.row + rect.rows, rect.col + rect.cols);
      },
    },
    unfreeze: { api: "1.7", run: (s, _a, h) => h.wb.freeze(s, 0, 0) },
  },
};

export const WORKSHEET_PROTECTION: TypeDef<SheetState> = {
  name: "WorksheetProtection",
  alive: sheetAlive,
  props: {
    protected: { api: "1.2", get: (s) => s.protection.protected },
    options: { api: "1.2", get: (s) => ({ ...s.protection.options }) },
  },
  methods: {
    protect: {
      api: ([, password]) => (password ? "1.7" : "1.2"),
      run: (s, [options, password], h) => h.wb.protect(s, options as ProtectionOptions | undefined, password as string | undefined),
    },
    unprotect: { api: "1.2", run: (s, [password], h) => h.wb.unprotect(s, password as string | undefined) },
  },
};
