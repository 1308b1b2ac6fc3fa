/**
 * The range format family: format properties set on a range (number format, font, fill,
 * alignment, wrap), stored per cell for ordinary ranges and as one layer for whole rows and
 * columns; reading a range's format back (null when its cells disagree); clearing formats.
 */

import { type Rect, cellCount, intersection, rectContains, rectsIntersect } from "@nav-tiltak/a1";
import { CellsState } from "./cells";
import { FORMAT_DEFAULTS, type FormatProp, type FormatValue, validateFormat } from "./format-rules";
import type { RangeRef, SheetState } from "./records";

/** Ranges larger than this store formats as one rectangle layer instead of per cell. */
const LARGE_RANGE = 100_000;

export class FormatsState extends CellsState {
  /** Range.numberFormat assignment. */
  writeNumberFormat(ref: RangeRef, input: unknown): void {
    this.assertEditable(ref.sheet, "formatCells");
    if (this.checkDims(input, ref.rect, "numberFormat")) {
      const prepared = input.map((row) => row.map((v) => (v === null || v === undefined ? null : validateFormat("numberFormat", v))));
      prepared.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v !== null) this.setCellFormat(ref.sheet, ref.rect.row + r, ref.rect.col + c, "numberFormat", v);
        }),
      );
      return;
    }
    if (Array.isArray(input) || input === null || input === undefined) return;
    this.applyFormat(ref.sheet, ref.rect, "numberFormat", validateFormat("numberFormat", input));
  }

  private setCellFormat(sheet: SheetState, row: number, col: number, prop: FormatProp, value: FormatValue): void {
    const cell = this.ensureCell(sheet, row, col);
    (cell.fmt ??= {})[prop] = value;
  }

  protected applyFormat(sheet: SheetState, rect: Rect, prop: FormatProp, value: FormatValue): void {
    if (cellCount(rect) <= LARGE_RANGE) {
      for (let r = rect.row; r < rect.row + rect.rows; r++) {
        for (let c = rect.col; c < rect.col + rect.cols; c++) this.setCellFormat(sheet, r, c, prop, value);
      }
      return;
    }
    // Whole rows/columns: one layer, and per-cell values underneath stop counting.
    this.forEachStored(sheet, rect, (r, c, cell) => {
      if (cell.fmt) delete cell.fmt[prop];
      this.dropIfEmpty(sheet, r, c);
    });
    const layers = (sheet.layers.get(prop) ?? []).filter((l) => !rectContains(rect, l.rect));
    layers.push({ rect, value });
    sheet.layers.set(prop, layers);
  }

  /** Sets one format property on every cell of the range. */
  setFormat(ref: RangeRef, prop: FormatProp, value: unknown): void {
    this.assertEditable(ref.sheet, "formatCells");
    this.applyFormat(ref.sheet, ref.rect, prop, validateFormat(prop, value));
  }

  /** Null when the cells disagree, as Office.js reports mixed formatting. */
  protected uniform(sheet: SheetState, rect: Rect, at: (r: number, c: number) => FormatValue, prop?: FormatProp): FormatValue | null {
    if (cellCount(rect) <= LARGE_RANGE || !prop) {
      this.checkReadable(rect);
      let first: FormatValue | undefined;
      for (let r = rect.row; r < rect.row + rect.rows; r++) {
        for (let c = rect.col; c < rect.col + rect.cols; c++) {
          const v = at(r, c);
          if (first === undefined) first = v;
          else if (v !== first) return null;
        }
      }
      return first ?? null;
    }
    // Huge range: compare stored cells and one sample per block between layer edges.
    const seen = new Set<FormatValue>();
    this.forEachStored(sheet, rect, (_r, _c, cell) => {
      const v = cell.fmt?.[prop];
      if (v !== undefined) seen.add(v);
    });
    const rowsCut = new Set([rect.row]);
    const colsCut = new Set([rect.col]);
    for (const l of sheet.layers.get(prop) ?? []) {
      const i = intersection(l.rect, rect);
      if (!i) continue;
      rowsCut.add(i.row).add(i.row + i.rows);
      colsCut.add(i.col).add(i.col + i.cols);
    }
    for (const r of rowsCut) {
      if (r >= rect.row + rect.rows) continue;
      for (const c of colsCut) {
        if (c >= rect.col + rect.cols) continue;
        seen.add(this.layerValueAt(sheet, r, c, prop));
      }
    }
    return seen.size === 1 ? [...seen][0]! : null;
  }

  readFormat(ref: RangeRef, prop: FormatProp): FormatValue | null {
    return this.uniform(ref.sheet, ref.rect, (r, c) => this.formatAt(ref.sheet, r, c, prop), prop);
  }

  protected clearFormats(sheet: SheetState, rect: Rect): void {
    this.forEachStored(sheet, rect, (r, c, cell) => {
      delete cell.fmt;
      this.dropIfEmpty(sheet, r, c);
    });
    for (const [prop, layers] of sheet.layers) {
      const kept = layers.filter((l) => !rectContains(rect, l.rect));
      if (kept.some((l) => rectsIntersect(l.rect, rect))) kept.push({ rect, value: FORMAT_DEFAULTS[prop] });
      sheet.layers.set(prop, kept);
    }
    sheet.merged = sheet.merged.filter((m) => !rectsIntersect(m, rect));
  }

  /** Empties the cells and their formats, as a deleted table or a redrawn PivotTable report leaves them. */
  protected clearContentsAndFormats(sheet: SheetState, rect: Rect): void {
    this.clearContents(sheet, rect);
    this.clearFormats(sheet, rect);
  }
}
