/** TableCollection (of the workbook or of one worksheet) and Table. */

import type { Rect } from "@nav-tiltak/a1";
import { excelError } from "../excel-errors";
import type { SheetState, TableFlag, TableState } from "../state";
import { type PropDef, type TypeDef, obj } from "./object-model";
import { RANGE, rangeArg } from "./range";

/** Collections that exist both on the workbook (sheet null) and on a worksheet. */
export interface Scope {
  sheet: SheetState | null;
}

export function scopeSheet(scope: Scope): SheetState | undefined {
  return scope.sheet ?? undefined;
}

export const TABLES: TypeDef<Scope> = {
  name: "TableCollection",
  alive: (scope) => !scope.sheet?.deleted,
  items: (scope, h) => h.wb.liveTables(scopeSheet(scope)).map((t) => obj(TABLE, t)),
  getters: {
    getItem: {
      run: (scope, [key], h) => {
        const t = h.wb.findTable(String(key), scopeSheet(scope));
        if (!t) throw excelError("ItemNotFound", `The table '${String(key)}' does not exist.`);
        return obj(TABLE, t);
      },
    },
    getItemOrNullObject: { api: "1.4", run: (scope, [key], h) => obj(TABLE, h.wb.findTable(String(key), scopeSheet(scope)) ?? null) },
    getItemAt: {
      run: (scope, [index], h) => {
        const t = h.wb.liveTables(scopeSheet(scope))[index as number];
        if (!t) throw excelError("ItemNotFound", `There is no table at index ${String(index)}.`);
        return obj(TABLE, t);
      },
    },
  },
  methods: {
    /** A string address without a sheet means the collection's sheet, or the active sheet for workbook.tables. */
    add: {
      run: (scope, [address, hasHeaders], h) => {
        const ref = rangeArg(address, h.wb, scope.sheet ?? h.wb.activeSheet);
        if (scope.sheet && ref.sheet !== scope.sheet) {
          throw excelError("InvalidArgument", `The range is not on the worksheet '${scope.sheet.name}'.`);
        }
        return obj(TABLE, h.wb.addTable(ref.sheet, ref.rect, hasHeaders));
      },
    },
    getCount: { api: "1.4", run: (scope, _a, h) => h.wb.liveTables(scopeSheet(scope)).length },
  },
};

function flag(name: TableFlag, api?: string): PropDef<TableState> {
  return { ...(api ? { api } : {}), get: (t) => t[name], set: (t, v, h) => h.wb.setTableFlag(t, name, v) };
}

/** A part of the table as a range; ItemNotFound where the table has no such part. */
function part(fn: (t: TableState) => Rect | null, what: string) {
  return {
    run: (t: TableState) => {
      const rect = fn(t);
      if (!rect) throw excelError("ItemNotFound", `The table '${t.name}' has no ${what}.`);
      return obj(RANGE, { sheet: t.sheet, rect });
    },
  };
}

export const TABLE: TypeDef<TableState> = {
  name: "Table",
  alive: (t) => !t.deleted,
  identity: { field: "Id", prop: "id" },
  props: {
    name: { get: (t) => t.name, set: (t, v, h) => h.wb.renameTable(t, v) },
    id: { get: (t) => t.id },
    style: { get: (t) => t.style, set: (t, v, h) => h.wb.setTableStyle(t, v) },
    showHeaders: flag("showHeaders"),
    showTotals: flag("showTotals"),
    showBandedRows: flag("showBandedRows", "1.3"),
    showBandedColumns: flag("showBandedColumns", "1.3"),
    showFilterButton: flag("showFilterButton", "1.3"),
    highlightFirstColumn: flag("highlightFirstColumn", "1.3"),
    highlightLastColumn: flag("highlightLastColumn", "1.3"),
  },
  navs: { worksheet: (t, h) => h.worksheet(t.sheet) },
  getters: {
    getRange: part((t) => t.rect, "range"),
    getHeaderRowRange: part((t) => ({ ...t.rect, rows: 1 }), "header row"),
    getDataBodyRange: part((t) => {
      const rows = t.rect.rows - 1 - (t.showTotals ? 1 : 0);
      return rows > 0 ? { ...t.rect, row: t.rect.row + 1, rows } : null;
    }, "data body"),
    getTotalRowRange: part((t) => (t.showTotals ? { ...t.rect, row: t.rect.row + t.rect.rows - 1, rows: 1 } : null), "total row"),
  },
  methods: {
    /** Removes the table and its cells' contents. */
    delete: { run: (t, _a, h) => h.wb.deleteTable(t) },
    /** New range: same header row, overlapping the current one (ExcelApi 1.13). */
    resize: { api: "1.13", run: (t, [newRange], h) => h.wb.resizeTable(t, rangeArg(newRange, h.wb, t.sheet)) },
    /**
     * Table.reapplyFilters (ExcelApi 1.2): reapplies the table's current filters. The fake does not
     * model filters (no row is ever hidden), so this checks the table exists and changes nothing.
     */
    reapplyFilters: { api: "1.2", run: () => undefined },
    /** Keeps the cells, drops the table. */
    convertToRange: {
      api: "1.2",
      run: (t, _a, h) => {
        h.wb.convertTableToRange(t);
        return obj(RANGE, { sheet: t.sheet, rect: t.rect });
      },
    },
  },
};
