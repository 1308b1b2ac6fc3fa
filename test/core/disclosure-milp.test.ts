// The integer-programming bounds (HiGHS) against brute force and against the search in
// disclosure.ts, ":" holes included; and the large, heavily suppressed table the search gives up on.

import { beforeAll, describe, expect, it } from "vitest";
import { between, DisclosureSearchLimitError, solveBounds, type DisclosureVariable } from "../../src/core/disclosure.js";
import { buildTableProblem } from "../helpers/table-audit.js";
import { auditLayouts, auditPeriod } from "../../src/core/disclosure-audit.js";
import { buildLayouts } from "../../src/core/layout.js";
import { loadHighs, milpBounds, milpSolver, type Highs } from "../../src/core/protect/milp.js";
import { BUNDLED_DATASET as bundledDataset } from "../../src/core/bundled.js";
import { rng } from "../helpers/raw-dataset.js";
import { bigTable } from "../helpers/big-table.js";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

/** Every integer point of the domains (holes skipped) that satisfies `ok`: min and max per variable. */
function brute(vars: DisclosureVariable[], ok: (x: number[]) => boolean): { min: number; max: number }[] | null {
  let out: { min: number; max: number }[] | null = null;
  const x: number[] = [];
  const rec = (i: number): void => {
    if (i === vars.length) {
      if (!ok(x)) return;
      out ??= x.map((v) => ({ min: v, max: v }));
      x.forEach((v, k) => {
        out![k]!.min = Math.min(out![k]!.min, v);
        out![k]!.max = Math.max(out![k]!.max, v);
      });
      return;
    }
    const v = vars[i]!;
    for (let val = v.lo; val <= v.hi; val++) {
      if (v.exclude && val >= v.exclude.lo && val <= v.exclude.hi) continue;
      x[i] = val;
      rec(i + 1);
    }
  };
  rec(0);
  return out;
}

describe("milpBounds", () => {
  it("matches brute force and the search on random systems with «:» holes", () => {
    const rnd = rng(424);
    const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
    let holes = 0;
    let feasible = 0;
    for (let iter = 0; iter < 150; iter++) {
      const n = int(2, 5);
      const variables: DisclosureVariable[] = Array.from({ length: n }, () => {
        if (rnd() < 0.4) {
          holes++;
          return { lo: 0, hi: int(4, 9), exclude: { lo: 1, hi: 3 } };
        }
        return { lo: 1, hi: 3 };
      });
      const truth = variables.map((v) => (v.exclude ? (rnd() < 0.3 ? 0 : int(4, v.hi)) : int(v.lo, v.hi)));
      const constraints = Array.from({ length: int(1, 3) }, () => {
        const terms = Array.from({ length: int(1, 3) }, () => ({ variable: int(0, n - 1), coef: rnd() < 0.8 ? 1 : -1 }));
        const value = terms.reduce((s, t) => s + t.coef * truth[t.variable]!, 0);
        return between(terms, value - (rnd() < 0.2 ? 1 : 0), value);
      });
      const ok = (x: number[]): boolean =>
        constraints.every((c) => {
          const s = c.terms.reduce((a, t) => a + t.coef * x[t.variable]!, 0);
          return s >= c.lo && s <= c.hi;
        });
      const expected = brute(variables, ok);
      expect(expected).not.toBeNull(); // built from a true assignment
      feasible++;
      const got = milpBounds(highs, { variables, constraints });
      const own = solveBounds({ variables, constraints });
      expect(got.feasible && own.feasible).toBe(true);
      if (got.feasible && own.feasible) {
        expect(got.bounds.map((b) => ({ min: b.min, max: b.max }))).toEqual(expected);
        expect(own.bounds.map((b) => ({ min: b.min, max: b.max }))).toEqual(expected);
      }
    }
    expect(holes).toBeGreaterThan(100);
    expect(feasible).toBe(150);
  });

  it("reports an infeasible system with the search's minimal conflict", () => {
    const variables = [{ lo: 1, hi: 3 }];
    const r = milpBounds(highs, { variables, constraints: [between([{ variable: 0, coef: 1 }], 7, 7, "x = 7")] });
    expect(r.feasible).toBe(false);
  });
});

describe("the 40 × 6 table with most cells suppressed", () => {
  it("the audit's solver is exact in under 5 s, and the integer program and the search agree on it", () => {
    const { table, truth } = bigTable(1);
    const { problem, cells } = buildTableProblem(table);
    const nonzero = truth.flat().filter((v) => v > 0).length;
    expect(cells.length / nonzero).toBeGreaterThan(0.8);
    const t0 = performance.now();
    const r = milpSolver(highs)(problem);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(r.feasible).toBe(true);
    if (!r.feasible) return;
    cells.forEach(({ row, col }, v) => {
      expect(truth[row]![col]).toBeGreaterThanOrEqual(r.bounds[v]!.min);
      expect(truth[row]![col]).toBeLessThanOrEqual(r.bounds[v]!.max);
    });
    expect(milpBounds(highs, problem)).toEqual(r);
    expect(solveBounds(problem)).toEqual(r);
  }, 120_000);

  it("hands a search that runs out of budget to the integer program", () => {
    const { problem } = buildTableProblem(bigTable(2).table);
    expect(() => solveBounds(problem, { nodeLimit: 10 })).toThrow(DisclosureSearchLimitError);
    expect(milpSolver(highs, 10)(problem)).toEqual(solveBounds(problem));
  }, 120_000);
});

describe("the audit with the integer program", () => {
  it("gives the same bounds as the search on the bundled publication, per table and combined", () => {
    const layouts = buildLayouts(bundledDataset, undefined);
    for (const mode of ["per-table", "combined"] as const) {
      const own = auditLayouts(layouts, { mode });
      const milp = auditLayouts(layouts, { mode, solve: milpSolver(highs) });
      expect(milp).toEqual(own);
    }
    expect(
      auditPeriod(bundledDataset, undefined, { mode: "combined" })
        .tables.flatMap((t) => t.cells)
        .filter((c) => c.pinned).length,
    ).toBeGreaterThan(10);
  });
});
