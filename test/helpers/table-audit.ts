// The per-table audit the tests use: a 2-D grid with total rows and total columns, turned into
// the solver's input (core/disclosure.ts) so its bounds can be checked on small hand-made tables and
// against the integer-programming solver. The add-in audits its sheet layouts instead
// (core/disclosure-audit.ts).

import {
  equality,
  solveBounds,
  type DisclosureProblem,
  type DisclosureVariable,
  type Interval,
  type LinearConstraint,
  type LinearTerm,
  type SolveOptions,
} from "../../src/core/disclosure.js";

/** Suppressed-cell marker, as published. */
export const SUPPRESSED_CELL = "*" as const;

/**
 * A published cell: a number, "*" (suppressed, value in the table's suppressed range, 1..3 by
 * default), an explicit interval (suppressed with a different range, e.g. a change), or null
 * (empty, read as 0).
 */
export type AuditCell = number | typeof SUPPRESSED_CELL | Interval | null;

export interface AuditRow {
  label: string;
  /** One cell per column. */
  cells: readonly AuditCell[];
}

/** `total` (a row or column index) is the sum of `parts`, in every column or row respectively. */
export interface TotalSpec {
  total: number;
  parts: readonly number[];
}

export interface AuditTable {
  columns: readonly string[];
  rows: readonly AuditRow[];
  rowTotals?: readonly TotalSpec[];
  columnTotals?: readonly TotalSpec[];
  /** Domain of a "*" cell; 1..3 unless given. */
  suppressedRange?: Interval;
}

export interface AuditedCell {
  row: number;
  col: number;
  rowLabel: string;
  colLabel: string;
  min: number;
  max: number;
  pinned: boolean;
}

/** One total equation of the table, in the table's own terms. */
export interface AuditEquation {
  kind: "row-total" | "column-total";
  /** The total cell. */
  total: { row: number; col: number };
  parts: { row: number; col: number }[];
  description: string;
}

export type AuditResult = { feasible: true; cells: AuditedCell[] } | { feasible: false; message: string; conflicts: AuditEquation[] };

export interface TableProblem {
  problem: DisclosureProblem;
  /** Variable index → the suppressed cell it stands for. */
  cells: { row: number; col: number }[];
  /** Constraint index → the table equation it came from. */
  equations: AuditEquation[];
}

function isInterval(c: AuditCell): c is Interval {
  return typeof c === "object" && c !== null;
}

function fmtRange(lo: number, hi: number): string {
  return lo === hi ? `${lo}` : `${lo}–${hi}`;
}

/** Turns a table into solver input: one variable per suppressed cell, one equation per total cell. */
export function buildTableProblem(table: AuditTable): TableProblem {
  const range = table.suppressedRange ?? { lo: 1, hi: 3 };
  const nCols = table.columns.length;
  const variables: DisclosureVariable[] = [];
  const cells: { row: number; col: number }[] = [];
  const varAt = new Map<string, number>();
  const key = (r: number, c: number): string => `${r},${c}`;

  table.rows.forEach((row, r) => {
    if (row.cells.length !== nCols) {
      throw new RangeError(`row ${r} "${row.label}" has ${row.cells.length} cells, expected ${nCols}`);
    }
    row.cells.forEach((cell, c) => {
      if (cell === SUPPRESSED_CELL || isInterval(cell)) {
        const dom = isInterval(cell) ? cell : range;
        varAt.set(key(r, c), variables.length);
        variables.push({ lo: dom.lo, hi: dom.hi, name: `${row.label} / ${table.columns[c]}` });
        cells.push({ row: r, col: c });
      } else if (cell !== null && !Number.isFinite(cell)) {
        throw new RangeError(`row ${r} "${row.label}" column ${c}: not a number`);
      }
    });
  });

  const cellAt = (r: number, c: number): AuditCell => table.rows[r]!.cells[c]!;
  const label = (r: number, c: number): string => `"${table.rows[r]!.label}" / "${table.columns[c]}"`;
  const constraints: LinearConstraint[] = [];
  const equations: AuditEquation[] = [];

  const addEquation = (kind: AuditEquation["kind"], total: { row: number; col: number }, parts: { row: number; col: number }[]): void => {
    // total − Σ parts = 0, with published numbers moved to the right-hand side.
    const terms: LinearTerm[] = [];
    let rhs = 0;
    let partsLo = 0;
    let partsHi = 0;
    const add = (p: { row: number; col: number }, sign: 1 | -1): void => {
      const cell = cellAt(p.row, p.col);
      const v = varAt.get(key(p.row, p.col));
      if (v !== undefined) {
        terms.push({ variable: v, coef: sign });
        if (sign < 0) {
          partsLo += variables[v]!.lo;
          partsHi += variables[v]!.hi;
        }
      } else {
        const value = typeof cell === "number" ? cell : 0;
        rhs -= sign * value;
        if (sign < 0) {
          partsLo += value;
          partsHi += value;
        }
      }
    };
    add(total, 1);
    for (const p of parts) add(p, -1);
    const tv = varAt.get(key(total.row, total.col));
    const totalText =
      tv === undefined ? `${(cellAt(total.row, total.col) as number | null) ?? 0}` : fmtRange(variables[tv]!.lo, variables[tv]!.hi);
    const description =
      `${label(total.row, total.col)} is ${totalText}; its ${parts.length} ` +
      `${kind === "row-total" ? "rows" : "columns"} add up to ${fmtRange(partsLo, partsHi)}`;
    constraints.push(equality(terms, rhs, description));
    equations.push({ kind, total, parts, description });
  };

  const checkIndex = (i: number, n: number, what: string): void => {
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`${what} index ${i} out of range`);
  };
  for (const spec of table.rowTotals ?? []) {
    checkIndex(spec.total, table.rows.length, "total row");
    spec.parts.forEach((p) => checkIndex(p, table.rows.length, "part row"));
    for (let c = 0; c < nCols; c++) {
      addEquation(
        "row-total",
        { row: spec.total, col: c },
        spec.parts.map((p) => ({ row: p, col: c })),
      );
    }
  }
  for (const spec of table.columnTotals ?? []) {
    checkIndex(spec.total, nCols, "total column");
    spec.parts.forEach((p) => checkIndex(p, nCols, "part column"));
    for (let r = 0; r < table.rows.length; r++) {
      addEquation(
        "column-total",
        { row: r, col: spec.total },
        spec.parts.map((p) => ({ row: r, col: p })),
      );
    }
  }

  return { problem: { variables, constraints }, cells, equations };
}

/**
 * For every suppressed cell, the exact range of values consistent with all of the table's totals.
 * An inconsistent table (totals that cannot add up, whatever the suppressed cells hold) is reported
 * with a minimal set of the equations that contradict each other.
 */
export function auditTable(table: AuditTable, options?: SolveOptions): AuditResult {
  const { problem, cells, equations } = buildTableProblem(table);
  const result = solveBounds(problem, options);
  if (!result.feasible) {
    const conflicts = result.conflict.map((ci) => equations[ci]!);
    const message =
      conflicts.length === 1
        ? `The table's totals do not add up: ${conflicts[0]!.description}.`
        : `The table's totals do not add up: these ${conflicts.length} equations cannot all hold ` +
          `together: ${conflicts.map((e) => e.description).join("; ")}.`;
    return { feasible: false, message, conflicts };
  }
  return {
    feasible: true,
    cells: cells.map(({ row, col }, v) => {
      const b = result.bounds[v]!;
      return {
        row,
        col,
        rowLabel: table.rows[row]!.label,
        colLabel: table.columns[col]!,
        min: b.min,
        max: b.max,
        pinned: b.pinned,
      };
    }),
  };
}
