// The audit's model of a period's sheets: one variable per suppressed count/change cell, one
// constraint per published relation, and the facts that link tables in combined mode.

import { ALL, HIDDEN, NOT_AVAILABLE, SUPPRESSED } from "../types.js";
import { TOTAL_LABEL } from "../period/names.js";
import { SUPPRESS_MAX } from "../suppression.js";
import type { CellValue, SheetLayout } from "../layout.js";
import { formatInteger, normalizeName } from "../text.js";
import {
  between,
  equality,
  solveBounds,
  type DisclosureProblem,
  type DisclosureResult,
  type DisclosureVariable,
  type LinearConstraint,
  type LinearTerm,
} from "../disclosure.js";
import type { Interval } from "../interval.js";
import type { CellBounds } from "./audit-records.js";
import { InputRejectedError } from "../errors.js";

/** A cell in a relation: a published number, or the variable of a suppressed cell. */
export type Operand = { value: number } | { variable: number };

export interface PercentCell {
  sheet: number;
  row: number;
  col: number;
  antall: Operand;
  endring: Operand;
  /** Last-year range the percent's presence implies (for the "*" alone domain). */
  lastYear: Interval;
  endringDomain: Interval;
  /** Where antall is ":": the variable for last year's count (see Model.changeLastYear). */
  lastYearVar?: number;
  antallDomain: Interval;
}

/**
 * Where a suppressed cell is, by sheet index while modelling (the sheet name is filled in on output).
 * `hidden`: a ":" cell, or a helper variable (last year's count of a row whose antall is ":"). They are
 * unknowns of the model but not reported: only "*" cells are protected, a ":" cell may be worked out.
 */
export type CellMeta = Pick<CellBounds, "row" | "col" | "rowLabel" | "colLabel" | "hovedgruppe" | "kind"> & {
  sheet: number;
  hidden?: boolean;
};

/** Which published figure a cell shows, for linking tables in combined mode. */
export interface FactRef {
  key: string;
  operand: Operand;
  where: string;
}

export const normHeader = (text: CellValue | undefined): string => (typeof text === "string" ? normalizeName(text) : "");
export const isTotalHeader = (text: CellValue | undefined): boolean => normHeader(text) === normalizeName(TOTAL_LABEL);
export const ALL_KEY = `=${ALL}`;

export function label(value: CellValue | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

export function showValue(op: Operand, vars: readonly DisclosureVariable[]): string {
  if ("value" in op) return formatInteger(op.value);
  const v = vars[op.variable]!;
  if (v.lo === v.hi) return formatInteger(v.lo);
  return v.exclude
    ? `«:» (0 eller ${formatInteger(v.exclude.hi + 1)} til ${formatInteger(v.hi)})`
    : `«*» (${formatInteger(v.lo)} til ${formatInteger(v.hi)})`;
}

export class Model {
  readonly variables: DisclosureVariable[] = [];
  readonly constraints: LinearConstraint[] = [];
  /** Variable index → the cell it stands for. */
  readonly varCells: CellMeta[] = [];
  readonly percents: (PercentCell & CellMeta)[] = [];
  readonly facts = new Map<string, FactRef[]>();
  /** Change variable → the antall on its row, for last year's count. */
  readonly changeAntall = new Map<number, Operand>();
  /** Change variable → a variable for last year's count, where antall is ":" (too wide to enumerate). */
  readonly changeLastYear = new Map<number, number>();
  private readonly varAt = new Map<string, number>();

  /** `cap`: the largest value a ":" cell or an unbounded last-year count is given (see auditLayouts). */
  constructor(
    readonly layouts: readonly SheetLayout[],
    readonly cap = Infinity,
    readonly solver: (problem: DisclosureProblem) => DisclosureResult = solveBounds,
  ) {}

  /** A variable that stands for no published cell. */
  helper(meta: CellMeta, d: Interval): number {
    this.variables.push({ lo: d.lo, hi: d.hi, name: `${this.where(meta)} (fjorårets antall)` });
    this.varCells.push({ ...meta, hidden: true });
    return this.variables.length - 1;
  }

  /** The symbol in a cell, or undefined for a number or an empty cell. */
  symbol(meta: { sheet: number; row: number; col: number }): string | undefined {
    const v = this.layouts[meta.sheet]!.cells[meta.row]?.[meta.col];
    return typeof v === "string" && v !== "" ? v : undefined;
  }

  /**
   * The operand for a cell, creating its variable when it is "*" (with the given domain) or ":"
   * (0 or 4..cap: a value from 1 to 3 would have been "*"; `hiddenDomain` when given).
   */
  operand(meta: CellMeta, domain: () => Interval, hiddenDomain?: () => Interval): Operand {
    const value = this.layouts[meta.sheet]!.cells[meta.row]?.[meta.col];
    if (value === null || value === undefined || value === "") return { value: 0 };
    if (typeof value === "number") {
      if (!Number.isInteger(value)) throw new InputRejectedError("bad-cell", `${this.where(meta)} er ikke et heltall (${value}).`);
      return { value };
    }
    if (value !== SUPPRESSED && value !== HIDDEN && value !== NOT_AVAILABLE) {
      throw new InputRejectedError("bad-cell", `${this.where(meta)} er verken et tall, «*», «:», «..» eller tom («${value}»).`);
    }
    const key = `${meta.sheet}:${meta.row}:${meta.col}`;
    const known = this.varAt.get(key);
    if (known !== undefined) return { variable: known };
    this.varAt.set(key, this.variables.length);
    if (value === NOT_AVAILABLE) {
      // Not published and not derivable (e.g. a derived change): an unknown that bounds nothing, of
      // either sign, so no «..» can make the figures look contradictory.
      this.variables.push({ lo: -this.cap, hi: this.cap, name: this.where(meta), auxiliary: true });
      this.varCells.push({ ...meta, hidden: true });
    } else if (value === HIDDEN) {
      const d = hiddenDomain?.() ?? { lo: 0, hi: this.cap };
      const v: DisclosureVariable = { lo: d.lo, hi: d.hi, name: this.where(meta) };
      if (!hiddenDomain) v.exclude = { lo: 1, hi: SUPPRESS_MAX };
      v.auxiliary = true;
      this.variables.push(v);
      this.varCells.push({ ...meta, hidden: true });
    } else {
      const d = domain();
      this.variables.push({ lo: d.lo, hi: d.hi, name: this.where(meta) });
      this.varCells.push(meta);
    }
    return { variable: this.variables.length - 1 };
  }

  where(meta: { sheet: number; row: number; col: number }): string {
    const l = this.layouts[meta.sheet]!;
    const rowLabel = label(l.cells[meta.row]?.[0]);
    const block = l.blocks.find((b) => meta.row >= b.firstRow && meta.row <= b.lastRow);
    const colLabel = block ? label(l.cells[block.headerRow]?.[meta.col]) : `kolonne ${meta.col + 1}`;
    const sub = block?.subtitleRow !== undefined ? `${label(l.cells[block.subtitleRow]?.[0])}: ` : "";
    return `«${l.name}», ${sub}«${rowLabel}» / «${colLabel}»`;
  }

  /** `Σ sign·operand` ∈ [lo, hi], known values folded into the bounds. */
  add(parts: { op: Operand; sign: number }[], lo: number, hi: number, text: string): void {
    const terms: LinearTerm[] = [];
    let known = 0;
    for (const { op, sign } of parts) {
      if ("value" in op) known += sign * op.value;
      else terms.push({ variable: op.variable, coef: sign });
    }
    this.constraints.push(lo === hi ? equality(terms, lo - known, text) : between(terms, lo - known, hi - known, text));
  }

  /** total = Σ parts. */
  sum(total: Operand, parts: Operand[], text: string): void {
    this.add([{ op: total, sign: 1 }, ...parts.map((op) => ({ op, sign: -1 }))], 0, 0, text);
  }

  fact(key: string, operand: Operand, where: string): void {
    const list = this.facts.get(key);
    if (list) list.push({ key, operand, where });
    else this.facts.set(key, [{ key, operand, where }]);
  }
}
