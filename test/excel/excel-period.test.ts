// The writer writes the period it is given: every operation takes the dataset and the period (the
// pane passes the one it shows), and the default, when none is named, is core's default period.

import { describe, expect, it } from "vitest";
import { defaultPeriod } from "../../src/core/default-period.js";
import { NotFoundError } from "../../src/core/errors.js";
import { buildLayouts, layoutText } from "../../src/core/layout.js";
import { insert, refresh, sheetSpecs } from "../../src/excel/writer.js";
import { fakeHost, trimText } from "../helpers/excel-fake.js";
import { makeRawDataset } from "../helpers/raw-dataset.js";

const ds = makeRawDataset({ seed: 5, groups: 3, tiltakPerGroup: 3, periods: ["2016-11", "2016-12"] });
const TILTAK_SHEET = "Tiltak og hovedgrupper";

/** The text of the tiltak sheet as the layout of `period` has it. */
function expected(period: string): string[][] {
  return trimText(layoutText(buildLayouts(ds, period).find((l) => l.name === TILTAK_SHEET)!));
}

describe("the period of an operation", () => {
  it("the default period is the newest", () => {
    expect(defaultPeriod(ds)?.period).toBe("2016-12");
    expect(defaultPeriod({ ...ds, periods: [] })).toBeUndefined();
    // The months differ, so a sheet shows which one was written.
    expect(expected("2016-11")).not.toEqual(expected("2016-12"));
  });

  it("insert writes the chosen period's tables; without one, the default period's", async () => {
    const older = fakeHost();
    expect((await insert(older.host, { dataset: ds, period: "2016-11", sheets: "all" })).ok).toBe(true);
    expect(trimText(older.fake.state.sheetText(TILTAK_SHEET))).toEqual(expected("2016-11"));

    const newest = fakeHost();
    await insert(newest.host, { dataset: ds, sheets: [buildLayouts(ds)[5]!.key] });
    expect(newest.fake.state.sheetNames()).toContain(TILTAK_SHEET);
    expect(trimText(newest.fake.state.sheetText(TILTAK_SHEET))).toEqual(expected("2016-12"));
  });

  it("refresh rewrites the add-in's sheets for the period it is given, charts included", async () => {
    const { fake, host } = fakeHost();
    await insert(host, { dataset: ds, period: "2016-11", sheets: "all" });
    await insert(host, { dataset: ds, period: "2016-11", sheets: "charts" });
    const charts = await sheetSpecs({ dataset: ds, period: "2016-12" }, "charts");
    expect(charts.map((c) => c.values)).not.toEqual((await sheetSpecs({ dataset: ds, period: "2016-11" }, "charts")).map((c) => c.values));

    const report = await refresh(host, { dataset: ds, period: "2016-12" });
    expect(report.ok).toBe(true);
    expect(trimText(fake.state.sheetText(TILTAK_SHEET))).toEqual(expected("2016-12"));
    for (const c of charts) {
      const sheet = report.sheets.find((s) => s.key === c.key)!.sheet;
      expect(fake.state.getValues(sheet, `A1:A${c.values.length}`).map((r) => r[0])).toEqual(c.values.map((r) => r[0]));
    }
  });

  it("an unknown period is refused before Excel is asked anything", async () => {
    const { fake, host } = fakeHost();
    const before = fake.state.sheetNames();
    await expect(insert(host, { dataset: ds, period: "2015-01", sheets: "all" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(refresh(host, { dataset: ds, period: "2015-01" })).rejects.toThrow(/Perioden «2015-01» finnes ikke/);
    expect(fake.stats.runs).toBe(0);
    expect(fake.state.sheetNames()).toEqual(before);
  });
});
