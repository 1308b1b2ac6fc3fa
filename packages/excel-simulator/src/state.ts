/**
 * The fake workbook's document state and Excel's rules. The fake's Office.js objects call into it
 * only while a batch runs at sync(); tests call its read-only inspectors directly. Every rule violation throws a
 * FakeExcelError with an Office.js error code.
 *
 * The state is split per Office.js object family, one file each under ./state/, as a chain of
 * classes: each family extends the one before it and WorkbookState, here, is the last.
 *
 *   workbook (the data record, settings) → sheets (and protection) → custom-properties → cells →
 *   formats → borders → range-edits (clear, copyFrom, merge) → sizes → names → tables →
 *   insert-delete → pivots → inspect (the inspection API) → WorkbookState
 *
 * Why a chain: callers hold one object (`state.addTable(…)`, `fake.workbook.sheetNames()`) and the
 * families share one record and each other's helpers (a table's headers are cells, deleting a sheet
 * breaks names), so separate objects would need wiring in both directions. In a chain each family
 * sees only the families before it, the order above says who builds on whom, and helpers meant for
 * later families are `protected`, so the public face is the same as when this was one class.
 * Records (./state/records.ts) are plain data, so fork.ts can deep-copy a workbook.
 */

import { parseAddress } from "./addresses";
import { excelError } from "./excel-errors";
import { InspectState } from "./state/inspect";
import type { InitialSheet } from "./state/records";
import type { FakeLocale } from "./text-format";
import type { RangeValue } from "./office-types";

export {
  type BorderAttr,
  FORMAT_DEFAULTS,
  type FormatProp,
  type FormatValue,
  NO_FILL,
  normalizeColor,
  validateFormat,
} from "./state/format-rules";
export type { NameSnapshot, PivotSnapshot, SheetSnapshot, SheetView, TableSnapshot, ViewCell } from "./state/inspect";
export { STANDARD_COLUMN_WIDTH, STANDARD_ROW_HEIGHT } from "./state/sizes";
export type { CustomPropertyState, InitialSheet, RangeRef, SheetState } from "./state/records";
export type { DataFieldState, NamedItemState, NamedTarget, PivotSource, PivotState, TableFlag, TableState } from "./state/records";

export class WorkbookState extends InspectState {
  constructor(locale: FakeLocale, initialSheets: InitialSheet[]) {
    super(locale);
    const sheets = initialSheets.length > 0 ? initialSheets : [`${locale.sheetPrefix}1`];
    for (const init of sheets) {
      const spec = typeof init === "string" ? { name: init } : init;
      const sheet = this.addSheet(spec.name);
      for (const [address, values] of Object.entries(spec.cells ?? {})) {
        const { rect } = parseAddress(address);
        const rows = values.length;
        const cols = Math.max(0, ...values.map((r) => r.length));
        if (rows === 0 || cols === 0) continue;
        const padded = values.map((r) => [...r, ...Array<RangeValue>(cols - r.length).fill("")]);
        this.writeCells({ sheet, rect: { row: rect.row, col: rect.col, rows, cols } }, padded, "values");
      }
      if (spec.protected) sheet.protection = { protected: true, password: null, options: {} };
      if (spec.visibility) sheet.visibility = spec.visibility;
    }
    const firstVisible = this.allSheets.find((s) => s.visibility === "Visible");
    if (!firstVisible) throw excelError("InvalidArgument", "A workbook needs at least one visible sheet.");
    this.activeSheet = firstVisible;
  }
}
