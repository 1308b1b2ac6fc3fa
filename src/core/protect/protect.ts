/**
 * Secondary suppression: which further cells to hide (":") so that no "*" can be worked out from
 * everything the add-in publishes for a period — the six tables together, as the combined disclosure
 * audit reads them (the same figure in several tables is one unknown; last year's counts are implied
 * by the changes).
 *
 * Goal: every primary cell's exact feasible interval, given all published figures, is what "*" says:
 * a count of 1–3 can be any of 1, 2, 3; a last year's count of 1–3 (behind a "*" change) likewise —
 * or, where "*" cells add up among themselves (a row of three "*": the total is at least 2), as wide
 * as hiding every other figure could make it.
 *
 * Cost: first the number of hidden cells (":" figures; one per distinct figure, and a hidden count's
 * change counts as a cell too), then the sum of the hidden values (a change weighs its last year's
 * count). Only figures of at least 4 are hidden: an empty cell is left empty.
 *
 * Method:
 * 1. A master integer program (HiGHS) picks the cheapest set satisfying a necessary condition: in
 *    every sum, a cell that must stay unknown (a primary cell, or a hidden count) has at least one
 *    other unknown cell beside it — otherwise the sum gives it away (or, for a hidden count, hiding it
 *    was wasted and a cheaper set exists). Its optimum is a lower bound on the true optimum.
 * 2. An exact attacker (attack.ts: integer bounds of every "*" on the fact model, per independent
 *    system) checks the set. If none is narrowed, the set is optimal. Otherwise every exposed figure
 *    adds a cut to the master (hide something beside its system, or show a cell of it again) and the
 *    master is solved again — a few rounds; each optimum is a valid, rising lower bound.
 * 3. If still exposed, repair: for each exposed primary cell hide the cheapest further candidate in
 *    one of its sums, re-check, and repeat; then drop every hidden cell (largest first) whose removal
 *    keeps the check clean. Its gap to the lower bound is reported.
 * 4. The result is verified by the combined exact audit of the six sheets the add-in shows.
 */

import { auditLayouts, type CellBounds, type DisclosureAudit } from "../disclosure-audit.js";
import { bounds, fromBounds, interval, narrower, type Bounds, type Interval } from "../interval.js";
import { buildLayouts } from "../layout.js";
import type { Dataset } from "../types.js";
import { SUPPRESS_MAX } from "../suppression.js";
import { applyProtection } from "./apply.js";
import { FactAttacker, systemOf } from "./attack.js";
import { factModel, type Fact, type FactModel } from "./facts.js";
import { loadHighs, milpSolver, type Highs } from "./milp.js";
import { probeMap } from "./probe.js";
import { InternalError } from "../errors.js";

export interface Cost {
  cells: number;
  sum: number;
}

export interface ProtectionResult {
  /** The dataset with the period protected (symbols written in). */
  dataset: Dataset;
  period: string;
  /** Cells shown as "*". */
  primary: Fact[];
  /** Cells hidden with ":" to protect them (a hidden count's change included). */
  secondary: Fact[];
  cost: Cost;
  /** The master program's optimum: no safe set costs less. */
  lowerBound: Cost;
  optimal: boolean;
  /** The combined audit of the result: every "*" with its exact bounds. */
  audit: DisclosureAudit;
  /**
   * Per primary figure (fact id): its range in the result and the widest any protection can give
   * (equal for every figure: that is the guarantee). Mostly 1–3; less only where "*" cells add up
   * among themselves.
   */
  ranges: Map<string, { got: Bounds; best: Bounds }>;
}

/**
 * What the exact audit says a "*" cell reveals: a count's range, or a change's range of last year's
 * count (the figure it protects). Undefined for a change beside a "*" count whose last year's count
 * cannot be 1–3 (it is "*" only because of the count).
 */
function protectedRange(c: CellBounds): Interval | undefined {
  if (c.kind === "count") return fromBounds(c);
  if (c.kind === "change" && c.lastYear) return fromBounds(c.lastYear);
  return undefined;
}

/** The ":" cells a set of chosen facts shows: the chosen ones and the changes of hidden counts. */
function shownHidden(model: FactModel, chosen: ReadonlySet<string>): Set<string> {
  const out = new Set(chosen);
  for (const [e, a] of model.rowCount) if (chosen.has(a) && !model.byId.get(e)!.primary) out.add(e);
  return out;
}

function costOf(model: FactModel, hidden: ReadonlySet<string>): Cost {
  const facts = [...hidden].map((id) => model.byId.get(id)!).filter((f) => !f.primary);
  return { cells: facts.length, sum: facts.reduce((s, f) => s + Math.max(0, f.value), 0) };
}

/** The primary figures a set exposes: those whose range is narrower than their target. */
function exposedOf(ranges: ReadonlyMap<string, Interval>, target: ReadonlyMap<string, Interval>): string[] {
  return [...ranges]
    .filter(([id, r]) => {
      const t = target.get(id);
      // Only 1–3 is promised: last year's count behind a "*" change beside a "*" count may run far
      // above 3, and how far depends on the cap each attacker assumes for figures nothing bounds.
      return t !== undefined && narrower(r, interval(t.lo, Math.min(t.hi, SUPPRESS_MAX)));
    })
    .map(([id]) => id);
}

/**
 * The attacker the search runs against: the exact integer bounds on the fact model (attack.ts), a few
 * small programs per check. The target for each primary figure is its range with every other
 * non-empty figure hidden — the most any choice can achieve. Usually that is the full 1–3, but where
 * "*" cells add up among themselves it is less (a total of two "*" is at least 2 whatever else is
 * hidden); a figure is exposed when it is bounded more narrowly than its target.
 */
class Checker {
  private readonly attacker: FactAttacker;
  readonly target: Map<string, Interval>;
  /** Checks run, for the report. */
  runs = 0;
  constructor(
    private readonly model: FactModel,
    highs: Highs,
  ) {
    this.attacker = new FactAttacker(model, highs);
    const all = new Set(model.facts.filter((f) => f.candidate).map((f) => f.id));
    this.target = this.attacker.ranges(shownHidden(model, all));
  }

  exposed(hidden: ReadonlySet<string>): string[] {
    this.runs++;
    return exposedOf(this.attacker.ranges(hidden, this.target), this.target);
  }
}

/**
 * The independent check of a result: the combined exact audit of the six sheets the add-in shows for
 * the protected period (it reads only the published sheets). Per primary figure, the widest range
 * over its appearances (the same figure in several tables is one unknown there: same bounds).
 */
function sheetCheck(
  ds: Dataset,
  model: FactModel,
  highs: Highs,
  hidden: ReadonlySet<string>,
): { audit: DisclosureAudit; ranges: Map<string, Interval> } {
  const where = probeMap(ds, model);
  const protectedDs = applyProtection(ds, model, hidden);
  const audit = auditLayouts(buildLayouts(protectedDs, model.period.period), { mode: "combined", solve: milpSolver(highs), standInCap: 0 });
  const ranges = new Map<string, Interval>();
  for (const t of audit.tables) {
    if (t.infeasible) throw new InternalError("protection-failed", `Skjermingen ga tabeller som ikke går opp: ${t.infeasible.message}`);
    for (const c of t.cells) {
      const id = where.get(`${t.table}|${c.row}|${c.col}`);
      const r = protectedRange(c);
      if (!id || !r) continue;
      const known = ranges.get(id);
      ranges.set(id, known ? interval(Math.min(known.lo, r.lo), Math.max(known.hi, r.hi)) : r);
    }
  }
  return { audit, ranges };
}

/** Step 1: the master program. Returns the chosen candidate ids and the optimum's cost. */
function master(highs: Highs, model: FactModel, cuts: readonly Cut[] = []): { chosen: Set<string>; cost: Cost } {
  const cands = model.facts.filter((f) => f.candidate);
  const index = new Map(cands.map((f, i) => [f.id, i]));
  const big = 1 + cands.reduce((s, f) => s + f.value, 0);
  // A hidden count whose change is not a candidate (no last year) still shows its change as ":".
  const forcedChange = new Map<string, number>();
  for (const [e, a] of model.rowCount) {
    const ef = model.byId.get(e)!;
    if (!ef.candidate && !ef.primary && index.has(a)) forcedChange.set(a, 1);
  }
  const weight = (f: Fact): number => big * (1 + (forcedChange.get(f.id) ?? 0)) + f.value;
  const x = (id: string): string | undefined => (index.has(id) ? `x${index.get(id)}` : undefined);
  const rows: string[] = [];
  // Unknown-cell indicator of a fact as a linear term list and a constant.
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
  let r = 0;
  for (const sum of model.sums) {
    for (const c of sum) {
      const f = model.byId.get(c)!;
      // A change that is "*" only because its count is 1–3 hides no small last year's count: it
      // need not stay unknown.
      const protectedCell = f.primary && (f.kind === "count" || (f.value >= 1 && f.value <= 3));
      const mustHide = protectedCell ? "primary" : f.candidate && f.kind === "count" ? "count" : undefined;
      if (!mustHide) continue;
      const others = sum.filter((d) => d !== c).map(unknown);
      const constant = others.reduce((s, o) => s + o.constant, 0);
      if (constant >= 1) continue;
      const terms = others.flatMap((o) => o.vars);
      const lhs = terms.length > 0 ? terms.map((v) => `+ ${v}`).join(" ") : "0 x0";
      rows.push(mustHide === "primary" ? ` p${r++}: ${lhs} >= 1` : ` p${r++}: ${lhs} - ${x(c)} >= 0`);
    }
  }
  for (const [e, a] of model.rowCount) {
    const xe = x(e);
    const xa = x(a);
    if (xe && xa) rows.push(` r${r++}: ${xe} - ${xa} >= 0`);
  }
  for (const cut of cuts) {
    // Σ x(add) + Σ (1 − x(keep)) ≥ 1
    const terms = [...cut.add.map((id) => `+ ${x(id)}`), ...cut.keep.map((id) => `- ${x(id)}`)];
    rows.push(` k${r++}: ${terms.length > 0 ? terms.join(" ") : "0 x0"} >= ${1 - cut.keep.length}`);
  }
  if (cands.length === 0) return { chosen: new Set(), cost: { cells: 0, sum: 0 } };
  const lp = [
    "Minimize",
    ` obj: ${cands.map((f, i) => `+ ${weight(f)} x${i}`).join(" ")}`,
    "Subject To",
    ...(rows.length > 0 ? rows : [" z: x0 >= 0"]),
    "Binary",
    ` ${cands.map((_, i) => `x${i}`).join(" ")}`,
    "End",
  ].join("\n");
  const res = highs.solve(lp, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0 });
  if (res.Status !== "Optimal")
    throw new InternalError("protection-failed", `Skjermingen fant ingen løsning (heltallsløseren svarte «${res.Status}»).`);
  const chosen = new Set(cands.filter((_, i) => Math.round(res.Columns[`x${i}`]?.Primal ?? 0) === 1).map((f) => f.id));
  return { chosen, cost: costOf(model, shownHidden(model, chosen)) };
}

/**
 * A cut for the master: Σ x(add) + Σ (1 − x(keep)) ≥ 1 — at least one candidate beside the exposed
 * figure's system is hidden, or one of the hidden cells that make up the system is shown again.
 * Valid for every safe set: a set that keeps the system's hidden cells and hides nothing beside it
 * has exactly the same system (the same unknowns, sums and domains), so the same figure is exposed.
 */
interface Cut {
  add: string[];
  keep: string[];
}

function cutFor(model: FactModel, chosen: ReadonlySet<string>, exposedId: string): Cut {
  const hidden = shownHidden(model, chosen);
  const system = new Set(systemOf(model, hidden, exposedId));
  // Why a fact is unknown, or could become so: its own ":" or its row's count's.
  const reasons = (id: string): string[] => {
    const f = model.byId.get(id)!;
    const own = f.candidate ? [id] : [];
    const count = f.kind === "change" ? model.rowCount.get(id) : undefined;
    return count && model.byId.get(count)!.candidate ? [...own, count] : own;
  };
  const add = new Set<string>();
  for (const sum of model.sums) {
    if (!sum.some((id) => system.has(id))) continue;
    for (const id of sum) if (!system.has(id)) reasons(id).forEach((c) => add.add(c));
  }
  const keep = new Set<string>();
  for (const id of system)
    reasons(id)
      .filter((c) => chosen.has(c))
      .forEach((c) => keep.add(c));
  for (const c of keep) add.delete(c);
  return { add: [...add], keep: [...keep] };
}

/**
 * Step 2 as a cutting-plane loop: solve the master, check its set, and for every exposed figure add a
 * cut that rules the set's system out; until the check is clean (then the set is optimal: every cut
 * holds for every safe set) or the round limit is reached (`safe` false: the repair takes over).
 * Each master optimum is a lower bound on the true optimum, rising with the cuts.
 */
function cutLoop(
  highs: Highs,
  model: FactModel,
  checker: Checker,
  rounds: number,
): { chosen: Set<string>; lowerBound: Cost; safe: boolean } {
  const cuts: Cut[] = [];
  let m = master(highs, model);
  for (let round = 0; ; round++) {
    const exposed = checker.exposed(shownHidden(model, m.chosen));
    if (exposed.length === 0) return { chosen: m.chosen, lowerBound: m.cost, safe: true };
    if (round >= rounds) return { chosen: m.chosen, lowerBound: m.cost, safe: false };
    for (const id of exposed) cuts.push(cutFor(model, m.chosen, id));
    m = master(highs, model, cuts);
  }
}

/** Sums a fact is in. */
function sumsOf(model: FactModel, id: string): string[][] {
  return model.sums.filter((s) => s.includes(id));
}

/** Step 3: hide a cheap candidate next to each exposed cell until the check is clean. */
function repair(model: FactModel, checker: Checker, start: Set<string>, firstExposed: string[]): Set<string> {
  const chosen = new Set(start);
  let exposedIds = firstExposed;
  for (let round = 0; exposedIds.length > 0; round++) {
    if (round > model.facts.length) throw new InternalError("protection-failed", "Skjermingen kom ikke fram til en trygg prikking.");
    let added = 0;
    for (const id of exposedIds) {
      const options = sumsOf(model, id)
        .flat()
        .map((d) => model.byId.get(d)!)
        .filter((f) => f.candidate && !chosen.has(f.id))
        .sort((a, b) => a.value - b.value || a.id.localeCompare(b.id));
      if (options[0]) {
        chosen.add(options[0].id);
        added++;
      }
    }
    if (added === 0) {
      // Nothing beside them left to hide: widen to the cheapest candidate anywhere.
      const any = model.facts.filter((f) => f.candidate && !chosen.has(f.id)).sort((a, b) => a.value - b.value)[0];
      if (!any) throw new InternalError("protection-failed", "Skjermingen kom ikke fram til en trygg prikking.");
      chosen.add(any.id);
    }
    exposedIds = checker.exposed(shownHidden(model, chosen));
  }
  // Drop what is not needed, largest first.
  for (const id of [...chosen].sort((a, b) => model.byId.get(b)!.value - model.byId.get(a)!.value)) {
    chosen.delete(id);
    if (checker.exposed(shownHidden(model, chosen)).length > 0) chosen.add(id);
  }
  return chosen;
}

const better = (a: Cost, b: Cost): boolean => a.cells < b.cells || (a.cells === b.cells && a.sum < b.sum);

/**
 * Cutting-plane rounds before the greedy repair takes over. Each round is one master program and one
 * check; on November 2016 the first rounds lift the lower bound from 20 to 25 cells, later ones only
 * trade sets of the same size by their sum.
 */
const CUT_ROUNDS = 4;

/** Protects one period (newest by default) of a raw dataset. */
export async function protect(ds: Dataset, period?: string, highs?: Highs): Promise<ProtectionResult> {
  const solver = highs ?? (await loadHighs());
  const model = factModel(ds, period);
  const checker = new Checker(model, solver);
  const m = cutLoop(solver, model, checker, CUT_ROUNDS);
  let chosen = m.chosen;
  if (!m.safe) chosen = repair(model, checker, m.chosen, checker.exposed(shownHidden(model, m.chosen)));
  const hidden = shownHidden(model, chosen);
  const cost = costOf(model, hidden);
  if (better(cost, m.lowerBound))
    throw new InternalError("protection-failed", "Skjermingen: en trygg prikking kostet mindre enn den nedre grensen (feil i modellen).");
  const final = sheetCheck(ds, model, solver, hidden);
  if (exposedOf(final.ranges, checker.target).length > 0)
    throw new InternalError("protection-failed", "Skjermingen: resultatet består ikke prikkekontrollen.");
  return {
    dataset: applyProtection(ds, model, hidden),
    period: model.period.period,
    primary: model.facts.filter((f) => f.primary),
    secondary: [...hidden].map((id) => model.byId.get(id)!).filter((f) => !f.primary),
    cost,
    lowerBound: m.lowerBound,
    optimal: cost.cells === m.lowerBound.cells && cost.sum === m.lowerBound.sum,
    audit: final.audit,
    ranges: new Map([...final.ranges].map(([id, got]) => [id, { got: bounds(got), best: bounds(checker.target.get(id) ?? got) }])),
  };
}
