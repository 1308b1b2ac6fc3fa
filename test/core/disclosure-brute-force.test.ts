// The exact disclosure audit checked against enumeration on random small systems.
import { describe, expect, it } from "vitest";
import { between, solveBounds } from "../../src/core/disclosure";
import { auditTable, buildTableProblem, type AuditCell, type AuditTable } from "../helpers/table-audit.js";
import { marginTable } from "../helpers/margin-table.js";
import { rng } from "../helpers/raw-dataset.js";

const S = "*" as const;

// ---------------------------------------------------------------------------------------------
// Brute-force cross-checks on random small instances.

const mulberry32 = rng; // seeded PRNG shared with the dataset generator

/** Calls `visit` with every assignment in the product of the domains. */
function enumerate(domains: { lo: number; hi: number }[], visit: (x: number[]) => void): void {
  const x = domains.map((d) => d.lo);
  const rec = (i: number): void => {
    if (i === domains.length) return visit(x);
    for (let v = domains[i]!.lo; v <= domains[i]!.hi; v++) {
      x[i] = v;
      rec(i + 1);
    }
  };
  rec(0);
}

function bruteBounds(domains: { lo: number; hi: number }[], holds: (x: number[]) => boolean): { min: number; max: number }[] | null {
  let out: { min: number; max: number }[] | null = null;
  enumerate(domains, (x) => {
    if (!holds(x)) return;
    if (!out) out = x.map((v) => ({ min: v, max: v }));
    else
      x.forEach((v, i) => {
        out![i]!.min = Math.min(out![i]!.min, v);
        out![i]!.max = Math.max(out![i]!.max, v);
      });
  });
  return out;
}

describe("brute-force cross-check", () => {
  // Two generators: a loose one (mixed equations and intervals, many infeasible systems) and one of
  // tight equations with larger coefficients, where propagation alone leaves the bounds too wide in
  // about one feasible system in six (and misses a few infeasible ones), so the search must prove them.
  const generators = {
    loose: {
      seed: 20161130,
      n: [1, 5],
      width: [0, 4],
      cons: [0, 4],
      arity: [1, 4],
      coefs: [-2, -1, -1, 1, 1, 1, 2],
      exact: 0.75,
      eq: 0.6,
    },
    tight: {
      seed: 83484,
      n: [3, 5],
      width: [2, 4],
      cons: [2, 3],
      arity: [2, 4],
      coefs: [-3, -2, -1, 1, 2, 3],
      exact: 0.85,
      eq: 0.9,
    },
  } as const;

  for (const [name, g] of Object.entries(generators)) {
    it(`solveBounds matches enumeration on random linear systems (${name})`, () => {
      const rnd = mulberry32(g.seed);
      const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
      let infeasible = 0;
      for (let iter = 0; iter < 300; iter++) {
        const n = int(g.n[0], g.n[1]);
        const variables = Array.from({ length: n }, () => {
          const lo = int(-3, 2);
          return { lo, hi: lo + int(g.width[0], g.width[1]) };
        });
        const hidden = variables.map((v) => int(v.lo, v.hi));
        const constraints = Array.from({ length: int(g.cons[0], g.cons[1]) }, () => {
          const terms = Array.from({ length: int(g.arity[0], g.arity[1]) }, () => ({
            variable: int(0, n - 1),
            coef: g.coefs[int(0, g.coefs.length - 1)]!,
          }));
          const value = terms.reduce((s, t) => s + t.coef * hidden[t.variable]!, 0);
          // Mostly consistent with the hidden assignment (possibly widened), sometimes arbitrary.
          const lo = rnd() < g.exact ? value - int(0, 1) * int(0, 2) : value + int(-4, 4);
          return between(terms, lo, rnd() < g.eq ? lo : lo + int(0, 3));
        });
        const sat = (x: number[], only?: Set<number>): boolean =>
          constraints.every((c, ci) => {
            if (only && !only.has(ci)) return true;
            const s = c.terms.reduce((acc, t) => acc + t.coef * x[t.variable]!, 0);
            return s >= c.lo && s <= c.hi;
          });
        const expected = bruteBounds(variables, (x) => sat(x));
        const got = solveBounds({ variables, constraints });
        if (expected === null) {
          infeasible++;
          expect(got.feasible).toBe(false);
          if (!got.feasible) {
            // The reported conflict is itself infeasible and minimal.
            const conflict = new Set(got.conflict);
            expect(bruteBounds(variables, (x) => sat(x, conflict))).toBeNull();
            for (const ci of got.conflict) {
              const fewer = new Set(got.conflict.filter((c) => c !== ci));
              expect(bruteBounds(variables, (x) => sat(x, fewer))).not.toBeNull();
            }
          }
        } else {
          expect(got.feasible).toBe(true);
          if (got.feasible) {
            expect(got.bounds.map((b) => ({ min: b.min, max: b.max }))).toEqual(expected);
            got.bounds.forEach((b) => expect(b.pinned).toBe(b.min === b.max));
          }
        }
      }
      // The generator must exercise both outcomes.
      expect(infeasible).toBeGreaterThan(10);
      expect(infeasible).toBeLessThan(250);
    });
  }

  it("auditTable matches enumeration on random suppressed tables", () => {
    const rnd = mulberry32(83484);
    const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
    let pinned = 0;
    let open = 0;
    let infeasible = 0;
    let cases = 0;
    while (cases < 300) {
      const nr = int(1, 4);
      const nc = int(1, 3);
      // Parts are small so that many fall in 1..3; row 0 and column 0 are the totals.
      const parts = Array.from({ length: nr }, () =>
        Array.from({ length: nc }, () => (rnd() < 0.2 ? 0 : rnd() < 0.6 ? int(1, 3) : int(4, 9))),
      );
      const grid: number[][] = [];
      const colSums = Array.from({ length: nc }, (_, c) => parts.reduce((s, r) => s + r[c]!, 0));
      grid.push([colSums.reduce((a, b) => a + b, 0), ...colSums]);
      for (const r of parts) grid.push([r.reduce((a, b) => a + b, 0), ...r]);
      const cells: AuditCell[][] = grid.map((r) => r.map((v) => (v === 0 ? null : v >= 1 && v <= 3 ? S : v)));
      // Sometimes a misprint in a published number, to exercise infeasible tables.
      if (rnd() < 0.15) {
        const r = int(0, nr);
        const c = int(0, nc);
        if (typeof cells[r]![c] === "number") cells[r]![c] = (cells[r]![c] as number) + int(1, 3);
      }
      const stars: [number, number][] = [];
      cells.forEach((row, r) => row.forEach((v, c) => v === S && stars.push([r, c])));
      if (stars.length > 9) continue;
      cases++;

      const table: AuditTable = {
        columns: Array.from({ length: nc + 1 }, (_, c) => `c${c}`),
        rows: cells.map((row, r) => ({ label: `r${r}`, cells: row })),
        rowTotals: [{ total: 0, parts: parts.map((_, i) => i + 1) }],
        columnTotals: [{ total: 0, parts: colSums.map((_, i) => i + 1) }],
      };
      // Independent model: fill the stars, then check every row and column sum directly.
      const holds = (x: number[]): boolean => {
        const g = cells.map((row) => row.map((v) => (typeof v === "number" ? v : 0)));
        stars.forEach(([r, c], i) => (g[r]![c] = x[i]!));
        const rowsOk = g.every((row) => row[0] === row.slice(1).reduce((a, b) => a + b, 0));
        const colsOk = g[0]!.every((v, c) => v === g.slice(1).reduce((a, row) => a + row[c]!, 0));
        return rowsOk && colsOk;
      };
      const expected = bruteBounds(
        stars.map(() => ({ lo: 1, hi: 3 })),
        holds,
      );
      const got = auditTable(table);
      if (expected === null) {
        infeasible++;
        expect(got.feasible).toBe(false);
        continue;
      }
      expect(got.feasible).toBe(true);
      if (!got.feasible) continue;
      expect(got.cells.map((c) => [c.row, c.col])).toEqual(stars);
      expect(got.cells.map((c) => ({ min: c.min, max: c.max }))).toEqual(expected);
      for (const c of got.cells) {
        if (c.pinned) pinned++;
        else open++;
      }
    }
    expect(pinned).toBeGreaterThan(50);
    expect(open).toBeGreaterThan(50);
    expect(infeasible).toBeGreaterThan(5);
  });

  it("buildTableProblem folds known cells into the right-hand side", () => {
    const { problem, cells, equations } = buildTableProblem(marginTable(["I alt", "A", "B"], [["x", 10, 7, S]], []));
    expect(cells).toEqual([{ row: 0, col: 2 }]);
    expect(problem.constraints).toEqual([expect.objectContaining({ terms: [{ variable: 0, coef: -1 }], lo: -3, hi: -3 })]);
    expect(equations[0]).toMatchObject({
      kind: "column-total",
      parts: [
        { row: 0, col: 1 },
        { row: 0, col: 2 },
      ],
    });
  });
});
