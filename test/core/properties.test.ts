// Properties over generated raw-count datasets: totals in every layout equal their parts (reading
// "*" as 1..3 and empty as 0), and no participant count of 1–3 is ever shown.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildLayouts, type CellValue, type SheetLayout } from "../../src/core/layout.js";
import { makeRawDataset } from "../helpers/raw-dataset.js";

type Interval = [number, number];
const iv = (v: CellValue): Interval => (v === null ? [0, 0] : v === "*" ? [1, 3] : [Number(v), Number(v)]);
const add = (a: Interval, b: Interval): Interval => [a[0] + b[0], a[1] + b[1]];
const within = (total: Interval, sum: Interval) => total[0] <= sum[1] && sum[0] <= total[1];

/** Checks one block's sums; returns the number of equations checked. */
function checkBlock(layout: SheetLayout, blockIndex: number): number {
  const b = layout.blocks[blockIndex]!;
  const headers = layout.cells[b.headerRow]!.map(String);
  const cell = (r: number, c: number) => layout.cells[r]![c]!;
  let checked = 0;
  const isTiltakTable = layout.key === "tiltak-og-hovedgrupper";
  const countCols = headers.map((h, c) => c).filter((c) => c > 0 && !headers[c]!.includes("Prosent"));
  for (const c of countCols) {
    const isChange = headers[c]!.startsWith("Endring");
    const value = (r: number): Interval => {
      if (isChange && cell(r, c) === "*") {
        // Suppressed because last year's count was 1–3 (antall shown), or this year's is (antall "*").
        if (cell(r, 1) === "*") return [-Infinity, 3];
        const a = iv(cell(r, 1));
        return [a[0] - 3, a[1] - 1];
      }
      return iv(cell(r, c));
    };
    if (isTiltakTable) {
      // Each subtotal = the tiltak above it; the first row = the subtotals.
      let members: number[] = [];
      const subtotals: number[] = [];
      for (let r = b.firstRow + 1; r <= b.lastRow; r++) {
        if (!b.totalRows.includes(r)) {
          members.push(r);
          continue;
        }
        expect(within(value(r), members.map(value).reduce(add, [0, 0])), `${layout.name} r${r} c${c}`).toBe(true);
        subtotals.push(r);
        members = [];
        checked++;
      }
      expect(within(value(b.firstRow), subtotals.map(value).reduce(add, [0, 0]))).toBe(true);
    } else {
      const parts = [];
      for (let r = b.firstRow + 1; r <= b.lastRow; r++) parts.push(value(r));
      expect(within(value(b.firstRow), parts.reduce(add, [0, 0])), `${layout.name} block ${blockIndex} c${c}`).toBe(true);
    }
    checked++;
  }
  // Cross-style tables: column "I alt" = the hovedgruppe columns, row by row.
  if (headers[1] === "I alt") {
    for (let r = b.firstRow; r <= b.lastRow; r++) {
      const parts = headers.slice(2).map((_, k) => iv(cell(r, k + 2)));
      expect(within(iv(cell(r, 1)), parts.reduce(add, [0, 0])), `${layout.name} r${r}`).toBe(true);
      checked++;
    }
  }
  return checked;
}

describe("layout properties over generated raw datasets", () => {
  it("totals always equal their parts and no count 1–3 is shown", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 8 }),
        (seed, groups, tiltakPerGroup) => {
          const ds = makeRawDataset({ seed, groups, tiltakPerGroup });
          let checked = 0;
          for (const layout of buildLayouts(ds)) {
            layout.blocks.forEach((_, i) => (checked += checkBlock(layout, i)));
            for (const b of layout.blocks) {
              const headers = layout.cells[b.headerRow]!;
              for (let r = b.firstRow; r <= b.lastRow; r++) {
                for (let c = 1; c < b.columns; c++) {
                  if (String(headers[c]).startsWith("Endring")) continue;
                  expect([1, 2, 3]).not.toContain(layout.cells[r]![c]);
                }
              }
            }
          }
          expect(checked).toBeGreaterThan(10);
        },
      ),
      { numRuns: 150, seed: 42 },
    );
  });
});
