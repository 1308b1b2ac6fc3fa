/**
 * Geometry of Range.insert / Range.delete: how a rectangle on the sheet moves when cells are
 * inserted or deleted along one axis within a band of the other. Pure, so the rules Excel applies
 * to names, tables, PivotTables, merged cells and format layers are written down once.
 */

import { MAX_COLUMNS, MAX_ROWS, type Rect } from "@nav-tiltak/a1";

export type Axis = "row" | "col";

export interface ShiftOp {
  /** "row": cells move down (insert) or up (delete); "col": right or left. */
  axis: Axis;
  /** First row (or column) inserted or deleted. */
  at: number;
  count: number;
  insert: boolean;
  /** The columns (or rows) that move: [start, end). */
  band: [number, number];
}

export function gridSize(axis: Axis): number {
  return axis === "row" ? MAX_ROWS : MAX_COLUMNS;
}

/** [start, end) of a rectangle along the axis, and across it. */
export function along(r: Rect, axis: Axis): [number, number] {
  return axis === "row" ? [r.row, r.row + r.rows] : [r.col, r.col + r.cols];
}

export function across(r: Rect, axis: Axis): [number, number] {
  return axis === "row" ? [r.col, r.col + r.cols] : [r.row, r.row + r.rows];
}

function withAlong(r: Rect, axis: Axis, s: number, e: number): Rect {
  return axis === "row" ? { ...r, row: s, rows: e - s } : { ...r, col: s, cols: e - s };
}

/**
 * "none": the shift does not touch the rectangle; "full": it moves, grows or shrinks as a whole;
 * "partial": only some of its columns (rows) would move, which Excel refuses for tables,
 * PivotTables and merged cells, and leaves alone for references.
 */
export function classify(r: Rect, op: ShiftOp): "none" | "full" | "partial" {
  const [a0, a1] = across(r, op.axis);
  const [, e] = along(r, op.axis);
  if (a1 <= op.band[0] || a0 >= op.band[1] || e <= op.at) return "none";
  return a0 >= op.band[0] && a1 <= op.band[1] ? "full" : "partial";
}

/** True when the shift lands strictly inside the rectangle (an insert there makes it grow). */
export function splits(r: Rect, op: ShiftOp): boolean {
  const [s, e] = along(r, op.axis);
  return s < op.at && op.at < e;
}

/**
 * Where a rectangle classified "full" ends up: moved when it lies past the shift, grown by an
 * insert inside it, shrunk by a delete over part of it; null when deleted entirely or pushed
 * off the grid.
 */
export function mapRect(r: Rect, op: ShiftOp): Rect | null {
  const [s, e] = along(r, op.axis);
  const n = op.count;
  const max = gridSize(op.axis);
  if (op.insert) {
    if (s >= op.at) return s + n >= max ? null : withAlong(r, op.axis, s + n, Math.min(e + n, max));
    if (e > op.at) return withAlong(r, op.axis, s, Math.min(e + n, max));
    return r;
  }
  const d0 = op.at;
  const d1 = op.at + n;
  if (e <= d0) return r;
  if (s >= d1) return withAlong(r, op.axis, s - n, e - n);
  const removed = Math.min(e, d1) - Math.max(s, d0);
  const length = e - s - removed;
  if (length <= 0) return null;
  const start = s < d0 ? s : d0;
  return withAlong(r, op.axis, start, start + length);
}

/** Where a single position along the axis goes (null: deleted or pushed off the grid). */
export function mapIndex(i: number, op: ShiftOp): number | null {
  if (i < op.at) return i;
  if (op.insert) return i + op.count < gridSize(op.axis) ? i + op.count : null;
  return i < op.at + op.count ? null : i - op.count;
}
