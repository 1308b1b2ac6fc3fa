// A year's raw TILT tables protected together, then attacked by the project's own combined series
// audit (TILT100's group rows = the other tables' «I alt», every month, every average): no «*» may be
// narrower than what hiding every other figure leaves it. The optimum is checked by brute force on
// tiny sets, against the same exact attack the search uses.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { Checker } from "../../src/core/protect/checker.js";
import { loadHighs, milpSolver, type Highs } from "../../src/core/protect/milp.js";
import { importWorkbooks } from "../../src/core/tilt/import-workbooks.js";
import { protectSeries } from "../../src/core/tilt/protect-series.js";
import { auditSeries } from "../../src/core/tilt/series-audit.js";
import { seriesFactModel } from "../../src/core/tilt/series-facts.js";
import { HIDDEN, type SeriesCell, type SeriesTable } from "../../src/core/types.js";
import { fileName, fixtureSet, writeWorkbook } from "../fixtures/tilt/generate.js";
import { arbitraryYear, seriesDataset, yearTables } from "../helpers/series-year.js";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

/** Every figure that is not «*» hidden: the widest the audit can see a «*» whatever else is hidden. */
function everythingHidden(t: SeriesTable): SeriesTable {
  const hide = (c: SeriesCell): SeriesCell => (typeof c.value === "number" ? { ...c, value: HIDDEN } : c);
  return {
    ...t,
    blocks: t.blocks.map((b) => ({ ...b, rows: b.rows.map((r) => ({ ...r, average: hide(r.average), months: r.months.map(hide) })) })),
  };
}

/** The «*» the combined audit narrows beyond what the «*» cells themselves leave them. */
function narrowedBeyondInherent(published: SeriesTable[]): string[] {
  const solve = milpSolver(highs);
  const got = auditSeries(seriesDataset(published), { mode: "combined", solve });
  const best = auditSeries(seriesDataset(published.map(everythingHidden)), { mode: "combined", solve });
  return got.flatMap((a, t) => {
    expect(a.infeasible).toBeUndefined();
    const widest = new Map(best[t]!.cells.map((c) => [c.cell, c]));
    return a.cells
      .filter((c) => {
        const w = widest.get(c.cell)!;
        return c.min > w.min || c.max < Math.min(w.max, 3);
      })
      .map((c) => `${a.file} ${c.cell} «${c.tiltak}» ${c.hovedgruppe} ${c.column}: ${c.min}–${c.max}`);
  });
}

/** The raw fixture set of a year (the newest file per table), read by the project's own reader. */
async function rawYear(year: number): Promise<SeriesTable[]> {
  const tables: SeriesTable[] = [];
  for (const spec of fixtureSet().filter((s) => s.year === year && !s.revision)) {
    const r = importWorkbooks([{ file: fileName(spec), bytes: await writeWorkbook({ ...spec, raw: true }) }]);
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    tables.push(r.series[0]!);
  }
  return tables;
}

describe("a year's TILT tables protected together", () => {
  it("2026: each table protected alone leaves «*» that TILT100 read with the others gives away; together, none, at a proven optimum", async () => {
    const raw = await rawYear(2026);
    const alone = await Promise.all(raw.map(async (t) => (await protectSeries([t], { highs }))[0]!.tables[0]!.table));
    expect(narrowedBeyondInherent(alone).length).toBeGreaterThan(0);
    const [year] = await protectSeries(raw, { highs });
    expect(narrowedBeyondInherent(year!.tables.map((t) => t.table))).toEqual([]);
    expect(year!.optimal).toBe(true);
    expect(year!.cost).toEqual(year!.lowerBound);
    expect(year!.tables.flatMap((t) => t.inherent)).toEqual([]);
    // Only figures that are not 1–3 are hidden (a 0 may be: a «:» is 0 or at least 4).
    expect(year!.tables.flatMap((t) => t.secondary).every((c) => c.value === 0 || c.value >= 4)).toBe(true);
  }, 120_000);

  it.each([2024, 2025])(
    "%i (twelve months): protected together, nothing narrowed but what the «*» narrow themselves",
    async (y) => {
      const [year] = await protectSeries(await rawYear(y), { highs });
      expect(narrowedBeyondInherent(year!.tables.map((t) => t.table))).toEqual([]);
      expect(year!.optimal).toBe(true);
      // The «*» that add up among themselves (TILT180's two «*» under TILT100's «*») are named with the reason.
      for (const c of year!.tables.flatMap((t) => t.inherent)) expect(c.reason).toMatch(/summerer seg selv/);
    },
    120_000,
  );

  it("two tables of the same code and year are refused, naming both files", async () => {
    const raw = await rawYear(2026);
    await expect(protectSeries([...raw, { ...raw[1]!, file: "kopi.xlsx" }], { highs })).rejects.toThrow(
      /«.*TILT110.*» og «kopi\.xlsx» er begge TILT110 for 2026/,
    );
  }, 60_000);

  it("refuses a set whose TILT100 group row is not the other table's «I alt», naming the cell", async () => {
    const tables = yearTables({
      year: 2026,
      months: 2,
      hovedgrupper: ["andre"],
      tables: new Map([
        [
          110,
          [
            [
              [5, 6],
              [2, 9],
            ],
          ],
        ],
      ]),
    });
    const groupRow = tables[0]!.blocks[0]!.rows[1]!;
    groupRow.months[0] = { ...groupRow.months[0]!, value: 8 };
    tables[0]!.blocks[0]!.rows[0]!.months[0]!.value = 8;
    await expect(protectSeries(tables, { highs })).rejects.toThrow(
      new RegExp(`celle ${groupRow.months[0]!.cell} er ikke det samme som «I alt»`),
    );
  });

  it("a «:» is 0 or at least 4, and a reader knows it: «I alt» 5 over a «*» and a «:» would give the «*» away (the «:» is 4)", async () => {
    // TILT110 alone, one month: «I alt» 5 = 1 («*») + 4; each average is its month.
    const [t110] = yearTables({ year: 2026, months: 1, hovedgrupper: ["andre"], tables: new Map([[110, [[[1], [4]]]]]) }).slice(1);
    const [year] = await protectSeries([t110!], { highs });
    const [total, , other] = year!.tables[0]!.table.blocks[0]!.rows;
    // Hiding the 4 and its average (sum 8) would leave the audit's reader 1–3 («:» any count), but not
    // a reader who knows a «:» is 0 or 4 and more: then it is 4, and the «*» is 1. Hiding «I alt» and
    // its average instead (sum 10) leaves «I alt» 5–7 to both.
    expect([other!.months[0]!.value, other!.average.value]).toEqual([4, 4]);
    expect([total!.months[0]!.value, total!.average.value]).toEqual([HIDDEN, HIDDEN]);
    expect(year!.cost).toEqual({ cells: 2, sum: 10 });
    expect(year!.optimal).toBe(true);
  });

  it("proves its optimum where hiding an average removes a relation the exposed «*» was in (found by the property test)", async () => {
    // Andre's tiltak 1 (13, 1): with its average hidden, its months are tied by nothing but their
    // months' sums; a system cut that still counted that row's January as «beside» the February «*»
    // was not violated by the set it came from, and the search fell back to repair.
    const tables = yearTables({
      year: 2026,
      months: 2,
      hovedgrupper: ["arbeidssokere", "andre"],
      tables: new Map([
        [
          110,
          [
            [[1, 1]],
            [
              [13, 1],
              [4, 0],
              [null, 4],
            ],
          ],
        ],
      ]),
    });
    const [year] = await protectSeries(tables, { highs });
    expect(year!.search.stoppedEarly).toBe(false);
    expect(year!.optimal).toBe(true);
    expect(narrowedBeyondInherent(year!.tables.map((t) => t.table))).toEqual([]);
  });

  it("stopped by its time limit: a safe set, and the proven bound beside it", async () => {
    // A small set with many zeros and «*» (found by the property test) that takes the exact search
    // about a hundred rounds; 50 ms stops it long before.
    const tables = yearTables({
      year: 2026,
      months: 3,
      hovedgrupper: ["arbeidssokere", "andre"],
      tables: new Map([
        [
          120,
          [
            [
              [0, 2, 0],
              [2, 4, 1],
              [2, 4, 1],
            ],
            [[null, 1, 0]],
          ],
        ],
        [140, [[[4, 0, 4]], [[1, 0, 0]]]],
      ]),
    });
    const [year] = await protectSeries(tables, { highs, timeLimitMs: 50 });
    expect(narrowedBeyondInherent(year!.tables.map((t) => t.table))).toEqual([]);
    expect(year!.search.stoppedEarly).toBe(true);
    expect(year!.cost.cells).toBeGreaterThan(year!.lowerBound.cells);
    expect(year!.optimal).toBe(false);
  });

  it("property: random raw year sets, protected together, give nothing away to the combined audit", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryYear(), async (figures) => {
        // Safe whether or not the time limit stops the search before its optimum is proven.
        const [year] = await protectSeries(yearTables(figures), { highs, timeLimitMs: 2000 });
        expect(narrowedBeyondInherent(year!.tables.map((t) => t.table))).toEqual([]);
        expect(year!.cost.cells).toBeGreaterThanOrEqual(year!.lowerBound.cells);
      }),
      { numRuns: 40, seed: 2025 },
    );
  }, 300_000);

  it("brute force on tiny sets: no safe set hides fewer cells, or as many with a smaller sum", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryYear(), async (figures) => {
        const tables = yearTables(figures);
        const model = seriesFactModel(tables);
        const cands = model.facts.filter((f) => f.candidate);
        fc.pre(cands.length <= 9);
        const [year] = await protectSeries(tables, { highs });
        const checker = new Checker(model, highs);
        let best: { cells: number; sum: number } | undefined;
        for (let mask = 0; mask < 1 << cands.length; mask++) {
          const set = cands.filter((_, i) => mask & (1 << i));
          const cost = { cells: set.length, sum: set.reduce((s, f) => s + f.value, 0) };
          if (best && (cost.cells > best.cells || (cost.cells === best.cells && cost.sum >= best.sum))) continue;
          if (checker.exposed(new Set(set.map((f) => f.id))).length === 0) best = cost;
        }
        expect(year!.cost).toEqual(best);
      }),
      { numRuns: 25, seed: 7 },
    );
  }, 300_000);
});
