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
 * - ChartAxis.reversePlotOrder (ExcelApi 1.7): "Specifies if Excel plots data points from last to
 *   first" (Excel.ChartAxis; VBA's Axis.ReversePlotOrder: "True if Microsoft Excel plots data
 *   points from last to first"). False for a new chart. A bar chart draws its first category at
 *   the bottom; reversed, at the top (what the preview draws, chart-svg.ts).
 * Not documented, modelled from what Excel shows: the series of a source range whose first row
 * and first column are labels (top left cell empty or text) take their names from the first row
 * and their categories from the first column; empty or text cells are gaps, not zeros (Excel's
 * default "Show empty cells as: Gaps"). Series read the cells at load time, as Excel charts stay
 * linked to their cells.
 */

import { type Rect, boundingRect, columnLetters } from "@nav-tiltak/a1";
import { excelError } from "./excel-errors";
import type { RangeRef, SheetState, WorkbookState } from "./state";
import type { RangeValue } from "./office-types";

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
  /** ChartAxis.reversePlotOrder of each axis. */
  reversePlotOrder: { category: boolean; value: boolean };
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
  /** The category axis's reversePlotOrder: the first category is drawn at the top of a bar chart. */
  categoriesReversed: boolean;
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
  return `${columnLetters(r.col)}${r.row + 1}:${columnLetters(r.col + r.cols - 1)}${r.row + r.rows}`;
}

/** Categories and series of a chart, read from its source cells now. */
function readSeries(wb: WorkbookState, c: ChartState): { categories: string[]; series: SeriesView[] } {
  const grid: RangeValue[][] = wb.readValues(c.source);
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
    categoriesReversed: c.reversePlotOrder.category,
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
  if (v === undefined || v === null || v === "Auto" || v === "Columns") return "Columns";
  if (v === "Rows") return "Rows";
  throw excelError("InvalidArgument", `'${String(v)}' is not a ChartSeriesBy value.`);
}

function checkSource(source: RangeRef): RangeRef {
  if (source.rect.rows < 1 || source.rect.cols < 1) throw excelError("InvalidArgument", "The chart's source range is empty.");
  return source;
}

/** ChartCollection.add: a chart of `type` over `source` on `sheet`. */
export function addChart(wb: WorkbookState, sheet: SheetState, type: unknown, source: RangeRef, seriesBy: unknown): ChartState {
  if (!(CHART_TYPES as readonly unknown[]).includes(type))
    throw excelError("InvalidArgument", `'${String(type)}' is not a supported chart type.`);
  wb.assertEditable(sheet, "objects");
  const s = store(wb);
  const c: ChartState = {
    id: `{chart-${s.seq + 1}}`,
    // Excel names a new chart "Chart N" (nb-NO: "Diagram N").
    name: `Diagram ${s.seq + 1}`,
    type: type as string,
    sheet,
    source: checkSource(source),
    seriesBy: seriesByArg(seriesBy),
    title: { text: "", visible: true },
    axisTitles: { category: { text: "", visible: false }, value: { text: "", visible: false } },
    reversePlotOrder: { category: false, value: false },
    legend: { position: "Right", visible: true },
    position: null,
    deleted: false,
  };
  s.seq++;
  s.charts.push(c);
  return c;
}

/** Chart.setData: a new source range and series direction. */
export function setChartData(wb: WorkbookState, c: ChartState, source: RangeRef, seriesBy: unknown): void {
  wb.assertEditable(c.sheet, "objects");
  c.source = checkSource(source);
  c.seriesBy = seriesByArg(seriesBy);
}

/** Chart.setPosition: the chart covers the cells from `start` to `end` (both of its own sheet). */
export function setChartPosition(wb: WorkbookState, c: ChartState, start: RangeRef, end: RangeRef): void {
  wb.assertEditable(c.sheet, "objects");
  if (start.sheet !== c.sheet || end.sheet !== c.sheet) {
    throw excelError("InvalidArgument", "A chart can only be placed over cells of its own worksheet.");
  }
  c.position = boundingRect(start.rect, end.rect);
}

export function deleteChart(wb: WorkbookState, c: ChartState): void {
  wb.assertEditable(c.sheet, "objects");
  c.deleted = true;
}

/** The series of a chart as its source cells give them now. */
export function chartSeries(wb: WorkbookState, c: ChartState): SeriesView[] {
  return readSeries(wb, c).series;
}

export function chartAlive(c: ChartState): boolean {
  return alive(c);
}
