// The add-in's chart sheets («Diagrammer»): each is an add-in sheet like the others (same
// ownership, refresh and protection rules in writer.ts and plan.ts) whose block holds the chart's
// data, with a clustered bar chart over it. The figures come from core/charts.ts, which takes
// them from the sheets' layouts. ExcelApi 1.1 chart calls only.
//
// A chart is the add-in's by its name on an add-in sheet: a refresh updates that chart (source,
// titles, place) and never touches any other chart on the sheet, such as one the user made.

import { CHART_SHEET_NAMES, buildCharts, type ChartData, type ChartKey } from "../core/charts.js";
import type { Dataset } from "../core/types.js";
import { FORMAT_COUNT, FORMAT_GENERAL } from "../core/layout.js";
import { charsToPoints, textSafeFormats, type SheetSpec, type StyleRun, type WriteValue } from "./content.js";
import type { Rect } from "./ownership.js";

export { CHART_SHEET_NAMES, type ChartKey } from "../core/charts.js";

export interface ChartSpec {
  /** The chart object's name on its sheet: how a refresh finds the add-in's chart. */
  name: string;
  type: "BarClustered";
  /** The chart's data within the block (header row and label column included), from its top left. */
  source: Rect;
  title: string;
  categoryAxisTitle: string;
  valueAxisTitle: string;
  /** The cells the chart covers, from the block's top left. */
  position: Rect;
}

/** Row of the chart data's header row on a chart sheet (title, two notes and a blank row above). */
const DATA_HEADER_ROW = 4;
const CHART_ROWS = 26;
const CHART_COLUMNS = 9;

function chartName(key: ChartKey): string {
  return `NAV tiltak ${CHART_SHEET_NAMES[key].toLocaleLowerCase("nb-NO")}`;
}

/** One chart's sheet: title, notes, the data block, and the chart beside it. */
export function chartSheet(c: ChartData): SheetSpec {
  const width = c.header.length;
  const pad = (row: WriteValue[]) => [...row, ...new Array<WriteValue>(width - row.length).fill("")];
  const values: WriteValue[][] = [
    pad([c.title]),
    pad([c.notes[0] ?? ""]),
    pad([c.notes[1] ?? ""]),
    pad([]),
    [...c.header],
    ...c.rows.map(([label, ...v]) => [label, ...v.map((x) => x ?? "")]),
  ];
  const general = new Array<string>(width).fill(FORMAT_GENERAL);
  const numberFormats = values.map((_, r) => (r > DATA_HEADER_ROW ? [FORMAT_GENERAL, ...new Array<string>(width - 1).fill(FORMAT_COUNT)] : general));
  const last = values.length - 1;
  const styles: StyleRun[] = [
    { rows: [0, 0], cols: [0, 0], bold: true, size: 14 },
    { rows: [1, 2], cols: [0, 0], italic: true, color: "#595959" },
    { rows: [DATA_HEADER_ROW, DATA_HEADER_ROW], cols: [0, width - 1], bold: true, wrap: true, fill: "#E6F0FF", borders: ["EdgeBottom"] },
    { rows: [DATA_HEADER_ROW, last], cols: [1, width - 1], hAlign: "Right" },
  ];
  return {
    key: c.key,
    defaultName: c.sheetName,
    title: c.title,
    values,
    numberFormats: textSafeFormats(values, numberFormats),
    styles,
    columnWidths: [charsToPoints(34), ...new Array<number>(width - 1).fill(charsToPoints(14))],
    freezeRows: 0,
    chart: {
      name: chartName(c.key),
      type: "BarClustered",
      source: { row: DATA_HEADER_ROW, col: 0, rows: c.rows.length + 1, cols: width },
      title: c.title,
      categoryAxisTitle: c.categoryAxisTitle,
      valueAxisTitle: c.valueAxisTitle,
      position: { row: DATA_HEADER_ROW, col: width + 1, rows: Math.max(CHART_ROWS, c.rows.length + 1), cols: CHART_COLUMNS },
    },
    hashMode: "ordered",
  };
}

/** Both chart sheets for the newest period. */
export function chartSheets(ds: Dataset): SheetSpec[] {
  return buildCharts(ds).map(chartSheet);
}

/** Load path the writer adds to its one load of the worksheets in round trip 1. */
export const CHARTS_LOAD = "items/charts/items/name";

/**
 * After round trip 1: the chart names on every sheet (by upper-case sheet name), so the write knows
 * whether the add-in's chart is still there to update. `sheets` is workbook.worksheets, loaded
 * with CHARTS_LOAD (Office.js hands out the same collection object on every access).
 */
export function chartNames(sheets: Excel.WorksheetCollection): Map<string, string[]> {
  return new Map(sheets.items.map((s) => [s.name.toLocaleUpperCase("nb-NO"), s.charts.items.map((c) => c.name)]));
}

function cellsAt(ws: Excel.Worksheet, origin: Rect, r: Rect): Excel.Range {
  return ws.getRangeByIndexes(origin.row + r.row, origin.col + r.col, r.rows, r.cols);
}

/**
 * Round trip 2: adds the add-in's chart, or updates the one already there, over the block written
 * at `origin`. Only the chart named spec.name is touched.
 */
export function queueChart(ws: Excel.Worksheet, spec: ChartSpec, origin: Rect, exists: boolean): void {
  const source = cellsAt(ws, origin, spec.source);
  let chart: Excel.Chart;
  if (exists) {
    chart = ws.charts.getItem(spec.name);
    chart.setData(source, "Columns");
  } else {
    chart = ws.charts.add(spec.type, source, "Columns");
    chart.name = spec.name;
    chart.legend.position = "Bottom";
  }
  chart.title.text = spec.title;
  chart.axes.categoryAxis.title.text = spec.categoryAxisTitle;
  chart.axes.valueAxis.title.text = spec.valueAxisTitle;
  const p = spec.position;
  chart.setPosition(cellsAt(ws, origin, { row: p.row, col: p.col, rows: 1, cols: 1 }), cellsAt(ws, origin, { row: p.row + p.rows - 1, col: p.col + p.cols - 1, rows: 1, cols: 1 }));
}
