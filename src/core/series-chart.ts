// The data of a line chart over months («Diagrammer»): deltakere per tiltaksgruppe, month by month,
// for one målgruppe or «I alt», from the same figures NAV.TILTAKSGRUPPE returns (so through the one
// suppression rule). A month where a figure is «*» or «..» cannot be drawn: the line has a gap there
// and the note names it, as the other charts do.

import { CHART_SHEET_NAMES, hasTimeSeries } from "./chart-names.js";
import type { ChartData, OmittedCell } from "./charts.js";
import { FunctionError } from "./lookup.js";
import { NavFunctions } from "./functions.js";
import { ALL, type Dataset } from "./types.js";
import { periodLabel } from "./text.js";

export const MONTHLY_CHART_SHEET = CHART_SHEET_NAMES["diagram-maaneder"];

/** ChartData of the line chart. */
export type MonthlyChartData = ChartData & { key: "diagram-maaneder" };

/** Deltakere per tiltaksgruppe over every month of the dataset's time series (all months when it has none). */
export function monthlyChart(ds: Dataset, hovedgruppe: string = ALL, fns: NavFunctions = new NavFunctions(ds)): MonthlyChartData {
  const series = hasTimeSeries(ds) ? ds.periods.filter((p) => p.source === "tidsserie") : ds.periods;
  const groups = ds.tiltaksgrupper.filter((g) => series.some((p) => p.groups[g.id] !== undefined));
  const hgShort = hovedgruppe === ALL ? "I alt" : (ds.hovedgrupper.find((h) => h.id === hovedgruppe)?.short ?? hovedgruppe);
  const omitted: OmittedCell[] = [];
  const rows = series.map((p): [string, ...(number | null)[]] => [
    p.period,
    ...groups.map((g) => {
      const r = fns.tiltaksgruppe(g.name, hovedgruppe === ALL ? undefined : hgShort, p.period);
      const v = r.error instanceof FunctionError ? undefined : r.value;
      if (typeof v === "number") return v;
      if (typeof v === "string") omitted.push({ category: p.period, series: g.name, shown: v });
      return null;
    }),
  ]);
  const span = series.length > 0 ? `${periodLabel(series[0]!.period)} – ${periodLabel(series[series.length - 1]!.period)}` : "";
  const symbols = [...new Set(omitted.map((o) => `«${o.shown}»`))].join(" og ");
  return {
    key: "diagram-maaneder",
    sheetName: MONTHLY_CHART_SHEET,
    title: `Deltakere per tiltaksgruppe, måned for måned (${hgShort})`,
    periodLabel: span,
    categoryAxisTitle: "Måned",
    valueAxisTitle: "Antall deltakere",
    header: ["Måned", ...groups.map((g) => g.name)],
    rows,
    omitted,
    notes: [
      "Kilde: NAVs tidsserier (TILT100), som NAV.TILTAKSGRUPPE gir dem.",
      omitted.length === 0
        ? "Ingen verdier er utelatt."
        : `Utelatt fra diagrammet (brudd i linjen) fordi tallet er ${symbols}: ${omitted.map((o) => `${o.category} (${o.series})`).join(", ")}.`,
    ],
  };
}
