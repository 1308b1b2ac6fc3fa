/**
 * The cells a Range, a RangeAreas or a format object stands for, and how a worksheet-relative
 * address resolves to them. Shared by the range, format and worksheet tables; no table of its own,
 * so that those tables import it and not each other.
 */

import { MAX_COLUMNS, MAX_ROWS, type Rect } from "@nav-tiltak/a1";
import { checkRect, parseAddress } from "../addresses";
import { excelError } from "../excel-errors";
import type { RangeRef, SheetState, WorkbookState } from "../state";

/** Several rectangles on one sheet: what Worksheet.getRanges returns (RangeAreas). */
export interface AreasRef {
  sheet: SheetState;
  rects: Rect[];
}

/** Cells a format object applies to: one range, or the areas of a RangeAreas. */
export type Cells = RangeRef | AreasRef;

export function refsOf(e: Cells): RangeRef[] {
  return "rects" in e ? e.rects.map((rect) => ({ sheet: e.sheet, rect })) : [e];
}

const WHOLE_SHEET: Rect = { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLUMNS };

/** Resolves a worksheet-relative address or a workbook name that points into this sheet. */
export function sheetRange(wb: WorkbookState, sheet: SheetState, address: string | undefined): RangeRef {
  if (address === undefined || address === null || address === "") return { sheet, rect: WHOLE_SHEET };
  let parsed;
  try {
    parsed = parseAddress(address);
  } catch (e) {
    const named = wb.findName(address);
    const ref = named ? wb.nameRange(named) : null;
    if (ref && ref.sheet === sheet) return ref;
    throw e;
  }
  if (parsed.sheet !== undefined && wb.findSheet(parsed.sheet) !== sheet) {
    throw excelError("InvalidArgument", `The address '${address}' is not on the worksheet '${sheet.name}'.`);
  }
  return { sheet, rect: checkRect(parsed.rect) };
}

/** "A1:B2, D4" (areas of one sheet, comma-separated, as Worksheet.getRanges takes them). */
export function sheetAreas(wb: WorkbookState, sheet: SheetState, address: unknown): AreasRef {
  if (typeof address !== "string" || address.trim() === "") {
    throw excelError("InvalidArgument", 'getRanges needs one or more addresses, such as "A1:B2, D4".');
  }
  return { sheet, rects: address.split(",").map((part) => sheetRange(wb, sheet, part.trim()).rect) };
}
