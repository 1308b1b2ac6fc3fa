// Reading a layout's structure: which columns are figures or totals, which rows sum to which, and
// what each cell stands for (its hovedgruppe, its entity for linking tables).

import { SUPPRESSED } from "../types.js";
import { FIGURE_HEADERS, TOTAL_LABEL } from "../period/names.js";
import { SUPPRESS_MAX } from "../suppression.js";
import type { SheetLayout, TableBlock } from "../layout.js";
import { normalizeName } from "../text.js";
import { ALL_KEY, isTotalHeader, label, normHeader } from "./model.js";

export interface BlockShape {
  block: TableBlock;
  /** Data column indices (the label column excluded). */
  dataCols: number[];
  figure?: { antall: number; endring: number; prosent: number };
  /** Count blocks: the "I alt" column and the columns it sums. */
  totalCol?: number;
  partCols: number[];
  /** Row relations: total row → its part rows. */
  rowSums: { total: number; parts: number[] }[];
  /** The grand total row (first body row), when the block has one. */
  grandRow?: number;
  subtotalRows: Set<number>;
}

export function blockShape(layout: SheetLayout, block: TableBlock): BlockShape {
  const header = layout.cells[block.headerRow] ?? [];
  const dataCols = Array.from({ length: block.columns - 1 }, (_, i) => i + 1);
  const headers = dataCols.map((c) => normHeader(header[c]));
  const isFigure = headers.length === FIGURE_HEADERS.length && FIGURE_HEADERS.every((h, i) => normalizeName(h) === headers[i]);
  const totalCol = isFigure ? undefined : dataCols.find((c) => isTotalHeader(header[c]));
  const partCols = totalCol === undefined ? [] : dataCols.filter((c) => c !== totalCol);

  const totals = new Set(block.totalRows);
  const grandRow = totals.has(block.firstRow) ? block.firstRow : undefined;
  const rowSums: { total: number; parts: number[] }[] = [];
  const subtotalRows = new Set<number>();
  const grandParts: number[] = [];
  let pending: number[] = [];
  for (let r = block.firstRow; r <= block.lastRow; r++) {
    if (r === grandRow) continue;
    if (totals.has(r)) {
      rowSums.push({ total: r, parts: pending });
      subtotalRows.add(r);
      grandParts.push(r);
      pending = [];
    } else {
      pending.push(r);
    }
  }
  // Plain rows after the last subtotal (or all of them, when there is none) add straight into the total.
  grandParts.push(...pending);
  if (grandRow !== undefined) rowSums.unshift({ total: grandRow, parts: grandParts.sort((a, b) => a - b) });

  return {
    block,
    dataCols,
    figure: isFigure ? { antall: 1, endring: 2, prosent: 3 } : undefined,
    totalCol,
    partCols,
    rowSums,
    grandRow,
    subtotalRows,
  };
}

/** The hovedgruppe a cell belongs to, read from the structure: column header, block subtitle, or row. */
export function hovedgruppeOf(layout: SheetLayout, shape: BlockShape, row: number, col: number): string {
  const { block } = shape;
  if (block.subtitleRow !== undefined) return label(layout.cells[block.subtitleRow]?.[0]);
  if (!shape.figure) {
    const h = layout.cells[block.headerRow]?.[col];
    return isTotalHeader(h) ? TOTAL_LABEL : label(h);
  }
  // A figure table whose rows are the hovedgrupper.
  if (layout.key === "hovedgrupper" && row !== shape.grandRow) return label(layout.cells[row]?.[0]);
  return TOTAL_LABEL;
}

export function rowsText(layout: SheetLayout, rows: number[]): string {
  if (rows.length === 0) return "ingen rader";
  const names = rows.map((r) => `«${label(layout.cells[r]?.[0])}»`);
  return names.length <= 3 ? `radene ${names.join(", ")}` : `de ${names.length} radene ${names[0]} til ${names[names.length - 1]}`;
}

export function colsText(layout: SheetLayout, block: TableBlock, cols: number[]): string {
  return `kolonnene ${cols.map((c) => `«${label(layout.cells[block.headerRow]?.[c])}»`).join(", ")}`;
}

/** Entity of a row, for linking the same figure across tables (combined mode). */
export function entityOf(layout: SheetLayout, shape: BlockShape, row: number): string | undefined {
  if (row === shape.grandRow) return "total";
  const text = normalizeName(label(layout.cells[row]?.[0]));
  if (shape.subtotalRows.has(row)) {
    const m = /^i alt\s+(.+)$/.exec(text);
    return m ? `g:${m[1]}` : undefined;
  }
  if (layout.key === "hovedgrupper") return "total";
  if (layout.key === "tiltak-og-hovedgrupper") return `t:${text}`;
  if (
    layout.key === "tiltaksgrupper" ||
    layout.key === "tiltaksgrupper-per-hovedgruppe" ||
    layout.key === "tiltaksgrupper-x-hovedgrupper"
  ) {
    return `g:${text}`;
  }
  return undefined;
}

/** Hovedgruppe key of a cell for linking (normalized name, or ALL). */
export function hgKeyOf(layout: SheetLayout, shape: BlockShape, row: number, col: number): string {
  const h = hovedgruppeOf(layout, shape, row, col);
  return h === TOTAL_LABEL ? ALL_KEY : normalizeName(h);
}

/**
 * Largest possible last-year count of any row in a figure block: the block total's, since every
 * row's last-year count is a part of it. Undefined when the total row does not bound it.
 */
export function lastYearCap(layout: SheetLayout, shape: BlockShape): number | undefined {
  if (!shape.figure || shape.grandRow === undefined) return undefined;
  const row = layout.cells[shape.grandRow] ?? [];
  const a = row[shape.figure.antall];
  const e = row[shape.figure.endring];
  const p = row[shape.figure.prosent];
  const antall = a === null || a === undefined || a === "" ? 0 : a;
  const endring = e === null || e === undefined || e === "" ? 0 : e;
  if (typeof antall === "number" && typeof endring === "number") return antall - endring;
  if (typeof antall === "number" && endring === SUPPRESSED) return p === null || p === undefined || p === "" ? 0 : SUPPRESS_MAX;
  return undefined;
}
