/**
 * Cuts for the master program (master.ts): linear inequalities over the candidates' x (1 = hidden)
 * that every safe set satisfies, found from a set the exact attack showed to be unsafe.
 *
 * Capacity cuts (Fischetti & Salazar-González's protection-level cuts, by LP duality). For an exposed
 * figure p and a direction, the attacker's linear relaxation in deviations d = y − raw is
 *   max c·d  subject to  M d = 0 (every published sum),  l_f(x) ≤ d_f ≤ u_f(x),
 * with c = +e_p (how high can p go) or −e_p (how low), and, per fact f:
 *   a primary figure: its domain minus its raw value (fixed bounds, whatever x is);
 *   a candidate: [x_f·(lo_f − raw_f), x_f·(hi_f − raw_f)] (its ":" domain when hidden, 0 when shown);
 *   any other figure: 0 (always shown).
 * For ANY row multipliers λ, setting r = c − Mᵀλ, α = max(r, 0), β = max(−r, 0) gives, for every
 * feasible d, c·d = r·d ≤ Σ α_f u_f(x) − β_f l_f(x) (weak duality: M d = 0 and the bounds). So
 *   Σ_f (α_f u_f(x) − β_f l_f(x)) ≥ need
 * is necessary for the relaxation to move p by `need`, and hence for every safe set: a safe set has
 * an integer table moving p that far, and every integer table is feasible for the relaxation. The
 * left side is linear in x; λ is taken from the LP at the unsafe set, where the inequality is then
 * violated. Coefficients above the right side are cut down to it (a binary x_f with such a coefficient
 * satisfies the cut alone either way), and each is rounded up a little and the right side down, so
 * floating-point error can only weaken a cut, never make it exclude a safe set.
 *
 * System cuts (combinatorial), for an exposure only integrality shows: hide a candidate beside the
 * exposed figure's system, or show one of the hidden cells that make it up (see systemCut).
 */

import { CAP, domain, systemOf } from "./attack.js";
import { activeRanges, type Fact, type FactSystem, type RangeRelation } from "./facts.js";
import type { Cut } from "./master.js";
import { shownHidden } from "./master.js";
import type { Highs } from "./milp.js";

/** Safety margin of a capacity cut's coefficients against floating-point error. */
const EPS = 1e-7;

/**
 * One row of the attacker's relaxation in deviations: a ≤ Σ sign·d ≤ b. A published sum is a row with
 * a = b = 0 (total −1, parts +1); a range relation (an average) has its slack around the raw sum, and
 * its guard (when the average may be hidden) is what a cut pays to drop the row.
 */
export interface DeviationRow {
  terms: [string, number][];
  a: number;
  b: number;
  guard?: string;
}

/**
 * The relations that touch the LP's columns (`column`: fact id → x index), as rows (the multipliers of
 * a cut are read per row) and as LP-format lines over the columns only (a fact outside them is fixed,
 * and folded in by the caller's bounds). A range row gets a slack column y<k> in [a, b] (LP text has
 * no two-sided rows); `bounds` holds those slacks' bounds.
 */
export function sumRows(
  model: FactSystem,
  column: ReadonlyMap<string, number>,
  ranges: readonly RangeRelation[] = [],
): { rows: DeviationRow[]; lines: string[]; bounds: string[] } {
  const touches = (ids: readonly string[]): boolean => ids.some((id) => column.has(id));
  const rows: DeviationRow[] = model.sums.filter(touches).map(([total, ...parts]) => ({
    terms: [[total!, -1] as [string, number], ...parts.map((id) => [id, 1] as [string, number])],
    a: 0,
    b: 0,
  }));
  const sums = rows.length;
  for (const r of ranges.filter((x) => touches(x.ids))) {
    const raw = r.ids.reduce((s, id) => s + model.byId.get(id)!.value, 0);
    rows.push({ terms: r.ids.map((id) => [id, 1]), a: r.lo - raw, b: r.hi - raw, ...(r.guard ? { guard: r.guard } : {}) });
  }
  const bounds: string[] = [];
  const lines = rows.map((r, k) => {
    const terms = r.terms.filter(([id]) => column.has(id)).map(([id, s]) => `${s < 0 ? "-" : "+"} x${column.get(id)}`);
    if (k < sums) return ` s${k}: ${terms.join(" ")} = 0`;
    bounds.push(` ${r.a} <= y${k} <= ${r.b}`);
    return ` s${k}: ${terms.join(" ")} - y${k} = 0`;
  });
  return { rows, lines, bounds };
}

export interface SystemLp {
  vars: string[];
  /** Relations touching the system. */
  rows: DeviationRow[];
  text: (objective: string) => string;
}

/**
 * The attacker's relaxation around figure p at an integer point: its system (every unknown figure
 * linked to it by sums) as LP text in deviations.
 */
function systemLp(model: FactSystem, hidden: ReadonlySet<string>, p: string): SystemLp {
  const vars = systemOf(model, hidden, p);
  const index = new Map(vars.map((id, i) => [id, i]));
  const { rows, lines, bounds: slacks } = sumRows(model, index, activeRanges(model, hidden));
  const bounds = vars.map((id, i) => {
    const f = model.byId.get(id)!;
    const d = domain(model, f);
    return ` ${d.lo - f.value} <= x${i} <= ${d.hi - f.value}`;
  });
  bounds.push(...slacks);
  const text = (objective: string): string =>
    [
      "Maximize",
      ` obj: ${objective}`,
      "Subject To",
      ...(lines.length > 0 ? lines : [" s_empty: 0 x0 >= 0"]),
      "Bounds",
      ...bounds,
      "End",
    ].join("\n");
  return { vars, rows, text };
}

/** The deviation bounds a fact's hidden domain allows: how far down (L) and up (U) from its raw value. */
function spread(model: FactSystem, f: Fact): { down: number; up: number } {
  const d = domain(model, f);
  return { down: f.value - d.lo, up: Math.min(d.hi, CAP) - f.value };
}

/** The cut that the multipliers λ give (see the file comment); undefined when it cannot be violated. */
export function cutFromMultipliers(
  model: FactSystem,
  lp: Pick<SystemLp, "rows">,
  lambda: number[],
  p: string,
  sign: number,
  need: number,
): Cut | undefined {
  const r = new Map<string, number>([[p, sign]]);
  let constant = 0;
  const coefs: { id: string; coef: number }[] = [];
  lp.rows.forEach((row, k) => {
    const l = lambda[k] ?? 0;
    if (Math.abs(l) < 1e-12) return;
    for (const [id, s] of row.terms) r.set(id, (r.get(id) ?? 0) - l * s);
    // The row's slack (a column in [a, b] with reduced cost l): while the row holds it adds at most
    // max(l, 0)·b − max(−l, 0)·a; a hidden guard drops the row, and then nothing bounds it, so the
    // guard's own x satisfies the cut alone (its coefficient is cut down to the right side below).
    constant += Math.max(l, 0) * row.b - Math.max(-l, 0) * row.a;
    if (row.guard) coefs.push({ id: row.guard, coef: Infinity });
  });
  for (const [id, rf] of r) {
    if (Math.abs(rf) < 1e-12) continue;
    const f = model.byId.get(id)!;
    const alpha = Math.max(rf, 0);
    const beta = Math.max(-rf, 0);
    if (f.primary) {
      const s = spread(model, f);
      constant += alpha * s.up + beta * s.down;
    } else if (f.candidate) {
      const s = spread(model, f);
      coefs.push({ id, coef: alpha * s.up + beta * s.down });
    }
    // Any other figure is always shown: its deviation is 0.
  }
  const rhs = need - constant;
  if (rhs <= EPS) return undefined;
  const merged = new Map<string, number>();
  for (const c of coefs) merged.set(c.id, (merged.get(c.id) ?? 0) + c.coef);
  const terms = [...merged].filter(([, coef]) => coef > 0).map(([id, coef]) => ({ id, coef: Math.min(coef, rhs) / rhs + EPS }));
  return { terms, rhs: 1 - EPS, kind: "capacity" };
}

export const lhsAt = (cut: Cut, x: (id: string) => number): number => cut.terms.reduce((s, t) => s + t.coef * x(t.id), 0);

/** Solves the relaxation for p in direction `sign` and turns its row multipliers into a cut violated at x. */
function separate(
  model: FactSystem,
  highs: Highs,
  lp: SystemLp,
  x: (id: string) => number,
  p: string,
  sign: 1 | -1,
  need: number,
): Cut | undefined {
  const i = lp.vars.indexOf(p);
  const res = highs.solve(lp.text(`${sign < 0 ? "-" : "+"} x${i}`), { output_flag: false }) as {
    Status: string;
    ObjectiveValue: number;
    Rows?: { Dual?: number }[];
  };
  if (res.Status !== "Optimal" || res.ObjectiveValue >= need - 1e-6) return undefined;
  const lambda = (res.Rows ?? []).map((row) => row.Dual ?? 0);
  // The solver's sign convention for row duals is checked, not assumed: the cut must be violated.
  for (const s of [1, -1]) {
    const cut = cutFromMultipliers(
      model,
      lp,
      lambda.map((l) => s * l),
      p,
      sign,
      need,
    );
    if (cut && lhsAt(cut, x) < cut.rhs - 1e-6) return cut;
  }
  return undefined;
}

/**
 * A capacity cut for figure `p` that the set `chosen` violates, when the linear relaxation already
 * shows p cannot move `need` in direction `sign` (+1 up, −1 down); undefined when only the integer
 * attack shows the exposure.
 */
export function capacityCut(
  model: FactSystem,
  highs: Highs,
  chosen: ReadonlySet<string>,
  p: string,
  sign: 1 | -1,
  need: number,
): Cut | undefined {
  const lp = systemLp(model, shownHidden(model, chosen), p);
  return separate(model, highs, lp, (id) => (chosen.has(id) ? 1 : 0), p, sign, need);
}

/**
 * A system cut: Σ x(add) + Σ (1 − x(keep)) ≥ 1 — at least one candidate beside the exposed figure's
 * system is hidden, or one of the hidden cells that make up the system is shown again.
 * Valid for every safe set: a set that keeps the system's hidden cells and hides nothing beside it
 * has exactly the same system (the same unknowns, sums, range relations, known values and domains), so
 * the same figure is exposed in it.
 */
export function systemCut(model: FactSystem, chosen: ReadonlySet<string>, exposedId: string): Cut {
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
  const keep = new Set<string>();
  // The relations a reader has: a range whose average is hidden ties nothing (its figures need not
  // stay as they are; showing the average again is in `keep` below).
  for (const ids of [...model.sums, ...activeRanges(model, hidden).map((r) => r.ids)]) {
    if (!ids.some((id) => system.has(id))) continue;
    for (const id of ids) if (!system.has(id)) reasons(id).forEach((c) => add.add(c));
  }
  // A range relation on the system changes it when its average is hidden (a shown one) or shown
  // again (a hidden one).
  for (const r of model.ranges) if (r.guard && r.ids.some((id) => system.has(id))) (chosen.has(r.guard) ? keep : add).add(r.guard);
  for (const id of system)
    reasons(id)
      .filter((c) => chosen.has(c))
      .forEach((c) => keep.add(c));
  for (const c of keep) add.delete(c);
  return {
    terms: [...[...add].map((id) => ({ id, coef: 1 })), ...[...keep].map((id) => ({ id, coef: -1 }))],
    rhs: 1 - keep.size,
    kind: "system",
  };
}
