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
 * Method (a cutting-plane loop, Benders-like, on one model of every table at once: facts.ts):
 * 0. Root rounds (separation.ts): capacity cuts at the fractional optimum of the master's linear
 *    relaxation, until none is violated; again after every round of step 3.
 * 1. The master integer program (master.ts) picks the cheapest set satisfying every cut so far,
 *    solved by HiGHS with a gap of 0. Every row of it holds for every optimal safe set, so its
 *    optimum is a lower bound on the true optimum.
 * 2. The exact attacker (checker.ts, attack.ts: integer bounds of every "*" on the fact model) checks
 *    the set. If nothing is exposed, the set is safe and costs the lower bound: a proven optimum.
 * 3. Otherwise each exposure adds a cut that the set violates and every safe set satisfies
 *    (cuts.ts): a capacity cut from LP duality when the linear relaxation already shows it, a
 *    combinatorial system cut when only integrality does. Back to 0.
 * 4. When the time limit stops the loop, the last master set is repaired greedily (repair.ts) and
 *    reported with the proven lower bound beside it.
 * 5. The result is verified by the combined exact audit of the six sheets the add-in shows
 *    (sheet-check.ts), which is independent of the fact model and the cuts.
 */

import type { DisclosureAudit } from "../disclosure-audit.js";
import { InternalError } from "../errors.js";
import { bounds, type Bounds } from "../interval.js";
import type { Dataset } from "../types.js";
import { applyProtection } from "./apply.js";
import { Checker, exposedOf } from "./checker.js";
import { factModel, type Fact } from "./facts.js";
import { better, costOf, shownHidden, type Cost } from "./master.js";
import { loadHighs, type Highs } from "./milp.js";
import { inherentNarrowings, type InherentNarrowing } from "./narrowing.js";
import { DEFAULT_TIME_LIMIT_MS, search, type SearchStats } from "./search.js";
import { sheetCheck } from "./sheet-check.js";

export type { Cost } from "./master.js";
export type { InherentNarrowing } from "./narrowing.js";

export interface ProtectionResult {
  /** The dataset with the period protected (symbols written in). */
  dataset: Dataset;
  period: string;
  /** Cells shown as "*". */
  primary: Fact[];
  /** Cells hidden with ":" to protect them (a hidden count's change included). */
  secondary: Fact[];
  cost: Cost;
  /** Proven: no safe set costs less (the master's optimum, or its bound when the time limit stopped it). */
  lowerBound: Cost;
  /** The cost is the proven lower bound: no safe set hides fewer cells, or as few with a smaller sum. */
  optimal: boolean;
  /**
   * The search, for the report: root cut rounds, master programs solved, cuts of each kind,
   * milliseconds, and whether it stopped (time limit) before proving its optimum and fell back to repair.
   */
  search: SearchStats;
  /** The combined audit of the result: every "*" with its exact bounds. */
  audit: DisclosureAudit;
  /**
   * Per primary figure (fact id): its range in the result and the widest any protection can give
   * (equal for every figure: that is the guarantee). Mostly 1–3; less only where "*" cells add up
   * among themselves.
   */
  ranges: Map<string, { got: Bounds; best: Bounds }>;
  /** The "*" that the "*" cells themselves narrow, named as published, with the reason. */
  inherent: InherentNarrowing[];
}

export interface ProtectOptions {
  /** Time for the exact search, in milliseconds (default 10 000); after it the best set is repaired. */
  timeLimitMs?: number;
}

/** Protects one period (newest by default) of a raw dataset. */
export async function protect(ds: Dataset, period?: string, highs?: Highs, options: ProtectOptions = {}): Promise<ProtectionResult> {
  const solver = highs ?? (await loadHighs());
  const model = factModel(ds, period);
  const checker = new Checker(model, solver);
  const s = search(solver, model, checker, options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS);
  const hidden = shownHidden(model, s.chosen);
  const cost = costOf(model, hidden);
  if (better(cost, s.lowerBound))
    throw new InternalError("protection-failed", "Skjermingen: en trygg prikking kostet mindre enn den nedre grensen (feil i modellen).");
  const final = sheetCheck(ds, model, solver, hidden);
  if (exposedOf(final.ranges, checker.target).length > 0)
    throw new InternalError("protection-failed", "Skjermingen: resultatet består ikke prikkekontrollen.");
  const ranges = new Map([...final.ranges].map(([id, got]) => [id, { got: bounds(got), best: bounds(checker.target.get(id) ?? got) }]));
  const lowerBound = s.proven ? cost : s.lowerBound;
  return {
    dataset: applyProtection(ds, model, hidden),
    period: model.period.period,
    primary: model.facts.filter((f) => f.primary),
    secondary: [...hidden].map((id) => model.byId.get(id)!).filter((f) => !f.primary),
    cost,
    lowerBound,
    optimal: s.proven || (cost.cells === lowerBound.cells && cost.sum === lowerBound.sum),
    search: s.search,
    audit: final.audit,
    ranges,
    inherent: inherentNarrowings(ds, model, ranges),
  };
}
