/**
 * PivotTable rules and a simplified report renderer: row labels down the left,
 * one column per column item × data field, grand totals, no subtotals. Enough
 * for a preview and for tests that check what lands on the sheet.
 */

import { MAX_COLUMNS, MAX_ROWS, type Rect } from "@nav-tiltak/a1";
import { checkRect } from "./addresses";
import { excelError } from "./excel-errors";
import type { DataFieldState, FormatProp, FormatValue, PivotSource, PivotState, RangeRef, SheetState, WorkbookState } from "./state";
import type { AggregationFunction, RangeValue, PivotLayoutType } from "./office-types";

export type PivotAxis = "rows" | "columns" | "filters";

const AGGREGATIONS: AggregationFunction[] = ["Automatic", "Sum", "Count", "Average", "Max", "Min"];

function upper(s: string): string {
  return s.toLocaleUpperCase("en-US");
}

function sourceRef(p: { source: PivotSource }): RangeRef {
  if (p.source.kind === "table") {
    if (p.source.table.deleted) throw excelError("InvalidOperation", "The PivotTable's source table no longer exists.");
    return { sheet: p.source.table.sheet, rect: p.source.table.rect };
  }
  if (p.source.sheet.deleted) throw excelError("InvalidOperation", "The PivotTable's source worksheet no longer exists.");
  return { sheet: p.source.sheet, rect: p.source.rect };
}

/** Field names from the source's header row; every header must be non-empty. */
function readFields(wb: WorkbookState, source: PivotSource): string[] {
  const ref = sourceRef({ source });
  const headers = wb.readText({ sheet: ref.sheet, rect: { ...ref.rect, rows: 1 } })[0] ?? [];
  const seen = new Set<string>();
  return headers.map((h, i) => {
    if (h.trim() === "") {
      throw excelError("InvalidArgument", `The PivotTable field name in source column ${i + 1} is empty.`);
    }
    let name = h;
    for (let n = 2; seen.has(upper(name)); n++) name = `${h}${n}`;
    seen.add(upper(name));
    return name;
  });
}

export function findPivot(wb: WorkbookState, key: string, sheet?: SheetState): PivotState | undefined {
  const k = upper(String(key));
  return wb.allPivots.find((p) => !p.deleted && (!sheet || p.sheet === sheet) && (upper(p.name) === k || p.id === String(key)));
}

export function livePivots(wb: WorkbookState, sheet?: SheetState): PivotState[] {
  return wb.allPivots.filter((p) => !p.deleted && (!sheet || p.sheet === sheet));
}

function validatePivotName(wb: WorkbookState, sheet: SheetState, name: unknown, except?: PivotState): string {
  if (typeof name !== "string" || name.trim() === "" || name.length > 255) {
    throw excelError("InvalidArgument", "A PivotTable name must be 1 to 255 characters.");
  }
  // Excel keeps PivotTable names unique per worksheet.
  const clash = livePivots(wb, sheet).find((p) => p !== except && upper(p.name) === upper(name));
  if (clash) throw excelError("ItemAlreadyExists", `A PivotTable named '${clash.name}' already exists on '${sheet.name}'.`);
  return name;
}

export function addPivot(wb: WorkbookState, name: unknown, source: PivotSource, dest: RangeRef): PivotState {
  const src = sourceRef({ source });
  if (src.rect.rows < 2) throw excelError("InvalidArgument", "A PivotTable source needs a header row and at least one data row.");
  const fields = readFields(wb, source);
  wb.assertEditable(dest.sheet, "objects");
  const validName = validatePivotName(wb, dest.sheet, name);
  const anchor: Rect = { row: dest.rect.row, col: dest.rect.col, rows: 1, cols: 1 };
  wb.assertAreaFree(dest.sheet, anchor, "PivotTable");
  if (
    src.sheet === dest.sheet &&
    src.rect.row <= anchor.row &&
    anchor.row < src.rect.row + src.rect.rows &&
    src.rect.col <= anchor.col &&
    anchor.col < src.rect.col + src.rect.cols
  ) {
    throw excelError("InvalidArgument", "A PivotTable cannot be placed inside its own source data.");
  }
  const p: PivotState = {
    id: wb.nextPivotId(),
    name: validName,
    sheet: dest.sheet,
    source,
    fields,
    dest: { row: anchor.row, col: anchor.col },
    rows: [],
    columns: [],
    filters: [],
    data: [],
    layout: { layoutType: "Compact", showRowGrandTotals: true, showColumnGrandTotals: true, subtotalLocation: "AtTop" },
    output: null,
    report: null,
    deleted: false,
  };
  wb.allPivots.push(p);
  return p;
}

export function renamePivot(wb: WorkbookState, p: PivotState, name: unknown): void {
  p.name = validatePivotName(wb, p.sheet, name, p);
}

/**
 * What PivotTable Analyze > Actions > Move PivotTable does in Excel's UI (support.microsoft.com,
 * "Move a PivotTable"): the same PivotTable, id and fields, at another place. The API has no such
 * call, so only tests use it, to act as the user.
 */
export function movePivot(wb: WorkbookState, p: PivotState, dest: RangeRef): void {
  if (p.output) wb.clearPivotOutput(p.sheet, p.output);
  p.output = null;
  p.report = null;
  p.name = validatePivotName(wb, dest.sheet, p.name, p);
  p.sheet = dest.sheet;
  p.dest = { row: dest.rect.row, col: dest.rect.col };
  renderPivot(wb, p);
}

export function deletePivot(wb: WorkbookState, p: PivotState): void {
  wb.assertEditable(p.sheet, "objects");
  if (p.output) wb.clearPivotOutput(p.sheet, p.output);
  p.deleted = true;
}

export function fieldName(p: PivotState, name: string): string | undefined {
  return p.fields.find((f) => upper(f) === upper(String(name)));
}

export function requireField(p: PivotState, name: string): string {
  const f = fieldName(p, name);
  if (!f) throw excelError("ItemNotFound", `The PivotTable '${p.name}' has no field '${name}'.`);
  return f;
}

export function addAxisField(wb: WorkbookState, p: PivotState, axis: PivotAxis, field: string): string {
  wb.assertEditable(p.sheet, "pivot");
  const f = requireField(p, field);
  if (p[axis].includes(f)) throw excelError("InvalidArgument", `'${f}' is already on the PivotTable's ${axis}.`);
  // A field sits on one of rows/columns/filters at a time; adding it elsewhere moves it.
  for (const other of ["rows", "columns", "filters"] as const) p[other] = p[other].filter((x) => x !== f);
  p[axis].push(f);
  renderPivot(wb, p);
  return f;
}

export function removeAxisField(wb: WorkbookState, p: PivotState, axis: PivotAxis, field: string): void {
  wb.assertEditable(p.sheet, "pivot");
  p[axis] = p[axis].filter((x) => x !== field);
  renderPivot(wb, p);
}

function defaultDataName(wb: WorkbookState, p: PivotState, field: string, fn: AggregationFunction, except?: DataFieldState): string {
  const prefix = wb.locale.summarizePrefix[fn === "Automatic" ? "Sum" : fn];
  const base = `${prefix} ${field}`;
  let name = base;
  for (let n = 2; p.data.some((d) => d !== except && upper(d.name) === upper(name)); n++) name = `${base}${n}`;
  return name;
}

export function addDataField(wb: WorkbookState, p: PivotState, field: string): DataFieldState {
  wb.assertEditable(p.sheet, "pivot");
  const f = requireField(p, field);
  const d: DataFieldState = {
    id: wb.nextDataFieldId(),
    name: defaultDataName(wb, p, f, "Sum"),
    field: f,
    summarizeBy: "Sum",
    numberFormat: "General",
    defaultName: true,
    deleted: false,
  };
  p.data.push(d);
  renderPivot(wb, p);
  return d;
}

export function removeDataField(wb: WorkbookState, p: PivotState, d: DataFieldState): void {
  wb.assertEditable(p.sheet, "pivot");
  d.deleted = true;
  p.data = p.data.filter((x) => x !== d);
  renderPivot(wb, p);
}

export function setSummarizeBy(wb: WorkbookState, p: PivotState, d: DataFieldState, value: unknown): void {
  wb.assertEditable(p.sheet, "pivot");
  const fn = AGGREGATIONS.find((a) => typeof value === "string" && a.toLowerCase() === value.toLowerCase());
  if (!fn) throw excelError("InvalidArgument", `'${String(value)}' is not a supported aggregation (${AGGREGATIONS.join(", ")}).`);
  d.summarizeBy = fn;
  if (d.defaultName) d.name = defaultDataName(wb, p, d.field, fn, d);
  renderPivot(wb, p);
}

export function renameDataField(wb: WorkbookState, p: PivotState, d: DataFieldState, name: unknown): void {
  wb.assertEditable(p.sheet, "pivot");
  if (typeof name !== "string" || name.trim() === "") throw excelError("InvalidArgument", "A data field name cannot be empty.");
  // Excel refuses a data name equal to a source field or another data field.
  if (p.fields.some((f) => upper(f) === upper(name)) || p.data.some((x) => x !== d && upper(x.name) === upper(name))) {
    throw excelError("InvalidArgument", `The PivotTable field name '${name}' already exists.`);
  }
  d.name = name;
  d.defaultName = false;
  renderPivot(wb, p);
}

export function setDataNumberFormat(wb: WorkbookState, p: PivotState, d: DataFieldState, format: unknown): void {
  wb.assertEditable(p.sheet, "pivot");
  if (typeof format !== "string") throw excelError("InvalidArgument", "A number format must be a string.");
  d.numberFormat = format === "" ? "General" : format;
  renderPivot(wb, p);
}

export function setLayout(
  wb: WorkbookState,
  p: PivotState,
  prop: "layoutType" | "showRowGrandTotals" | "showColumnGrandTotals" | "subtotalLocation",
  value: unknown,
): void {
  wb.assertEditable(p.sheet, "pivot");
  if (prop === "layoutType") {
    const v = (["Compact", "Tabular", "Outline"] as PivotLayoutType[]).find((x) => x === value);
    if (!v) throw excelError("InvalidArgument", `'${String(value)}' is not a PivotTable layout type.`);
    p.layout.layoutType = v;
  } else if (prop === "subtotalLocation") {
    const v = (["AtTop", "AtBottom", "Off"] as const).find((x) => x === value);
    if (!v) throw excelError("InvalidArgument", `'${String(value)}' is not a subtotal location.`);
    p.layout.subtotalLocation = v;
  } else {
    if (typeof value !== "boolean") throw excelError("InvalidArgument", `${prop} must be true or false.`);
    p.layout[prop] = value;
  }
  renderPivot(wb, p);
}

export function refreshPivot(wb: WorkbookState, p: PivotState): void {
  p.fields = readFields(wb, p.source);
  const keep = (f: string) => p.fields.includes(f);
  p.rows = p.rows.filter(keep);
  p.columns = p.columns.filter(keep);
  p.filters = p.filters.filter(keep);
  p.data = p.data.filter((d) => keep(d.field));
  renderPivot(wb, p);
}

function aggregate(values: RangeValue[], fn: AggregationFunction): RangeValue {
  const nums = values.filter((v): v is number => typeof v === "number");
  switch (fn) {
    case "Count":
      return values.filter((v) => v !== "").length;
    case "Average":
      return nums.length === 0 ? "#DIV/0!" : nums.reduce((a, b) => a + b, 0) / nums.length;
    case "Max":
      return nums.length === 0 ? 0 : Math.max(...nums);
    case "Min":
      return nums.length === 0 ? 0 : Math.min(...nums);
    default:
      return nums.reduce((a, b) => a + b, 0);
  }
}

/** One collator for every comparison: the same order as localeCompare("nb", base), built once. */
const ITEM_ORDER = new Intl.Collator("nb", { sensitivity: "base" });

function compareItems(a: RangeValue, b: RangeValue): number {
  const rank = (v: RangeValue) => (typeof v === "number" ? 0 : typeof v === "boolean" ? 2 : v === "" ? 3 : 1);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === "number" && typeof b === "number") return a - b;
  return ITEM_ORDER.compare(String(a), String(b));
}

function uniqueKeys(records: RangeValue[][], idx: number[]): RangeValue[][] {
  const map = new Map<string, RangeValue[]>();
  for (const rec of records) {
    const key = idx.map((i) => rec[i] ?? "");
    map.set(JSON.stringify(key), key);
  }
  return [...map.values()].sort((x, y) => {
    for (let i = 0; i < x.length; i++) {
      const c = compareItems(x[i]!, y[i]!);
      if (c !== 0) return c;
    }
    return 0;
  });
}

/** The report as a grid of cells: which rows are bold, which columns hold values in what format. */
interface ReportGrid {
  grid: RangeValue[][];
  boldRows: Set<number>;
  headerRow: number;
  dataCols: { col: number; format: string }[];
}

/** Re-draws the report at its destination, clearing what it drew before. */
export function renderPivot(wb: WorkbookState, p: PivotState): void {
  if (p.output) wb.clearPivotOutput(p.sheet, p.output);
  p.output = null;
  p.report = null;
  if (p.rows.length === 0 && p.columns.length === 0 && p.data.length === 0) return;
  placeReport(wb, p, reportGrid(wb, p));
}

/** One value column of a report: a column item (null for the grand total) and a data field. */
interface ValueColumn {
  ck: RangeValue[] | null;
  d: DataFieldState;
}

/**
 * The report's value columns and their headers: one per column item × data field, then the grand
 * total per data field; without data fields, the column items' labels alone.
 */
function valueColumns(
  p: PivotState,
  colKeys: RangeValue[][],
  hasColumns: boolean,
  label: (v: RangeValue) => RangeValue,
  grandTotal: string,
): { valueHeaders: RangeValue[]; columnsOf: ValueColumn[] } {
  const data = p.data;
  const multi = data.length > 1;
  const valueHeaders: RangeValue[] = [];
  const columnsOf: ValueColumn[] = [];
  if (data.length === 0) {
    if (hasColumns) for (const ck of colKeys) valueHeaders.push(ck.map(label).join(" - "));
    return { valueHeaders, columnsOf };
  }
  for (const ck of colKeys) {
    for (const d of data) {
      const itemLabel = ck.map(label).join(" - ");
      valueHeaders.push(!hasColumns ? d.name : multi ? `${itemLabel} - ${d.name}` : label(ck.length === 1 ? ck[0]! : itemLabel));
      columnsOf.push({ ck: hasColumns ? ck : null, d });
    }
  }
  if (hasColumns && p.layout.showRowGrandTotals) {
    for (const d of data) {
      valueHeaders.push(multi ? `${grandTotal} - ${d.name}` : grandTotal);
      columnsOf.push({ ck: null, d });
    }
  }
  return { valueHeaders, columnsOf };
}

/** Rows × columns × data fields of the source's records, with headers and grand totals. */
function reportGrid(wb: WorkbookState, p: PivotState): ReportGrid {
  const locale = wb.locale;
  const ref = sourceRef(p);
  const all = wb.readValues(ref);
  const records = all.slice(1);
  const col = (f: string) => p.fields.indexOf(f);
  const rowIdx = p.rows.map(col);
  const colIdx = p.columns.map(col);
  const data = p.data;
  const label = (v: RangeValue): RangeValue => (v === "" ? locale.blank : v);
  const rowKeys = rowIdx.length > 0 ? uniqueKeys(records, rowIdx) : [];
  const colKeys = colIdx.length > 0 ? uniqueKeys(records, colIdx) : [[]];
  const matches = (rec: RangeValue[], idx: number[], key: RangeValue[]) => idx.every((i, k) => (rec[i] ?? "") === key[k]);
  const cellFor = (rk: RangeValue[] | null, ck: RangeValue[] | null, d: DataFieldState): RangeValue => {
    const hits = records.filter((rec) => (!rk || matches(rec, rowIdx, rk)) && (!ck || matches(rec, colIdx, ck)));
    if (hits.length === 0) return "";
    return aggregate(
      hits.map((rec) => rec[col(d.field)] ?? ""),
      d.summarizeBy,
    );
  };

  const labelCols = Math.max(1, p.rows.length);
  const compact = p.layout.layoutType === "Compact" && p.rows.length <= 1;
  const rowHeaders = compact ? [locale.rowLabels] : p.rows.length > 0 ? [...p.rows] : [""];
  const grid: RangeValue[][] = [];
  const boldRows = new Set<number>();
  const dataCols: { col: number; format: string }[] = [];

  const { valueHeaders, columnsOf } = valueColumns(p, colKeys, colIdx.length > 0, label, locale.grandTotal);

  if (colIdx.length > 0) {
    const top: RangeValue[] = [data.length === 1 ? data[0]!.name : "", locale.columnLabels];
    grid.push(top);
  }
  const headerRow = grid.length;
  boldRows.add(headerRow);
  grid.push([...rowHeaders, ...Array<RangeValue>(labelCols - rowHeaders.length).fill(""), ...valueHeaders]);
  columnsOf.forEach((_c, i) => dataCols.push({ col: labelCols + i, format: columnsOf[i]!.d.numberFormat }));

  for (const rk of rowKeys) {
    grid.push([...rk.map(label), ...columnsOf.map(({ ck, d }) => cellFor(rk, ck, d))]);
  }
  if (p.layout.showColumnGrandTotals || rowKeys.length === 0) {
    boldRows.add(grid.length);
    grid.push([locale.grandTotal, ...Array<RangeValue>(labelCols - 1).fill(""), ...columnsOf.map(({ ck, d }) => cellFor(null, ck, d))]);
  }
  return { grid, boldRows, headerRow, dataCols };
}

/** Writes the grid (and the report filters above it) at the destination, where the cells are free. */
function placeReport(wb: WorkbookState, p: PivotState, { grid, boldRows, headerRow, dataCols }: ReportGrid): void {
  const locale = wb.locale;
  // Report filters go above the report: one row per filter field ("Periode | (Alle)") and a blank
  // row under them, in the rows above the destination when there are enough of them (which is why
  // a PivotTable on a new sheet starts at A3); otherwise Excel moves the report down.
  const filterRows = p.filters.length > 0 ? p.filters.length + 1 : 0;
  const bodyRow = Math.max(p.dest.row, filterRows);
  const width = Math.max(...grid.map((r) => r.length));
  const rect: Rect = { row: bodyRow, col: p.dest.col, rows: grid.length, cols: width };
  if (rect.row + rect.rows > MAX_ROWS || rect.col + rect.cols > MAX_COLUMNS) {
    throw excelError("InvalidOperation", `The PivotTable '${p.name}' would extend beyond the worksheet.`);
  }
  checkRect(rect, "PivotTable report");
  const whole: Rect =
    filterRows > 0 ? { row: bodyRow - filterRows, col: rect.col, rows: rect.rows + filterRows, cols: Math.max(2, width) } : rect;
  wb.assertAreaFree(p.sheet, whole, "PivotTable", p);
  // Excel asks before a report grows over cells that hold something (an add-in cannot answer);
  // the filter area is where that happens unnoticed, over text placed above the destination.
  for (let i = 0; i < filterRows; i++) {
    for (let c = 0; c < 2; c++) {
      if (wb.cellValue(p.sheet, whole.row + i, whole.col + c) !== "") {
        throw excelError(
          "InvalidOperation",
          `The PivotTable '${p.name}' needs rows ${whole.row + 1}–${bodyRow} for its report filters, and they are not empty.`,
        );
      }
    }
  }
  p.filters.forEach((f, i) => {
    wb.writePivotCell(p.sheet, whole.row + i, whole.col, f);
    wb.writePivotCell(p.sheet, whole.row + i, whole.col + 1, locale.allItems);
  });
  grid.forEach((line, r) => {
    for (let c = 0; c < width; c++) {
      const fmt: Partial<Record<FormatProp, FormatValue>> = {};
      if (boldRows.has(r)) fmt["font.bold"] = true;
      const dc = dataCols.find((x) => x.col === c);
      if (dc && r > headerRow && dc.format !== "General") fmt.numberFormat = dc.format;
      wb.writePivotCell(p.sheet, rect.row + r, rect.col + c, line[c] ?? "", Object.keys(fmt).length > 0 ? fmt : undefined);
    }
  });
  p.output = whole;
  p.report = rect;
}
