// The data behind the add-in's two charts («Diagrammer»), taken from the sheet layouts so a chart
// shows exactly the figures the sheets show: deltakere per tiltaksgruppe and hovedgruppe (from
// «Tiltaksgrupper x hovedgrupper») and the change from last year per tiltaksgruppe (from
// «Tiltaksgrupper»). A cell that is not a number there (NAV's «*», or any other symbol the
// suppression code writes) cannot be drawn: it is left out of the chart and named in its note.
// Pure: no Office.js.

import { buildLayouts, type CellValue, type LayoutKey, type SheetLayout } from "./layout.js";
import type { Dataset } from "./types.js";
import { TOTAL_LABEL } from "./period/names.js";

import { CHART_SHEET_NAMES, type ChartKey } from "./chart-names.js";
import { InternalError } from "./errors.js";

export { CHART_KEYS, CHART_SHEET_NAMES, type ChartKey } from "./chart-names.js";

/** A cell the chart leaves out, with what it showed instead of a number. */
export interface OmittedCell {
  category: string;
  series: string;
  shown: string;
}

export interface ChartData {
  key: ChartKey;
  sheetName: string;
  title: string;
  periodLabel: string;
  categoryAxisTitle: string;
  valueAxisTitle: string;
  /** Header row: the category column's heading, then one series name per column. */
  header: string[];
  /** One row per category: its label, then one value per series (null: left out or none). */
  rows: [string, ...(number | null)[]][];
  omitted: OmittedCell[];
  /** Norwegian note under the chart's data: what is drawn, and which cells were left out. */
  notes: string[];
}

function layoutOf(layouts: SheetLayout[], key: LayoutKey): SheetLayout {
  const l = layouts.find((x) => x.key === key);
  if (!l) throw new InternalError("missing-table", `Mangler tabellen ${key}.`);
  return l;
}

/** The body rows of a layout's only block, without its grand total, as [label, cells]. */
function groupRows(layout: SheetLayout): { header: CellValue[]; rows: CellValue[][] } {
  const block = layout.blocks[0]!;
  const rows = layout.cells.slice(block.firstRow, block.lastRow + 1).filter((r) => r[0] !== TOTAL_LABEL);
  return { header: layout.cells[block.headerRow]!, rows };
}

/** A layout cell as a chart value; a symbol is recorded as omitted. */
function chartValue(v: CellValue, category: string, series: string, omitted: OmittedCell[]): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "") omitted.push({ category, series, shown: v });
  return null;
}

function omittedNote(omitted: OmittedCell[], perSeries: boolean): string {
  if (omitted.length === 0) return "Ingen verdier er utelatt.";
  const symbols = [...new Set(omitted.map((o) => `«${o.shown}»`))].join(" og ");
  const cells = omitted.map((o) => (perSeries ? `${o.category} (${o.series})` : o.category)).join(", ");
  return (
    `Utelatt fra diagrammet fordi tabellen viser ${symbols} i stedet for et tall ` + `(skjult etter Statistikklovens § 2-6): ${cells}.`
  );
}

/** Deltakere per tiltaksgruppe (categories) by hovedgruppe (series), from the cross table. */
function perHovedgruppe(ds: Dataset, layouts: SheetLayout[]): ChartData {
  const layout = layoutOf(layouts, "tiltaksgrupper-x-hovedgrupper");
  const { header, rows } = groupRows(layout);
  // The «I alt» column is the sum of the others; drawn beside them it would dwarf every bar.
  const columns = header.map((h, c) => ({ h, c })).filter(({ h, c }) => c > 0 && h !== TOTAL_LABEL);
  const shortName = (name: string) => ds.hovedgrupper.find((x) => x.name === name)?.short ?? name;
  const omitted: OmittedCell[] = [];
  const series = columns.map(({ h }) => shortName(String(h)));
  const data = rows.map((r): [string, ...(number | null)[]] => {
    const label = String(r[0]);
    return [label, ...columns.map(({ c }, i) => chartValue(r[c] ?? null, label, series[i]!, omitted))];
  });
  return {
    key: "diagram-hovedgrupper",
    sheetName: CHART_SHEET_NAMES["diagram-hovedgrupper"],
    title: `Deltakere per tiltaksgruppe og hovedgruppe, ${layout.periodLabel.toLocaleLowerCase("nb-NO")}`,
    periodLabel: layout.periodLabel,
    categoryAxisTitle: "Tiltaksgruppe",
    valueAxisTitle: "Antall deltakere",
    header: ["Tiltaksgruppe", ...series],
    rows: data,
    omitted,
    notes: [`Kilde: tabellen «${layout.name}».`, omittedNote(omitted, true)],
  };
}

/** The change from the same month last year per tiltaksgruppe (all hovedgrupper). */
function change(layouts: SheetLayout[]): ChartData {
  const layout = layoutOf(layouts, "tiltaksgrupper");
  const { header, rows } = groupRows(layout);
  // The layout's columns: Antall, Endring fra i fjor Antall, Endring fra i fjor Prosent.
  const col = header.indexOf("Endring fra i fjor Antall");
  if (col < 0) throw new InternalError("missing-table", "Tabellen «Tiltaksgrupper» mangler kolonnen «Endring fra i fjor Antall».");
  const series = "Endring fra i fjor";
  const omitted: OmittedCell[] = [];
  const data = rows.map((r): [string, ...(number | null)[]] => [String(r[0]), chartValue(r[col] ?? null, String(r[0]), series, omitted)]);
  return {
    key: "diagram-endring",
    sheetName: CHART_SHEET_NAMES["diagram-endring"],
    title: `Endring i antall deltakere fra samme måned i fjor, ${layout.periodLabel.toLocaleLowerCase("nb-NO")}`,
    periodLabel: layout.periodLabel,
    categoryAxisTitle: "Tiltaksgruppe",
    valueAxisTitle: "Endring i antall deltakere",
    header: ["Tiltaksgruppe", series],
    rows: data,
    omitted,
    notes: [`Kilde: tabellen «${layout.name}».`, omittedNote(omitted, false)],
  };
}

/** Both charts' data for one period (newest by default), from the same layouts as the sheets. */
export function buildCharts(ds: Dataset, period?: string): ChartData[] {
  const layouts = buildLayouts(ds, period);
  return [perHovedgruppe(ds, layouts), change(layouts)];
}
