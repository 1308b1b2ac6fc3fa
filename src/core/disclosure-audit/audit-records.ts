// What a disclosure audit answers: per sheet, every suppressed cell with the exact range the
// published figures leave it, or the equations that cannot all hold.

import type { DisclosureProblem, DisclosureResult } from "../disclosure.js";
import type { Bounds } from "../interval.js";
import type { LayoutKey } from "../layout.js";

/** "per-table": each sheet alone (the default). "combined": all tables of the period together. */
export type AuditMode = "per-table" | "combined";

export interface AuditOptions {
  mode?: AuditMode;
  /**
   * The exact bounds solver: solveBounds (disclosure.ts) unless given. The integer-programming one
   * (core/protect/milp.ts) is much faster on large or heavily suppressed tables and with ":" cells.
   */
  solve?: (problem: DisclosureProblem) => DisclosureResult;
  /**
   * Where no published figure bounds a value, run once with this stand-in cap instead of twice (the
   * second run only tells bounds that move with the cap apart, to report them as ±∞). Protection
   * uses it: a bound at the cap is as wide as it needs to know.
   */
  standInCap?: number;
}

/** What a suppressed cell stands for. */
export type CellKind = "count" | "change" | "percent";

/** An interval as the audit reports it (min/max; see interval.ts). Kept under this name for importers. */
export type Range = Bounds;

export interface CellBounds {
  /** Sheet name (the table as the add-in inserts it). */
  table: string;
  /** Position in the layout grid (0-based, row-major from A1), as on the inserted sheet. */
  row: number;
  col: number;
  rowLabel: string;
  colLabel: string;
  /** The hovedgruppe the cell belongs to (published name), or "I alt" for all of them. */
  hovedgruppe: string;
  kind: CellKind;
  /** Exact smallest and largest value consistent with every published figure used. */
  min: number;
  max: number;
  /** min === max: the published figures give the value away. */
  pinned: boolean;
  /** What the "*" alone says (1..3 for a count). */
  domain: Bounds;
  /** The figures narrow the cell beyond what "*" alone says. */
  narrowed: boolean;
  /** Change and percent cells: last year's count (antall − endring), which the bounds also fix. */
  lastYear?: Bounds & { pinned: boolean };
}

export interface TableAudit {
  /** Sheet name. */
  table: string;
  /** The published table name ("## …"). */
  tableName: string;
  key: LayoutKey;
  /** Every suppressed cell of the sheet, in grid order. Empty when the table is infeasible. */
  cells: CellBounds[];
  /** Set when the published figures cannot all hold: a Norwegian message and the equations involved. */
  infeasible?: { message: string; equations: string[] };
}

export interface DisclosureAudit {
  period: string;
  periodLabel: string;
  mode: AuditMode;
  tables: TableAudit[];
}

/** A revealed cell for the task pane: where it is on the inserted sheet, and what can be known. */
export type RevealedCell = CellBounds;

/** Thrown by revealedCells when the published figures contradict each other (see errors.ts). */
export { InfeasibleAuditError } from "../errors.js";
