// The chart sheets («Diagrammer»): their data is the sheets' figures (core/charts.ts), the writer
// adds the add-in's chart once and updates it on refresh, and a user's own chart is never touched.

import { describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { buildCharts, CHART_SHEET_NAMES } from "../../src/core/charts.js";
import { buildLayouts } from "../../src/core/layout.js";
import { chartViews } from "@nav-tiltak/excel-simulator";
import { insert, refresh } from "../../src/excel/writer.js";
import { fakeHost, userDoes } from "../helpers/excel-fake.js";
import { makeRawDataset } from "../helpers/raw-dataset.js";

const ds = BUNDLED_DATASET;
const HG = CHART_SHEET_NAMES["diagram-hovedgrupper"];
const ENDRING = CHART_SHEET_NAMES["diagram-endring"];

describe("chart data (core)", () => {
  it("deltakere per tiltaksgruppe and hovedgruppe: the cross table's cells, without the totals", () => {
    const [hg] = buildCharts(ds);
    const cross = buildLayouts(ds).find((l) => l.key === "tiltaksgrupper-x-hovedgrupper")!;
    const block = cross.blocks[0]!;
    const header = cross.cells[block.headerRow]!;
    const body = cross.cells.slice(block.firstRow + 1, block.lastRow + 1); // I alt row left out
    expect(hg!.header).toEqual(["Tiltaksgruppe", "Andre", "Arbeidssøkere", "Nedsatt arbeidsevne"]);
    for (const [label, ...values] of hg!.rows) {
      const row = body.find((r) => r[0] === label)!;
      hg!.header.slice(1).forEach((short, i) => {
        const col = header.findIndex((h) => typeof h === "string" && ds.hovedgrupper.find((x) => x.short === short)?.name === h);
        const cell = row[col];
        expect(values[i], `${label} / ${short}`).toBe(typeof cell === "number" ? cell : null);
      });
    }
    expect(hg!.rows.map((r) => r[0])).toEqual(body.map((r) => r[0]));
    expect(hg!.title).toBe("Deltakere per tiltaksgruppe og hovedgruppe, november 2016");
  });

  it("the change from last year per tiltaksgruppe, as on «Tiltaksgrupper»", () => {
    const [, change] = buildCharts(ds);
    expect(change!.rows.find((r) => r[0] === "Oppfølging")).toEqual(["Oppfølging", -1216]);
    expect(change!.rows).toHaveLength(ds.tiltaksgrupper.length);
    expect(change!.valueAxisTitle).toBe("Endring i antall deltakere");
  });

  it("leaves suppressed cells out and names each of them in the note", () => {
    const raw = makeRawDataset({ seed: 5, groups: 6, tiltakPerGroup: 3 });
    // Raw counts of 1–3 at group level (the layouts apply the rule; the charts must not undo it).
    const p = raw.periods[0]!;
    const [g1, g2] = raw.tiltaksgrupper;
    p.groups[g1!.id]![raw.hovedgrupper[0]!.id] = { antall: 2, endring: 1, prosent: 100 };
    p.groups[g2!.id]!["ialt"] = { antall: 3, endring: -5, prosent: -63 };
    const [hg, change] = buildCharts(raw);
    for (const chart of [hg!, change!]) {
      const values = chart.rows.flatMap(([, ...v]) => v);
      expect(
        values.some((v) => v !== null && v >= 1 && v <= 3),
        chart.key,
      ).toBe(false);
    }
    expect(hg!.omitted).toContainEqual({ category: g1!.name, series: raw.hovedgrupper[0]!.short, shown: "*" });
    expect(change!.omitted).toContainEqual({ category: g2!.name, series: "Endring fra i fjor", shown: "*" });
    expect(change!.notes[1]).toContain(g2!.name);
    for (const o of hg!.omitted) {
      expect(hg!.notes[1]).toContain(`${o.category} (${o.series})`);
      const row = hg!.rows.find((r) => r[0] === o.category)!;
      expect(row[hg!.header.indexOf(o.series)]).toBeNull();
    }
    expect(hg!.notes[1]).toMatch(/^Utelatt fra diagrammet fordi tabellen viser «\*»/);
    expect(buildCharts(ds)[0]!.notes[1]).toBe("Ingen verdier er utelatt.");
  });
});

describe("chart sheets in the workbook", () => {
  it("«Diagrammer» adds both chart sheets, each with one clustered bar chart over its data, in ≤ 2 round trips", async () => {
    const { fake, host } = fakeHost();
    const report = await insert(host, { dataset: ds, sheets: "charts" });
    expect(report.ok).toBe(true);
    expect(report.syncs).toBeLessThanOrEqual(2);
    expect(fake.stats.syncs).toBeLessThanOrEqual(2);
    const [hgData, changeData] = buildCharts(ds);
    for (const [sheet, data] of [
      [HG, hgData!],
      [ENDRING, changeData!],
    ] as const) {
      const charts = chartViews(fake.state, sheet);
      expect(charts, sheet).toHaveLength(1);
      const chart = charts[0]!;
      expect(chart.type).toBe("BarClustered");
      expect(chart.title).toBe(data.title);
      expect(chart.categoryAxisTitle).toBe("Tiltaksgruppe");
      expect(chart.valueAxisTitle).toBe(data.valueAxisTitle);
      // The series read the sheet's cells: the chart shows what the sheet shows.
      expect(chart.categories).toEqual(data.rows.map((r) => r[0]));
      expect(chart.series.map((s) => s.name)).toEqual(data.header.slice(1));
      expect(chart.series.map((s) => s.values)).toEqual(data.header.slice(1).map((_, i) => data.rows.map((r) => r[i + 1])));
      expect(chart.sourceAddress).toBe(`A5:${String.fromCharCode(64 + data.header.length)}${5 + data.rows.length}`);
      // Drawn in the table's order: Excel plots a bar chart's first category at the bottom, so the
      // category axis is reversed; and placed under its data, as wide as the data (at least six
      // columns), so it is seen whole beside the task pane.
      expect(chart.categoriesReversed).toBe(true);
      expect(chart.position).toEqual({ row: 5 + data.rows.length + 1, col: 0, rows: 22, cols: Math.max(6, data.header.length) });
      // The note under the title says what was left out.
      expect(fake.state.sheetText(sheet)[2]![0]).toBe(data.notes[1]);
    }
  });

  it("inserting the charts alone: the two chart sheets, 2 round trips, and again is an update, not a copy", async () => {
    const { fake, host } = fakeHost();
    const first = await insert(host, { dataset: ds, sheets: "charts" });
    expect(first.sheets.map((s) => [s.sheet, s.status])).toEqual([
      [HG, "created"],
      [ENDRING, "created"],
    ]);
    expect(first.syncs).toBe(2);
    const again = await insert(host, { dataset: ds, sheets: "charts" });
    expect(again.sheets.map((s) => s.status)).toEqual(["updated", "updated"]);
    expect(chartViews(fake.state, HG)).toHaveLength(1);
    expect(chartViews(fake.state, ENDRING)).toHaveLength(1);
  });

  it("insert all (tables and pivot data) makes no chart, and a refresh then adds none", async () => {
    const { fake, host } = fakeHost();
    const inserted = await insert(host, { dataset: ds, sheets: "all" });
    expect(inserted.syncs).toBeLessThanOrEqual(2);
    expect(fake.state.sheetNames()).not.toContain(HG);
    const refreshed = await refresh(host, { dataset: ds });
    expect(refreshed.syncs).toBeLessThanOrEqual(2);
    expect(fake.state.sheetNames()).not.toContain(HG);
    expect(chartViews(fake.state, HG)).toEqual([]);
  });

  it("chart sheets survive a refresh: updated in place, the chart kept (not duplicated), the figures new", async () => {
    const { fake, host } = fakeHost();
    await insert(host, { dataset: ds, sheets: "all" });
    await insert(host, { dataset: ds, sheets: "charts" });
    const before = chartViews(fake.state, HG)[0]!;
    // A new month with other figures: the refresh must redraw from them.
    const next = makeRawDataset({ seed: 9, periods: ["2016-12"] });
    const report = await refresh(host, { dataset: next });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(report.syncs).toBeLessThanOrEqual(2);
    expect(report.sheets.filter((s) => s.sheet === HG || s.sheet === ENDRING).map((s) => s.status)).toEqual(["updated", "updated"]);
    const after = chartViews(fake.state, HG);
    expect(after).toHaveLength(1);
    expect(after[0]!.name).toBe(before.name);
    const [hgNext] = buildCharts(next);
    expect(after[0]!.categories).toEqual(hgNext!.rows.map((r) => r[0]));
    expect(after[0]!.title).toBe(hgNext!.title);
    expect(after[0]!.sourceAddress).toBe(`A5:D${5 + hgNext!.rows.length}`);
  });

  it("a deleted chart sheet or chart is made again on refresh", async () => {
    const { fake, host } = fakeHost();
    await insert(host, { dataset: ds, sheets: "charts" });
    await userDoes(fake, (ctx) => {
      ctx.workbook.worksheets.getItem(ENDRING).delete();
      ctx.workbook.worksheets.getItem(HG).charts.getItemAt(0).delete();
    });
    const report = await refresh(host, { dataset: ds });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(chartViews(fake.state, HG)).toHaveLength(1);
    expect(chartViews(fake.state, ENDRING)).toHaveLength(1);
  });

  it("a user's own chart on the add-in's chart sheet, and on their own sheet, is never touched", async () => {
    const { fake, host } = fakeHost();
    await insert(host, { dataset: ds, sheets: "charts" });
    await userDoes(fake, (ctx) => {
      const own = ctx.workbook.worksheets.getItem(HG).charts.add("Pie", ctx.workbook.worksheets.getItem(HG).getRange("A5:B8"), "Columns");
      own.name = "Mitt diagram";
      own.title.text = "Mine tall";
      own.setPosition("A30", "D40");
      const mine = ctx.workbook.worksheets.add("Mitt ark");
      mine.getRange("A1:B3").values = [
        ["Navn", "Tall"],
        ["a", 1],
        ["b", 2],
      ];
      mine.charts.add("ColumnClustered", mine.getRange("A1:B3"), "Columns").name = "Eget";
    });
    const mineBefore = JSON.stringify(chartViews(fake.state, HG).find((c) => c.name === "Mitt diagram"));
    const ownSheetBefore = JSON.stringify(chartViews(fake.state, "Mitt ark"));
    const report = await refresh(host, { dataset: makeRawDataset({ seed: 2, periods: ["2016-12"] }) });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    const charts = chartViews(fake.state, HG);
    expect(charts.map((c) => c.name).sort()).toEqual(["Mitt diagram", "NAV tiltak diagram hovedgrupper"]);
    const mine = charts.find((c) => c.name === "Mitt diagram")!;
    // Same source, title, type and place (its series read the rewritten cells, as in Excel).
    expect(JSON.stringify({ ...mine, categories: 0, series: 0 })).toBe(
      JSON.stringify({ ...JSON.parse(mineBefore), categories: 0, series: 0 }),
    );
    expect(JSON.stringify(chartViews(fake.state, "Mitt ark"))).toBe(ownSheetBefore);
  });

  it("queues chart calls per chart, not per cell: ten times the tiltak, the same number of calls", async () => {
    const a = fakeHost();
    await insert(a.host, { dataset: ds, sheets: "charts" });
    const b = fakeHost();
    await insert(b.host, { dataset: makeRawDataset({ seed: 1, groups: 10 * ds.tiltaksgrupper.length }), sheets: "charts" });
    expect(b.fake.stats.queuedCalls).toBe(a.fake.stats.queuedCalls);
  });
});
