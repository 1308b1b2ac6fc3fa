/**
 * The PivotTable family's hold on the workbook: ids, and writing or clearing a report's cells
 * past the guard that keeps other edits off a report. The PivotTable rules live in ../pivot-rules.ts.
 */

import type { Rect } from "@nav-tiltak/a1";
import type { RangeValue } from "../office-types";
import type { FormatProp, FormatValue } from "./format-rules";
import { InsertDeleteState } from "./insert-delete";
import type { PivotState, SheetState } from "./records";

export class PivotsState extends InsertDeleteState {
  private pivotSeq = 0;
  private dataFieldSeq = 0;

  nextPivotId(): string {
    return String(++this.pivotSeq);
  }

  nextDataFieldId(): string {
    return String(++this.dataFieldSeq);
  }

  /** Writes pivot output cells, bypassing the guard that protects reports from edits. */
  writePivotCell(sheet: SheetState, row: number, col: number, value: RangeValue, fmt?: Partial<Record<FormatProp, FormatValue>>): void {
    this.storeCell(sheet, row, col, { value });
    if (fmt) {
      const cell = this.ensureCell(sheet, row, col);
      cell.fmt = { ...cell.fmt, ...fmt };
    }
  }

  clearPivotOutput(sheet: SheetState, rect: Rect): void {
    this.clearContentsAndFormats(sheet, rect);
  }

  /** Refuses a PivotTable report (`what`) over a table or another PivotTable than `except`. */
  assertAreaFree(sheet: SheetState, rect: Rect, what: string, except?: PivotState): void {
    this.assertNoObjectsOverlap(sheet, rect, what, except);
  }
}
