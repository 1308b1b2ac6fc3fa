/**
 * Column widths and row heights: setting and reading them (Excel.RangeFormat.columnWidth /
 * rowHeight, in points) and autofit from the cells' displayed text.
 */

import { containsCell, intersection } from "@nav-tiltak/a1";
import { excelError } from "../excel-errors";
import { RangeEditsState } from "./range-edits";
import type { RangeRef, SheetState } from "./records";

export const STANDARD_COLUMN_WIDTH = 48;
export const STANDARD_ROW_HEIGHT = 15;

/** The size all `count` rows (columns) from `first` share, or null when they differ. */
function sameSize(first: number, count: number, size: (i: number) => number): number | null {
  const size0 = size(first);
  for (let i = first + 1; i < first + count; i++) if (size(i) !== size0) return null;
  return size0;
}

export class SizesState extends RangeEditsState {
  setColumnWidth(ref: RangeRef, width: unknown): void {
    this.assertEditable(ref.sheet, "formatColumns");
    if (typeof width !== "number" || !Number.isFinite(width) || width < 0) {
      throw excelError("InvalidArgument", "Column width must be a non-negative number of points.");
    }
    for (let c = ref.rect.col; c < ref.rect.col + ref.rect.cols; c++) ref.sheet.columnWidths.set(c, width);
  }

  setRowHeight(ref: RangeRef, height: unknown): void {
    this.assertEditable(ref.sheet, "formatRows");
    if (typeof height !== "number" || !Number.isFinite(height) || height < 0 || height > 409) {
      throw excelError("InvalidArgument", "Row height must be a number of points from 0 to 409.");
    }
    for (let r = ref.rect.row; r < ref.rect.row + ref.rect.rows; r++) ref.sheet.rowHeights.set(r, height);
  }

  columnWidth(sheet: SheetState, col: number): number {
    return sheet.columnWidths.get(col) ?? STANDARD_COLUMN_WIDTH;
  }

  rowHeight(sheet: SheetState, row: number): number {
    return sheet.rowHeights.get(row) ?? STANDARD_ROW_HEIGHT;
  }

  /** Null when the columns' widths differ, as Office.js reports a mixed range. */
  readColumnWidth(ref: RangeRef): number | null {
    return sameSize(ref.rect.col, ref.rect.cols, (c) => this.columnWidth(ref.sheet, c));
  }

  /** Null when the rows' heights differ. */
  readRowHeight(ref: RangeRef): number | null {
    return sameSize(ref.rect.row, ref.rect.rows, (r) => this.rowHeight(ref.sheet, r));
  }

  private isMergedCell(sheet: SheetState, row: number, col: number): boolean {
    return sheet.merged.some((m) => containsCell(m, row, col));
  }

  /** A character's rough width in px in the cell's font: Calibri 11 digits are about 7 px, bold a tenth more. */
  private charPixels(sheet: SheetState, row: number, col: number): number {
    const size = this.formatAt(sheet, row, col, "font.size") as number;
    const bold = this.formatAt(sheet, row, col, "font.bold") === true;
    return 7 * (size / 11) * (bold ? 1.1 : 1);
  }

  /** Rough text width in points (3/4 px), with the cell's padding. */
  private textWidth(sheet: SheetState, row: number, col: number): number {
    const text = this.cellText(sheet, row, col);
    if (text === "") return 0;
    const longest = Math.max(...text.split("\n").map((l) => l.length));
    const px = longest * this.charPixels(sheet, row, col) + 10;
    return Math.round(px * 0.75 * 100) / 100;
  }

  autofitColumns(ref: RangeRef): void {
    this.assertEditable(ref.sheet, "formatColumns");
    const used = this.usedRect(ref.sheet, true);
    for (let c = ref.rect.col; c < ref.rect.col + ref.rect.cols; c++) {
      const rows = used ? intersection(ref.rect, { row: used.row, col: c, rows: used.rows, cols: 1 }) : null;
      let width = 0;
      if (rows) {
        for (let r = rows.row; r < rows.row + rows.rows; r++) {
          if (!this.isMergedCell(ref.sheet, r, c)) width = Math.max(width, this.textWidth(ref.sheet, r, c));
        }
      }
      if (width > 0) ref.sheet.columnWidths.set(c, width);
    }
  }

  /**
   * Lines a cell's text takes: its line breaks, and with wrapText also the lines a paragraph wraps
   * into at the column's width ("best fit, based on the current data in the columns":
   * learn.microsoft.com/javascript/api/excel/excel.rangeformat#excel-excel-rangeformat-autofitrows-member(1)).
   * Widths use the same estimate as autofitColumns.
   */
  private textLines(sheet: SheetState, row: number, col: number): number {
    const paragraphs = this.cellText(sheet, row, col).split("\n");
    if (this.formatAt(sheet, row, col, "wrapText") !== true) return paragraphs.length;
    const room = this.columnWidth(sheet, col) - 7.5; // the cell's padding, as in textWidth's + 10 px
    const perChar = this.charPixels(sheet, row, col) * 0.75;
    // Greedy word wrap, as a spreadsheet breaks lines at spaces; a word longer than the cell breaks anywhere.
    const wrapped = (p: string): number => {
      let lines = 1;
      let used = 0;
      for (const word of p.split(" ")) {
        const w = word.length * perChar;
        const next = used === 0 ? w : used + perChar + w;
        if (next <= room || used === 0) used = next;
        else {
          lines++;
          used = w;
        }
        while (used > room && room > perChar) {
          lines++;
          used -= room;
        }
      }
      return lines;
    };
    return paragraphs.reduce((n, p) => n + wrapped(p), 0);
  }

  autofitRows(ref: RangeRef): void {
    this.assertEditable(ref.sheet, "formatRows");
    const used = this.usedRect(ref.sheet, true);
    for (let r = ref.rect.row; r < ref.rect.row + ref.rect.rows; r++) {
      let height = STANDARD_ROW_HEIGHT;
      const cols = used ? intersection(ref.rect, { row: r, col: used.col, rows: 1, cols: used.cols }) : null;
      if (cols) {
        for (let c = cols.col; c < cols.col + cols.cols; c++) {
          const lines = this.textLines(ref.sheet, r, c);
          const size = this.formatAt(ref.sheet, r, c, "font.size") as number;
          height = Math.max(height, Math.round(lines * STANDARD_ROW_HEIGHT * (size / 11) * 100) / 100);
        }
      }
      ref.sheet.rowHeights.set(r, Math.min(409, height));
    }
  }
}
