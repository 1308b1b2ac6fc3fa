// The line chart over months («Diagram måneder») in the workbook: a time-series dataset (NAV's
// TILT workbooks, written by the fixture script) gets it with the bar charts, on an add-in sheet of
// its own; months run oldest first, left to right; a month whose figure is «*» or «..» is an empty
// cell (a gap in the line) and is named in the note. A text publication gets no line chart.

import { beforeAll, describe, expect, it } from "vitest";
import { chartViews } from "@nav-tiltak/excel-simulator";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { CHART_SHEET_NAMES } from "../../src/core/chart-names.js";
import { importPublications } from "../../src/core/dataset.js";
import { monthlyChart } from "../../src/core/series-chart.js";
import type { Dataset } from "../../src/core/types.js";
import { readSources } from "../../src/data/load.js";
import { insert, refresh } from "../../src/excel/writer.js";
import { fakeHost } from "../helpers/excel-fake.js";
import { tiltFolder } from "../helpers/tilt.js";

const MONTHS = CHART_SHEET_NAMES["diagram-maaneder"];
let ds: Dataset;

beforeAll(async () => {
  const { dir } = await tiltFolder(undefined, false);
  ds = importPublications(readSources(dir)).dataset;
});

describe("the line chart over months", () => {
  it("is inserted with the bar charts for a time series: a Line chart over the months, gaps where a figure is «*» or «..»", async () => {
    const { fake, host } = fakeHost();
    const period = ds.periods.at(-1)!.period;
    const report = await insert(host, { dataset: ds, period, sheets: "charts" });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(report.syncs).toBeLessThanOrEqual(2);
    expect(report.sheets.map((s) => s.sheet)).toEqual([
      CHART_SHEET_NAMES["diagram-hovedgrupper"],
      CHART_SHEET_NAMES["diagram-endring"],
      MONTHS,
    ]);

    const data = monthlyChart(ds);
    const charts = chartViews(fake.state, MONTHS);
    expect(charts).toHaveLength(1);
    const chart = charts[0]!;
    expect(chart.type).toBe("Line");
    expect(chart.title).toBe(data.title);
    expect(chart.categoryAxisTitle).toBe("Måned");
    // Oldest month first, drawn left to right: the axis is not reversed as the bar charts' is.
    expect(chart.categoriesReversed).toBe(false);
    expect(chart.categories).toEqual(ds.periods.map((p) => p.period));
    expect(chart.series.map((s) => s.name)).toEqual(data.header.slice(1));
    expect(chart.series.map((s) => s.values)).toEqual(data.header.slice(1).map((_, i) => data.rows.map((r) => r[i + 1])));

    // Points that are not numbers are left out (an empty cell, a gap) and named in the note: over
    // all målgrupper, a month where a part is «*» is «..» (NAV publishes no such total).
    expect(data.omitted.some((o) => o.shown === "..")).toBe(true);
    const drawn = chart.series.flatMap((s) => s.values).filter((v) => v !== null);
    expect(drawn.every((v) => typeof v === "number" && (v === 0 || v > 3))).toBe(true);
    const text = fake.state.sheetText(MONTHS);
    expect(text[2]![0]).toBe(data.notes[1]);
    const o = data.omitted[0]!;
    expect(text[2]![0]).toContain(`${o.category} (${o.series})`);
    const row = text.find((r) => r[0] === o.category)!;
    expect(row[data.header.indexOf(o.series)]).toBe("");
  });

  it("a refresh updates the line chart in place, not a second one", async () => {
    const { fake, host } = fakeHost();
    await insert(host, { dataset: ds, sheets: "charts" });
    const report = await refresh(host, { dataset: ds });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(report.sheets.find((s) => s.sheet === MONTHS)?.status).toBe("updated");
    expect(chartViews(fake.state, MONTHS).map((c) => c.type)).toEqual(["Line"]);
  });

  it("a text publication (one table per month, no series) gets the bar charts only", async () => {
    const { fake, host } = fakeHost();
    await insert(host, { dataset: BUNDLED_DATASET, sheets: "charts" });
    expect(fake.state.sheetNames()).not.toContain(MONTHS);
  });
});
