// NAV-shaped time-series sheets in the workbook (SheetChoice "series", excel/series-sheets.ts): one
// add-in sheet per TILT table of the chosen period's year, cell for cell what core/series-layout.ts
// lays out («Gjennomsnitt hittil i år», the months as columns, «*» as published); a refresh keeps
// them; "all" does not bring them.

import { beforeAll, describe, expect, it } from "vitest";
import { seriesLayouts } from "../../src/core/series-layout.js";
import type { Dataset } from "../../src/core/types.js";
import { importPublications } from "../../src/core/dataset.js";
import { readSources } from "../../src/data/load.js";
import { insert, refresh } from "../../src/excel/writer.js";
import { fakeHost } from "../helpers/excel-fake.js";
import { tiltFolder } from "../helpers/tilt.js";

let ds: Dataset;

beforeAll(async () => {
  const { dir } = await tiltFolder(undefined, false);
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
      l.cells.forEach((row, r) =>
        row.forEach((v, c) => expect(cells[r]?.[c]?.value ?? "", `${l.name} ${r},${c}`).toBe(v === null ? "" : v)),
      );
    }
    const text = fake.state.sheetText(layouts.find((l) => l.code === 130)!.name).flat();
    expect(text).toContain("Gjennomsnitt hittil i år");
    expect(text).toContain("Desember");
    expect(text).toContain("*");
  });

  it("a refresh rewrites them in place (none added, none copied); «all» brings none", async () => {
    const { fake, host } = fakeHost();
    await insert(host, { dataset: ds, period: "2026-03", sheets: "series" });
    const before = fake.state.sheetNames();
    const report = await refresh(host, { dataset: ds });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    const names = seriesLayouts(ds, 2026).map((l) => l.name);
    expect(report.sheets.filter((s) => names.includes(s.sheet)).map((s) => s.status)).toEqual(names.map(() => "updated"));
    expect(fake.state.sheetNames()).toEqual(before);

    const other = fakeHost();
    await insert(other.host, { dataset: ds, sheets: "all" });
    expect(other.fake.state.sheetNames().some((n) => n.startsWith("TILT"))).toBe(false);
  });
});
