// Caps for values no published figure bounds (a ":" cell, last year's count beside a "*" antall):
// the overall total's last-year count where the period gives it, else a stand-in cap run twice.

import { HIDDEN, SUPPRESSED } from "../types.js";
import { SUPPRESS_MAX } from "../suppression.js";
import type { SheetLayout } from "../layout.js";
import { blockShape, lastYearCap } from "./shape.js";
import type { CellBounds, TableAudit } from "./audit-records.js";

/**
 * A valid upper bound for every last-year count of the period: the overall total's last-year count
 * (I alt in «Hovedgrupper» or «Tiltaksgrupper»), which every row's last-year count is a part of.
 * Only the overall total bounds every row: a sub-table's total (one hovedgruppe) does not bound the
 * rows of another table, nor the overall total itself. Undefined when no overall total row gives it
 * (its antall is "*" too).
 */
export function overallLastYear(layouts: readonly SheetLayout[]): number | undefined {
  for (const l of layouts) {
    if (l.key !== "hovedgrupper" && l.key !== "tiltaksgrupper") continue;
    for (const b of l.blocks) {
      const c = lastYearCap(l, blockShape(l, b));
      if (c !== undefined) return c;
    }
  }
  return undefined;
}

/**
 * A stand-in cap when no published figure bounds last year's counts: larger than any bound the
 * figures can imply (a bounded last-year count is a sum of published numbers and "*"s), so it never
 * cuts off a solution the figures allow.
 */
export function looseCap(layouts: readonly SheetLayout[]): number {
  let sum = 1000;
  for (const l of layouts) {
    for (const b of l.blocks) {
      for (let r = b.firstRow; r <= b.lastRow; r++) {
        for (const v of l.cells[r] ?? []) {
          if (typeof v === "number" && Number.isFinite(v)) sum += Math.abs(Math.round(v));
          else if (v === SUPPRESSED) sum += SUPPRESS_MAX;
        }
      }
    }
  }
  return sum;
}

/** Bounds that grow with the stand-in cap are not bounded by the figures: report them as ±∞. */
export function mergeCaps(a: TableAudit[], b: TableAudit[]): TableAudit[] {
  const lo = (x: number, y: number): number => (x === y ? x : -Infinity);
  const hi = (x: number, y: number): number => (x === y ? x : Infinity);
  return b.map((tb, k) => {
    const ta = a[k]!;
    if (tb.infeasible || ta.infeasible || ta.cells.length !== tb.cells.length) return tb;
    return {
      ...tb,
      cells: tb.cells.map((cb, i) => {
        const ca = ta.cells[i]!;
        const min = lo(ca.min, cb.min);
        const max = hi(ca.max, cb.max);
        const domain = { min: lo(ca.domain.min, cb.domain.min), max: hi(ca.domain.max, cb.domain.max) };
        const out: CellBounds = { ...cb, min, max, pinned: min === max, domain, narrowed: min > domain.min || max < domain.max };
        if (ca.lastYear && cb.lastYear) {
          const ly = { min: lo(ca.lastYear.min, cb.lastYear.min), max: hi(ca.lastYear.max, cb.lastYear.max) };
          out.lastYear = { ...ly, pinned: ly.min === ly.max };
        }
        return out;
      }),
    };
  });
}

/** Does a sheet hide a cell with ":"? */
export function hasHiddenCell(l: SheetLayout): boolean {
  return l.blocks.some((b) => l.cells.slice(b.firstRow, b.lastRow + 1).some((row) => row.includes(HIDDEN)));
}
