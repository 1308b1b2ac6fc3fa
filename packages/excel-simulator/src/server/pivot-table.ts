/**
 * PivotTables (ExcelApi 1.8 for creating and shaping them): the collection, the PivotTable, its
 * hierarchies on rows/columns/filters/data and its layout. The rules live in ../pivot-rules.ts.
 */

import { excelError } from "../excel-errors";
import {
  type PivotAxis,
  addAxisField,
  addDataField,
  addPivot,
  deletePivot,
  fieldName,
  findPivot,
  livePivots,
  refreshPivot,
  removeAxisField,
  removeDataField,
  renameDataField,
  renamePivot,
  setDataNumberFormat,
  setLayout,
  setSummarizeBy,
} from "../pivot-rules";
import type { DataFieldState, PivotSource, PivotState, SheetState, WorkbookState } from "../state";
import { type Host, type PropDef, type TypeDef, ServerObject, need, obj } from "./object-model";
import { RANGE, rangeArg } from "./range";
import { type Scope, TABLE, scopeSheet } from "./table";

/** `source`: a Range, a Table, a table name or an address. */
function pivotSource(wb: WorkbookState, source: unknown, base: SheetState): PivotSource {
  if (source instanceof ServerObject && source.type === (TABLE as unknown)) return { kind: "table", table: need(source, TABLE) };
  if (source instanceof ServerObject) {
    const ref = need(source, RANGE);
    return { kind: "range", sheet: ref.sheet, rect: ref.rect };
  }
  const name = String(source);
  const table = name.includes("!") ? undefined : wb.findTable(name);
  if (table) return { kind: "table", table };
  const ref = wb.resolveAddress(name, base);
  return { kind: "range", sheet: ref.sheet, rect: ref.rect };
}

function requirePivot(scope: Scope, name: unknown, h: Host): PivotState {
  const p = findPivot(h.wb, String(name), scopeSheet(scope));
  if (!p) throw excelError("ItemNotFound", `The PivotTable '${String(name)}' does not exist.`);
  return p;
}

export const PIVOT_TABLES: TypeDef<Scope> = {
  name: "PivotTableCollection",
  alive: (scope) => !scope.sheet?.deleted,
  items: (scope, h) => livePivots(h.wb, scopeSheet(scope)).map((p) => obj(PIVOT_TABLE, p)),
  getters: {
    getItem: { api: "1.3", run: (scope, [name], h) => obj(PIVOT_TABLE, requirePivot(scope, name, h)) },
    getItemOrNullObject: {
      api: "1.4",
      run: (scope, [name], h) => obj(PIVOT_TABLE, findPivot(h.wb, String(name), scopeSheet(scope)) ?? null),
    },
  },
  methods: {
    /** `destination`: the report's top-left cell as a Range or address. */
    add: {
      api: "1.8",
      run: (scope, [name, source, destination], h) => {
        const base = scope.sheet ?? h.wb.activeSheet;
        const src = pivotSource(h.wb, source, base);
        const dest = rangeArg(destination, h.wb, base);
        if (scope.sheet && dest.sheet !== scope.sheet) {
          throw excelError("InvalidArgument", `The destination is not on the worksheet '${scope.sheet.name}'.`);
        }
        return obj(PIVOT_TABLE, addPivot(h.wb, name, src, dest));
      },
    },
    getCount: { api: "1.4", run: (scope, _a, h) => livePivots(h.wb, scopeSheet(scope)).length },
    refreshAll: { api: "1.3", run: (scope, _a, h) => livePivots(h.wb, scopeSheet(scope)).forEach((p) => refreshPivot(h.wb, p)) },
  },
};

const pivotAlive = (p: PivotState) => !p.deleted;

export const PIVOT_TABLE: TypeDef<PivotState> = {
  name: "PivotTable",
  alive: pivotAlive,
  identity: { field: "Id", prop: "id" },
  props: {
    name: { api: "1.3", get: (p) => p.name, set: (p, v, h) => renamePivot(h.wb, p, v) },
    id: { api: "1.5", get: (p) => p.id },
  },
  navs: {
    worksheet: (p, h) => h.worksheet(p.sheet),
    hierarchies: (p) => obj(HIERARCHIES, p),
    rowHierarchies: (p) => obj(AXES.rows, p),
    columnHierarchies: (p) => obj(AXES.columns, p),
    filterHierarchies: (p) => obj(AXES.filters, p),
    dataHierarchies: (p) => obj(DATA_HIERARCHIES, p),
    layout: (p) => obj(LAYOUT, p),
  },
  methods: {
    delete: { api: "1.8", run: (p, _a, h) => deletePivot(h.wb, p) },
    refresh: { api: "1.3", run: (p, _a, h) => refreshPivot(h.wb, p) },
  },
};

interface HierarchyItem {
  pivot: PivotState;
  field: string;
}

export const HIERARCHY: TypeDef<HierarchyItem> = {
  name: "PivotHierarchy",
  props: { name: { api: "1.8", get: (h) => h.field }, id: { api: "1.8", get: (h) => h.field } },
};

interface AxisItem {
  pivot: PivotState;
  axis: PivotAxis;
  field: string;
}

export const AXIS_HIERARCHY: TypeDef<AxisItem> = {
  name: "RowColumnPivotHierarchy",
  alive: (h) => !h.pivot.deleted && h.pivot[h.axis].includes(h.field),
  props: {
    name: { api: "1.8", get: (h) => h.field },
    id: { api: "1.8", get: (h) => h.field },
    position: { api: "1.8", get: (h) => h.pivot[h.axis].indexOf(h.field) },
  },
};

interface DataItem {
  pivot: PivotState;
  data: DataFieldState;
}

export const DATA_HIERARCHY: TypeDef<DataItem> = {
  name: "DataPivotHierarchy",
  alive: (d) => !d.pivot.deleted && !d.data.deleted,
  props: {
    name: { api: "1.8", get: (d) => d.data.name, set: (d, v, h) => renameDataField(h.wb, d.pivot, d.data, v) },
    id: { api: "1.8", get: (d) => d.data.id },
    summarizeBy: { api: "1.8", get: (d) => d.data.summarizeBy, set: (d, v, h) => setSummarizeBy(h.wb, d.pivot, d.data, v) },
    numberFormat: { api: "1.8", get: (d) => d.data.numberFormat, set: (d, v, h) => setDataNumberFormat(h.wb, d.pivot, d.data, v) },
    position: { api: "1.8", get: (d) => d.pivot.data.indexOf(d.data) },
  },
};

/**
 * A PivotTable's hierarchy collection (ExcelApi 1.8): its items, and getItem / getItemOrNullObject
 * by name (ItemNotFound, or a null object, for a name it does not hold).
 */
function hierarchies<I>(
  name: string,
  type: TypeDef<I>,
  list: (p: PivotState) => I[],
  find: (p: PivotState, name: string) => I | undefined,
  missing: (p: PivotState, name: string) => string,
): TypeDef<PivotState> {
  return {
    name,
    alive: pivotAlive,
    loadApi: "1.8",
    items: (p) => list(p).map((item) => obj(type, item)),
    getters: {
      getItem: {
        api: "1.8",
        run: (p, [key]) => {
          const item = find(p, String(key));
          if (!item) throw excelError("ItemNotFound", missing(p, String(key)));
          return obj(type, item);
        },
      },
      getItemOrNullObject: { api: "1.8", run: (p, [key]) => obj(type, find(p, String(key)) ?? null) },
    },
  };
}

export const HIERARCHIES = hierarchies(
  "PivotHierarchyCollection",
  HIERARCHY,
  (p) => p.fields.map((field) => ({ pivot: p, field })),
  (p, name) => {
    const field = fieldName(p, name);
    return field ? { pivot: p, field } : undefined;
  },
  (p, name) => `The PivotTable '${p.name}' has no field '${name}'.`,
);

/** A hierarchy argument of this PivotTable (add/remove take the objects). */
function ownHierarchy<E extends { pivot: PivotState }>(arg: unknown, type: TypeDef<E>, p: PivotState): E {
  const h = need(arg, type);
  if (h.pivot !== p) throw excelError("InvalidArgument", "The hierarchy belongs to another PivotTable.");
  return h;
}

function axisCollection(axis: PivotAxis): TypeDef<PivotState> {
  const item = (p: PivotState, field: string) => obj(AXIS_HIERARCHY, { pivot: p, axis, field });
  return {
    ...hierarchies(
      axis === "filters" ? "FilterPivotHierarchyCollection" : "RowColumnPivotHierarchyCollection",
      AXIS_HIERARCHY,
      (p) => p[axis].map((field) => ({ pivot: p, axis, field })),
      (p, name) => {
        const field = p[axis].find((f) => f.toLowerCase() === name.toLowerCase());
        return field ? { pivot: p, axis, field } : undefined;
      },
      (_p, name) => `'${name}' is not on the PivotTable's ${axis}.`,
    ),
    methods: {
      /** Moves the field here from rows/columns/filters if it was elsewhere. */
      add: { api: "1.8", run: (p, [hierarchy], h) => item(p, addAxisField(h.wb, p, axis, ownHierarchy(hierarchy, HIERARCHY, p).field)) },
      remove: { api: "1.8", run: (p, [hierarchy], h) => removeAxisField(h.wb, p, axis, ownHierarchy(hierarchy, AXIS_HIERARCHY, p).field) },
      getCount: { api: "1.8", run: (p) => p[axis].length },
    },
  };
}

const AXES: Record<PivotAxis, TypeDef<PivotState>> = {
  rows: axisCollection("rows"),
  columns: axisCollection("columns"),
  filters: axisCollection("filters"),
};

export const DATA_HIERARCHIES: TypeDef<PivotState> = {
  ...hierarchies(
    "DataPivotHierarchyCollection",
    DATA_HIERARCHY,
    (p) => p.data.map((data) => ({ pivot: p, data })),
    (p, name) => {
      const data = p.data.find((d) => d.name.toLowerCase() === name.toLowerCase());
      return data ? { pivot: p, data } : undefined;
    },
    (_p, name) => `The PivotTable has no data hierarchy '${name}'.`,
  ),
  methods: {
    /** Adds the field as a value, summarized by Sum until summarizeBy says otherwise. */
    add: {
      api: "1.8",
      run: (p, [hierarchy], h) =>
        obj(DATA_HIERARCHY, { pivot: p, data: addDataField(h.wb, p, ownHierarchy(hierarchy, HIERARCHY, p).field) }),
    },
    remove: { api: "1.8", run: (p, [hierarchy], h) => removeDataField(h.wb, p, need(hierarchy, DATA_HIERARCHY).data) },
    getCount: { api: "1.8", run: (p) => p.data.length },
  },
};

type LayoutKey = "layoutType" | "showRowGrandTotals" | "showColumnGrandTotals" | "subtotalLocation";

function layoutProp(key: LayoutKey): PropDef<PivotState> {
  return { api: "1.8", get: (p) => p.layout[key], set: (p, v, h) => setLayout(h.wb, p, key, v) };
}

export const LAYOUT: TypeDef<PivotState> = {
  name: "PivotLayout",
  alive: pivotAlive,
  props: {
    layoutType: layoutProp("layoutType"),
    showRowGrandTotals: layoutProp("showRowGrandTotals"),
    showColumnGrandTotals: layoutProp("showColumnGrandTotals"),
    subtotalLocation: layoutProp("subtotalLocation"),
  },
  getters: {
    /** The report (its top-left cell while it is empty), without the filter area above it, as in Excel. */
    getRange: { run: (p) => obj(RANGE, { sheet: p.sheet, rect: p.report ?? { row: p.dest.row, col: p.dest.col, rows: 1, cols: 1 } }) },
    /** The value cells, without label columns and header rows. */
    getDataBodyRange: {
      run: (p) => {
        const report = p.report;
        if (!report || p.data.length === 0) throw excelError("ItemNotFound", "The PivotTable has no data area.");
        const head = p.columns.length > 0 ? 2 : 1;
        const labels = Math.max(1, p.rows.length);
        const rect = { row: report.row + head, col: report.col + labels, rows: report.rows - head, cols: report.cols - labels };
        if (rect.rows < 1 || rect.cols < 1) throw excelError("ItemNotFound", "The PivotTable has no data area.");
        return obj(RANGE, { sheet: p.sheet, rect });
      },
    },
  },
};
