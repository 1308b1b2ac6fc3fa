/**
 * Exact integer bounds with an integer-programming solver: HiGHS (the `highs` package, HiGHS compiled
 * to WebAssembly), fed CPLEX LP-format text.
 *
 * Used where the search in disclosure.ts is too slow (large tables with most cells suppressed, ":"
 * cells whose domain runs to the thousands) and as an independent cross-check of it in the tests.
 * The bounds are exact: every variable is integer, the MIP gap is 0, and only an «Optimal» status is
 * accepted (anything else throws instead of guessing).
 *
 * Loading the WebAssembly module is asynchronous (about 50 ms); solving is synchronous, so a loaded
 * solver can stand in for solveBounds wherever that is called.
 */

import {
  DisclosureSearchLimitError,
  outOfHole,
  solveBounds,
  type DisclosureProblem,
  type DisclosureResult,
  type VariableBounds,
} from "../disclosure.js";
import { MilpError } from "../errors.js";

/** The part of the `highs` module this file uses. */
export interface Highs {
  solve(
    problem: string,
    options?: Record<string, unknown>,
  ): { Status: string; ObjectiveValue: number; Columns: Record<string, { Primal: number }> };
}

let loading: Promise<Highs> | undefined;

/** Loads HiGHS once per process. */
export function loadHighs(): Promise<Highs> {
  loading ??= import("highs").then(async (m) => {
    const loader = (m as unknown as { default: () => Promise<Highs> }).default;
    return loader();
  });
  return loading;
}

/** Exact MIP: no relative or absolute gap, so an «Optimal» objective is the integer optimum. */
const OPTIONS = { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0, presolve: "on" } as const;

/**
 * The options of one exact MIP. `holes`: the program has big-M rows for a value's hole (a binary
 * choosing below or above it). HiGHS's presolve has been seen to call such rows infeasible where a
 * solution exists (a hand-checked system of 19 figures in the protection's attack); without presolve
 * it finds it, and an untrue «infeasible» would narrow a bound or stop a protection.
 */
export function exactMipOptions(holes: boolean) {
  return holes ? { ...OPTIONS, presolve: "off" } : OPTIONS;
}

export { MilpError };

const num = (x: number): string => (Number.isFinite(x) ? String(x) : x < 0 ? "-inf" : "inf");

/** A linear expression in LP format ("+ 1 x0 - 1 x3"); "0 x0" when empty (LP rows need a term). */
function expr(terms: readonly { variable: number; coef: number }[]): string {
  if (terms.length === 0) return "0 x0";
  return terms.map((t) => `${t.coef < 0 ? "-" : "+"} ${Math.abs(t.coef)} x${t.variable}`).join(" ");
}

/**
 * The problem's rows and bounds as LP text, without the objective. A hole [h.lo, h.hi] strictly
 * inside [lo, hi] gets a binary z: z = 0 keeps x in [lo, h.lo − 1], z = 1 in [h.hi + 1, hi].
 */
export function lpBody(problem: DisclosureProblem): string {
  const rows: string[] = [];
  const bounds: string[] = [];
  const binaries: string[] = [];
  problem.constraints.forEach((c, i) => {
    const e = expr(c.terms);
    if (c.lo === c.hi) rows.push(` c${i}: ${e} = ${num(c.lo)}`);
    else {
      if (Number.isFinite(c.lo)) rows.push(` c${i}l: ${e} >= ${num(c.lo)}`);
      if (Number.isFinite(c.hi)) rows.push(` c${i}h: ${e} <= ${num(c.hi)}`);
    }
  });
  problem.variables.forEach((v, i) => {
    const d = outOfHole(v, v.exclude);
    bounds.push(` ${num(d.lo)} <= x${i} <= ${num(d.hi)}`);
    const h = v.exclude;
    if (h && d.lo < h.lo && d.hi > h.hi) {
      binaries.push(`z${i}`);
      // x − (h.hi + 1 − lo)·z ≥ lo  and  x − (hi − h.lo + 1)·z ≤ h.lo − 1
      rows.push(` h${i}l: x${i} - ${h.hi + 1 - d.lo} z${i} >= ${d.lo}`);
      rows.push(` h${i}h: x${i} - ${d.hi - h.lo + 1} z${i} <= ${h.lo - 1}`);
    }
  });
  if (rows.length === 0) rows.push(" c_empty: 0 x0 >= 0");
  const general = problem.variables.map((_, i) => `x${i}`);
  return [
    "Subject To",
    ...rows,
    "Bounds",
    ...bounds,
    "General",
    ` ${general.join(" ")}`,
    ...(binaries.length > 0 ? ["Binary", ` ${binaries.join(" ")}`] : []),
    "End",
  ].join("\n");
}

/** One MIP: optimise `sense` × x_v (or just find a solution); undefined when infeasible. */
function run(highs: Highs, body: string, objective: string, sense: "Minimize" | "Maximize", n: number): number[] | undefined {
  const r = highs.solve(`${sense}\n obj: ${objective}\n${body}`, exactMipOptions(body.includes("\nBinary\n")));
  if (r.Status === "Infeasible") return undefined;
  if (r.Status !== "Optimal") throw new MilpError(r.Status);
  return Array.from({ length: n }, (_, i) => Math.round(r.Columns[`x${i}`]?.Primal ?? 0) || 0);
}

/**
 * Exact min and max of the chosen variables (by default all but the auxiliary ones, whose ranges are
 * only those seen in solutions) over the integer solutions, as solveBounds gives them. Every solution found tightens the witnesses of all variables, so a bound
 * already reached by some solution needs no solve of its own. An infeasible problem is explained by
 * solveBounds (its minimal conflict set).
 */
export function milpBounds(highs: Highs, problem: DisclosureProblem, only?: readonly number[]): DisclosureResult {
  const n = problem.variables.length;
  if (n === 0) return solveBounds(problem);
  const body = lpBody(problem);
  const first = run(highs, body, "0 x0", "Minimize", n);
  if (!first) return solveBounds(problem);
  const min = first.slice();
  const max = first.slice();
  const domain = problem.variables.map((v) => outOfHole(v, v.exclude));
  const record = (sol: number[]): void => {
    sol.forEach((x, i) => {
      if (x < min[i]!) min[i] = x;
      if (x > max[i]!) max[i] = x;
    });
  };
  for (const v of only ?? problem.only ?? problem.variables.flatMap((x, i) => (x.auxiliary ? [] : [i]))) {
    if (min[v]! > domain[v]!.lo) {
      const sol = run(highs, body, `x${v}`, "Minimize", n);
      if (sol) record(sol);
    }
    if (max[v]! < domain[v]!.hi) {
      const sol = run(highs, body, `x${v}`, "Maximize", n);
      if (sol) record(sol);
    }
  }
  const bounds: VariableBounds[] = min.map((lo, i) => ({ min: lo, max: max[i]!, pinned: lo === max[i] }));
  return { feasible: true, bounds };
}

/** Search nodes the propagation-and-search solver may spend before the integer program takes over. */
const SEARCH_BUDGET = 20_000;

/**
 * A loaded solver as a drop-in for solveBounds (same signature, synchronous). Both ways are exact:
 * the search in disclosure.ts answers most tables in milliseconds (propagation pins most cells), so
 * it goes first with a small budget; a table that needs more (wide ":" domains, large tables with
 * most cells suppressed) goes to the integer program, whose cost is about one solve per bound.
 */
export function milpSolver(highs: Highs, searchBudget = SEARCH_BUDGET): (problem: DisclosureProblem) => DisclosureResult {
  return (problem) => {
    // Wide ":" domains make the search enumerate value by value: go straight to the program.
    if (problem.variables.some((v) => v.exclude)) return milpBounds(highs, problem);
    try {
      return solveBounds(problem, { nodeLimit: searchBudget });
    } catch (e) {
      if (!(e instanceof DisclosureSearchLimitError)) throw e;
      return milpBounds(highs, problem);
    }
  };
}
