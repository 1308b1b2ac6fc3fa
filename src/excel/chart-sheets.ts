// The chart sheets as the writer's sheet specs: title, notes, the chart's data and the chart over
// it. The figures come from core/charts.ts, which takes them from the sheets' layouts. Loaded on
// demand (inserting charts, refresh), so the pane's startup bundle does not carry it.

import { chartKeysFor } from "../core/chart-names.js";
import { CHART_SHEET_NAMES, buildCharts, type ChartData, type ChartKey } from "../core/charts.js";
import { monthlyChart } from "../core/series-chart.js";
import type { Dataset } from "../core/types.js";
import { FORMAT_COUNT, FORMAT_GENERAL } from "../core/layout.js";
import type { ChartSpec } from "./chart-writer.js";
import { charsToPoints, textSafeFormats, type SheetSpec, type StyleRun, type WriteValue } from "./sheet-specs.js";

/** Row of the chart data's header row on a chart sheet (title, two notes and a blank row above). */
const DATA_HEADER_ROW = 4;
/**
 * The chart sits under its data, as wide as the data's columns (at least MIN_CHART_COLUMNS), so it
 * is seen whole in the window Excel leaves beside the task pane (about 900 px of a 1 280 px
 * screen); beside the data it began some 600 px to the right, out of view. Rows of 20 px.
 */
const CHART_ROWS = 22;
const MIN_CHART_COLUMNS = 6;

function chartName(key: ChartKey): string {
  return `NAV tiltak ${CHART_SHEET_NAMES[key].toLocaleLowerCase("nb-NO")}`;
}

/**
 * One chart's sheet: title, notes, the data block, and the chart under it. A bar chart per
 * category (the period's tables), a line chart over months (the time series: one line per column,
 * a month that is not a number an empty cell, which Excel draws as a gap in the line).
 */
export function chartSheet(c: ChartData, type: ChartSpec["type"] = "BarClustered"): SheetSpec {
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
  const numberFormats = values.map((_, r) =>
    r > DATA_HEADER_ROW ? [FORMAT_GENERAL, ...new Array<string>(width - 1).fill(FORMAT_COUNT)] : general,
  );
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
      type,
      source: { row: DATA_HEADER_ROW, col: 0, rows: c.rows.length + 1, cols: width },
      title: c.title,
      categoryAxisTitle: c.categoryAxisTitle,
      valueAxisTitle: c.valueAxisTitle,
      position: { row: DATA_HEADER_ROW + c.rows.length + 2, col: 0, rows: CHART_ROWS, cols: Math.max(MIN_CHART_COLUMNS, width) },
    },
    hashMode: "ordered",
  };
}

/**
 * The chart sheets: the bar charts of one period (the default period when none is named), and for a
 * time series the line chart over all its months (core/chart-names.ts says which a dataset gets).
 */
export function chartSheets(ds: Dataset, period?: string): SheetSpec[] {
  const bars = buildCharts(ds, period).map((c) => chartSheet(c));
  return chartKeysFor(ds).includes("diagram-maaneder") ? [...bars, chartSheet(monthlyChart(ds), "Line")] : bars;
}
