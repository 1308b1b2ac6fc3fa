// Solving the model and shaping its result: the bounds of every suppressed cell, including the
// derived ones (last year's count, a suppressed percent), or the equations that contradict.

import { percentChange } from "../percent.js";
import { SUPPRESS_MAX } from "../suppression.js";
import type { VariableBounds } from "../disclosure.js";
import type { CellMeta, Model, Operand, PercentCell } from "./model.js";
import { anything, bounds as reported, isPoint, narrower, point, type Interval } from "../interval.js";
import type { CellBounds } from "./audit-records.js";
import { InternalError } from "../errors.js";

interface Solved {
  feasible: true;
  bounds: VariableBounds[];
}

/**
 * Solves the model, or with one variable fixed; `only` names the variables whose bounds are read then
 * (the re-solves for a row's pairs read just its change: a solver may skip the rest).
 */
function solve(
  model: Model,
  fixed?: { variable: number; value: number },
  only?: readonly number[],
): Solved | { feasible: false; conflict: number[] } {
  const variables = fixed
    ? model.variables.map((v, i) => (i === fixed.variable ? { ...v, lo: fixed.value, hi: fixed.value } : v))
    : model.variables;
  const r = model.solver({ variables, constraints: model.constraints, ...(only ? { only } : {}) });
  return r.feasible ? r : { feasible: false, conflict: r.conflict };
}

function range(op: Operand, bounds: readonly VariableBounds[]): Interval {
  if ("value" in op) return point(op.value);
  const b = bounds[op.variable]!;
  return { lo: b.min, hi: b.max };
}

/** Percent as published; a last-year count of 0 has none (the constraints rule that out). */
function pct(antall: number, endring: number): number {
  const p = percentChange(antall, endring);
  if (p === null) throw new InternalError("audit-failed", `Prosent uten fjorårstall (antall ${antall}, endring ${endring}).`);
  return p;
}

/**
 * Ranges over the possible (antall a, change) pairs of one row, given the change's range for each
 * a: last year's count (a − change) and, when asked, the percent. For fixed a the percent is
 * nondecreasing in the change, so the extremes of the change give the extremes of the percent.
 */
function pairRanges(
  aValues: Iterable<number>,
  changeGiven: (a: number) => Interval | undefined,
  withPercent: boolean,
): { percent?: Interval; lastYear: Interval } | undefined {
  let pLo = Infinity;
  let pHi = -Infinity;
  let lyLo = Infinity;
  let lyHi = -Infinity;
  for (const a of aValues) {
    const e = changeGiven(a);
    if (!e) continue;
    if (withPercent) {
      pLo = Math.min(pLo, pct(a, e.lo));
      pHi = Math.max(pHi, pct(a, e.hi));
    }
    lyLo = Math.min(lyLo, a - e.hi);
    lyHi = Math.max(lyHi, a - e.lo);
  }
  if (lyLo === Infinity) return undefined;
  const lastYear = { lo: lyLo, hi: lyHi };
  return withPercent ? { percent: { lo: pLo, hi: pHi }, lastYear } : { lastYear };
}

function* span(r: Interval): Generator<number> {
  for (let v = r.lo; v <= r.hi; v++) yield v;
}

/** Per model: a change's range with the row's antall fixed to a value (see solvedPairRanges). */
const changeGiven = new WeakMap<Model, Map<string, Interval | undefined>>();

/** Exact pair ranges for a solved row: a suppressed antall is fixed value by value and re-solved. */
function solvedPairRanges(
  model: Model,
  bounds: readonly VariableBounds[],
  antall: Operand,
  endring: Operand,
  withPercent: boolean,
): { percent?: Interval; lastYear: Interval } | undefined {
  const a = range(antall, bounds);
  if ("value" in antall || isPoint(a)) return pairRanges([a.lo], () => range(endring, bounds), withPercent);
  const variable = antall.variable;
  // A row's change cell and its percent cell ask the same questions: each is solved once.
  let memo = changeGiven.get(model);
  if (!memo) changeGiven.set(model, (memo = new Map()));
  const known = memo;
  return pairRanges(
    span(a),
    (value) => {
      const key = `${variable}=${value}:${"variable" in endring ? endring.variable : `v${endring.value}`}`;
      if (known.has(key)) return known.get(key);
      const r = solve(model, { variable, value }, "variable" in endring ? [endring.variable] : []);
      const got = r.feasible ? range(endring, r.bounds) : undefined;
      known.set(key, got);
      return got;
    },
    withPercent,
  );
}

function cellOut(model: Model, meta: CellMeta, value: Interval, domain: Interval, lastYear?: Interval): CellBounds {
  const out: CellBounds = {
    table: model.layouts[meta.sheet]!.name,
    row: meta.row,
    col: meta.col,
    rowLabel: meta.rowLabel,
    colLabel: meta.colLabel,
    hovedgruppe: meta.hovedgruppe,
    kind: meta.kind,
    min: value.lo,
    max: value.hi,
    pinned: isPoint(value),
    domain: reported(domain),
    narrowed: narrower(value, domain),
  };
  if (lastYear) out.lastYear = { ...reported(lastYear), pinned: isPoint(lastYear) };
  return out;
}

/**
 * A "*" percent beside a ":" antall: percent = endring / L = antall / L − 1 grows with antall and
 * falls with L, so the extreme corners of the two ranges bound it. This is a hull (the pairs are not
 * enumerated); the protected quantity, last year's count, is exact.
 */
function percentHull(model: Model, p: PercentCell & CellMeta, a: Interval, ly: Interval): CellBounds {
  const hull = (ar: Interval, lr: Interval): Interval => {
    const lo = Math.max(1, lr.lo);
    const hiL = Math.max(1, lr.hi);
    return { lo: pct(ar.lo, ar.lo - hiL), hi: pct(ar.hi, ar.hi - lo) };
  };
  return cellOut(model, p, hull(a, ly), hull(p.antallDomain, p.lastYear), ly);
}

/** Bounds of every suppressed cell of the model, per sheet index; or the conflicting equations. */
export function evaluate(model: Model): { cells: Map<number, CellBounds[]> } | { equations: string[] } {
  const solved = solve(model);
  if (!solved.feasible) return { equations: solved.conflict.map((ci) => model.constraints[ci]!.label ?? `#${ci}`) };
  const { bounds } = solved;
  const found: { sheet: number; cell: CellBounds }[] = [];

  model.varCells.forEach((meta, v) => {
    if (meta.hidden) return;
    const b = bounds[v]!;
    const dom = model.variables[v]!;
    const antall = model.changeAntall.get(v);
    const lyVar = model.changeLastYear.get(v);
    const lastYear =
      lyVar !== undefined
        ? range({ variable: lyVar }, bounds)
        : antall
          ? solvedPairRanges(model, bounds, antall, { variable: v }, false)?.lastYear
          : undefined;
    found.push({ sheet: meta.sheet, cell: cellOut(model, meta, { lo: b.min, hi: b.max }, dom, lastYear) });
  });

  for (const p of model.percents) {
    if (p.lastYearVar !== undefined) {
      found.push({ sheet: p.sheet, cell: percentHull(model, p, range(p.antall, bounds), range({ variable: p.lastYearVar }, bounds)) });
      continue;
    }
    const solvedP = solvedPairRanges(model, bounds, p.antall, p.endring, true);
    if (!solvedP?.percent) throw new InternalError("audit-failed", `${model.where(p)}: fant ingen mulig prosent.`);
    // What "*" alone allows: every antall in its domain, every change its last-year range permits.
    const aDomain: Interval = "value" in p.antall ? point(p.antall.value) : { lo: 1, hi: SUPPRESS_MAX };
    const naive = pairRanges(
      span(aDomain),
      (a) => {
        const e = { lo: Math.max(p.endringDomain.lo, a - p.lastYear.hi), hi: Math.min(p.endringDomain.hi, a - p.lastYear.lo) };
        return Number.isFinite(e.lo) && Number.isFinite(e.hi) && e.lo <= e.hi ? e : undefined;
      },
      true,
    );
    // Without a finite change range, "*" alone says nothing about the percent.
    const domain = naive?.percent ?? anything();
    found.push({ sheet: p.sheet, cell: cellOut(model, p, solvedP.percent, domain, solvedP.lastYear) });
  }

  const cells = new Map<number, CellBounds[]>();
  for (const { sheet, cell } of found.sort((x, y) => x.sheet - y.sheet || x.cell.row - y.cell.row || x.cell.col - y.cell.col)) {
    const list = cells.get(sheet);
    if (list) list.push(cell);
    else cells.set(sheet, [cell]);
  }
  return { cells };
}
