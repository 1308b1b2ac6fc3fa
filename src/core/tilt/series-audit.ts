// Disclosure audit of the time series: which «*» a reader can work out from one published table
// (one TILT workbook's data sheet, block by block). The published relations:
// - every month: the block's «I alt» = the sum of its rows (TILT180: with or without Tilrettelegging's
//   three tiltak, as the file's own sums showed; when they do not tell, that relation is left out,
//   since a reader cannot know which holds);
// - every row (the «I alt» row too): «Gjennomsnitt hittil i år» is the mean of its months to within
//   0.5 (NAV's rounding rule is not known), so the months' sum lies in [k·(g − 0.5), k·(g + 0.5)].
// «*» is 1..3, «..» is any count, empty is 0. Exact bounds come from the same solver as the tables'
// audit (disclosure.ts). A month «I alt» with one «*» under it gives that «*» away; the average can
// narrow a «*» that the month alone leaves open (January 50, February 51, March «*», average 34 →
// March is 1 or 2).

import { between, solveBounds, type DisclosureProblem, type DisclosureResult, type LinearTerm } from "../disclosure.js";
import { periodLabel } from "../text.js";
import { SUPPRESSED, type Count, type Dataset, type SeriesBlock, type SeriesCell, type SeriesTable } from "../types.js";
import { isTilretteleggingTiltak } from "./names.js";

/** A «*» cell of a time-series table with the exact range the table leaves it. */
export interface SeriesCellBounds {
  period: string;
  /** «TILT140 2026»: the table. */
  table: string;
  file: string;
  sheet: string;
  cell: string;
  /** The row label (a tiltak, a tiltaksgruppe, or the block's «I alt …»). */
  tiltak: string;
  /** The målgruppe's short name. */
  hovedgruppe: string;
  /** The month's name as in the header («Mars»). */
  column: string;
  min: number;
  max: number;
  pinned: boolean;
  /** The figures narrow it beyond 1–3. */
  narrowed: boolean;
}

export interface SeriesTableAudit {
  table: string;
  file: string;
  sheet: string;
  cells: SeriesCellBounds[];
  infeasible?: { message: string; equations: string[] };
}

/** Stand-in upper bound for a «..» cell: far above any count NAV publishes. */
const UNKNOWN_CAP = 10_000_000;
const MONTHS = ["Januar", "Februar", "Mars", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Desember"];

interface Var {
  row: number;
  month: number;
  reported: boolean;
}

class BlockProblem {
  readonly vars: Var[] = [];
  readonly variables: DisclosureProblem["variables"][number][] = [];
  readonly constraints: DisclosureProblem["constraints"][number][] = [];
  private readonly at = new Map<string, number>();

  /** The known value of a cell, or its variable (a «*» is 1..3, a «..» any count). */
  operand(cell: SeriesCell, row: number, month: number, name: string): { value: number } | { variable: number } {
    const v: Count = cell.value;
    if (v === null) return { value: 0 };
    if (typeof v === "number") return { value: v };
    const key = `${row}:${month}`;
    let i = this.at.get(key);
    if (i === undefined) {
      i = this.variables.length;
      this.at.set(key, i);
      this.vars.push({ row, month, reported: v === SUPPRESSED });
      this.variables.push(v === SUPPRESSED ? { lo: 1, hi: 3, name } : { lo: 0, hi: UNKNOWN_CAP, name, auxiliary: true });
    }
    return { variable: i };
  }

  /** lo ≤ Σ sign·operand ≤ hi, with known values folded in; sums of counts are whole, so the bounds are rounded inwards. */
  add(parts: { op: { value: number } | { variable: number }; sign: number }[], lo: number, hi: number, label: string): void {
    const terms: LinearTerm[] = [];
    let known = 0;
    for (const p of parts) {
      if ("value" in p.op) known += p.sign * p.op.value;
      else terms.push({ variable: p.op.variable, coef: p.sign });
    }
    if (terms.length === 0) return;
    this.constraints.push(between(terms, Math.ceil(lo - known - 1e-9), Math.floor(hi - known + 1e-9), label));
  }
}

function buildProblem(table: SeriesTable, block: SeriesBlock): BlockProblem {
  const p = new BlockProblem();
  const [total, ...rows] = block.rows;
  const name = (r: number, i: number) => `«${block.rows[r]!.label}» / ${MONTHS[Number(table.periods[i]!.slice(5)) - 1]}`;
  const op = (r: number, i: number) => p.operand(block.rows[r]!.months[i]!, r, i, name(r, i));
  // Every «*» is reported, also one no published relation touches (it stays 1–3).
  block.rows.forEach((row, r) => row.months.forEach((_, i) => op(r, i)));
  const counted = rows
    .map((row, k) => ({ row, r: k + 1 }))
    .filter(({ row }) => table.code !== 180 || table.totalScope !== "without" || !isTilretteleggingTiltak(row.label));
  if (!(table.code === 180 && table.totalScope === "either")) {
    table.periods.forEach((_, i) => {
      p.add(
        [{ op: op(0, i), sign: 1 }, ...counted.map(({ r }) => ({ op: op(r, i), sign: -1 }))],
        0,
        0,
        `«${total!.label}» i ${periodLabel(table.periods[i]!)} = summen av radene`,
      );
    });
  }
  block.rows.forEach((row, r) => {
    const g = row.average.value;
    // An empty or «..» average says nothing; «:» never stands in NAV's tables.
    if (typeof g !== "number" && g !== SUPPRESSED) return;
    const [a, b] = g === SUPPRESSED ? [1, 3] : [g, g];
    const k = row.months.length;
    const nonEmpty = row.months.filter((m) => m.value !== null).length || k;
    p.add(
      row.months.map((_, i) => ({ op: op(r, i), sign: 1 })),
      Math.min(k, nonEmpty) * (a - 0.5),
      Math.max(k, nonEmpty) * (b + 0.5),
      `«${row.label}»: «Gjennomsnitt hittil i år» (${row.average.cell}) er gjennomsnittet av månedene ± 0,5`,
    );
  });
  return p;
}

type Solve = (problem: DisclosureProblem) => DisclosureResult;

function auditTable(table: SeriesTable, hgName: (id: string) => string, solve: Solve): SeriesTableAudit {
  const out: SeriesTableAudit = { table: `TILT${table.code} ${table.year}`, file: table.file, sheet: table.sheet, cells: [] };
  for (const block of table.blocks) {
    const p = buildProblem(table, block);
    if (p.variables.length === 0) continue;
    const r = solve({ variables: p.variables, constraints: p.constraints });
    if (!r.feasible) {
      const equations = r.conflict.map((i) => p.constraints[i]!.label ?? "");
      out.infeasible = {
        message: `Tallene i «${table.file}», blokken «${block.label}», går ikke opp: ${equations.join("; ")}.`,
        equations,
      };
      out.cells = [];
      return out;
    }
    p.vars.forEach((v, i) => {
      if (!v.reported) return;
      const b = r.bounds[i]!;
      const cell = block.rows[v.row]!.months[v.month]!;
      out.cells.push({
        period: table.periods[v.month]!,
        table: out.table,
        file: table.file,
        sheet: table.sheet,
        cell: cell.cell,
        tiltak: block.rows[v.row]!.label,
        hovedgruppe: hgName(block.hovedgruppe),
        column: MONTHS[Number(table.periods[v.month]!.slice(5)) - 1]!,
        min: b.min,
        max: b.max,
        pinned: b.min === b.max,
        narrowed: b.min > 1 || b.max < 3,
      });
    });
  }
  return out;
}

/**
 * Audits every time-series table of the dataset (only the cells of `period` reported when given;
 * the whole table is still solved, since the average ties its months together).
 */
export function auditSeries(ds: Dataset, options: { period?: string; solve?: Solve } = {}): SeriesTableAudit[] {
  const hgName = (id: string) => ds.hovedgrupper.find((h) => h.id === id)?.short ?? id;
  const tables = (ds.series ?? []).filter((t) => options.period === undefined || t.periods.includes(options.period));
  return tables.map((t) => {
    const a = auditTable(t, hgName, options.solve ?? solveBounds);
    return options.period === undefined ? a : { ...a, cells: a.cells.filter((c) => c.period === options.period) };
  });
}
