/**
 * Charts (ExcelApi 1.1): Worksheet.charts, Chart with its title, axis titles, legend and series,
 * as far as the add-in uses them. Documented behaviour (learn.microsoft.com, Excel JavaScript API
 * reference: Excel.ChartCollection, Excel.Chart, Excel.ChartSeriesBy, Excel.ChartAxisTitle):
 * - ChartCollection.add(type, sourceData, seriesBy) makes a chart of `type` over the range; with
 *   seriesBy "Columns" each column is a series, "Rows" each row; "Auto" guesses from the shape in
 *   Excel on the desktop and "simply defaults to columns" in Excel on the web (modelled: columns).
 * - A chart floats over the sheet: clearing or rewriting cells does not delete it; deleting its
 *   worksheet does. Chart.setData replaces the source; Chart.setPosition moves it over cells.
 * - getItem fails with ItemNotFound for an unknown name; getItemOrNullObject (ExcelApi 1.4) gives
 *   a null object instead. Chart.id and chartType are ExcelApi 1.7.
 * Not documented, modelled from what Excel shows: the series of a source range whose first row
 * and first column are labels (top left cell empty or text) take their names from the first row
 * and their categories from the first column; empty or text cells are gaps, not zeros (Excel's
 * default "Show empty cells as: Gaps"). Series read the cells at load time, as Excel charts stay
 * linked to their cells.
 */

import { type Rect, columnToLetters, parseAddress } from "./addresses";
import { ClientCollection, ClientObject, type ClientResult, type ContextCore, type PropTable } from "./context";
import { excelError } from "./errors";
import type { RangeRef, SheetState, WorkbookState } from "./state";
import type { CellValue } from "./types";

/** The chart types the fake accepts (a subset of Excel.ChartType; others fail as unknown). */
const CHART_TYPES = [
  "ColumnClustered",
  "ColumnStacked",
  "BarClustered",
  "BarStacked",
  "Line",
  "LineMarkers",
  "Pie",
  "Area",
  "XYScatter",
  "Doughnut",
] as const;

export type SeriesBy = "Auto" | "Columns" | "Rows";

export interface ChartState {
  readonly id: string;
  name: string;
  type: string;
  sheet: SheetState;
  source: RangeRef;
  seriesBy: "Columns" | "Rows";
  title: { text: string; visible: boolean };
  axisTitles: { category: { text: string; visible: boolean }; value: { text: string; visible: boolean } };
  legend: { position: string; visible: boolean };
  /** Top left and bottom right cells it covers (setPosition); null until placed. */
  position: Rect | null;
  deleted: boolean;
}

export interface SeriesView {
  name: string;
  values: (number | null)[];
}

/** A chart as the preview draws it and tests inspect it. */
export interface ChartView {
  name: string;
  type: string;
  title: string;
  categoryAxisTitle: string;
  valueAxisTitle: string;
  categories: string[];
  series: SeriesView[];
  /** The source as an address on its sheet, e.g. "A5:D15". */
  sourceAddress: string;
  position: Rect | null;
}

const registry = new WeakMap<WorkbookState, { charts: ChartState[]; seq: number }>();

function store(wb: WorkbookState): { charts: ChartState[]; seq: number } {
  let s = registry.get(wb);
  if (!s) {
    s = { charts: [], seq: 0 };
    registry.set(wb, s);
  }
  return s;
}

function alive(c: ChartState): boolean {
  return !c.deleted && !c.sheet.deleted;
}

/** Live charts of a sheet (or of the workbook), in the order they were added. */
export function liveCharts(wb: WorkbookState, sheet?: SheetState): ChartState[] {
  return store(wb).charts.filter((c) => alive(c) && (!sheet || c.sheet === sheet));
}

function rectAddress(r: Rect): string {
  return `${columnToLetters(r.col)}${r.row + 1}:${columnToLetters(r.col + r.cols - 1)}${r.row + r.rows}`;
}

/** Categories and series of a chart, read from its source cells now. */
function readSeries(wb: WorkbookState, c: ChartState): { categories: string[]; series: SeriesView[] } {
  const grid: CellValue[][] = wb.readValues(c.source);
  const byColumns = c.seriesBy === "Columns";
  const lines = byColumns ? grid[0]!.map((_, col) => grid.map((row) => row[col]!)) : grid;
  const corner = grid[0]?.[0];
  // Labels in the first row and column when the corner is empty or text (see the header comment).
  const labelled = corner === "" || typeof corner === "string";
  const categories = labelled ? lines[0]!.slice(1).map((v) => String(v)) : lines[0]!.map((_, i) => String(i + 1));
  const data = labelled ? lines.slice(1) : lines;
  const series = data.map((line, i) => ({
    name: labelled ? String(line[0]) : `Serie${i + 1}`,
    values: (labelled ? line.slice(1) : line).map((v) => (typeof v === "number" ? v : null)),
  }));
  return { categories, series };
}

export function chartView(wb: WorkbookState, c: ChartState): ChartView {
  const { categories, series } = readSeries(wb, c);
  return {
    name: c.name,
    type: c.type,
    title: c.title.visible ? c.title.text : "",
    categoryAxisTitle: c.axisTitles.category.visible ? c.axisTitles.category.text : "",
    valueAxisTitle: c.axisTitles.value.visible ? c.axisTitles.value.text : "",
    categories,
    series,
    sourceAddress: rectAddress(c.source.rect),
    position: c.position,
  };
}

/** The charts on a sheet, by sheet name, as views (for the preview and tests). */
export function chartViews(wb: WorkbookState, sheetName: string): ChartView[] {
  const sheet = wb.findSheet(sheetName);
  return sheet ? liveCharts(wb, sheet).map((c) => chartView(wb, c)) : [];
}

function seriesByArg(v: unknown): "Columns" | "Rows" {
  if (v === undefined || v === "Auto" || v === "Columns") return "Columns";
  if (v === "Rows") return "Rows";
  throw excelError("InvalidArgument", `'${String(v)}' is not a ChartSeriesBy value.`);
}

function sourceOf(sheet: SheetState, wb: WorkbookState, data: unknown): RangeRef {
  const ref = typeof data === "string" ? wb.resolveAddress(data, sheet) : (data as { _require(): RangeRef })._require();
  if (ref.rect.rows < 1 || ref.rect.cols < 1) throw excelError("InvalidArgument", "The chart's source range is empty.");
  return ref;
}

function cellOf(sheet: SheetState, wb: WorkbookState, cell: unknown): Rect {
  if (typeof cell === "string") return parseAddress(cell).rect;
  const ref = (cell as { _require(): RangeRef })._require();
  if (ref.sheet !== sheet) throw excelError("InvalidArgument", "A chart can only be placed over cells of its own worksheet.");
  void wb;
  return ref.rect;
}

export class FakeChartCollection extends ClientCollection<SheetState, ChartState, FakeChart> {
  get _typeName(): string {
    return "ChartCollection";
  }

  protected override _alive(s: SheetState): boolean {
    return !s.deleted;
  }

  protected override _props(): PropTable<SheetState> {
    return { count: { get: (s, wb) => liveCharts(wb, s).length } };
  }

  protected _list(s: SheetState, wb: WorkbookState): ChartState[] {
    return liveCharts(wb, s);
  }

  protected _wrap(c: ChartState): FakeChart {
    return new FakeChart(this.context, () => c);
  }

  get count(): number {
    return this._get("count");
  }

  add(type: string, sourceData: unknown, seriesBy?: SeriesBy): FakeChart {
    const chart = new FakeChart(this.context, () => {
      throw excelError("ItemNotFound", "The chart was not created.");
    });
    this._op("method", "add", [type, sourceData, seriesBy], (sheet, wb) => {
      if (!(CHART_TYPES as readonly string[]).includes(type))
        throw excelError("InvalidArgument", `'${type}' is not a supported chart type.`);
      wb.assertEditable(sheet, "objects");
      const source = sourceOf(sheet, wb, sourceData);
      const s = store(wb);
      const c: ChartState = {
        id: `{chart-${++s.seq}}`,
        // Excel names a new chart "Chart N" (nb-NO: "Diagram N").
        name: `Diagram ${s.seq}`,
        type,
        sheet,
        source,
        seriesBy: seriesByArg(seriesBy),
        title: { text: "", visible: true },
        axisTitles: { category: { text: "", visible: false }, value: { text: "", visible: false } },
        legend: { position: "Right", visible: true },
        position: null,
        deleted: false,
      };
      s.charts.push(c);
      chart._bindTo(c);
    });
    return chart;
  }

  getItem(name: string): FakeChart {
    return new FakeChart(
      this.context,
      () => {
        const c = liveCharts(this._wb, this._require()).find((x) => x.name === name);
        if (!c) throw excelError("ItemNotFound", `The chart '${name}' does not exist.`);
        return c;
      },
      { via: "ChartCollection.getItem" },
    );
  }

  getItemOrNullObject(name: string): FakeChart {
    return new FakeChart(
      this.context,
      () => {
        const s = this._resolve();
        return s === null ? null : (liveCharts(this._wb, s).find((x) => x.name === name) ?? null);
      },
      { api: "1.4", via: "ChartCollection.getItemOrNullObject" },
    );
  }

  getItemAt(index: number): FakeChart {
    return new FakeChart(this.context, () => {
      const c = liveCharts(this._wb, this._require())[index];
      if (!c) throw excelError("ItemNotFound", `There is no chart at index ${index}.`);
      return c;
    });
  }

  getCount(): ClientResult<number> {
    return this._result("getCount", [], (s, wb) => liveCharts(wb, s).length, "1.4");
  }
}

export class FakeChart extends ClientObject<ChartState> {
  get _typeName(): string {
    return "Chart";
  }

  protected override _alive(c: ChartState): boolean {
    return alive(c);
  }

  protected _props(): PropTable<ChartState> {
    return {
      name: { get: (c) => c.name },
      id: { get: (c) => c.id, api: "1.7" },
      chartType: { get: (c) => c.type, api: "1.7" },
    };
  }

  override _navs() {
    return { title: () => this.title, axes: () => this.axes, legend: () => this.legend, series: () => this.series };
  }

  get name(): string {
    return this._get("name");
  }

  set name(v: string) {
    this._set("name", v, (c) => {
      if (typeof v !== "string" || v.trim() === "") throw excelError("InvalidArgument", "A chart name cannot be empty.");
      c.name = v;
    });
  }

  get id(): string {
    return this._get("id");
  }

  get chartType(): string {
    return this._get("chartType");
  }

  get title(): FakeChartText {
    return new FakeChartText(this.context, () => this._require().title, "ChartTitle");
  }

  get axes(): FakeChartAxes {
    return new FakeChartAxes(this.context, () => this._require());
  }

  get legend(): FakeChartLegend {
    return new FakeChartLegend(this.context, () => this._require().legend);
  }

  get series(): FakeChartSeriesCollection {
    return new FakeChartSeriesCollection(this.context, () => this._require());
  }

  setData(sourceData: unknown, seriesBy?: SeriesBy): void {
    this._op("method", "setData", [sourceData, seriesBy], (c, wb) => {
      wb.assertEditable(c.sheet, "objects");
      c.source = sourceOf(c.sheet, wb, sourceData);
      c.seriesBy = seriesByArg(seriesBy);
    });
  }

  setPosition(startCell: unknown, endCell?: unknown): void {
    this._op("method", "setPosition", [startCell, endCell], (c, wb) => {
      wb.assertEditable(c.sheet, "objects");
      const start = cellOf(c.sheet, wb, startCell);
      const end = endCell === undefined ? start : cellOf(c.sheet, wb, endCell);
      const row = Math.min(start.row, end.row);
      const col = Math.min(start.col, end.col);
      c.position = {
        row,
        col,
        rows: Math.max(start.row + start.rows, end.row + end.rows) - row,
        cols: Math.max(start.col + start.cols, end.col + end.cols) - col,
      };
    });
  }

  delete(): void {
    this._op("method", "delete", [], (c, wb) => {
      wb.assertEditable(c.sheet, "objects");
      c.deleted = true;
    });
  }
}

/** ChartTitle and ChartAxisTitle: text and visible. */
export class FakeChartText extends ClientObject<{ text: string; visible: boolean }> {
  constructor(
    context: ContextCore,
    binder: () => { text: string; visible: boolean },
    private readonly typeName: string,
  ) {
    super(context, binder);
  }

  get _typeName(): string {
    return this.typeName;
  }

  protected _props(): PropTable<{ text: string; visible: boolean }> {
    return { text: { get: (t) => t.text }, visible: { get: (t) => t.visible } };
  }

  get text(): string {
    return this._get("text");
  }

  /** Setting a title's text shows it (an axis title is hidden until it has one). */
  set text(v: string) {
    this._set("text", v, (t) => {
      t.text = String(v);
      t.visible = true;
    });
  }

  get visible(): boolean {
    return this._get("visible");
  }

  set visible(v: boolean) {
    this._set("visible", v, (t) => void (t.visible = v === true));
  }
}

export class FakeChartAxes extends ClientObject<ChartState> {
  get _typeName(): string {
    return "ChartAxes";
  }

  protected _props(): PropTable<ChartState> {
    return {};
  }

  override _navs() {
    return { categoryAxis: () => this.categoryAxis, valueAxis: () => this.valueAxis };
  }

  get categoryAxis(): FakeChartAxis {
    return new FakeChartAxis(this.context, () => this._require().axisTitles.category);
  }

  get valueAxis(): FakeChartAxis {
    return new FakeChartAxis(this.context, () => this._require().axisTitles.value);
  }
}

export class FakeChartAxis extends ClientObject<{ text: string; visible: boolean }> {
  get _typeName(): string {
    return "ChartAxis";
  }

  protected _props(): PropTable<{ text: string; visible: boolean }> {
    return {};
  }

  override _navs() {
    return { title: () => this.title };
  }

  get title(): FakeChartText {
    return new FakeChartText(this.context, () => this._require(), "ChartAxisTitle");
  }
}

export class FakeChartLegend extends ClientObject<ChartState["legend"]> {
  get _typeName(): string {
    return "ChartLegend";
  }

  protected _props(): PropTable<ChartState["legend"]> {
    return { position: { get: (l) => l.position }, visible: { get: (l) => l.visible } };
  }

  get position(): string {
    return this._get("position");
  }

  set position(v: string) {
    this._set("position", v, (l) => {
      if (!["Top", "Bottom", "Left", "Right", "Corner", "Custom"].includes(v))
        throw excelError("InvalidArgument", `'${v}' is not a legend position.`);
      l.position = v;
    });
  }

  get visible(): boolean {
    return this._get("visible");
  }

  set visible(v: boolean) {
    this._set("visible", v, (l) => void (l.visible = v === true));
  }
}

interface SeriesEntity {
  chart: ChartState;
  index: number;
}

export class FakeChartSeriesCollection extends ClientCollection<ChartState, SeriesEntity, FakeChartSeries> {
  get _typeName(): string {
    return "ChartSeriesCollection";
  }

  protected override _props(): PropTable<ChartState> {
    return { count: { get: (c, wb) => readSeries(wb, c).series.length } };
  }

  protected _list(c: ChartState, wb: WorkbookState): SeriesEntity[] {
    return readSeries(wb, c).series.map((_, index) => ({ chart: c, index }));
  }

  protected _wrap(s: SeriesEntity): FakeChartSeries {
    return new FakeChartSeries(this.context, () => s);
  }

  get count(): number {
    return this._get("count");
  }

  getItemAt(index: number): FakeChartSeries {
    return new FakeChartSeries(this.context, () => {
      const c = this._require();
      if (index < 0 || index >= readSeries(this._wb, c).series.length)
        throw excelError("ItemNotFound", `There is no series at index ${index}.`);
      return { chart: c, index };
    });
  }
}

export class FakeChartSeries extends ClientObject<SeriesEntity> {
  get _typeName(): string {
    return "ChartSeries";
  }

  protected _props(): PropTable<SeriesEntity> {
    return { name: { get: (s, wb) => readSeries(wb, s.chart).series[s.index]?.name ?? "" } };
  }

  get name(): string {
    return this._get("name");
  }
}
