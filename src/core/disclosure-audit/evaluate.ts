// Solving the model and shaping its result: the bounds of every suppressed cell, including the
// derived ones (last year's count, a suppressed percent), or the equations that contradict.

import { percentChange } from "../dataset.js";
import { SUPPRESS_MAX } from "../suppression.js";
import type { VariableBounds } from "../disclosure.js";
import type { CellMeta, Model, Operand, PercentCell } from "./model.js";
import type { CellBounds, Range } from "./types.js";

interface Solved {
  feasible: true;
  bounds: VariableBounds[];
}

function solve(model: Model, fixed?: { variable: number; value: number }): Solved | { feasible: false; conflict: number[] } {
  const variables = fixed
    ? model.variables.map((v, i) => (i === fixed.variable ? { ...v, lo: fixed.value, hi: fixed.value } : v))
    : model.variables;
  const r = model.solver({ variables, constraints: model.constraints });
  return r.feasible ? r : { feasible: false, conflict: r.conflict };
}

function range(op: Operand, bounds: readonly VariableBounds[]): Range {
  if ("value" in op) return { min: op.value, max: op.value };
  const b = bounds[op.variable]!;
  return { min: b.min, max: b.max };
}

/** Percent as published; a last-year count of 0 has none (the constraints rule that out). */
function pct(antall: number, endring: number): number {
  const p = percentChange(antall, endring);
  if (p === null) throw new Error(`Prosent uten fjorårstall (antall ${antall}, endring ${endring}).`);
  return p;
}

/**
 * Ranges over the possible (antall a, change) pairs of one row, given the change's range for each
 * a: last year's count (a − change) and, when asked, the percent. For fixed a the percent is
 * nondecreasing in the change, so the extremes of the change give the extremes of the percent.
 */
function pairRanges(
  aValues: Iterable<number>,
  changeGiven: (a: number) => Range | undefined,
  withPercent: boolean,
): { percent?: Range; lastYear: Range } | undefined {
  let pLo = Infinity;
  let pHi = -Infinity;
  let lyLo = Infinity;
  let lyHi = -Infinity;
  for (const a of aValues) {
    const e = changeGiven(a);
    if (!e) continue;
    if (withPercent) {
      pLo = Math.min(pLo, pct(a, e.min));
      pHi = Math.max(pHi, pct(a, e.max));
    }
    lyLo = Math.min(lyLo, a - e.max);
    lyHi = Math.max(lyHi, a - e.min);
  }
  if (lyLo === Infinity) return undefined;
  const lastYear = { min: lyLo, max: lyHi };
  return withPercent ? { percent: { min: pLo, max: pHi }, lastYear } : { lastYear };
}

function* span(r: Range): Generator<number> {
  for (let v = r.min; v <= r.max; v++) yield v;
}

/** Exact pair ranges for a solved row: a suppressed antall is fixed value by value and re-solved. */
function solvedPairRanges(
  model: Model,
  bounds: readonly VariableBounds[],
  antall: Operand,
  endring: Operand,
  withPercent: boolean,
): { percent?: Range; lastYear: Range } | undefined {
  const a = range(antall, bounds);
  if ("value" in antall || a.min === a.max) return pairRanges([a.min], () => range(endring, bounds), withPercent);
  const variable = antall.variable;
  return pairRanges(
    span(a),
    (value) => {
      const r = solve(model, { variable, value });
      return r.feasible ? range(endring, r.bounds) : undefined;
    },
    withPercent,
  );
}

function cellOut(model: Model, meta: CellMeta, value: Range, domain: Range, lastYear?: Range): CellBounds {
  const out: CellBounds = {
    table: model.layouts[meta.sheet]!.name,
    row: meta.row,
    col: meta.col,
    rowLabel: meta.rowLabel,
    colLabel: meta.colLabel,
    hovedgruppe: meta.hovedgruppe,
    kind: meta.kind,
    min: value.min,
    max: value.max,
    pinned: value.min === value.max,
    domain,
    narrowed: value.min > domain.min || value.max < domain.max,
  };
  if (lastYear) out.lastYear = { min: lastYear.min, max: lastYear.max, pinned: lastYear.min === lastYear.max };
  return out;
}

/**
 * A "*" percent beside a ":" antall: percent = endring / L = antall / L − 1 grows with antall and
 * falls with L, so the extreme corners of the two ranges bound it. This is a hull (the pairs are not
 * enumerated); the protected quantity, last year's count, is exact.
 */
function percentHull(model: Model, p: PercentCell & CellMeta, a: Range, ly: Range): CellBounds {
  const hull = (ar: Range, lr: Range): Range => {
    const lo = Math.max(1, lr.min);
    const hiL = Math.max(1, lr.max);
    return { min: pct(ar.min, ar.min - hiL), max: pct(ar.max, ar.max - lo) };
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
    found.push({ sheet: meta.sheet, cell: cellOut(model, meta, { min: b.min, max: b.max }, { min: dom.lo, max: dom.hi }, lastYear) });
  });

  for (const p of model.percents) {
    if (p.lastYearVar !== undefined) {
      found.push({ sheet: p.sheet, cell: percentHull(model, p, range(p.antall, bounds), range({ variable: p.lastYearVar }, bounds)) });
      continue;
    }
    const solvedP = solvedPairRanges(model, bounds, p.antall, p.endring, true);
    if (!solvedP?.percent) throw new Error(`${model.where(p)}: fant ingen mulig prosent.`);
    // What "*" alone allows: every antall in its domain, every change its last-year range permits.
    const aDomain: Range = "value" in p.antall ? { min: p.antall.value, max: p.antall.value } : { min: 1, max: SUPPRESS_MAX };
    const naive = pairRanges(
      span(aDomain),
      (a) => {
        const e = { min: Math.max(p.endringDomain.min, a - p.lastYear.max), max: Math.min(p.endringDomain.max, a - p.lastYear.min) };
        return Number.isFinite(e.min) && Number.isFinite(e.max) && e.min <= e.max ? e : undefined;
      },
      true,
    );
    // Without a finite change range, "*" alone says nothing about the percent.
    const domain = naive?.percent ?? { min: -Infinity, max: Infinity };
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
