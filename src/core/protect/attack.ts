/**
 * The attacker protection searches with: exact integer bounds of every protected figure, computed on
 * the fact model (each distinct figure one unknown, the sums that tie them) instead of on the six
 * laid-out sheets. It is the same system a reader of the combined sheets has, stated once per figure,
 * so one check costs a few small integer programs instead of a full audit of every sheet cell; the
 * result is still verified by the sheet audit at the end (protect.ts).
 *
 * What a reader knows of an unknown figure (a little more than the sheet audit assumes, so a set this
 * attacker accepts is safe for the sheet audit too):
 * - a "*" count: 1–3;
 * - a ":" count: at least 4 (a 0 is shown empty, and 1–3 would be "*");
 * - last year's count L behind a change: an empty percent says L = 0; with a percent shown as a
 *   symbol L ≥ 1; a "*" change beside a count that is shown or ":" says L is 1–3; a ":" change
 *   says L ≥ 4.
 *
 * The raw figures themselves are one solution, so every bound starts from them, and every solution
 * an optimisation finds widens the known ranges of all figures at once: a bound already reached
 * needs no program of its own.
 */

import { interval, type Interval } from "../interval.js";
import { isSmall } from "../suppression.js";
import { activeRanges, type Fact, type FactSystem, type RangeRelation } from "./facts.js";
import { exactMipOptions, type Highs } from "./milp.js";
import { InternalError } from "../errors.js";

/** A finite stand-in for "no upper bound" (HiGHS then never reports «Unbounded»). */
export const CAP = 100_000_000;

/** The part of HiGHS's persistent model API the relaxations use. */
interface LpModel {
  options: { set(values: Record<string, unknown>): unknown };
  run(): { modelStatus: number };
  getSolution(): { colValue: Float64Array };
  changeColCost(index: number, cost: number): unknown;
  dispose(): void;
}

/** HiGHS's model status «Optimal» (highs.constants.modelStatus). */
const LP_OPTIMAL = 7;

function openModel(highs: Highs, text: string): LpModel {
  const m = (highs as Highs & { createModel(source: { format: "lp"; data: string }): LpModel }).createModel({ format: "lp", data: text });
  m.options.set({ output_flag: false });
  return m;
}

/** The figures whose range must stay wide: "*" counts, and "*" changes whose last year's count is 1–3. */
export function sensitive(model: FactSystem): Fact[] {
  return model.facts.filter((f) => f.primary && (f.kind === "count" || (f.kind === "change" && isSmall(f.value))));
}

/** A reader's domain of an unknown figure (the symbols shown on its row say this much). */
export function domain(model: FactSystem, f: Fact): Interval {
  // An average is in no sum: it only says whether its range relation holds (never an unknown).
  if (f.kind === "average") return interval(0, CAP);
  // A count that may be 0 or at least 4: [0, CAP] here, the hole (1–3) is the attacker's (solveSystem).
  if (f.kind === "count") return f.primary ? interval(1, 3) : f.hole ? interval(0, CAP) : interval(4, CAP);
  if (!f.hasPercent) return interval(0, 0);
  if (!f.primary) return interval(4, CAP);
  const count = model.byId.get(model.rowCount.get(f.id)!)!;
  // "*" because this year's count is "*": it says nothing of L beyond the percent's presence.
  if (count.primary) return interval(1, CAP);
  // Otherwise it is "*" only because L is 1–3.
  return interval(1, 3);
}

/** Groups the unknown figures that share a relation (union–find): each group is an independent system. */
function components(model: FactSystem, unknown: ReadonlySet<string>, ranges: readonly RangeRelation[]): string[][] {
  const parent = new Map([...unknown].map((id) => [id, id]));
  const find = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(id, r);
    return r;
  };
  for (const sum of [...model.sums, ...ranges.map((r) => r.ids)]) {
    const us = sum.filter((id) => unknown.has(id));
    for (const u of us.slice(1)) parent.set(find(u), find(us[0]!));
  }
  const groups = new Map<string, string[]>();
  for (const id of unknown) {
    const r = find(id);
    const g = groups.get(r);
    if (g) g.push(id);
    else groups.set(r, [id]);
  }
  return [...groups.values()].map((g) => g.sort());
}

/** The figures a reader does not see: every primary one and the hidden ones (an average is never a figure of a system). */
function unknowns(model: FactSystem, hidden: ReadonlySet<string>): Set<string> {
  return new Set(model.facts.filter((f) => f.kind !== "average" && (f.primary || hidden.has(f.id))).map((f) => f.id));
}

/** The unknown figures in one system with `id` when the figures in `hidden` (and every primary one) are unknown. */
export function systemOf(model: FactSystem, hidden: ReadonlySet<string>, id: string): string[] {
  return components(model, unknowns(model, hidden), activeRanges(model, hidden)).find((c) => c.includes(id)) ?? [id];
}

/** A system's relations as LP rows over its unknowns x<k> (`index`), the known figures folded in. */
function systemRows(model: FactSystem, index: ReadonlyMap<string, number>, ranges: readonly RangeRelation[]): string[] {
  const rows: string[] = [];
  model.sums.forEach(([total, ...parts], r) => {
    if (![total!, ...parts].some((id) => index.has(id))) return;
    const terms: string[] = [];
    let constant = 0;
    const add = (id: string, sign: number): void => {
      const i = index.get(id);
      if (i === undefined) constant += sign * model.byId.get(id)!.value;
      else terms.push(`${sign < 0 ? "-" : "+"} x${i}`);
    };
    add(total!, -1);
    for (const p of parts) add(p, 1);
    rows.push(` s${r}: ${terms.join(" ")} = ${-constant}`);
  });
  ranges.forEach((range, r) => {
    let known = 0;
    const terms: string[] = [];
    for (const id of range.ids) {
      const i = index.get(id);
      if (i === undefined) known += model.byId.get(id)!.value;
      else terms.push(`+ x${i}`);
    }
    rows.push(` r${r}l: ${terms.join(" ")} >= ${range.lo - known}`, ` r${r}h: ${terms.join(" ")} <= ${range.hi - known}`);
  });
  return rows;
}

export class FactAttacker {
  private readonly sens: Fact[];
  /**
   * Ranges per system, by its unknown figures: a system's sums and domains follow from which figures
   * are unknown in it, so a system a check did not change is not solved again.
   */
  private readonly cache = new Map<string, Map<string, Interval>>();
  /** Integer programs solved, for the report. */
  programs = 0;
  /**
   * `holes: false` reads a hidden figure that may be 0 as any count (the series audit's reader);
   * `only` limits the figures whose ranges are wanted.
   */
  constructor(
    private readonly model: FactSystem,
    private readonly highs: Highs,
    private readonly options: { holes?: boolean; only?: ReadonlySet<string> } = {},
  ) {
    this.sens = sensitive(model).filter((f) => !options.only || options.only.has(f.id));
  }

  /**
   * Exact ranges of the sensitive figures when the figures in `hidden` (and every primary one) are
   * unknown. With `targets`, a bound that already reaches its target is not pushed further (only
   * "is it narrower?" matters), which saves most programs.
   */
  ranges(hidden: ReadonlySet<string>, targets?: ReadonlyMap<string, Interval>): Map<string, Interval> {
    const unknown = unknowns(this.model, hidden);
    const active = activeRanges(this.model, hidden);
    const sens = new Set(this.sens.map((f) => f.id));
    const out = new Map<string, Interval>();
    for (const vars of components(this.model, unknown, active)) {
      if (!vars.some((id) => sens.has(id))) continue;
      const inSystem = new Set(vars);
      // A system is its unknowns and the relations on them: a range relation shown or hidden changes it.
      const ranges = active.filter((r) => r.ids.some((id) => inSystem.has(id)));
      const key = `${targets ? "t" : "x"}|${vars.join(",")}|${ranges.map((r) => this.model.ranges.indexOf(r)).join(",")}`;
      let got = this.cache.get(key);
      if (!got) {
        got = this.solveSystem(vars, ranges, targets);
        this.cache.set(key, got);
      }
      for (const [id, r] of got) out.set(id, r);
    }
    return out;
  }

  /** One system: its sensitive figures' ranges. */
  private solveSystem(vars: string[], ranges: readonly RangeRelation[], targets?: ReadonlyMap<string, Interval>): Map<string, Interval> {
    const model = this.model;
    const index = new Map(vars.map((id, i) => [id, i]));
    const rows = systemRows(model, index, ranges);
    // A hidden figure that is 0 or at least 4: a binary z says which (x ≤ CAP·z, x ≥ 4·z).
    const holes =
      this.options.holes === false ? [] : vars.flatMap((id, k) => (model.byId.get(id)!.hole && !model.byId.get(id)!.primary ? [k] : []));
    const holeRows = holes.flatMap((k) => [` h${k}a: x${k} - 4 z${k} >= 0`, ` h${k}b: x${k} - ${CAP} z${k} <= 0`]);
    const inHole = (v: number): boolean => v > 0.5 && v < 3.5;
    const bounds = vars.map((id, i) => {
      const d = domain(model, model.byId.get(id)!);
      return ` ${d.lo} <= x${i} <= ${d.hi}`;
    });
    const lp = ["Subject To", ...(rows.length > 0 ? rows : [" s_empty: 0 x0 >= 0"]), "Bounds", ...bounds];
    const binary = holes.length > 0 ? ["Binary", ` ${holes.map((k) => `z${k}`).join(" ")}`] : [];
    const body = [
      ...lp.slice(0, 1),
      ...holeRows,
      ...lp.slice(1),
      "General",
      ` ${vars.map((_, i) => `x${i}`).join(" ")}`,
      ...binary,
      "End",
    ].join("\n");
    // The relaxation as one persistent model (every column in the objective, in order, so column k
    // is x_k): each bound is a change of objective and a warm-started re-solve.
    const relaxed = ["Maximize", ` obj: ${vars.map((_, k) => `+ 0 x${k}`).join(" ")}`, ...lp, "End"].join("\n");
    let lpModel: LpModel | undefined;
    // The raw figures are a solution: the starting witnesses.
    const min = vars.map((id) => model.byId.get(id)!.value);
    const max = min.slice();
    const record = (value: (k: number) => number | undefined): void => {
      vars.forEach((_, k) => {
        const x = Math.round(value(k) ?? min[k]!);
        if (x < min[k]!) min[k] = x;
        if (x > max[k]!) max[k] = x;
      });
    };
    const optimise = (i: number, sense: "Minimize" | "Maximize"): void => {
      this.programs++;
      // The sums are nearly a network, so the linear optimum is mostly a vertex with integer values:
      // then it is the integer optimum too (no integer solution beats the relaxation), and the
      // integer program is not needed (a figure in its hole, 1–3, makes the relaxation's point no table).
      lpModel ??= openModel(this.highs, relaxed);
      lpModel.changeColCost(i, sense === "Maximize" ? 1 : -1);
      const status = lpModel.run().modelStatus;
      const x = status === LP_OPTIMAL ? lpModel.getSolution().colValue : undefined;
      lpModel.changeColCost(i, 0);
      if (x && x.every((v) => Math.abs(v - Math.round(v)) < 1e-7) && !holes.some((k) => inHole(x[k]!))) {
        record((k) => x[k]);
        return;
      }
      const r = this.highs.solve(`${sense}\n obj: x${i}\n${body}`, exactMipOptions(holes.length > 0));
      if (r.Status !== "Optimal") throw new InternalError("protection-failed", `Skjermingen: heltallsløseren svarte «${r.Status}».`);
      record((k) => r.Columns[`x${k}`]?.Primal);
    };
    try {
      return this.bounds(index, min, max, optimise, targets);
    } finally {
      lpModel?.dispose();
    }
  }

  /** Pushes each sensitive figure's bounds as far as its target asks, then reads them off. */
  private bounds(
    index: ReadonlyMap<string, number>,
    min: number[],
    max: number[],
    optimise: (i: number, sense: "Minimize" | "Maximize") => void,
    targets?: ReadonlyMap<string, Interval>,
  ): Map<string, Interval> {
    const model = this.model;
    const out = new Map<string, Interval>();
    for (const f of this.sens) {
      const i = index.get(f.id);
      if (i === undefined) continue;
      const d = domain(model, f);
      const t = targets?.get(f.id) ?? d;
      if (min[i]! > Math.max(d.lo, t.lo)) optimise(i, "Minimize");
      if (max[i]! < Math.min(d.hi, t.hi)) optimise(i, "Maximize");
    }
    for (const f of this.sens) {
      const i = index.get(f.id);
      if (i !== undefined) out.set(f.id, interval(min[i]!, max[i]!));
    }
    return out;
  }
}
