/**
 * Exact disclosure bounds for suppressed cells.
 *
 * NAV replaces counts 1–3 with "*", but published totals often let a reader recover the hidden
 * value. Given every suppressed cell as an integer variable with a small domain [lo, hi] and every
 * published relation as a linear constraint `lo ≤ Σ coef·var ≤ hi` (an equation when lo = hi; known
 * terms already folded into the bounds), we compute for each variable the exact smallest and largest
 * value it takes in some integer solution of the whole system.
 *
 * Method (exact, not a heuristic):
 * 1. Bounds propagation to a fixpoint: each constraint narrows each of its variables' intervals to
 *    what the other variables' intervals still allow. This never removes a solution, so it is safe,
 *    and on tables like NAV's it usually pins most cells by itself.
 * 2. Variables fixed by propagation become constants; the rest split into independent connected
 *    components (variables sharing a constraint), so each search only sees a handful of variables.
 * 3. Per component, a backtracking search (propagating at every node) finds one solution; its values
 *    are witnesses. For each variable the min is then the first feasible value when searching below
 *    the best witness with that variable branched first in ascending order (max: descending above
 *    it); every solution found along the way tightens the witnesses of the other variables too.
 *    Because the search is exhaustive, "no solution below the witness" proves the witness is the min.
 * If there is no solution at all, a minimal set of conflicting constraints is reported (deletion
 * filter: drop each constraint whose removal keeps the system infeasible).
 *
 * A variable may have a hole in its domain (`exclude`): a cell hidden with ":" is 0 or ≥ 4, since a
 * value from 1 to 3 would have been "*". Propagation moves a bound that falls into the hole past it,
 * and the search skips the hole's values.
 */

import { DisclosureSearchLimitError } from "./errors.js";
import type { Bounds, Interval } from "./interval.js";

export type { Interval } from "./interval.js";

/** An unknown (e.g. a suppressed cell) with its integer domain [lo, hi]. */
export interface DisclosureVariable extends Interval {
  name?: string;
  /** Values inside [lo, hi] the variable cannot take (e.g. 1..3 for a ":" cell). */
  exclude?: Interval;
  /**
   * Only an unknown of the system, its own bounds not wanted (a ":" cell): a solver may report any
   * range that contains the values it saw in solutions rather than prove the exact one.
   */
  auxiliary?: boolean;
}

export interface LinearTerm {
  /** Index into `DisclosureProblem.variables`. */
  variable: number;
  /** Integer coefficient, usually +1 or −1. */
  coef: number;
}

/**
 * `lo ≤ Σ coef·var ≤ hi`, with every published (known) term already folded into lo and hi.
 * lo = hi makes it an equation; ±Infinity makes it one-sided.
 */
export interface LinearConstraint extends Interval {
  terms: readonly LinearTerm[];
  label?: string;
}

export interface DisclosureProblem {
  variables: readonly DisclosureVariable[];
  constraints: readonly LinearConstraint[];
  /**
   * The variables whose bounds the caller reads, when not all: a solver may then report the others
   * only as far as the solutions it met reach (the integer program does; the search bounds all).
   */
  only?: readonly number[];
}

/** A variable's exact bounds, as results report them (see interval.ts). */
export interface VariableBounds extends Bounds {
  /** min === max: the published figures reveal the exact value. */
  pinned: boolean;
}

export type DisclosureResult =
  | { feasible: true; bounds: VariableBounds[] }
  | {
      feasible: false;
      /** Indices of a minimal set of constraints that cannot hold together (given the domains). */
      conflict: number[];
      message: string;
    };

export interface SolveOptions {
  /** Upper bound on search nodes over the whole solve; exceeding it throws rather than guessing. */
  nodeLimit?: number;
}

/** Thrown when the search budget is exhausted: the answer would no longer be provably exact. */
export { DisclosureSearchLimitError } from "./errors.js";

/** `Σ terms = rhs`. */
export function equality(terms: readonly LinearTerm[], rhs: number, label?: string): LinearConstraint {
  return label === undefined ? { terms, lo: rhs, hi: rhs } : { terms, lo: rhs, hi: rhs, label };
}

/** `lo ≤ Σ terms ≤ hi`. */
export function between(terms: readonly LinearTerm[], lo: number, hi: number, label?: string): LinearConstraint {
  return label === undefined ? { terms, lo, hi } : { terms, lo, hi, label };
}

const DEFAULT_NODE_LIMIT = 2_000_000;

/** Constraint after merging duplicate variables and dropping zero coefficients. */
interface NormConstraint {
  vars: number[];
  coefs: number[];
  lo: number;
  hi: number;
}

// `|| 0` turns −0 (e.g. ceil(−0.5)) into 0 so results compare and print cleanly; ±Infinity passes.
const ceilDiv = (x: number, a: number): number => Math.ceil(x / a) || 0;
const floorDiv = (x: number, a: number): number => Math.floor(x / a) || 0;

interface Domains {
  lo: number[];
  hi: number[];
}

class Solver {
  private nodes = 0;
  /** Constraints touching each variable. */
  readonly watch: number[][];

  constructor(
    readonly cons: readonly NormConstraint[],
    nVars: number,
    private readonly nodeLimit: number,
    private readonly holes: readonly (Interval | undefined)[] = [],
  ) {
    this.watch = Array.from({ length: nVars }, () => [] as number[]);
    cons.forEach((c, ci) => {
      for (const v of c.vars) this.watch[v]!.push(ci);
    });
  }

  /** Bounds propagation to a fixpoint, in place. Returns false on a wipe-out (no solution). */
  propagate(d: Domains, initial: Iterable<number>, active?: ReadonlySet<number>): boolean {
    const queue: number[] = [];
    const queued = new Uint8Array(this.cons.length);
    const push = (ci: number): void => {
      if (queued[ci] || (active && !active.has(ci))) return;
      queued[ci] = 1;
      queue.push(ci);
    };
    for (const ci of initial) push(ci);
    while (queue.length > 0) {
      const ci = queue.shift()!;
      queued[ci] = 0;
      const c = this.cons[ci]!;
      let minSum = 0;
      let maxSum = 0;
      for (let k = 0; k < c.vars.length; k++) {
        const v = c.vars[k]!;
        const a = c.coefs[k]!;
        minSum += a > 0 ? a * d.lo[v]! : a * d.hi[v]!;
        maxSum += a > 0 ? a * d.hi[v]! : a * d.lo[v]!;
      }
      if (minSum > c.hi || maxSum < c.lo) return false;
      for (let k = 0; k < c.vars.length; k++) {
        const v = c.vars[k]!;
        const a = c.coefs[k]!;
        const lo = d.lo[v]!;
        const hi = d.hi[v]!;
        const tMin = a > 0 ? a * lo : a * hi;
        const tMax = a > 0 ? a * hi : a * lo;
        // a·v must lie in [c.lo − (rest at its max), c.hi − (rest at its min)].
        const L = c.lo - (maxSum - tMax);
        const H = c.hi - (minSum - tMin);
        let newLo = Math.max(lo, a > 0 ? ceilDiv(L, a) : ceilDiv(H, a));
        let newHi = Math.min(hi, a > 0 ? floorDiv(H, a) : floorDiv(L, a));
        const hole = this.holes[v];
        if (hole) {
          if (newLo >= hole.lo && newLo <= hole.hi) newLo = hole.hi + 1;
          if (newHi >= hole.lo && newHi <= hole.hi) newHi = hole.lo - 1;
        }
        if (newLo > newHi) return false;
        if (newLo !== lo || newHi !== hi) {
          d.lo[v] = newLo;
          d.hi[v] = newHi;
          // The sums used above are now stale (looser); re-queueing this constraint fixes that.
          for (const cj of this.watch[v]!) push(cj);
        }
      }
    }
    return true;
  }

  /**
   * Depth-first search for a full solution over `vars` (other variables must already be fixed or
   * irrelevant). `first` is branched on before anything else, in the given value order, so the first
   * solution found has that variable's smallest (or largest) feasible value.
   */
  search(d: Domains, vars: readonly number[], first?: { v: number; descending: boolean }, active?: ReadonlySet<number>): number[] | null {
    if (++this.nodes > this.nodeLimit) throw new DisclosureSearchLimitError(this.nodeLimit);
    let pick = -1;
    let descending = false;
    if (first && d.lo[first.v]! < d.hi[first.v]!) {
      pick = first.v;
      descending = first.descending;
    } else {
      // Fail-first: smallest domain, then most constraints.
      let best = Infinity;
      for (const v of vars) {
        const size = d.hi[v]! - d.lo[v]!;
        if (size === 0) continue;
        const score = size * 1e6 - this.watch[v]!.length;
        if (score < best) {
          best = score;
          pick = v;
        }
      }
    }
    if (pick < 0) return this.satisfied(d, active) ? d.lo.slice() : null;
    const lo = d.lo[pick]!;
    const hi = d.hi[pick]!;
    for (let i = 0; i <= hi - lo; i++) {
      const value = descending ? hi - i : lo + i;
      const hole = this.holes[pick];
      if (hole && value >= hole.lo && value <= hole.hi) continue;
      const child: Domains = { lo: d.lo.slice(), hi: d.hi.slice() };
      child.lo[pick] = value;
      child.hi[pick] = value;
      if (!this.propagate(child, this.watch[pick]!, active)) continue;
      const found = this.search(child, vars, first, active);
      if (found) return found;
    }
    return null;
  }

  /** Final check at a leaf; propagation already guarantees it, this keeps the search honest. */
  private satisfied(d: Domains, active?: ReadonlySet<number>): boolean {
    for (let ci = 0; ci < this.cons.length; ci++) {
      if (active && !active.has(ci)) continue;
      const c = this.cons[ci]!;
      let touchesOpen = false;
      let sum = 0;
      for (let k = 0; k < c.vars.length; k++) {
        const v = c.vars[k]!;
        if (d.lo[v] !== d.hi[v]) touchesOpen = true;
        sum += c.coefs[k]! * d.lo[v]!;
      }
      // Constraints of other (not yet searched) components are checked when those are solved.
      if (!touchesOpen && (sum < c.lo || sum > c.hi)) return false;
    }
    return true;
  }
}

function assertInt(x: number, what: string): void {
  if (!Number.isInteger(x)) throw new RangeError(`${what} must be an integer, got ${x}`);
}

/** A domain with its bounds moved out of its hole (a bound inside the hole is not a possible value). */
export function outOfHole(v: Interval, hole: Interval | undefined): Interval {
  if (!hole) return v;
  let { lo, hi } = v;
  if (lo >= hole.lo && lo <= hole.hi) lo = hole.hi + 1;
  if (hi >= hole.lo && hi <= hole.hi) hi = hole.lo - 1;
  return { lo, hi };
}

function normalize(problem: DisclosureProblem): { vars: Interval[]; cons: NormConstraint[]; holes: (Interval | undefined)[] } {
  const n = problem.variables.length;
  const vars = problem.variables.map((v, i) => {
    const what = `variable ${v.name ?? i}`;
    assertInt(v.lo, `${what} lo`);
    assertInt(v.hi, `${what} hi`);
    return outOfHole({ lo: v.lo, hi: v.hi }, v.exclude);
  });
  const holes = problem.variables.map((v) => v.exclude);
  const cons = problem.constraints.map((c, ci) => {
    const what = `constraint ${c.label ?? ci}`;
    if (Number.isNaN(c.lo) || Number.isNaN(c.hi)) throw new RangeError(`${what}: bound is NaN`);
    const merged = new Map<number, number>();
    for (const t of c.terms) {
      if (!Number.isInteger(t.variable) || t.variable < 0 || t.variable >= n) {
        throw new RangeError(`${what}: no variable ${t.variable}`);
      }
      assertInt(t.coef, `${what} coefficient`);
      merged.set(t.variable, (merged.get(t.variable) ?? 0) + t.coef);
    }
    const norm: NormConstraint = { vars: [], coefs: [], lo: Math.ceil(c.lo), hi: Math.floor(c.hi) };
    for (const [v, a] of merged) {
      if (a === 0) continue;
      norm.vars.push(v);
      norm.coefs.push(a);
    }
    return norm;
  });
  return { vars, cons, holes };
}

/** Is there any integer solution using only the constraints in `active`? */
function feasibleWith(
  vars: readonly Interval[],
  cons: readonly NormConstraint[],
  active: ReadonlySet<number>,
  nodeLimit: number,
  holes: readonly (Interval | undefined)[],
): boolean {
  const s = new Solver(cons, vars.length, nodeLimit, holes);
  const d: Domains = { lo: vars.map((v) => v.lo), hi: vars.map((v) => v.hi) };
  if (d.lo.some((lo, i) => lo > d.hi[i]!)) return false;
  if (!s.propagate(d, active, active)) return false;
  const all = vars.map((_, i) => i);
  return s.search(d, all, undefined, active) !== null;
}

function explainInfeasible(
  problem: DisclosureProblem,
  vars: readonly Interval[],
  cons: readonly NormConstraint[],
  nodeLimit: number,
  holes: readonly (Interval | undefined)[],
): DisclosureResult {
  const emptyDomain = vars.findIndex((v) => v.lo > v.hi);
  if (emptyDomain >= 0) {
    const name = problem.variables[emptyDomain]?.name ?? `#${emptyDomain}`;
    return { feasible: false, conflict: [], message: `variable ${name} has an empty domain` };
  }
  const active = new Set(cons.map((_, i) => i));
  for (let ci = 0; ci < cons.length; ci++) {
    active.delete(ci);
    if (feasibleWith(vars, cons, active, nodeLimit, holes)) active.add(ci);
  }
  const conflict = [...active].sort((a, b) => a - b);
  const names = conflict.map((ci) => problem.constraints[ci]?.label ?? `#${ci}`);
  const message =
    conflict.length === 1
      ? `constraint ${names[0]} cannot hold with the variables' domains`
      : `these ${conflict.length} constraints cannot all hold together: ${names.join("; ")}`;
  return { feasible: false, conflict, message };
}

/** Exact min and max of every variable over all integer solutions, or a clear infeasibility report. */
export function solveBounds(problem: DisclosureProblem, options: SolveOptions = {}): DisclosureResult {
  const nodeLimit = options.nodeLimit ?? DEFAULT_NODE_LIMIT;
  const { vars, cons, holes } = normalize(problem);
  const n = vars.length;
  const solver = new Solver(cons, n, nodeLimit, holes);
  const root: Domains = { lo: vars.map((v) => v.lo), hi: vars.map((v) => v.hi) };
  const infeasible = (): DisclosureResult => explainInfeasible(problem, vars, cons, nodeLimit, holes);

  if (root.lo.some((lo, i) => lo > root.hi[i]!)) return infeasible();
  if (!solver.propagate(root, cons.keys())) return infeasible();

  // Union-find over variables still open after propagation; fixed ones act as constants.
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const isOpen = (v: number): boolean => root.lo[v]! < root.hi[v]!;
  for (const c of cons) {
    const open = c.vars.filter(isOpen);
    for (let k = 1; k < open.length; k++) parent[find(open[k]!)] = find(open[0]!);
  }
  const components = new Map<number, number[]>();
  for (let v = 0; v < n; v++) {
    if (!isOpen(v)) continue;
    const r = find(v);
    const list = components.get(r);
    if (list) list.push(v);
    else components.set(r, [v]);
  }

  const min = root.lo.slice();
  const max = root.hi.slice();
  for (const comp of components.values()) {
    const witness = solver.search(root, comp);
    if (!witness) return infeasible();
    for (const v of comp) min[v] = max[v] = witness[v]!;
    const record = (sol: number[]): void => {
      for (const u of comp) {
        min[u] = Math.min(min[u]!, sol[u]!);
        max[u] = Math.max(max[u]!, sol[u]!);
      }
    };
    for (const v of comp) {
      if (root.lo[v]! < min[v]!) {
        const d: Domains = { lo: root.lo.slice(), hi: root.hi.slice() };
        d.hi[v] = min[v]! - 1;
        if (solver.propagate(d, solver.watch[v]!)) {
          const sol = solver.search(d, comp, { v, descending: false });
          if (sol) record(sol);
        }
      }
      if (root.hi[v]! > max[v]!) {
        const d: Domains = { lo: root.lo.slice(), hi: root.hi.slice() };
        d.lo[v] = max[v]! + 1;
        if (solver.propagate(d, solver.watch[v]!)) {
          const sol = solver.search(d, comp, { v, descending: true });
          if (sol) record(sol);
        }
      }
    }
  }

  const bounds = min.map((lo, v) => ({ min: lo, max: max[v]!, pinned: lo === max[v] }));
  return { feasible: true, bounds };
}
