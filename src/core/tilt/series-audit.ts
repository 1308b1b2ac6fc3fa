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
import { SUPPRESSED, type Count, type Dataset, type SeriesCell, type SeriesTable } from "../types.js";
import { countedRows, groupLinks } from "./tilt-sums.js";
import { seriesTableName } from "./tilt-names.js";

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
  table: number;
  block: number;
  row: number;
  month: number;
  reported: boolean;
}

type Operand = { value: number } | { variable: number };

/** One linear system: one block (per-table mode) or every table of a year (combined mode). */
class Problem {
  readonly vars: Var[] = [];
  readonly variables: DisclosureProblem["variables"][number][] = [];
  readonly constraints: DisclosureProblem["constraints"][number][] = [];
  private readonly at = new Map<string, number>();

  /** The known value of a cell, or its variable (a «*» is 1..3, a «..» any count). */
  operand(cell: SeriesCell, where: Omit<Var, "reported">, name: string): Operand {
    const v: Count = cell.value;
    if (v === null) return { value: 0 };
    if (typeof v === "number") return { value: v };
    const key = `${where.table}:${where.block}:${where.row}:${where.month}`;
    let i = this.at.get(key);
    if (i === undefined) {
      i = this.variables.length;
      this.at.set(key, i);
      this.vars.push({ ...where, reported: v === SUPPRESSED });
      this.variables.push(v === SUPPRESSED ? { lo: 1, hi: 3, name } : { lo: 0, hi: UNKNOWN_CAP, name, auxiliary: true });
    }
    return { variable: i };
  }

  /** lo ≤ Σ sign·operand ≤ hi, with known values folded in; sums of counts are whole, so the bounds are rounded inwards. */
  add(parts: { op: Operand; sign: number }[], lo: number, hi: number, label: string): void {
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

const monthOf = (period: string) => MONTHS[Number(period.slice(5)) - 1]!;

/** A cell's operand in table `t`, block `b`. */
function opFor(p: Problem, tables: readonly SeriesTable[], t: number, b: number) {
  const table = tables[t]!;
  const block = table.blocks[b]!;
  return (r: number, i: number) =>
    p.operand(
      block.rows[r]!.months[i]!,
      { table: t, block: b, row: r, month: i },
      `«${table.file}»: «${block.rows[r]!.label}» / ${monthOf(table.periods[i]!)}`,
    );
}

/** The block's own relations: every month's «I alt», every row's average. */
function addBlock(p: Problem, tables: readonly SeriesTable[], t: number, b: number): void {
  const table = tables[t]!;
  const block = table.blocks[b]!;
  const op = opFor(p, tables, t, b);
  // Every «*» is reported, also one no published relation touches (it stays 1–3).
  block.rows.forEach((row, r) => row.months.forEach((_, i) => op(r, i)));
  const counted = countedRows(table, block);
  if (counted) {
    table.periods.forEach((_, i) => {
      p.add(
        [{ op: op(0, i), sign: 1 }, ...counted.map((r) => ({ op: op(r, i), sign: -1 }))],
        0,
        0,
        `«${block.rows[0]!.label}» i ${periodLabel(table.periods[i]!)} = summen av radene`,
      );
    });
  }
  block.rows.forEach((row, r) => {
    const g = row.average.value;
    // An empty or «..» average says nothing; «:» never stands in NAV's tables.
    if (typeof g !== "number" && g !== SUPPRESSED) return;
    const [a, c] = g === SUPPRESSED ? [1, 3] : [g, g];
    const k = row.months.length;
    const nonEmpty = row.months.filter((m) => m.value !== null).length || k;
    p.add(
      row.months.map((_, i) => ({ op: op(r, i), sign: 1 })),
      Math.min(k, nonEmpty) * (a - 0.5),
      Math.max(k, nonEmpty) * (c + 0.5),
      `«${row.label}»: «Gjennomsnitt hittil i år» (${row.average.cell}) er gjennomsnittet av månedene ± 0,5`,
    );
  });
}

/**
 * Combined mode: TILT100's group rows = the other tables' «I alt» of the same målgruppe and month
 * (TILT180: Jobbskaping og egenetablering = its own rows, Tilrettelegging = its three tiltak).
 */
function addLinks(p: Problem, tables: readonly SeriesTable[]): void {
  for (const link of groupLinks(tables)) {
    const groups = tables[link.groupsTable]!;
    const own = opFor(p, tables, link.groupsTable, link.groupsBlock);
    const other = link.block >= 0 ? opFor(p, tables, link.table, link.block) : undefined;
    for (const { groupsMonth, month, period } of link.months) {
      p.add(
        [{ op: own(link.groupsRow, groupsMonth), sign: 1 }, ...link.rows.map((r) => ({ op: other!(r, month), sign: -1 }))],
        0,
        0,
        `TILT100 «${link.group}» (${groups.blocks[link.groupsBlock]!.label}) i ${periodLabel(period)} = TILT${tables[link.table]!.code}`,
      );
    }
  }
}

type Solve = (problem: DisclosureProblem) => DisclosureResult;

function solveInto(
  p: Problem,
  tables: readonly SeriesTable[],
  out: SeriesTableAudit[],
  hgName: (id: string) => string,
  solve: Solve,
): void {
  if (p.variables.length === 0) return;
  const r = solve({ variables: p.variables, constraints: p.constraints });
  const involved = [...new Set(p.vars.map((v) => v.table))];
  if (!r.feasible) {
    const equations = r.conflict.map((i) => p.constraints[i]!.label ?? "");
    for (const t of involved) {
      out[t]!.infeasible = { message: `Tallene i «${tables[t]!.file}» går ikke opp: ${equations.join("; ")}.`, equations };
      out[t]!.cells = [];
    }
    return;
  }
  p.vars.forEach((v, i) => {
    if (!v.reported || out[v.table]!.infeasible) return;
    const table = tables[v.table]!;
    const block = table.blocks[v.block]!;
    const b = r.bounds[i]!;
    out[v.table]!.cells.push({
      period: table.periods[v.month]!,
      table: out[v.table]!.table,
      file: table.file,
      sheet: table.sheet,
      cell: block.rows[v.row]!.months[v.month]!.cell,
      tiltak: block.rows[v.row]!.label,
      hovedgruppe: hgName(block.hovedgruppe),
      column: monthOf(table.periods[v.month]!),
      min: b.min,
      max: b.max,
      pinned: b.min === b.max,
      narrowed: b.min > 1 || b.max < 3,
    });
  });
}

/** Cells in sheet order: block by block, row by row, month by month. */
const byCell = (a: SeriesCellBounds, b: SeriesCellBounds) => {
  const [ra, ca] = [Number(/\d+/.exec(a.cell)![0]), a.cell.replace(/\d+/, "")];
  const [rb, cb] = [Number(/\d+/.exec(b.cell)![0]), b.cell.replace(/\d+/, "")];
  return ra - rb || ca.length - cb.length || ca.localeCompare(cb);
};

export interface SeriesAuditOptions {
  /** Only the cells of this month are reported (the tables are still solved whole: the average ties the months). */
  period?: string;
  /** "per-table" (default): each table alone, as its reader sees it; "combined": each year's tables together. */
  mode?: "per-table" | "combined";
  solve?: Solve;
}

/** Audits every time-series table of the dataset. */
export function auditSeries(ds: Dataset, options: SeriesAuditOptions = {}): SeriesTableAudit[] {
  const hgName = (id: string) => ds.hovedgrupper.find((h) => h.id === id)?.short ?? id;
  const solve = options.solve ?? solveBounds;
  const tables = ds.series ?? [];
  const out: SeriesTableAudit[] = tables.map((t) => ({ table: seriesTableName(t.code, t.year), file: t.file, sheet: t.sheet, cells: [] }));
  const wanted = (t: SeriesTable) => options.period === undefined || t.periods.includes(options.period);
  if (options.mode === "combined") {
    for (const year of new Set(tables.filter(wanted).map((t) => t.year))) {
      const p = new Problem();
      tables.forEach((t, i) => t.year === year && t.blocks.forEach((_, b) => addBlock(p, tables, i, b)));
      addLinks(
        p,
        tables.map((t) => (t.year === year ? t : { ...t, code: -1, blocks: [] })),
      );
      solveInto(p, tables, out, hgName, solve);
    }
  } else {
    tables.forEach((t, i) => {
      if (!wanted(t)) return;
      t.blocks.forEach((_, b) => {
        const p = new Problem();
        addBlock(p, tables, i, b);
        solveInto(p, tables, out, hgName, solve);
      });
    });
  }
  return out
    .map((a) => ({ ...a, cells: a.cells.filter((c) => options.period === undefined || c.period === options.period).sort(byCell) }))
    .filter((_, i) => wanted(tables[i]!));
}
