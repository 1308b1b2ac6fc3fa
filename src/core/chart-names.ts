// The chart sheets' keys and names, apart from the chart data (charts.ts), so the pane's startup
// bundle can name the sheets without carrying the code that builds the charts.

export type ChartKey = "diagram-hovedgrupper" | "diagram-endring";

export const CHART_SHEET_NAMES: Readonly<Record<ChartKey, string>> = {
  "diagram-hovedgrupper": "Diagram hovedgrupper",
  "diagram-endring": "Diagram endring",
};

export const CHART_KEYS = Object.keys(CHART_SHEET_NAMES) as ChartKey[];
