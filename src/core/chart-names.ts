// The chart sheets' keys and names, apart from the chart data (charts.ts, series-chart.ts), so the
// pane's startup bundle can name the sheets without carrying the code that builds the charts.

import type { Dataset } from "./types.js";

export type ChartKey = "diagram-hovedgrupper" | "diagram-endring" | "diagram-maaneder";

export const CHART_SHEET_NAMES: Readonly<Record<ChartKey, string>> = {
  "diagram-hovedgrupper": "Diagram hovedgrupper",
  "diagram-endring": "Diagram endring",
  "diagram-maaneder": "Diagram måneder",
};

export const CHART_KEYS = Object.keys(CHART_SHEET_NAMES) as ChartKey[];

/** Whether the dataset holds NAV's time series (TILT workbooks): months to draw a line over. */
export function hasTimeSeries(ds: Pick<Dataset, "periods">): boolean {
  return ds.periods.some((p) => p.source === "tidsserie");
}

/**
 * The chart sheets a dataset gets: the two bar charts of the period shown, and the line chart over
 * months only when there is a time series (a text publication's months are single tables: the
 * line would join months NAV never published as a series).
 */
export function chartKeysFor(ds: Pick<Dataset, "periods">): ChartKey[] {
  return CHART_KEYS.filter((k) => k !== "diagram-maaneder" || hasTimeSeries(ds));
}
