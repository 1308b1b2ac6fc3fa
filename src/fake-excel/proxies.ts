/**
 * Proxy classes mirroring the Excel JavaScript API subset the add-in uses.
 * Members carry the ExcelApi version that introduced them, so a fake created
 * with an older apiVersion fails the way an old host would (ApiNotFound).
 */

import {
  MAX_COLUMNS,
  MAX_ROWS,
  type Rect,
  boundingRect,
  checkRect,
  formatAddress,
  intersection,
  isWholeColumns,
  isWholeRows,
  parseAddress,
} from "./addresses";
import { ClientCollection, ClientObject, type ClientResult, ContextCore, type Engine, type PropTable } from "./context";
import { excelError } from "./errors";
import { FakeChartCollection } from "./charts";
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
} from "./pivot";
import type {
  BorderAttr,
  CustomPropertyState,
  DataFieldState,
  FormatProp,
  NamedItemState,
  PivotSource,
  PivotState,
  RangeRef,
  SheetState,
  TableFlag,
  TableState,
  WorkbookState,
} from "./state";
import type {
  AggregationFunction,
  BorderIndex,
  BorderLineStyle,
  BorderWeight,
  CalculationMode,
  CellValue,
  ClearApplyTo,
  HorizontalAlignment,
  PivotLayoutType,
  ProtectionOptions,
  SheetVisibility,
  UnderlineStyle,
  VerticalAlignment,
} from "./types";

/** Binder for proxies returned by add(): they only exist once the add has run. */
function notCreated<T>(what: string): () => T {
  return () => {
    throw excelError("InvalidOperation", `The ${what} was not created because its add() did not run.`);
  };
}

const WHOLE_SHEET: Rect = { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLUMNS };

/** Resolves a worksheet-relative address or a workbook name that points into this sheet. */
function sheetRange(wb: WorkbookState, sheet: SheetState, address: string | undefined): RangeRef {
  if (address === undefined || address === "") return { sheet, rect: WHOLE_SHEET };
  let parsed;
  try {
    parsed = parseAddress(address);
  } catch (e) {
    const named = wb.findName(address);
    const ref = named ? wb.nameRange(named) : null;
    if (ref && ref.sheet === sheet) return ref;
    throw e;
  }
  if (parsed.sheet !== undefined && wb.findSheet(parsed.sheet) !== sheet) {
    throw excelError("InvalidArgument", `The address '${address}' is not on the worksheet '${sheet.name}'.`);
  }
  return { sheet, rect: checkRect(parsed.rect) };
}

function intArg(n: unknown, what: string): number {
  if (typeof n !== "number" || !Number.isInteger(n)) throw excelError("InvalidArgument", `${what} must be an integer.`);
  return n;
}

/** Several rectangles on one sheet: what Worksheet.getRanges returns (RangeAreas). */
export interface AreasRef {
  sheet: SheetState;
  rects: Rect[];
}

/** Cells a format object applies to: one range, or the areas of a RangeAreas. */
type Cells = RangeRef | AreasRef;

function refsOf(e: Cells): RangeRef[] {
  return "rects" in e ? e.rects.map((rect) => ({ sheet: e.sheet, rect })) : [e];
}

/** One value when every area reports the same, null otherwise (as for mixed formats). */
function overAreas<T>(e: Cells, read: (r: RangeRef) => T | null): T | null {
  const values = refsOf(e).map(read);
  return values.every((v) => v !== null && v === values[0]) ? values[0]! : null;
}

/** "A1:B2, D4" (areas of one sheet, comma-separated, as Worksheet.getRanges takes them). */
function sheetAreas(wb: WorkbookState, sheet: SheetState, address: string): AreasRef {
  if (typeof address !== "string" || address.trim() === "") {
    throw excelError("InvalidArgument", 'getRanges needs one or more addresses, such as "A1:B2, D4".');
  }
  return { sheet, rects: address.split(",").map((part) => sheetRange(wb, sheet, part.trim()).rect) };
}

// ---------------------------------------------------------------------------
// Request context and workbook

export class FakeRequestContext extends ContextCore {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;

  constructor(engine: Engine) {
    super(engine);
    this.workbook = new FakeWorkbook(this);
    this.application = this.workbook.application;
  }
}

export class FakeWorkbook extends ClientObject<WorkbookState> {
  private _worksheets?: FakeWorksheetCollection;
  private _tables?: FakeTableCollection;
  private _names?: FakeNamedItemCollection;
  private _pivots?: FakePivotTableCollection;
  private _application?: FakeApplication;
  private _protection?: FakeWorkbookProtection;

  constructor(ctx: ContextCore) {
    super(ctx, () => ctx._state);
  }

  get _typeName(): string {
    return "Workbook";
  }

  protected _props(): PropTable<WorkbookState> {
    return { name: { get: () => "Mappe1", api: "1.7" } };
  }

  override _navs() {
    return {
      worksheets: () => this.worksheets,
      tables: () => this.tables,
      names: () => this.names,
      pivotTables: () => this.pivotTables,
      application: () => this.application,
      protection: () => this.protection,
    };
  }

  get name(): string {
    return this._get("name");
  }

  get worksheets(): FakeWorksheetCollection {
    return (this._worksheets ??= new FakeWorksheetCollection(this.context, () => this._require()));
  }

  get tables(): FakeTableCollection {
    return (this._tables ??= new FakeTableCollection(this.context, () => ({ sheet: null })));
  }

  get names(): FakeNamedItemCollection {
    return (this._names ??= new FakeNamedItemCollection(this.context, () => this._require()));
  }

  get pivotTables(): FakePivotTableCollection {
    return (this._pivots ??= new FakePivotTableCollection(this.context, () => ({ sheet: null })));
  }

  get application(): FakeApplication {
    return (this._application ??= new FakeApplication(this.context, () => this._require()));
  }

  get protection(): FakeWorkbookProtection {
    return (this._protection ??= new FakeWorkbookProtection(this.context, () => this._require()));
  }

  /** The selection is always A1 of the active sheet here. */
  getSelectedRange(): FakeRange {
    return new FakeRange(this.context, () => ({ sheet: this._wb.activeSheet, rect: { row: 0, col: 0, rows: 1, cols: 1 } }));
  }
}

export class FakeApplication extends ClientObject<WorkbookState> {
  get _typeName(): string {
    return "Application";
  }

  protected _props(): PropTable<WorkbookState> {
    return { calculationMode: { get: (wb) => wb.calculationMode } };
  }

  get calculationMode(): CalculationMode {
    return this._get("calculationMode");
  }

  set calculationMode(v: CalculationMode) {
    this._set(
      "calculationMode",
      v,
      (wb) => {
        if (v !== "Automatic" && v !== "AutomaticExceptTables" && v !== "Manual") {
          throw excelError("InvalidArgument", `'${String(v)}' is not a calculation mode.`);
        }
        wb.calculationMode = v;
      },
      "1.8",
    );
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this._op("method", "suspendScreenUpdatingUntilNextSync", [], (wb) => wb.screenUpdatingSuspensions++, "1.9");
  }

  suspendApiCalculationUntilNextSync(): void {
    this._op("method", "suspendApiCalculationUntilNextSync", [], () => {}, "1.6");
  }

  /** Formulas are not evaluated by the fake, so calculating changes nothing. */
  calculate(calculationType: string): void {
    this._op("method", "calculate", [calculationType], () => {});
  }
}

// ---------------------------------------------------------------------------
// Worksheets

export class FakeWorksheetCollection extends ClientCollection<WorkbookState, SheetState, FakeWorksheet> {
  get _typeName(): string {
    return "WorksheetCollection";
  }

  protected _list(wb: WorkbookState): SheetState[] {
    return wb.liveSheets();
  }

  protected _wrap(sheet: SheetState): FakeWorksheet {
    return new FakeWorksheet(this.context, () => sheet);
  }

  add(name?: string): FakeWorksheet {
    const ws = new FakeWorksheet(this.context, notCreated("worksheet"));
    this._op("method", "add", [name], (wb) => ws._bindTo(wb.addSheet(name)));
    return ws;
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => (this._require(), this._wb.requireSheet(key)), { via: "WorksheetCollection.getItem" });
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => (this._require(), this._wb.findSheet(key) ?? null), {
      api: "1.4",
      via: "WorksheetCollection.getItemOrNullObject",
    });
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this._wb.activeSheet);
  }

  getFirst(visibleOnly = false): FakeWorksheet {
    return new FakeWorksheet(this.context, () => {
      const s = this._wb.liveSheets().find((x) => !visibleOnly || x.visibility === "Visible");
      if (!s) throw excelError("ItemNotFound", "There is no such worksheet.");
      return s;
    });
  }

  getLast(visibleOnly = false): FakeWorksheet {
    return new FakeWorksheet(this.context, () => {
      const s = [...this._wb.liveSheets()].reverse().find((x) => !visibleOnly || x.visibility === "Visible");
      if (!s) throw excelError("ItemNotFound", "There is no such worksheet.");
      return s;
    });
  }

  getCount(visibleOnly = false): ClientResult<number> {
    return this._result(
      "getCount",
      [visibleOnly],
      (wb) => wb.liveSheets().filter((s) => !visibleOnly || s.visibility === "Visible").length,
      "1.4",
    );
  }
}

export class FakeWorksheet extends ClientObject<SheetState> {
  private _tables?: FakeTableCollection;
  private _pivots?: FakePivotTableCollection;
  private _freeze?: FakeWorksheetFreezePanes;
  private _protection?: FakeWorksheetProtection;
  private _custom?: FakeWorksheetCustomPropertyCollection;
  private _charts?: FakeChartCollection;

  get _typeName(): string {
    return "Worksheet";
  }

  protected override _alive(s: SheetState): boolean {
    return !s.deleted;
  }

  protected _props(): PropTable<SheetState> {
    return {
      name: { get: (s) => s.name },
      id: { get: (s) => s.id },
      position: { get: (s, wb) => wb.position(s) },
      visibility: { get: (s) => s.visibility },
      tabColor: { get: (s) => s.tabColor ?? "", api: "1.7" },
      showGridlines: { get: (s) => s.showGridlines, api: "1.8" },
      standardWidth: { get: () => 8.43, api: "1.7" },
      standardHeight: { get: () => 15, api: "1.7" },
    };
  }

  override _navs() {
    return {
      tables: () => this.tables,
      pivotTables: () => this.pivotTables,
      freezePanes: () => this.freezePanes,
      protection: () => this.protection,
      customProperties: () => this.customProperties,
      charts: () => this.charts,
    };
  }

  get name(): string {
    return this._get("name");
  }

  set name(v: string) {
    this._set("name", v, (s, wb) => wb.renameSheet(s, v));
  }

  get id(): string {
    return this._get("id");
  }

  get position(): number {
    return this._get("position");
  }

  set position(v: number) {
    this._set("position", v, (s, wb) => wb.moveSheet(s, v));
  }

  get visibility(): SheetVisibility {
    return this._get("visibility");
  }

  set visibility(v: SheetVisibility) {
    this._set("visibility", v, (s, wb) => wb.setVisibility(s, v), "1.2");
  }

  /** "" when the tab has no colour. */
  get tabColor(): string {
    return this._get("tabColor");
  }

  set tabColor(v: string) {
    this._set("tabColor", v, (s, wb) => wb.setTabColor(s, v), "1.7");
  }

  get showGridlines(): boolean {
    return this._get("showGridlines");
  }

  set showGridlines(v: boolean) {
    this._set(
      "showGridlines",
      v,
      (s) => {
        if (typeof v !== "boolean") throw excelError("InvalidArgument", "showGridlines must be true or false.");
        s.showGridlines = v;
      },
      "1.8",
    );
  }

  get standardWidth(): number {
    return this._get("standardWidth");
  }

  get standardHeight(): number {
    return this._get("standardHeight");
  }

  get tables(): FakeTableCollection {
    return (this._tables ??= new FakeTableCollection(this.context, () => {
      const s = this._resolve();
      return s === null ? null : { sheet: s };
    }));
  }

  get pivotTables(): FakePivotTableCollection {
    return (this._pivots ??= new FakePivotTableCollection(this.context, () => {
      const s = this._resolve();
      return s === null ? null : { sheet: s };
    }));
  }

  /** Charts (ExcelApi 1.1) are modelled in charts.ts. */
  get charts(): FakeChartCollection {
    return (this._charts ??= new FakeChartCollection(this.context, () => this._resolve()));
  }

  get freezePanes(): FakeWorksheetFreezePanes {
    return (this._freeze ??= new FakeWorksheetFreezePanes(this.context, () => this._resolve()));
  }

  get protection(): FakeWorksheetProtection {
    return (this._protection ??= new FakeWorksheetProtection(this.context, () => this._resolve()));
  }

  get customProperties(): FakeWorksheetCustomPropertyCollection {
    return (this._custom ??= new FakeWorksheetCustomPropertyCollection(this.context, () => this._resolve()));
  }

  activate(): void {
    this._op("method", "activate", [], (s, wb) => wb.activate(s));
  }

  delete(): void {
    this._op("method", "delete", [], (s, wb) => wb.deleteSheet(s));
  }

  /** A1 address ("A1", "A1:D10", "A:C", "1:3"); the whole sheet when omitted. */
  getRange(address?: string): FakeRange {
    return new FakeRange(this.context, () => {
      const s = this._resolve();
      return s === null ? null : sheetRange(this._wb, s, address);
    });
  }

  /** RangeAreas for comma-separated areas of this sheet, e.g. "A1:B2, D4" (ExcelApi 1.9). */
  getRanges(address: string): FakeRangeAreas {
    return new FakeRangeAreas(this.context, () => {
      if (!this.context._engine.supportsExcelApi("1.9")) {
        throw excelError("ApiNotFound", "Worksheet.getRanges needs ExcelApi 1.9.");
      }
      const s = this._resolve();
      return s === null ? null : sheetAreas(this._wb, s, address);
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(this.context, () => {
      if (!this.context._engine.supportsExcelApi("1.7")) {
        throw excelError("ApiNotFound", "Worksheet.getRangeByIndexes needs ExcelApi 1.7.");
      }
      const s = this._resolve();
      if (s === null) return null;
      return {
        sheet: s,
        rect: checkRect({
          row: intArg(startRow, "startRow"),
          col: intArg(startColumn, "startColumn"),
          rows: intArg(rowCount, "rowCount"),
          cols: intArg(columnCount, "columnCount"),
        }),
      };
    });
  }

  getCell(row: number, column: number): FakeRange {
    return new FakeRange(this.context, () => {
      const s = this._resolve();
      if (s === null) return null;
      return { sheet: s, rect: checkRect({ row: intArg(row, "row"), col: intArg(column, "column"), rows: 1, cols: 1 }) };
    });
  }

  /** The top-left cell when the sheet is empty, as in Excel. */
  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(this.context, () => {
      const s = this._resolve();
      if (s === null) return null;
      return { sheet: s, rect: this._wb.usedRect(s, valuesOnly) ?? { row: 0, col: 0, rows: 1, cols: 1 } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const s = this._resolve();
        if (s === null) return null;
        const rect = this._wb.usedRect(s, valuesOnly);
        return rect ? { sheet: s, rect } : null;
      },
      { api: "1.4", via: "Worksheet.getUsedRangeOrNullObject" },
    );
  }
}

export class FakeWorksheetFreezePanes extends ClientObject<SheetState> {
  get _typeName(): string {
    return "WorksheetFreezePanes";
  }

  protected _props(): PropTable<SheetState> {
    return {};
  }

  freezeRows(count = 1): void {
    this._op("method", "freezeRows", [count], (s, wb) => wb.freeze(s, count, 0), "1.7");
  }

  freezeColumns(count = 1): void {
    this._op("method", "freezeColumns", [count], (s, wb) => wb.freeze(s, 0, count), "1.7");
  }

  /** Freezes the rows above and columns left of the range's bottom-right edge. */
  freezeAt(frozenRange: FakeRange | string): void {
    this._op(
      "method",
      "freezeAt",
      [frozenRange],
      (s, wb) => {
        const ref = typeof frozenRange === "string" ? sheetRange(wb, s, frozenRange) : frozenRange._require();
        wb.freeze(s, ref.rect.row + ref.rect.rows, ref.rect.col + ref.rect.cols);
      },
      "1.7",
    );
  }

  unfreeze(): void {
    this._op("method", "unfreeze", [], (s, wb) => wb.freeze(s, 0, 0), "1.7");
  }

  /**
   * The frozen cells of the top and left pane; a null object where nothing is frozen
   * (learn.microsoft.com, Excel.WorksheetFreezePanes.getLocationOrNullObject, ExcelApi 1.7).
   * Rows frozen alone span every column, columns alone every row, as Excel's frozen pane does.
   */
  getLocationOrNullObject(): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const s = this._resolve();
        if (s === null || (s.frozenRows === 0 && s.frozenColumns === 0)) return null;
        const rows = s.frozenRows === 0 ? MAX_ROWS : s.frozenRows;
        const cols = s.frozenColumns === 0 ? MAX_COLUMNS : s.frozenColumns;
        return { sheet: s, rect: { row: 0, col: 0, rows, cols } };
      },
      { api: "1.7", via: "WorksheetFreezePanes.getLocationOrNullObject" },
    );
  }
}

/** Excel.WorkbookProtection (ExcelApi 1.7): whether the workbook's structure is protected. */
export class FakeWorkbookProtection extends ClientObject<WorkbookState> {
  get _typeName(): string {
    return "WorkbookProtection";
  }

  protected _props(): PropTable<WorkbookState> {
    return { protected: { get: (wb) => wb.workbookProtected, api: "1.7" } };
  }

  get protected(): boolean {
    return this._get("protected");
  }

  protect(password?: string): void {
    this._op("method", "protect", [password], (wb) => void (wb.workbookProtected = true), "1.7");
  }

  unprotect(password?: string): void {
    this._op("method", "unprotect", [password], (wb) => void (wb.workbookProtected = false), "1.7");
  }
}

export class FakeWorksheetProtection extends ClientObject<SheetState> {
  get _typeName(): string {
    return "WorksheetProtection";
  }

  protected _props(): PropTable<SheetState> {
    return {
      protected: { get: (s) => s.protection.protected, api: "1.2" },
      options: { get: (s) => ({ ...s.protection.options }), api: "1.2" },
    };
  }

  get protected(): boolean {
    return this._get("protected");
  }

  get options(): ProtectionOptions {
    return this._get("options");
  }

  protect(options?: ProtectionOptions, password?: string): void {
    this._op("method", "protect", [options, password], (s, wb) => wb.protect(s, options, password), password ? "1.7" : "1.2");
  }

  unprotect(password?: string): void {
    this._op("method", "unprotect", [password], (s, wb) => wb.unprotect(s, password), "1.2");
  }
}

export class FakeWorksheetCustomPropertyCollection extends ClientCollection<SheetState, CustomPropertyState, FakeWorksheetCustomProperty> {
  protected override _loadApi(): string {
    return "1.12";
  }

  get _typeName(): string {
    return "WorksheetCustomPropertyCollection";
  }

  protected override _alive(s: SheetState): boolean {
    return !s.deleted;
  }

  protected _list(s: SheetState): CustomPropertyState[] {
    return [...s.customProperties.values()];
  }

  protected _wrap(cp: CustomPropertyState): FakeWorksheetCustomProperty {
    return new FakeWorksheetCustomProperty(this.context, () => cp);
  }

  /** Overwrites an existing property with the same key (keys ignore case). */
  add(key: string, value: string): FakeWorksheetCustomProperty {
    const proxy = new FakeWorksheetCustomProperty(this.context, notCreated("custom property"));
    this._op("method", "add", [key, value], (s, wb) => proxy._bindTo(wb.setCustomProperty(s, key, value)), "1.12");
    return proxy;
  }

  getItem(key: string): FakeWorksheetCustomProperty {
    return new FakeWorksheetCustomProperty(
      this.context,
      () => {
        const s = this._require();
        const cp = this._wb.findCustomProperty(s, key);
        if (!cp) throw excelError("ItemNotFound", `The worksheet has no custom property '${key}'.`);
        return cp;
      },
      { api: "1.12", via: "WorksheetCustomPropertyCollection.getItem" },
    );
  }

  getItemOrNullObject(key: string): FakeWorksheetCustomProperty {
    return new FakeWorksheetCustomProperty(
      this.context,
      () => {
        const s = this._resolve();
        return s === null ? null : (this._wb.findCustomProperty(s, key) ?? null);
      },
      { api: "1.12", via: "WorksheetCustomPropertyCollection.getItemOrNullObject" },
    );
  }

  getCount(): ClientResult<number> {
    return this._result("getCount", [], (s) => s.customProperties.size, "1.12");
  }
}

export class FakeWorksheetCustomProperty extends ClientObject<CustomPropertyState> {
  get _typeName(): string {
    return "WorksheetCustomProperty";
  }

  protected override _alive(cp: CustomPropertyState): boolean {
    return !cp.deleted;
  }

  protected _props(): PropTable<CustomPropertyState> {
    return { key: { get: (cp) => cp.key, api: "1.12" }, value: { get: (cp) => cp.value, api: "1.12" } };
  }

  get key(): string {
    return this._get("key");
  }

  get value(): string {
    return this._get("value");
  }

  set value(v: string) {
    this._set("value", v, (cp, wb) => wb.setCustomProperty(cp.sheet, cp.key, v), "1.12");
  }

  delete(): void {
    this._op("method", "delete", [], (cp, wb) => wb.deleteCustomProperty(cp), "1.12");
  }
}

// ---------------------------------------------------------------------------
// Ranges

function derive(
  parent: FakeRange,
  fn: (ref: RangeRef, wb: WorkbookState) => Rect | null,
  eager: false | { api?: string; via: string } = false,
): FakeRange {
  return new FakeRange(
    parent.context,
    () => {
      const ref = parent._resolve();
      if (ref === null) return null;
      const rect = fn(ref, parent.context._state);
      return rect === null ? null : { sheet: ref.sheet, rect: checkRect(rect) };
    },
    eager,
  );
}

export class FakeRange extends ClientObject<RangeRef> {
  private _format?: FakeRangeFormat;
  private _worksheet?: FakeWorksheet;

  get _typeName(): string {
    return "Range";
  }

  protected override _alive(ref: RangeRef): boolean {
    return !ref.sheet.deleted;
  }

  protected _props(): PropTable<RangeRef> {
    return {
      address: { get: (r) => formatAddress(r.sheet.name, r.rect) },
      addressLocal: { get: (r) => formatAddress(r.sheet.name, r.rect) },
      cellCount: { get: (r) => r.rect.rows * r.rect.cols },
      rowCount: { get: (r) => r.rect.rows },
      columnCount: { get: (r) => r.rect.cols },
      rowIndex: { get: (r) => r.rect.row },
      columnIndex: { get: (r) => r.rect.col },
      isEntireColumn: { get: (r) => isWholeColumns(r.rect), api: "1.7" },
      isEntireRow: { get: (r) => isWholeRows(r.rect), api: "1.7" },
      values: { get: (r, wb) => wb.readValues(r) },
      text: { get: (r, wb) => wb.readText(r) },
      formulas: { get: (r, wb) => wb.readFormulas(r) },
      formulasLocal: { get: (r, wb) => wb.readFormulas(r) },
      numberFormat: { get: (r, wb) => wb.readNumberFormats(r) },
      valueTypes: { get: (r, wb) => wb.readValueTypes(r) },
    };
  }

  override _navs() {
    return { format: () => this.format, worksheet: () => this.worksheet };
  }

  get address(): string {
    return this._get("address");
  }

  get addressLocal(): string {
    return this._get("addressLocal");
  }

  get cellCount(): number {
    return this._get("cellCount");
  }

  get rowCount(): number {
    return this._get("rowCount");
  }

  get columnCount(): number {
    return this._get("columnCount");
  }

  get rowIndex(): number {
    return this._get("rowIndex");
  }

  get columnIndex(): number {
    return this._get("columnIndex");
  }

  get isEntireColumn(): boolean {
    return this._get("isEntireColumn");
  }

  get isEntireRow(): boolean {
    return this._get("isEntireRow");
  }

  /** A 2-D array the size of the range, or one value for every cell. */
  get values(): CellValue[][] {
    return this._get("values");
  }

  set values(v: CellValue[][] | CellValue) {
    this._set("values", v, (r, wb) => wb.writeCells(r, v, "values"));
  }

  get text(): string[][] {
    return this._get("text");
  }

  get formulas(): CellValue[][] {
    return this._get("formulas");
  }

  set formulas(v: CellValue[][] | CellValue) {
    this._set("formulas", v, (r, wb) => wb.writeCells(r, v, "formulas"));
  }

  get formulasLocal(): CellValue[][] {
    return this._get("formulasLocal");
  }

  set formulasLocal(v: CellValue[][] | CellValue) {
    this._set("formulasLocal", v, (r, wb) => wb.writeCells(r, v, "formulas"));
  }

  get numberFormat(): string[][] {
    return this._get("numberFormat");
  }

  set numberFormat(v: (string | null)[][] | string) {
    this._set("numberFormat", v, (r, wb) => wb.writeNumberFormat(r, v));
  }

  get valueTypes(): string[][] {
    return this._get("valueTypes");
  }

  get format(): FakeRangeFormat {
    return (this._format ??= new FakeRangeFormat(this.context, () => this._resolve()));
  }

  get worksheet(): FakeWorksheet {
    return (this._worksheet ??= new FakeWorksheet(this.context, () => this._resolve()?.sheet ?? null));
  }

  clear(applyTo: ClearApplyTo = "All"): void {
    this._op("method", "clear", [applyTo], (r, wb) => wb.clear(r, applyTo));
  }

  /** Range.copyFrom (ExcelApi 1.9), from a range on any sheet; see WorkbookState.copyFrom. */
  copyFrom(source: FakeRange | string, copyType: string = "All", skipBlanks = false, transpose = false): void {
    this._op(
      "method",
      "copyFrom",
      [source, copyType, skipBlanks, transpose],
      (r, wb) =>
        wb.copyFrom(
          r,
          typeof source === "string" ? wb.resolveAddress(source, r.sheet) : source._require(),
          copyType,
          skipBlanks,
          transpose,
        ),
      "1.9",
    );
  }

  /**
   * Inserts blank cells in place of this range, moving the cells there "Down" or "Right"
   * (names, tables and PivotTables move with them); returns the blank range.
   */
  insert(shift: "Down" | "Right"): FakeRange {
    this._op("method", "insert", [shift], (r, wb) => wb.shiftCells(r, shift, true));
    return derive(this, (r) => r.rect);
  }

  /** Deletes this range's cells, moving the cells past it "Up" or "Left". */
  delete(shift: "Up" | "Left"): void {
    this._op("method", "delete", [shift], (r, wb) => wb.shiftCells(r, shift, false));
  }

  /** Cells may lie outside the range, as long as they stay on the sheet. */
  getCell(row: number, column: number): FakeRange {
    return derive(this, (r) => ({ row: r.rect.row + intArg(row, "row"), col: r.rect.col + intArg(column, "column"), rows: 1, cols: 1 }));
  }

  getRow(row: number): FakeRange {
    return derive(this, (r) => ({ row: r.rect.row + intArg(row, "row"), col: r.rect.col, rows: 1, cols: r.rect.cols }));
  }

  getColumn(column: number): FakeRange {
    return derive(this, (r) => ({ row: r.rect.row, col: r.rect.col + intArg(column, "column"), rows: r.rect.rows, cols: 1 }));
  }

  getEntireRow(): FakeRange {
    return derive(this, (r) => ({ row: r.rect.row, col: 0, rows: r.rect.rows, cols: MAX_COLUMNS }));
  }

  getEntireColumn(): FakeRange {
    return derive(this, (r) => ({ row: 0, col: r.rect.col, rows: MAX_ROWS, cols: r.rect.cols }));
  }

  getLastCell(): FakeRange {
    return derive(this, (r) => ({ row: r.rect.row + r.rect.rows - 1, col: r.rect.col + r.rect.cols - 1, rows: 1, cols: 1 }));
  }

  getLastRow(): FakeRange {
    return derive(this, (r) => ({ ...r.rect, row: r.rect.row + r.rect.rows - 1, rows: 1 }));
  }

  getLastColumn(): FakeRange {
    return derive(this, (r) => ({ ...r.rect, col: r.rect.col + r.rect.cols - 1, cols: 1 }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return derive(this, (r) => ({
      ...r.rect,
      row: r.rect.row + intArg(rowOffset, "rowOffset"),
      col: r.rect.col + intArg(columnOffset, "columnOffset"),
    }));
  }

  /** Grows or shrinks from the top-left corner; the result must keep at least one cell. */
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return derive(this, (r) => {
      if (!this.context._engine.supportsExcelApi("1.2")) throw excelError("ApiNotFound", "Range.getResizedRange needs ExcelApi 1.2.");
      return { ...r.rect, rows: r.rect.rows + intArg(deltaRows, "deltaRows"), cols: r.rect.cols + intArg(deltaColumns, "deltaColumns") };
    });
  }

  getBoundingRect(anotherRange: FakeRange | string): FakeRange {
    return derive(this, (r, wb) => boundingRect(r.rect, this.otherRect(r, wb, anotherRange)));
  }

  getIntersection(anotherRange: FakeRange | string): FakeRange {
    return derive(this, (r, wb) => {
      const i = intersection(r.rect, this.otherRect(r, wb, anotherRange));
      if (!i) throw excelError("ItemNotFound", "The ranges do not intersect.");
      return i;
    });
  }

  getIntersectionOrNullObject(anotherRange: FakeRange | string): FakeRange {
    return derive(this, (r, wb) => intersection(r.rect, this.otherRect(r, wb, anotherRange)), {
      api: "1.4",
      via: "Range.getIntersectionOrNullObject",
    });
  }

  private otherRect(r: RangeRef, wb: WorkbookState, other: FakeRange | string): Rect {
    const o = typeof other === "string" ? sheetRange(wb, r.sheet, other) : other._require();
    if (o.sheet !== r.sheet) throw excelError("InvalidArgument", "Both ranges must be on the same worksheet.");
    return o.rect;
  }

  /** The used part of this range (top-left cell if none), as Range.getUsedRange does. */
  getUsedRange(valuesOnly = false): FakeRange {
    return derive(this, (r, wb) => {
      const used = wb.usedRect(r.sheet, valuesOnly);
      const i = used ? intersection(used, r.rect) : null;
      if (!i) throw excelError("ItemNotFound", "The range has no used cells.");
      return i;
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return derive(
      this,
      (r, wb) => {
        const used = wb.usedRect(r.sheet, valuesOnly);
        return used ? intersection(used, r.rect) : null;
      },
      { api: "1.4", via: "Range.getUsedRangeOrNullObject" },
    );
  }

  merge(across = false): void {
    this._op("method", "merge", [across], (r, wb) => wb.merge(r, across), "1.2");
  }

  unmerge(): void {
    this._op("method", "unmerge", [], (r, wb) => wb.unmerge(r), "1.2");
  }

  select(): void {
    this._op("method", "select", [], () => {});
  }
}

/**
 * RangeAreas (ExcelApi 1.9): rectangles on one sheet handled as one object; its format applies to
 * every area, and reads give a value only when all areas agree.
 */
export class FakeRangeAreas extends ClientObject<AreasRef> {
  private _format?: FakeRangeFormat;
  private _worksheet?: FakeWorksheet;

  get _typeName(): string {
    return "RangeAreas";
  }

  protected override _alive(ref: AreasRef): boolean {
    return !ref.sheet.deleted;
  }

  protected _props(): PropTable<AreasRef> {
    const address = (a: AreasRef) => a.rects.map((r) => formatAddress(a.sheet.name, r)).join(", ");
    return {
      address: { get: address },
      addressLocal: { get: address },
      areaCount: { get: (a) => a.rects.length },
      cellCount: { get: (a) => a.rects.reduce((n, r) => n + r.rows * r.cols, 0) },
      isEntireColumn: { get: (a) => a.rects.every(isWholeColumns) },
      isEntireRow: { get: (a) => a.rects.every(isWholeRows) },
    };
  }

  override _navs() {
    return { format: () => this.format, worksheet: () => this.worksheet };
  }

  get address(): string {
    return this._get("address");
  }

  get addressLocal(): string {
    return this._get("addressLocal");
  }

  get areaCount(): number {
    return this._get("areaCount");
  }

  get cellCount(): number {
    return this._get("cellCount");
  }

  get isEntireColumn(): boolean {
    return this._get("isEntireColumn");
  }

  get isEntireRow(): boolean {
    return this._get("isEntireRow");
  }

  get format(): FakeRangeFormat {
    return (this._format ??= new FakeRangeFormat(this.context, () => this._resolve()));
  }

  get worksheet(): FakeWorksheet {
    return (this._worksheet ??= new FakeWorksheet(this.context, () => this._resolve()?.sheet ?? null));
  }

  clear(applyTo: ClearApplyTo = "All"): void {
    this._op("method", "clear", [applyTo], (a, wb) => refsOf(a).forEach((r) => wb.clear(r, applyTo)));
  }
}

export class FakeRangeFormat extends ClientObject<Cells> {
  private _font?: FakeRangeFont;
  private _fill?: FakeRangeFill;
  private _borders?: FakeRangeBorderCollection;

  get _typeName(): string {
    return "RangeFormat";
  }

  protected override _alive(ref: Cells): boolean {
    return !ref.sheet.deleted;
  }

  protected _props(): PropTable<Cells> {
    return {
      columnWidth: { get: (e, wb) => overAreas(e, (r) => wb.readColumnWidth(r)), api: "1.2" },
      rowHeight: { get: (e, wb) => overAreas(e, (r) => wb.readRowHeight(r)), api: "1.2" },
      horizontalAlignment: { get: (e, wb) => overAreas(e, (r) => wb.readFormat(r, "horizontalAlignment")) },
      verticalAlignment: { get: (e, wb) => overAreas(e, (r) => wb.readFormat(r, "verticalAlignment")) },
      wrapText: { get: (e, wb) => overAreas(e, (r) => wb.readFormat(r, "wrapText")) },
    };
  }

  override _navs() {
    return { font: () => this.font, fill: () => this.fill, borders: () => this.borders };
  }

  get font(): FakeRangeFont {
    return (this._font ??= new FakeRangeFont(this.context, () => this._resolve()));
  }

  get fill(): FakeRangeFill {
    return (this._fill ??= new FakeRangeFill(this.context, () => this._resolve()));
  }

  get borders(): FakeRangeBorderCollection {
    return (this._borders ??= new FakeRangeBorderCollection(this.context, () => {
      const e = this._resolve();
      // Borders of a RangeAreas (each area's own edges) are not modelled.
      if (e !== null && "rects" in e) throw excelError("InvalidOperation", "RangeAreas borders are not supported by this fake.");
      return e;
    }));
  }

  /** Null when the columns differ in width. */
  get columnWidth(): number | null {
    return this._get("columnWidth");
  }

  set columnWidth(v: number | null) {
    this._set("columnWidth", v, (e, wb) => refsOf(e).forEach((r) => wb.setColumnWidth(r, v)), "1.2");
  }

  get rowHeight(): number | null {
    return this._get("rowHeight");
  }

  set rowHeight(v: number | null) {
    this._set("rowHeight", v, (e, wb) => refsOf(e).forEach((r) => wb.setRowHeight(r, v)), "1.2");
  }

  get horizontalAlignment(): HorizontalAlignment | null {
    return this._get("horizontalAlignment");
  }

  set horizontalAlignment(v: HorizontalAlignment | null) {
    this._set("horizontalAlignment", v, (e, wb) => refsOf(e).forEach((r) => wb.setFormat(r, "horizontalAlignment", v)));
  }

  get verticalAlignment(): VerticalAlignment | null {
    return this._get("verticalAlignment");
  }

  set verticalAlignment(v: VerticalAlignment | null) {
    this._set("verticalAlignment", v, (e, wb) => refsOf(e).forEach((r) => wb.setFormat(r, "verticalAlignment", v)));
  }

  get wrapText(): boolean | null {
    return this._get("wrapText");
  }

  set wrapText(v: boolean | null) {
    this._set("wrapText", v, (e, wb) => refsOf(e).forEach((r) => wb.setFormat(r, "wrapText", v)));
  }

  autofitColumns(): void {
    this._op("method", "autofitColumns", [], (e, wb) => refsOf(e).forEach((r) => wb.autofitColumns(r)), "1.2");
  }

  autofitRows(): void {
    this._op("method", "autofitRows", [], (e, wb) => refsOf(e).forEach((r) => wb.autofitRows(r)), "1.2");
  }
}

/** Shared shape of font and fill: properties that map 1:1 onto a FormatProp. */
abstract class FormatPart extends ClientObject<Cells> {
  protected override _alive(ref: Cells): boolean {
    return !ref.sheet.deleted;
  }

  protected abstract _map(): Record<string, FormatProp>;

  protected _props(): PropTable<Cells> {
    return Object.fromEntries(
      Object.entries(this._map()).map(([name, prop]) => [
        name,
        { get: (e: Cells, wb: WorkbookState) => overAreas(e, (r) => wb.readFormat(r, prop)) },
      ]),
    );
  }

  protected _setFormat(name: string, v: unknown): void {
    const prop = this._map()[name]!;
    this._set(name, v, (e, wb) => refsOf(e).forEach((r) => wb.setFormat(r, prop, v)));
  }
}

export class FakeRangeFont extends FormatPart {
  get _typeName(): string {
    return "RangeFont";
  }

  protected _map(): Record<string, FormatProp> {
    return {
      bold: "font.bold",
      italic: "font.italic",
      underline: "font.underline",
      size: "font.size",
      color: "font.color",
      name: "font.name",
    };
  }

  /** Null when the cells disagree. */
  get bold(): boolean | null {
    return this._get("bold");
  }

  set bold(v: boolean | null) {
    this._setFormat("bold", v);
  }

  get italic(): boolean | null {
    return this._get("italic");
  }

  set italic(v: boolean | null) {
    this._setFormat("italic", v);
  }

  get underline(): UnderlineStyle | null {
    return this._get("underline");
  }

  set underline(v: UnderlineStyle | null) {
    this._setFormat("underline", v);
  }

  get size(): number | null {
    return this._get("size");
  }

  set size(v: number | null) {
    this._setFormat("size", v);
  }

  get color(): string | null {
    return this._get("color");
  }

  set color(v: string | null) {
    this._setFormat("color", v);
  }

  get name(): string | null {
    return this._get("name");
  }

  set name(v: string | null) {
    this._setFormat("name", v);
  }
}

export class FakeRangeFill extends FormatPart {
  get _typeName(): string {
    return "RangeFill";
  }

  protected _map(): Record<string, FormatProp> {
    return { color: "fill.color" };
  }

  /** "#FFFFFF" when there is no fill. */
  get color(): string | null {
    return this._get("color");
  }

  set color(v: string | null) {
    if (v === "" || v === null) {
      this._values.set("color", v);
      this._op("set", "color", [v], (e, wb) => refsOf(e).forEach((r) => wb.setFormat(r, "fill.color", "#FFFFFF")));
    } else {
      this._setFormat("color", v);
    }
  }

  clear(): void {
    this._op("method", "clear", [], (e, wb) => refsOf(e).forEach((r) => wb.setFormat(r, "fill.color", "#FFFFFF")));
  }
}

const BORDER_INDEXES: BorderIndex[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"];

interface BorderItem {
  ref: RangeRef;
  index: BorderIndex;
}

export class FakeRangeBorderCollection extends ClientCollection<RangeRef, BorderItem, FakeRangeBorder> {
  get _typeName(): string {
    return "RangeBorderCollection";
  }

  protected override _alive(ref: RangeRef): boolean {
    return !ref.sheet.deleted;
  }

  protected _list(ref: RangeRef): BorderItem[] {
    return BORDER_INDEXES.map((index) => ({ ref, index }));
  }

  protected _wrap(item: BorderItem): FakeRangeBorder {
    return new FakeRangeBorder(this.context, () => item);
  }

  getItem(index: BorderIndex): FakeRangeBorder {
    return new FakeRangeBorder(this.context, () => {
      const hit = BORDER_INDEXES.find((i) => i === index);
      if (!hit) throw excelError("InvalidArgument", `'${String(index)}' is not a supported border index (${BORDER_INDEXES.join(", ")}).`);
      const ref = this._resolve();
      return ref === null ? null : { ref, index: hit };
    });
  }
}

export class FakeRangeBorder extends ClientObject<BorderItem> {
  get _typeName(): string {
    return "RangeBorder";
  }

  protected override _alive(b: BorderItem): boolean {
    return !b.ref.sheet.deleted;
  }

  protected _props(): PropTable<BorderItem> {
    const read = (attr: BorderAttr) => (b: BorderItem, wb: WorkbookState) => wb.readBorder(b.ref, b.index, attr);
    return {
      sideIndex: { get: (b) => b.index },
      style: { get: read("style") },
      weight: { get: read("weight") },
      color: { get: read("color") },
    };
  }

  private _setBorder(attr: BorderAttr, v: unknown): void {
    this._set(attr, v, (b, wb) => wb.setBorder(b.ref, b.index, attr, v));
  }

  get sideIndex(): BorderIndex {
    return this._get("sideIndex");
  }

  get style(): BorderLineStyle | null {
    return this._get("style");
  }

  set style(v: BorderLineStyle | null) {
    this._setBorder("style", v);
  }

  get weight(): BorderWeight | null {
    return this._get("weight");
  }

  set weight(v: BorderWeight | null) {
    this._setBorder("weight", v);
  }

  get color(): string | null {
    return this._get("color");
  }

  set color(v: string | null) {
    this._setBorder("color", v);
  }
}

// ---------------------------------------------------------------------------
// Tables

/** Collections that exist both on the workbook (sheet null) and on a worksheet. */
interface Scope {
  sheet: SheetState | null;
}

function scopeSheet(scope: Scope): SheetState | undefined {
  return scope.sheet ?? undefined;
}

export class FakeTableCollection extends ClientCollection<Scope, TableState, FakeTable> {
  get _typeName(): string {
    return "TableCollection";
  }

  protected override _alive(scope: Scope): boolean {
    return !scope.sheet?.deleted;
  }

  protected _list(scope: Scope, wb: WorkbookState): TableState[] {
    return wb.liveTables(scopeSheet(scope));
  }

  protected _wrap(t: TableState): FakeTable {
    return new FakeTable(this.context, () => t);
  }

  /** A string address without a sheet means the collection's sheet, or the active sheet for workbook.tables. */
  add(address: FakeRange | string, hasHeaders: boolean): FakeTable {
    const table = new FakeTable(this.context, notCreated("table"));
    this._op("method", "add", [address, hasHeaders], (scope, wb) => {
      const ref = typeof address === "string" ? wb.resolveAddress(address, scope.sheet ?? wb.activeSheet) : address._require();
      if (scope.sheet && ref.sheet !== scope.sheet) {
        throw excelError("InvalidArgument", `The range is not on the worksheet '${scope.sheet.name}'.`);
      }
      table._bindTo(wb.addTable(ref.sheet, ref.rect, hasHeaders));
    });
    return table;
  }

  getItem(key: string): FakeTable {
    return new FakeTable(
      this.context,
      () => {
        const scope = this._require();
        const t = this._wb.findTable(key, scopeSheet(scope));
        if (!t) throw excelError("ItemNotFound", `The table '${key}' does not exist.`);
        return t;
      },
      { via: "TableCollection.getItem" },
    );
  }

  getItemOrNullObject(key: string): FakeTable {
    return new FakeTable(
      this.context,
      () => {
        const scope = this._resolve();
        return scope === null ? null : (this._wb.findTable(key, scopeSheet(scope)) ?? null);
      },
      { api: "1.4", via: "TableCollection.getItemOrNullObject" },
    );
  }

  getItemAt(index: number): FakeTable {
    return new FakeTable(this.context, () => {
      const t = this._wb.liveTables(scopeSheet(this._require()))[index];
      if (!t) throw excelError("ItemNotFound", `There is no table at index ${index}.`);
      return t;
    });
  }

  getCount(): ClientResult<number> {
    return this._result("getCount", [], (scope, wb) => wb.liveTables(scopeSheet(scope)).length, "1.4");
  }
}

export class FakeTable extends ClientObject<TableState> {
  private _worksheet?: FakeWorksheet;

  get _typeName(): string {
    return "Table";
  }

  protected override _alive(t: TableState): boolean {
    return !t.deleted;
  }

  protected _props(): PropTable<TableState> {
    return {
      name: { get: (t) => t.name },
      id: { get: (t) => t.id },
      style: { get: (t) => t.style },
      showHeaders: { get: (t) => t.showHeaders },
      showTotals: { get: (t) => t.showTotals },
      showBandedRows: { get: (t) => t.showBandedRows, api: "1.3" },
      showBandedColumns: { get: (t) => t.showBandedColumns, api: "1.3" },
      showFilterButton: { get: (t) => t.showFilterButton, api: "1.3" },
      highlightFirstColumn: { get: (t) => t.highlightFirstColumn, api: "1.3" },
      highlightLastColumn: { get: (t) => t.highlightLastColumn, api: "1.3" },
    };
  }

  override _navs() {
    return { worksheet: () => this.worksheet };
  }

  get name(): string {
    return this._get("name");
  }

  set name(v: string) {
    this._set("name", v, (t, wb) => wb.renameTable(t, v));
  }

  get id(): string {
    return this._get("id");
  }

  get style(): string {
    return this._get("style");
  }

  set style(v: string) {
    this._set("style", v, (t, wb) => wb.setTableStyle(t, v));
  }

  private _flag(flag: TableFlag, v: boolean, api?: string): void {
    this._set(flag, v, (t, wb) => wb.setTableFlag(t, flag, v), api);
  }

  get showHeaders(): boolean {
    return this._get("showHeaders");
  }

  set showHeaders(v: boolean) {
    this._flag("showHeaders", v);
  }

  get showTotals(): boolean {
    return this._get("showTotals");
  }

  set showTotals(v: boolean) {
    this._flag("showTotals", v);
  }

  get showBandedRows(): boolean {
    return this._get("showBandedRows");
  }

  set showBandedRows(v: boolean) {
    this._flag("showBandedRows", v, "1.3");
  }

  get showBandedColumns(): boolean {
    return this._get("showBandedColumns");
  }

  set showBandedColumns(v: boolean) {
    this._flag("showBandedColumns", v, "1.3");
  }

  get showFilterButton(): boolean {
    return this._get("showFilterButton");
  }

  set showFilterButton(v: boolean) {
    this._flag("showFilterButton", v, "1.3");
  }

  get highlightFirstColumn(): boolean {
    return this._get("highlightFirstColumn");
  }

  set highlightFirstColumn(v: boolean) {
    this._flag("highlightFirstColumn", v, "1.3");
  }

  get highlightLastColumn(): boolean {
    return this._get("highlightLastColumn");
  }

  set highlightLastColumn(v: boolean) {
    this._flag("highlightLastColumn", v, "1.3");
  }

  get worksheet(): FakeWorksheet {
    return (this._worksheet ??= new FakeWorksheet(this.context, () => this._resolve()?.sheet ?? null));
  }

  /** Removes the table and its cells' contents. */
  delete(): void {
    this._op("method", "delete", [], (t, wb) => wb.deleteTable(t));
  }

  /** New range: same header row, overlapping the current one (ExcelApi 1.13). */
  resize(newRange: FakeRange | string): void {
    this._op(
      "method",
      "resize",
      [newRange],
      (t, wb) => wb.resizeTable(t, typeof newRange === "string" ? wb.resolveAddress(newRange, t.sheet) : newRange._require()),
      "1.13",
    );
  }

  /**
   * Table.reapplyFilters (ExcelApi 1.2): reapplies the table's current filters. The fake does not
   * model filters (no row is ever hidden), so this checks the table exists and changes nothing.
   */
  reapplyFilters(): void {
    this._op("method", "reapplyFilters", [], () => {}, "1.2");
  }

  /** Keeps the cells, drops the table. */
  convertToRange(): FakeRange {
    const range = new FakeRange(this.context, notCreated("range"));
    this._op(
      "method",
      "convertToRange",
      [],
      (t, wb) => {
        wb.convertTableToRange(t);
        range._bindTo({ sheet: t.sheet, rect: t.rect });
      },
      "1.2",
    );
    return range;
  }

  private _part(fn: (t: TableState) => Rect | null, what: string): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this._resolve();
      if (t === null) return null;
      const rect = fn(t);
      if (!rect) throw excelError("ItemNotFound", `The table '${t.name}' has no ${what}.`);
      return { sheet: t.sheet, rect };
    });
  }

  getRange(): FakeRange {
    return this._part((t) => t.rect, "range");
  }

  getHeaderRowRange(): FakeRange {
    return this._part((t) => ({ ...t.rect, rows: 1 }), "header row");
  }

  getDataBodyRange(): FakeRange {
    return this._part((t) => {
      const rows = t.rect.rows - 1 - (t.showTotals ? 1 : 0);
      return rows > 0 ? { ...t.rect, row: t.rect.row + 1, rows } : null;
    }, "data body");
  }

  getTotalRowRange(): FakeRange {
    return this._part((t) => (t.showTotals ? { ...t.rect, row: t.rect.row + t.rect.rows - 1, rows: 1 } : null), "total row");
  }
}

// ---------------------------------------------------------------------------
// Named items

export class FakeNamedItemCollection extends ClientCollection<WorkbookState, NamedItemState, FakeNamedItem> {
  get _typeName(): string {
    return "NamedItemCollection";
  }

  protected _list(wb: WorkbookState): NamedItemState[] {
    return wb.liveNames();
  }

  protected _wrap(n: NamedItemState): FakeNamedItem {
    return new FakeNamedItem(this.context, () => n);
  }

  /** `reference` is a Range or a formula such as "=Ark1!$A$1:$B$2". */
  add(name: string, reference: FakeRange | string, comment?: string): FakeNamedItem {
    const item = new FakeNamedItem(this.context, notCreated("named item"));
    this._op(
      "method",
      "add",
      [name, reference, comment],
      (wb) => {
        const target =
          typeof reference === "string"
            ? wb.parseNameTarget(reference)
            : (() => {
                const ref = reference._require();
                return { kind: "range" as const, sheet: ref.sheet, rect: ref.rect };
              })();
        item._bindTo(wb.addName(name, target, comment));
      },
      "1.4",
    );
    return item;
  }

  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(
      this.context,
      () => {
        const n = this._wb.findName(name);
        if (!n) throw excelError("ItemNotFound", `The name '${name}' does not exist.`);
        return n;
      },
      { via: "NamedItemCollection.getItem" },
    );
  }

  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, () => this._wb.findName(name) ?? null, {
      api: "1.4",
      via: "NamedItemCollection.getItemOrNullObject",
    });
  }

  getCount(): ClientResult<number> {
    return this._result("getCount", [], (wb) => wb.liveNames().length, "1.4");
  }
}

export class FakeNamedItem extends ClientObject<NamedItemState> {
  get _typeName(): string {
    return "NamedItem";
  }

  protected override _alive(n: NamedItemState): boolean {
    return !n.deleted;
  }

  protected _props(): PropTable<NamedItemState> {
    return {
      name: { get: (n) => n.name },
      formula: { get: (n, wb) => wb.nameFormula(n), api: "1.7" },
      comment: { get: (n) => n.comment, api: "1.4" },
      type: { get: (n, wb) => wb.nameType(n) },
      value: { get: (n, wb) => wb.nameValue(n) },
      visible: { get: (n) => n.visible },
    };
  }

  get name(): string {
    return this._get("name");
  }

  get formula(): string {
    return this._get("formula");
  }

  set formula(v: string) {
    this._set(
      "formula",
      v,
      (n, wb) => {
        n.target = wb.parseNameTarget(v);
        n.broken = false;
      },
      "1.7",
    );
  }

  get comment(): string {
    return this._get("comment");
  }

  set comment(v: string) {
    this._set(
      "comment",
      v,
      (n, wb) => {
        n.comment = wb.validateNameComment(v);
      },
      "1.4",
    );
  }

  get type(): string {
    return this._get("type");
  }

  get value(): CellValue {
    return this._get("value");
  }

  get visible(): boolean {
    return this._get("visible");
  }

  set visible(v: boolean) {
    this._set("visible", v, (n) => {
      if (typeof v !== "boolean") throw excelError("InvalidArgument", "visible must be true or false.");
      n.visible = v;
    });
  }

  delete(): void {
    this._op(
      "method",
      "delete",
      [],
      (n) => {
        n.deleted = true;
      },
      "1.4",
    );
  }

  /** Fails with InvalidArgument unless the name refers to a range. */
  getRange(): FakeRange {
    return new FakeRange(this.context, () => {
      const n = this._resolve();
      if (n === null) return null;
      const ref = this._wb.nameRange(n);
      if (!ref) throw excelError("InvalidArgument", `The name '${n.name}' does not refer to a range.`);
      return ref;
    });
  }

  getRangeOrNullObject(): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const n = this._resolve();
        return n === null ? null : this._wb.nameRange(n);
      },
      { api: "1.4", via: "NamedItem.getRangeOrNullObject" },
    );
  }
}

// ---------------------------------------------------------------------------
// PivotTables (ExcelApi 1.8 for creating and shaping them)

export class FakePivotTableCollection extends ClientCollection<Scope, PivotState, FakePivotTable> {
  get _typeName(): string {
    return "PivotTableCollection";
  }

  protected override _alive(scope: Scope): boolean {
    return !scope.sheet?.deleted;
  }

  protected _list(scope: Scope, wb: WorkbookState): PivotState[] {
    return livePivots(wb, scopeSheet(scope));
  }

  protected _wrap(p: PivotState): FakePivotTable {
    return new FakePivotTable(this.context, () => p);
  }

  /**
   * `source`: a Range, a Table, a table name or an address; `destination`: the
   * report's top-left cell as a Range or address.
   */
  add(name: string, source: FakeRange | FakeTable | string, destination: FakeRange | string): FakePivotTable {
    const pivot = new FakePivotTable(this.context, notCreated("PivotTable"));
    this._op(
      "method",
      "add",
      [name, source, destination],
      (scope, wb) => {
        const base = scope.sheet ?? wb.activeSheet;
        let src: PivotSource;
        if (source instanceof FakeTable) {
          src = { kind: "table", table: source._require() };
        } else if (source instanceof FakeRange) {
          const ref = source._require();
          src = { kind: "range", sheet: ref.sheet, rect: ref.rect };
        } else {
          const table = source.includes("!") ? undefined : wb.findTable(source);
          if (table) src = { kind: "table", table };
          else {
            const ref = wb.resolveAddress(source, base);
            src = { kind: "range", sheet: ref.sheet, rect: ref.rect };
          }
        }
        const dest = typeof destination === "string" ? wb.resolveAddress(destination, base) : destination._require();
        if (scope.sheet && dest.sheet !== scope.sheet) {
          throw excelError("InvalidArgument", `The destination is not on the worksheet '${scope.sheet.name}'.`);
        }
        pivot._bindTo(addPivot(wb, name, src, dest));
      },
      "1.8",
    );
    return pivot;
  }

  getItem(name: string): FakePivotTable {
    return new FakePivotTable(
      this.context,
      () => {
        const p = findPivot(this._wb, name, scopeSheet(this._require()));
        if (!p) throw excelError("ItemNotFound", `The PivotTable '${name}' does not exist.`);
        return p;
      },
      { api: "1.3", via: "PivotTableCollection.getItem" },
    );
  }

  getItemOrNullObject(name: string): FakePivotTable {
    return new FakePivotTable(
      this.context,
      () => {
        const scope = this._resolve();
        return scope === null ? null : (findPivot(this._wb, name, scopeSheet(scope)) ?? null);
      },
      { api: "1.4", via: "PivotTableCollection.getItemOrNullObject" },
    );
  }

  getCount(): ClientResult<number> {
    return this._result("getCount", [], (scope, wb) => livePivots(wb, scopeSheet(scope)).length, "1.4");
  }

  refreshAll(): void {
    this._op("method", "refreshAll", [], (scope, wb) => livePivots(wb, scopeSheet(scope)).forEach((p) => refreshPivot(wb, p)), "1.3");
  }
}

export class FakePivotTable extends ClientObject<PivotState> {
  private _hier?: FakePivotHierarchyCollection;
  private _rows?: FakeRowColumnPivotHierarchyCollection;
  private _cols?: FakeRowColumnPivotHierarchyCollection;
  private _filters?: FakeRowColumnPivotHierarchyCollection;
  private _data?: FakeDataPivotHierarchyCollection;
  private _layout?: FakePivotLayout;
  private _worksheet?: FakeWorksheet;

  get _typeName(): string {
    return "PivotTable";
  }

  protected override _alive(p: PivotState): boolean {
    return !p.deleted;
  }

  protected _props(): PropTable<PivotState> {
    return { name: { get: (p) => p.name, api: "1.3" }, id: { get: (p) => p.id, api: "1.5" } };
  }

  override _navs() {
    return { worksheet: () => this.worksheet, layout: () => this.layout };
  }

  get name(): string {
    return this._get("name");
  }

  set name(v: string) {
    this._set("name", v, (p, wb) => renamePivot(wb, p, v), "1.3");
  }

  get id(): string {
    return this._get("id");
  }

  get worksheet(): FakeWorksheet {
    return (this._worksheet ??= new FakeWorksheet(this.context, () => this._resolve()?.sheet ?? null));
  }

  get hierarchies(): FakePivotHierarchyCollection {
    return (this._hier ??= new FakePivotHierarchyCollection(this.context, () => this._resolve()));
  }

  private _axis(axis: PivotAxis): FakeRowColumnPivotHierarchyCollection {
    return new FakeRowColumnPivotHierarchyCollection(this.context, () => this._resolve(), axis);
  }

  get rowHierarchies(): FakeRowColumnPivotHierarchyCollection {
    return (this._rows ??= this._axis("rows"));
  }

  get columnHierarchies(): FakeRowColumnPivotHierarchyCollection {
    return (this._cols ??= this._axis("columns"));
  }

  get filterHierarchies(): FakeRowColumnPivotHierarchyCollection {
    return (this._filters ??= this._axis("filters"));
  }

  get dataHierarchies(): FakeDataPivotHierarchyCollection {
    return (this._data ??= new FakeDataPivotHierarchyCollection(this.context, () => this._resolve()));
  }

  get layout(): FakePivotLayout {
    return (this._layout ??= new FakePivotLayout(this.context, () => this._resolve()));
  }

  delete(): void {
    this._op("method", "delete", [], (p, wb) => deletePivot(wb, p), "1.8");
  }

  refresh(): void {
    this._op("method", "refresh", [], (p, wb) => refreshPivot(wb, p), "1.3");
  }
}

interface HierarchyItem {
  pivot: PivotState;
  field: string;
}

export class FakePivotHierarchyCollection extends ClientCollection<PivotState, HierarchyItem, FakePivotHierarchy> {
  protected override _loadApi(): string {
    return "1.8";
  }

  get _typeName(): string {
    return "PivotHierarchyCollection";
  }

  protected override _alive(p: PivotState): boolean {
    return !p.deleted;
  }

  protected _list(p: PivotState): HierarchyItem[] {
    return p.fields.map((field) => ({ pivot: p, field }));
  }

  protected _wrap(item: HierarchyItem): FakePivotHierarchy {
    return new FakePivotHierarchy(this.context, () => item);
  }

  getItem(name: string): FakePivotHierarchy {
    return new FakePivotHierarchy(
      this.context,
      () => {
        const p = this._require();
        const field = fieldName(p, name);
        if (!field) throw excelError("ItemNotFound", `The PivotTable '${p.name}' has no field '${name}'.`);
        return { pivot: p, field };
      },
      { api: "1.8", via: "PivotHierarchyCollection.getItem" },
    );
  }

  getItemOrNullObject(name: string): FakePivotHierarchy {
    return new FakePivotHierarchy(
      this.context,
      () => {
        const p = this._resolve();
        const field = p === null ? undefined : fieldName(p, name);
        return p === null || !field ? null : { pivot: p, field };
      },
      { api: "1.8", via: "PivotHierarchyCollection.getItemOrNullObject" },
    );
  }
}

export class FakePivotHierarchy extends ClientObject<HierarchyItem> {
  get _typeName(): string {
    return "PivotHierarchy";
  }

  protected _props(): PropTable<HierarchyItem> {
    return { name: { get: (h) => h.field, api: "1.8" }, id: { get: (h) => h.field, api: "1.8" } };
  }

  get name(): string {
    return this._get("name");
  }

  get id(): string {
    return this._get("id");
  }
}

interface AxisItem {
  pivot: PivotState;
  axis: PivotAxis;
  field: string;
}

export class FakeRowColumnPivotHierarchyCollection extends ClientCollection<PivotState, AxisItem, FakeRowColumnPivotHierarchy> {
  protected override _loadApi(): string {
    return "1.8";
  }

  constructor(
    ctx: ContextCore,
    binder: () => PivotState | null,
    private readonly axis: PivotAxis,
  ) {
    super(ctx, binder);
  }

  get _typeName(): string {
    return this.axis === "filters" ? "FilterPivotHierarchyCollection" : "RowColumnPivotHierarchyCollection";
  }

  protected override _alive(p: PivotState): boolean {
    return !p.deleted;
  }

  protected _list(p: PivotState): AxisItem[] {
    return p[this.axis].map((field) => ({ pivot: p, axis: this.axis, field }));
  }

  protected _wrap(item: AxisItem): FakeRowColumnPivotHierarchy {
    return new FakeRowColumnPivotHierarchy(this.context, () => item);
  }

  /** Moves the field here from rows/columns/filters if it was elsewhere. */
  add(pivotHierarchy: FakePivotHierarchy): FakeRowColumnPivotHierarchy {
    const result = new FakeRowColumnPivotHierarchy(this.context, notCreated("pivot hierarchy"));
    this._op(
      "method",
      "add",
      [pivotHierarchy],
      (p, wb) => {
        const h = pivotHierarchy._require();
        if (h.pivot !== p) throw excelError("InvalidArgument", "The hierarchy belongs to another PivotTable.");
        const field = addAxisField(wb, p, this.axis, h.field);
        result._bindTo({ pivot: p, axis: this.axis, field });
      },
      "1.8",
    );
    return result;
  }

  remove(rowColumnPivotHierarchy: FakeRowColumnPivotHierarchy): void {
    this._op(
      "method",
      "remove",
      [rowColumnPivotHierarchy],
      (p, wb) => removeAxisField(wb, p, this.axis, rowColumnPivotHierarchy._require().field),
      "1.8",
    );
  }

  getItem(name: string): FakeRowColumnPivotHierarchy {
    return new FakeRowColumnPivotHierarchy(
      this.context,
      () => {
        const p = this._require();
        const field = p[this.axis].find((f) => f.toLowerCase() === name.toLowerCase());
        if (!field) throw excelError("ItemNotFound", `'${name}' is not on the PivotTable's ${this.axis}.`);
        return { pivot: p, axis: this.axis, field };
      },
      { api: "1.8", via: "RowColumnPivotHierarchyCollection.getItem" },
    );
  }

  getCount(): ClientResult<number> {
    return this._result("getCount", [], (p) => p[this.axis].length, "1.8");
  }
}

export class FakeRowColumnPivotHierarchy extends ClientObject<AxisItem> {
  get _typeName(): string {
    return "RowColumnPivotHierarchy";
  }

  protected override _alive(h: AxisItem): boolean {
    return !h.pivot.deleted && h.pivot[h.axis].includes(h.field);
  }

  protected _props(): PropTable<AxisItem> {
    return {
      name: { get: (h) => h.field, api: "1.8" },
      id: { get: (h) => h.field, api: "1.8" },
      position: { get: (h) => h.pivot[h.axis].indexOf(h.field), api: "1.8" },
    };
  }

  get name(): string {
    return this._get("name");
  }

  get id(): string {
    return this._get("id");
  }

  get position(): number {
    return this._get("position");
  }
}

interface DataItem {
  pivot: PivotState;
  data: DataFieldState;
}

export class FakeDataPivotHierarchyCollection extends ClientCollection<PivotState, DataItem, FakeDataPivotHierarchy> {
  protected override _loadApi(): string {
    return "1.8";
  }

  get _typeName(): string {
    return "DataPivotHierarchyCollection";
  }

  protected override _alive(p: PivotState): boolean {
    return !p.deleted;
  }

  protected _list(p: PivotState): DataItem[] {
    return p.data.map((data) => ({ pivot: p, data }));
  }

  protected _wrap(item: DataItem): FakeDataPivotHierarchy {
    return new FakeDataPivotHierarchy(this.context, () => item);
  }

  /** Adds the field as a value, summarized by Sum until summarizeBy says otherwise. */
  add(pivotHierarchy: FakePivotHierarchy): FakeDataPivotHierarchy {
    const result = new FakeDataPivotHierarchy(this.context, notCreated("data hierarchy"));
    this._op(
      "method",
      "add",
      [pivotHierarchy],
      (p, wb) => {
        const h = pivotHierarchy._require();
        if (h.pivot !== p) throw excelError("InvalidArgument", "The hierarchy belongs to another PivotTable.");
        result._bindTo({ pivot: p, data: addDataField(wb, p, h.field) });
      },
      "1.8",
    );
    return result;
  }

  remove(dataPivotHierarchy: FakeDataPivotHierarchy): void {
    this._op("method", "remove", [dataPivotHierarchy], (p, wb) => removeDataField(wb, p, dataPivotHierarchy._require().data), "1.8");
  }

  getItem(name: string): FakeDataPivotHierarchy {
    return new FakeDataPivotHierarchy(
      this.context,
      () => {
        const p = this._require();
        const data = p.data.find((d) => d.name.toLowerCase() === name.toLowerCase());
        if (!data) throw excelError("ItemNotFound", `The PivotTable has no data hierarchy '${name}'.`);
        return { pivot: p, data };
      },
      { api: "1.8", via: "DataPivotHierarchyCollection.getItem" },
    );
  }

  getCount(): ClientResult<number> {
    return this._result("getCount", [], (p) => p.data.length, "1.8");
  }
}

export class FakeDataPivotHierarchy extends ClientObject<DataItem> {
  get _typeName(): string {
    return "DataPivotHierarchy";
  }

  protected override _alive(d: DataItem): boolean {
    return !d.pivot.deleted && !d.data.deleted;
  }

  protected _props(): PropTable<DataItem> {
    return {
      name: { get: (d) => d.data.name, api: "1.8" },
      id: { get: (d) => d.data.id, api: "1.8" },
      summarizeBy: { get: (d) => d.data.summarizeBy, api: "1.8" },
      numberFormat: { get: (d) => d.data.numberFormat, api: "1.8" },
      position: { get: (d) => d.pivot.data.indexOf(d.data), api: "1.8" },
    };
  }

  get name(): string {
    return this._get("name");
  }

  set name(v: string) {
    this._set("name", v, (d, wb) => renameDataField(wb, d.pivot, d.data, v), "1.8");
  }

  get id(): string {
    return this._get("id");
  }

  get summarizeBy(): AggregationFunction {
    return this._get("summarizeBy");
  }

  set summarizeBy(v: AggregationFunction) {
    this._set("summarizeBy", v, (d, wb) => setSummarizeBy(wb, d.pivot, d.data, v), "1.8");
  }

  get numberFormat(): string {
    return this._get("numberFormat");
  }

  set numberFormat(v: string) {
    this._set("numberFormat", v, (d, wb) => setDataNumberFormat(wb, d.pivot, d.data, v), "1.8");
  }

  get position(): number {
    return this._get("position");
  }
}

export class FakePivotLayout extends ClientObject<PivotState> {
  get _typeName(): string {
    return "PivotLayout";
  }

  protected override _alive(p: PivotState): boolean {
    return !p.deleted;
  }

  protected _props(): PropTable<PivotState> {
    return {
      layoutType: { get: (p) => p.layout.layoutType, api: "1.8" },
      showRowGrandTotals: { get: (p) => p.layout.showRowGrandTotals, api: "1.8" },
      showColumnGrandTotals: { get: (p) => p.layout.showColumnGrandTotals, api: "1.8" },
      subtotalLocation: { get: (p) => p.layout.subtotalLocation, api: "1.8" },
    };
  }

  get layoutType(): PivotLayoutType {
    return this._get("layoutType");
  }

  set layoutType(v: PivotLayoutType) {
    this._set("layoutType", v, (p, wb) => setLayout(wb, p, "layoutType", v), "1.8");
  }

  get showRowGrandTotals(): boolean {
    return this._get("showRowGrandTotals");
  }

  set showRowGrandTotals(v: boolean) {
    this._set("showRowGrandTotals", v, (p, wb) => setLayout(wb, p, "showRowGrandTotals", v), "1.8");
  }

  get showColumnGrandTotals(): boolean {
    return this._get("showColumnGrandTotals");
  }

  set showColumnGrandTotals(v: boolean) {
    this._set("showColumnGrandTotals", v, (p, wb) => setLayout(wb, p, "showColumnGrandTotals", v), "1.8");
  }

  get subtotalLocation(): "AtTop" | "AtBottom" | "Off" {
    return this._get("subtotalLocation");
  }

  set subtotalLocation(v: "AtTop" | "AtBottom" | "Off") {
    this._set("subtotalLocation", v, (p, wb) => setLayout(wb, p, "subtotalLocation", v), "1.8");
  }

  /** The report (its top-left cell while it is empty), without the filter area above it, as in Excel. */
  getRange(): FakeRange {
    return new FakeRange(this.context, () => {
      const p = this._resolve();
      if (p === null) return null;
      return { sheet: p.sheet, rect: p.report ?? { row: p.dest.row, col: p.dest.col, rows: 1, cols: 1 } };
    });
  }

  /** The value cells, without label columns and header rows. */
  getDataBodyRange(): FakeRange {
    return new FakeRange(this.context, () => {
      const p = this._resolve();
      if (p === null) return null;
      const report = p.report;
      if (!report || p.data.length === 0) throw excelError("ItemNotFound", "The PivotTable has no data area.");
      const head = p.columns.length > 0 ? 2 : 1;
      const labels = Math.max(1, p.rows.length);
      const rect = { row: report.row + head, col: report.col + labels, rows: report.rows - head, cols: report.cols - labels };
      if (rect.rows < 1 || rect.cols < 1) throw excelError("ItemNotFound", "The PivotTable has no data area.");
      return { sheet: p.sheet, rect };
    });
  }
}
