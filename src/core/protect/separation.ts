/**
 * Capacity cuts at a fractional point of the master's relaxation (the root of the cutting-plane
 * loop; see cuts.ts for why every such cut holds for every safe set whatever multipliers it is built
 * from). One linear program of the whole fact model per point: each unknown figure's deviation is
 * allowed its share x_f of its ":" domain, held to PROTECTION_SPAN (the most any figure must move:
 * from a raw 1 to 3); every protected figure and direction is then one change of objective and a
 * warm-started re-solve, whose row multipliers give the cut.
 */

import { domain } from "./attack.js";
import type { Exposure } from "./checker.js";
import { cutFromMultipliers, lhsAt, sumRows, type DeviationRow } from "./cuts.js";
import type { FactSystem } from "./facts.js";
import type { Cut } from "./master.js";
import type { Highs } from "./milp.js";

/** How far a protected figure may have to move at most ("*" is 1–3). */
const PROTECTION_SPAN = 2;

/** The part of HiGHS's persistent model API used here. */
interface LpModel {
  options: { set(values: Record<string, unknown>): unknown };
  run(): { modelStatus: number };
  getObjectiveValue(): number;
  getSolution(): { rowDual: Float64Array };
  changeColCost(index: number, cost: number): unknown;
  dispose(): void;
}
type HighsWithModels = Highs & { createModel(source: { format: "lp"; data: string }): LpModel };

const OPTIMAL = 7;

/** The relaxation's LP text at point x (candidate id → share), its columns and its rows. */
function relaxation(
  model: FactSystem,
  x: ReadonlyMap<string, number>,
): { text: string; column: Map<string, number>; rows: DeviationRow[] } {
  const vars = model.facts.filter((f) => f.kind !== "average" && (f.primary || (x.get(f.id) ?? 0) > 1e-9));
  const column = new Map(vars.map((f, i) => [f.id, i]));
  // A range relation whose average is more hidden than shown at x is left out: any multipliers give a
  // valid cut (cuts.ts), so this only chooses which cuts are looked for.
  const ranges = model.ranges.filter((r) => r.guard === undefined || (x.get(r.guard) ?? 0) < 0.5);
  const { rows, lines, bounds: slacks } = sumRows(model, column, ranges);
  const bounds = vars.map((f, i) => {
    const d = domain(model, f);
    if (f.primary) return ` ${d.lo - f.value} <= x${i} <= ${d.hi - f.value}`;
    const share = x.get(f.id) ?? 0;
    return ` ${-share * Math.min(f.value - d.lo, PROTECTION_SPAN)} <= x${i} <= ${share * Math.min(d.hi - f.value, PROTECTION_SPAN)}`;
  });
  const text = [
    "Maximize",
    // Every column in the objective first, in order, so that column i is x_i.
    ` obj: ${vars.map((_, i) => `+ 0 x${i}`).join(" ")}`,
    "Subject To",
    ...(lines.length > 0 ? lines : [" s_empty: 0 x0 >= 0"]),
    "Bounds",
    ...bounds,
    ...slacks,
    "End",
  ].join("\n");
  return { text, column, rows };
}

/** Capacity cuts violated at the fractional point x, one at most per demand (figure and direction). */
export function fractionalCuts(highs: Highs, model: FactSystem, x: ReadonlyMap<string, number>, demands: readonly Exposure[]): Cut[] {
  const lp = relaxation(model, x);
  if (lp.column.size === 0) return [];
  const m = (highs as HighsWithModels).createModel({ format: "lp", data: lp.text });
  const cuts: Cut[] = [];
  try {
    m.options.set({ output_flag: false });
    for (const d of demands) {
      const i = lp.column.get(d.id);
      if (i === undefined) continue;
      m.changeColCost(i, d.sign);
      const status = m.run().modelStatus;
      const value = m.getObjectiveValue();
      const lambda = status === OPTIMAL && value < d.need - 1e-6 ? Array.from(m.getSolution().rowDual) : undefined;
      m.changeColCost(i, 0);
      if (!lambda) continue;
      // The solver's sign convention for row duals is checked, not assumed: the cut must be violated.
      for (const s of [1, -1]) {
        const cut = cutFromMultipliers(
          model,
          lp,
          lambda.map((l) => s * l),
          d.id,
          d.sign,
          d.need,
        );
        if (cut && lhsAt(cut, (id) => x.get(id) ?? 0) < cut.rhs - 1e-6) {
          cuts.push(cut);
          break;
        }
      }
    }
  } finally {
    m.dispose();
  }
  return cuts;
}
