// NAV-shaped time-series sheets in the workbook (SheetChoice "series", excel/series-sheets.ts): one
// add-in sheet per TILT table of the chosen period's year, cell for cell what core/series-layout.ts
// lays out (the source of `sheets --tsv --tidsserier`: «Gjennomsnitt hittil i år», the months as
// columns, «*» as published), formatted like the other sheets; a refresh of a workbook holding
// every kind of sheet rewrites them without a warning; a user's edits on them are kept aside.

import { beforeAll, describe, expect, it } from "vitest";
import { columnLetters } from "@nav-tiltak/a1";
import { FORMAT_COUNT } from "../../src/core/layout.js";
import { FORMAT_AVERAGE, seriesLayouts, seriesLayoutText } from "../../src/core/series-layout.js";
import type { Dataset } from "../../src/core/types.js";
import { importPublications } from "../../src/core/dataset.js";
import { readSources } from "../../src/data/load.js";
import { MARKER_KEY, SHEET_NAME_MAX } from "../../src/excel/ownership.js";
import { charsToPoints } from "../../src/excel/sheet-specs.js";
import { insert, refresh } from "../../src/excel/writer.js";
import { fakeHost, trimText, userDoes } from "../helpers/excel-fake.js";
import { tiltFolder } from "../helpers/tilt.js";

let ds: Dataset;

beforeAll(async () => {
  const { dir } = await tiltFolder();
  ds = importPublications(readSources(dir)).dataset;
});

describe("time-series sheets", () => {
  it("insert writes the year of the period chosen: one sheet per TILT table, cell for cell the series layout", async () => {
    const { fake, host } = fakeHost();
    const report = await insert(host, { dataset: ds, period: "2025-06", sheets: "series" });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(report.syncs).toBeLessThanOrEqual(2);
    const layouts = seriesLayouts(ds, 2025);
    expect(layouts).toHaveLength(9);
    expect(report.sheets.map((s) => [s.sheet, s.status])).toEqual(layouts.map((l) => [l.name, "created"]));
    expect(fake.state.sheetNames().some((n) => n.endsWith(" 2026") || n.endsWith(" 2024"))).toBe(false);
    for (const l of layouts) {
      const cells = fake.state.sheetView(l.name).cells;
      // Same type too: «*» and «..» are text, figures and averages numbers.
      l.cells.forEach((row, r) =>
        row.forEach((v, c) => expect(cells[r]?.[c]?.value ?? "", `${l.name} ${r},${c}`).toBe(v === null ? "" : v)),
      );
      // What Excel shows is what `sheets --tsv --tidsserier` prints.
      expect(trimText(fake.state.sheetText(l.name)), l.name).toEqual(trimText(seriesLayoutText(l)));
    }
    const text = fake.state.sheetText(layouts.find((l) => l.code === 130)!.name).flat();
    expect(text).toContain("Gjennomsnitt hittil i år");
    expect(text).toContain("Desember");
    expect(text).toContain("*");
  });

  it("writes «..» and «:» as text and a derived average with its tenth, shown as the CLI prints it", async () => {
    // The fixtures' averages are whole and hold no symbol but «*»: a copy with the other cases.
    const copy = structuredClone(ds);
    const rows = copy.series!.find((t) => t.code === 130 && t.year === 2026)!.blocks[0]!.rows;
    rows[1]!.average.value = 34.25;
    rows[1]!.months[0]!.value = "..";
    rows[2]!.average.value = 1204.5;
    rows[2]!.months[1]!.value = ":";
    const { fake, host } = fakeHost();
    expect((await insert(host, { dataset: copy, period: "2026-03", sheets: "series" })).ok).toBe(true);
    const l = seriesLayouts(copy, 2026).find((x) => x.code === 130)!;
    const text = trimText(fake.state.sheetText(l.name));
    expect(text).toEqual(trimText(seriesLayoutText(l)));
    const at = (label: string) => l.cells.findIndex((r) => r[0] === label);
    const one = fake.state.sheetView(l.name).cells[at(rows[1]!.label)]!;
    const two = fake.state.sheetView(l.name).cells[at(rows[2]!.label)]!;
    expect([one[1]!.value, one[1]!.text, one[2]!.value, one[2]!.text]).toEqual([34.25, "34,3", "..", ".."]);
    expect([two[1]!.value, two[1]!.text, two[3]!.value]).toEqual([1204.5, "1 204,5", ":"]);
  });

  it("formats them like the other sheets: number formats, bold totals, header fill and rules, widths, panes, marker", async () => {
    const { fake, host } = fakeHost();
    await insert(host, { dataset: ds, period: "2026-03", sheets: "series" });
    await insert(host, { dataset: ds, period: "2026-03", sheets: ["hovedgrupper"] });
    const published = fake.state.sheet("Hovedgrupper").formats[4]![1]!;
    for (const l of seriesLayouts(ds, 2026)) {
      const sheet = fake.state.sheet(l.name);
      for (const b of l.blocks) {
        const header = sheet.formats[b.headerRow]![1]!;
        expect(header.fillColor, `${l.name} header fill`).toBe(published.fillColor);
        expect(sheet.bold[b.headerRow]![1]).toBe(true);
        for (let r = b.firstRow; r <= b.lastRow; r++) {
          const average = l.cells[r]![1];
          const decimals = typeof average === "number" && !Number.isInteger(Math.round(average * 10) / 10);
          expect(sheet.numberFormats[r]![1], `${l.name}!B${r + 1}`).toBe(decimals ? FORMAT_AVERAGE : FORMAT_COUNT);
          expect(sheet.numberFormats[r]![2], `${l.name}!C${r + 1}`).toBe(FORMAT_COUNT);
          expect(sheet.formats[r]![2]!.horizontalAlignment).toBe("Right");
          expect(sheet.bold[r]![0], `${l.name} row ${r + 1} bold`).toBe(b.totalRows.includes(r));
        }
      }
      expect(sheet.frozenRows).toBe(l.freezeRows);
      l.columnWidths.forEach((w, c) => expect(sheet.columnWidths[columnLetters(c)]).toBe(charsToPoints(w)));
      expect(sheet.customProperties[MARKER_KEY]).toBe(`tidsserie-tilt${l.code}-2026`);
    }
  });

  it("names each sheet ≤ 31 characters and uniquely, beside a user's sheet of the same name, which is not touched", async () => {
    const { fake, host } = fakeHost({ sheets: [{ name: "tilt130 2026", cells: { A1: [["mitt eget"]] } }] });
    const before = JSON.stringify(fake.state.sheet("tilt130 2026"));
    const report = await insert(host, { dataset: ds, period: "2026-03", sheets: "series" });
    expect(report.ok).toBe(true);
    const names = report.sheets.map((s) => s.sheet);
    expect(names).toContain("TILT130 2026 (2)");
    expect(new Set(names.map((n) => n.toUpperCase())).size).toBe(names.length);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(SHEET_NAME_MAX);
    expect(JSON.stringify(fake.state.sheet("tilt130 2026"))).toBe(before);
    expect(report.messages.some((m) => m.text.includes("«TILT130 2026 (2)»"))).toBe(true);
  });

  it("a refresh of a workbook holding every kind of sheet and every year of series rewrites them in place, without a warning", async () => {
    const { fake, host } = fakeHost();
    for (const sheets of ["all", "charts"] as const) expect((await insert(host, { dataset: ds, sheets })).ok).toBe(true);
    for (const period of ["2024-12", "2025-12", "2026-03"]) {
      expect((await insert(host, { dataset: ds, period, sheets: "series" })).ok).toBe(true);
    }
    const before = fake.state.sheetNames();
    const report = await refresh(host, { dataset: ds });
    expect(report.messages).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.sheets).toHaveLength(before.length - 1);
    expect(report.sheets.every((s) => s.status === "updated")).toBe(true);
    const names = seriesLayouts(ds).map((l) => l.name);
    expect(names).toHaveLength(27);
    expect(report.sheets.filter((s) => names.includes(s.sheet))).toHaveLength(27);
    expect(fake.state.sheetNames()).toEqual(before);

    const other = fakeHost();
    await insert(other.host, { dataset: ds, sheets: "all" });
    expect(other.fake.state.sheetNames().some((n) => n.startsWith("TILT"))).toBe(false);
  });

  it("a year without time series (the 2016 text) writes nothing and says why", async () => {
    const { fake, host } = fakeHost();
    const before = fake.state.sheetNames();
    const report = await insert(host, { dataset: ds, period: "2016-11", sheets: "series" });
    expect([report.ok, report.syncs, report.summary]).toEqual([true, 0, "Ingenting ble skrevet."]);
    expect(report.messages).toEqual([{ level: "info", text: expect.stringContaining("ingen av NAVs tidsserier") }]);
    expect(fake.state.sheetNames()).toEqual(before);
  });

  it("keeps a user's edits on a series sheet in a «… (endret)» copy, as on every other sheet", async () => {
    const { fake, host } = fakeHost();
    await insert(host, { dataset: ds, period: "2026-03", sheets: "series" });
    await userDoes(fake, (ctx) => void (ctx.workbook.worksheets.getItem("TILT130 2026").getRange("C7").values = [[4711]]));
    const report = await refresh(host, { dataset: ds });
    expect(report.ok).toBe(true);
    expect(report.sheets.find((s) => s.sheet === "TILT130 2026")?.keptAs).toBe("TILT130 2026 (endret)");
    expect(fake.state.getFormulas("TILT130 2026 (endret)", "C7")[0]![0]).toBe(4711);
    const layout = seriesLayouts(ds, 2026).find((l) => l.code === 130)!;
    expect(fake.state.sheetView("TILT130 2026").cells[6]![2]!.value).toBe(layout.cells[6]![2]);
    expect(report.messages.map((m) => m.level)).toEqual(["warning"]);
  });
});
