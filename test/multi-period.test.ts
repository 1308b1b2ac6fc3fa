// Several months: one publication file per month, merged into one dataset. The newest month is the
// default everywhere; older months stay reachable by period.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importPublications } from "../src/core/dataset.js";
import { PublicationError } from "../src/core/findings.js";
import { NavFunctions } from "../src/core/functions.js";
import { buildLayouts, layoutText } from "../src/core/layout.js";
import { tiltakLongTable } from "../src/core/pivot.js";
import { suppressCount } from "../src/core/suppression.js";
import { ALL } from "../src/core/types.js";
import { cli } from "./helpers/cli.js";
import { writePublication } from "./helpers/publication-writer.js";
import { makeRawDataset } from "./helpers/raw-dataset.js";

const raw = makeRawDataset({ seed: 5, groups: 3, tiltakPerGroup: 3, periods: ["2016-11", "2016-12"] });
const nov = writePublication(raw, "2016-11");
const dec = writePublication(raw, "2016-12");
const dir = mkdtempSync(join(tmpdir(), "nav-tiltak-months-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a dataset of several months", () => {
  // Given out of order on purpose: the dataset sorts by period.
  const { dataset } = importPublications([
    { file: "desember.txt", text: dec },
    { file: "november.txt", text: nov },
  ]);

  it("holds both periods, oldest first, with one set of dimensions", () => {
    expect(dataset.periods.map((p) => [p.period, p.label])).toEqual([
      ["2016-11", "November 2016"],
      ["2016-12", "Desember 2016"],
    ]);
    expect(dataset.tiltak).toHaveLength(9);
    expect(dataset.tiltaksgrupper).toHaveLength(3);
  });

  it("sheets show the newest month by default, and any month on request", () => {
    const newest = buildLayouts(dataset);
    expect(newest.every((l) => l.period === "2016-12")).toBe(true);
    expect(layoutText(newest[1]!)[2]).toEqual(["Desember 2016"]);
    const older = buildLayouts(dataset, "2016-11");
    expect(older.every((l) => l.periodLabel === "November 2016")).toBe(true);
    // The months differ, so the sheets do too.
    expect(layoutText(older[5]!)).not.toEqual(layoutText(newest[5]!));
  });

  it("functions default to the newest month and accept «periode»", () => {
    const fns = new NavFunctions(dataset);
    const t = dataset.tiltak[0]!;
    for (const p of dataset.periods) {
      const expected = suppressCount(p.tiltak[t.id]![ALL] ?? null) ?? 0;
      expect(fns.tiltak(t.name, undefined, p.period).value).toBe(expected);
    }
    const newest = suppressCount(dataset.periods[1]!.tiltak[t.id]![ALL] ?? null) ?? 0;
    expect(fns.tiltak(t.name).value).toBe(newest);
    expect(fns.tiltak(t.name, undefined, "2017-01").error?.kind).toBe("NA");
  });

  it("pivot-ready rows cover every month", () => {
    const periods = new Set(tiltakLongTable(dataset).rows.map((r) => r[0]));
    expect([...periods].sort()).toEqual(["2016-11", "2016-12"]);
  });

  it("the same month twice is rejected", () => {
    expect(() =>
      importPublications([
        { file: "a.txt", text: nov },
        { file: "b.txt", text: nov },
      ]),
    ).toThrow(PublicationError);
  });

  it("the CLI reads a folder of months (NAV_TILTAK_DATA) and takes --periode", async () => {
    writeFileSync(join(dir, "nav-tiltak-2016-11.txt"), nov);
    writeFileSync(join(dir, "nav-tiltak-2016-12.txt"), dec);
    const newest = await cli(["sheets", "--tsv"], dir);
    expect(newest.code).toBe(0);
    expect(newest.out).toContain("Desember 2016");
    expect(newest.out).not.toContain("November 2016");
    const older = await cli(["sheets", "--tsv", "--periode", "2016-11"], dir);
    expect(older.out).toContain("November 2016");
    const t = dataset.tiltak[1]!;
    const call = await cli(["call", "TILTAK", t.name, "", "2016-11"], dir);
    expect(call.code).toBe(0);
    expect(JSON.parse(call.out)).toBe(suppressCount(dataset.periods[0]!.tiltak[t.id]![ALL] ?? null) ?? 0);
  });
});
