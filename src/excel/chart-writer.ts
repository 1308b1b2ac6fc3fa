// The add-in's charts («Diagrammer») in the writer: each chart sheet is an add-in sheet like the
// others (same ownership, refresh and protection rules in writer.ts and plan.ts) whose block holds
// the chart's data (chart-sheets.ts builds it), with a clustered bar chart or a line chart over it.
// This module is the Office.js part, small enough for the pane's startup bundle. ExcelApi 1.1 chart
// calls (Excel.ChartType "BarClustered" and "Line" are both 1.1), and ChartAxis.reversePlotOrder
// (ExcelApi 1.7, the add-in's minimum) for the bars' order.
//
// A chart is the add-in's by its name on an add-in sheet: a refresh updates that chart (source,
// titles, place) and never touches any other chart on the sheet, such as one the user made.

import type { Rect } from "@nav-tiltak/a1";

export interface ChartSpec {
  /** The chart object's name on its sheet: how a refresh finds the add-in's chart. */
  name: string;
  /** A bar per category (a period's tables) or a line over months (the time series). */
  type: "BarClustered" | "Line";
  /** The chart's data within the block (header row and label column included), from its top left. */
  source: Rect;
  title: string;
  categoryAxisTitle: string;
  valueAxisTitle: string;
  /** The cells the chart covers, from the block's top left. */
  position: Rect;
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
  // Excel draws a bar chart's first category at the bottom; the table beside it reads top-down.
  // Reversing the category axis draws the bars in the table's order (set on an update too, so a
  // chart made before this is turned the right way). A line over months runs left to right, oldest
  // first, as the rows do: not reversed.
  chart.axes.categoryAxis.reversePlotOrder = spec.type === "BarClustered";
  chart.title.text = spec.title;
  chart.axes.categoryAxis.title.text = spec.categoryAxisTitle;
  chart.axes.valueAxis.title.text = spec.valueAxisTitle;
  const p = spec.position;
  chart.setPosition(
    cellsAt(ws, origin, { row: p.row, col: p.col, rows: 1, cols: 1 }),
    cellsAt(ws, origin, { row: p.row + p.rows - 1, col: p.col + p.cols - 1, rows: 1, cols: 1 }),
  );
}
