/**
 * The master integer program of secondary suppression: which candidates to hide (binary x per
 * candidate fact) at the least cost, subject to the linear cuts collected so far.
 *
 * Its optimum is a lower bound on the cost of every safe set as long as every row holds for every
 * optimal safe set; that is what each row's comment argues, and what makes a master solution that
 * passes the exact attack a proven optimum (protect.ts).
 *
 * The cost is lexicographic: first the number of hidden cells, then the sum of the hidden values. One
 * weight per candidate does both: a cell weighs more than all values together.
 *
 * The time series enter the same way (tilt/series-facts.ts): month figures as facts with their sums,
 * averages as facts that guard a range relation; the master and the cuts only see facts, relations and
 * candidate flags.
 */

import { InternalError } from "../errors.js";
import type { Fact, FactSystem } from "./facts.js";
import type { Highs } from "./milp.js";

export interface Cost {
  cells: number;
  sum: number;
}

/** A cut Σ coef · x(id) ≥ rhs over candidate facts. */
export interface Cut {
  terms: { id: string; coef: number }[];
  rhs: number;
  /** Which family it comes from, for the report: "capacity" (LP duality) or "system" (combinatorial). */
  kind: "capacity" | "system";
}

export interface MasterResult {
  /** The chosen candidates (the best found when the time limit stopped the solve). */
  chosen: Set<string> | undefined;
  /** A proven lower bound on the cost of every safe set. */
  bound: Cost;
  /** Solved to a proven optimum (gap 0)? */
  optimal: boolean;
}

/** The ":" cells a set of chosen facts shows: the chosen ones and the changes of hidden counts. */
export function shownHidden(model: FactSystem, chosen: ReadonlySet<string>): Set<string> {
  const out = new Set(chosen);
  for (const [e, a] of model.rowCount) if (chosen.has(a) && !model.byId.get(e)!.primary) out.add(e);
  return out;
}

export function costOf(model: FactSystem, hidden: ReadonlySet<string>): Cost {
  const facts = [...hidden].map((id) => model.byId.get(id)!).filter((f) => !f.primary);
  return { cells: facts.length, sum: facts.reduce((s, f) => s + Math.max(0, f.value), 0) };
}

export const better = (a: Cost, b: Cost): boolean => a.cells < b.cells || (a.cells === b.cells && a.sum < b.sum);

/**
 * The master's fixed rows, as LP text lines over `x(id)`:
 * - p: in every sum, a sensitive figure has another unknown figure beside it. Valid for every safe
 *   set: a figure alone unknown in a sum equals the sum of the published others, so it is pinned —
 *   exposed unless even its best range is a single value (`pinned`: "*" cells that fix one another
 *   whatever is hidden), which gets no such row.
 * - p (hidden count): a hidden count has another unknown beside it in every sum. Valid for every
 *   optimal safe set: a count alone unknown in a sum is pinned already, so showing it leaves every
 *   reader's system the same (same feasible tables) at a lower cost.
 * - r: a hidden count hides its change (the change cell shows ":" whenever its count does).
 */
function fixedRows(model: FactSystem, x: (id: string) => string | undefined, pinned: ReadonlySet<string>): string[] {
  const rows: string[] = [];
  const unknown = (id: string): { vars: string[]; constant: number } => {
    const f = model.byId.get(id)!;
    if (f.primary) return { vars: [], constant: 1 };
    const vars: string[] = [];
    const own = x(id);
    if (own) vars.push(own);
    if (f.kind === "change") {
      const a = x(model.rowCount.get(id)!);
      // A hidden count hides its change; "≥" is enough here (an indicator may only be undercounted).
      if (a && !own) vars.push(a);
    }
    return { vars, constant: 0 };
  };
  for (const sum of model.sums) {
    for (const c of sum) {
      const f = model.byId.get(c)!;
      // A change that is "*" only because its count is 1–3 hides no small last year's count: it
      // need not stay unknown.
      const protectedCell = f.primary && (f.kind === "count" || (f.value >= 1 && f.value <= 3)) && !pinned.has(c);
      const mustHide = protectedCell ? "primary" : f.candidate && f.kind === "count" ? "count" : undefined;
      if (!mustHide) continue;
      const others = sum.filter((d) => d !== c).map(unknown);
      if (others.reduce((s, o) => s + o.constant, 0) >= 1) continue;
      const terms = others.flatMap((o) => o.vars);
      const lhs = terms.length > 0 ? terms.map((v) => `+ ${v}`).join(" ") : "0 x0";
      rows.push(mustHide === "primary" ? `${lhs} >= 1` : `${lhs} - ${x(c)} >= 0`);
    }
  }
  for (const [e, a] of model.rowCount) {
    const xe = x(e);
    const xa = x(a);
    if (xe && xa) rows.push(`${xe} - ${xa} >= 0`);
  }
  return rows;
}

const coefText = (c: number): string => (c < 0 ? `- ${-c}` : `+ ${c}`);

/** The master program as LP text; every candidate is a column, in `cands` order (x0, x1, …). */
function masterLp(
  model: FactSystem,
  cands: readonly Fact[],
  cuts: readonly Cut[],
  big: number,
  pinned: ReadonlySet<string>,
  relaxed = false,
): string {
  const index = new Map(cands.map((f, i) => [f.id, i]));
  const x = (id: string): string | undefined => (index.has(id) ? `x${index.get(id)}` : undefined);
  // A hidden count whose change is not a candidate (no last year) still shows its change as ":".
  const forcedChange = new Set<string>();
  for (const [e, a] of model.rowCount) {
    const ef = model.byId.get(e)!;
    if (!ef.candidate && !ef.primary && index.has(a)) forcedChange.add(a);
  }
  const weight = (f: Fact): number => big * (forcedChange.has(f.id) ? 2 : 1) + f.value;
  const rows = fixedRows(model, x, pinned);
  for (const cut of cuts) {
    const terms = cut.terms.filter((t) => index.has(t.id) && t.coef !== 0);
    rows.push(`${terms.length > 0 ? terms.map((t) => `${coefText(t.coef)} ${x(t.id)}`).join(" ") : "0 x0"} >= ${cut.rhs}`);
  }
  return [
    "Minimize",
    ` obj: ${cands.map((f, i) => `+ ${weight(f)} x${i}`).join(" ")}`,
    "Subject To",
    ...(rows.length > 0 ? rows.map((r, i) => ` m${i}: ${r}`) : [" z: x0 >= 0"]),
    ...(relaxed ? ["Bounds", ...cands.map((_, i) => ` 0 <= x${i} <= 1`)] : ["Binary", ` ${cands.map((_, i) => `x${i}`).join(" ")}`]),
    "End",
  ].join("\n");
}

/** The part of HiGHS's persistent model API the master uses (time limit, proven bound). */
interface HighsModel {
  options: { set(values: Record<string, unknown>): unknown };
  info: { get(name: string): number | bigint };
  run(): { modelStatus: number };
  getSolution(): { colValue: Float64Array };
  dispose(): void;
}
type HighsWithModels = Highs & { createModel(source: { format: "lp"; data: string }): HighsModel };

/** HiGHS model status codes (highs.constants.modelStatus). */
const OPTIMAL = 7;
const INFEASIBLE = 8;
const TIME_LIMIT = 13;

/**
 * Solves the master with a time limit (seconds). A gap of 0 is asked for: «Optimal» is the integer
 * optimum. When the limit stops it, the best set found (if any) and HiGHS's proven dual bound.
 */
export function solveMaster(
  highs: Highs,
  model: FactSystem,
  cuts: readonly Cut[],
  pinned: ReadonlySet<string>,
  timeLimit: number,
): MasterResult {
  const cands = model.facts.filter((f) => f.candidate);
  if (cands.length === 0) return { chosen: new Set(), bound: { cells: 0, sum: 0 }, optimal: true };
  const big = 1 + cands.reduce((s, f) => s + f.value, 0);
  const m = (highs as HighsWithModels).createModel({ format: "lp", data: masterLp(model, cands, cuts, big, pinned) });
  try {
    m.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0, time_limit: Math.max(0.05, timeLimit) });
    const status = m.run().modelStatus;
    if (status === INFEASIBLE)
      throw new InternalError("protection-failed", "Skjermingen fant ingen trygg prikking (heltallsløseren: ingen løsning).");
    if (status !== OPTIMAL && status !== TIME_LIMIT)
      throw new InternalError("protection-failed", `Skjermingen fant ingen løsning (heltallsløseren svarte med status ${status}).`);
    // primal_solution_status 2: a feasible solution is at hand (HiGHS's SolutionStatus).
    const found = status === OPTIMAL || Number(m.info.get("primal_solution_status")) === 2;
    const values = m.getSolution().colValue;
    const picked = cands.filter((_, i) => Math.round(values[i] ?? 0) === 1).map((f) => f.id);
    const chosen = new Set(picked);
    // The weights are integers, so an optimum read off a solution whose values are integral within
    // the solver's tolerances is exact; should they not be (a numerically hard model), the set is
    // still used, but only the dual bound below is claimed.
    const integral = cands.every((_, i) => Math.abs((values[i] ?? 0) - Math.round(values[i] ?? 0)) < 1e-6);
    if (status === OPTIMAL && integral) return { chosen, bound: costOf(model, shownHidden(model, chosen)), optimal: true };
    // Stopped by the limit (or not integral): the dual bound on the weighted cost bounds the cells (a
    // cell outweighs all values together); no claim is made about the sum then.
    const dual = Number(m.info.get("mip_dual_bound"));
    const cells = Number.isFinite(dual) ? Math.max(0, Math.floor(dual / big + 1e-9)) : 0;
    return { chosen: found ? chosen : undefined, bound: { cells, sum: 0 }, optimal: false };
  } finally {
    m.dispose();
  }
}

/**
 * The master's linear relaxation (every x in [0, 1]): the fractional point that capacity cuts are
 * separated at before any integer program is solved (separation.ts), which makes the first master
 * much closer to the final one. One persistent model: each round's cuts are added as rows and the
 * relaxation re-solved from the previous basis.
 */
export class MasterRelaxation {
  private readonly cands: Fact[];
  private readonly index: Map<string, number>;
  private readonly lp: RelaxationModel | undefined;
  constructor(highs: Highs, model: FactSystem, pinned: ReadonlySet<string>) {
    this.cands = model.facts.filter((f) => f.candidate);
    this.index = new Map(this.cands.map((f, i) => [f.id, i]));
    if (this.cands.length === 0) return;
    const big = 1 + this.cands.reduce((s, f) => s + f.value, 0);
    this.lp = (highs as Highs & { createModel(source: { format: "lp"; data: string }): RelaxationModel }).createModel({
      format: "lp",
      data: masterLp(model, this.cands, [], big, pinned, true),
    });
    this.lp.options.set({ output_flag: false });
  }

  add(cuts: readonly Cut[]): void {
    for (const cut of cuts) {
      const terms = cut.terms.filter((t) => this.index.has(t.id) && t.coef !== 0);
      this.lp?.addRow(cut.rhs, Infinity, { indices: terms.map((t) => this.index.get(t.id)!), values: terms.map((t) => t.coef) });
    }
  }

  /** The relaxation's optimum: candidate id → value. */
  solve(): Map<string, number> {
    if (!this.lp) return new Map();
    const status = this.lp.run().modelStatus;
    if (status !== OPTIMAL)
      throw new InternalError("protection-failed", `Skjermingen fant ingen løsning (LP-løseren svarte med status ${status}).`);
    const x = this.lp.getSolution().colValue;
    return new Map(this.cands.map((f, i) => [f.id, Math.min(1, Math.max(0, x[i] ?? 0))]));
  }

  dispose(): void {
    this.lp?.dispose();
  }
}

interface RelaxationModel extends HighsModel {
  addRow(lower: number, upper: number, entries: { indices: number[]; values: number[] }): unknown;
}
