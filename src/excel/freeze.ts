// Freeze panes on the add-in's sheets, touched only when they differ from what the layout wants.
//
// Freezing panes on a sheet that is not the active one can desynchronise the active sheet's view
// in Excel on Windows and Mac (office-js issue #3148), and a refresh writes many sheets that are
// not active. So round trip 1 reads where each existing add-in sheet is frozen now
// (WorksheetFreezePanes.getLocationOrNullObject, ExcelApi 1.7, the manifest's minimum), and the
// write batch refreezes a sheet only when its frozen rows are not the ones the layout wants: the
// user unfroze them, or a write cut short never froze them. Where they are right (Excel moves the
// split down with rows inserted above, so it still sits under the header), nothing is queued.

import { MAX_COLUMNS, MAX_ROWS } from "@nav-tiltak/a1";

/** Frozen rows and columns of a sheet; 0 and 0 when nothing is frozen. */
export interface Frozen {
  rows: number;
  cols: number;
}

/**
 * Queues the read of a sheet's frozen location. The worksheet is reached through the add-in's
 * index entry's range, which is a null object where the entry or its sheet is gone; the location
 * is then a null object as well (the same chain the read of the block itself relies on).
 */
export function queueFrozenRead(sheet: Excel.Worksheet): () => Frozen {
  const location = sheet.freezePanes.getLocationOrNullObject().load("rowCount,columnCount");
  return () => {
    if (location.isNullObject) return { rows: 0, cols: 0 };
    // A location spanning every column freezes rows only, and the other way round.
    return {
      rows: location.rowCount >= MAX_ROWS ? 0 : location.rowCount,
      cols: location.columnCount >= MAX_COLUMNS ? 0 : location.columnCount,
    };
  };
}

/**
 * What to freeze on an existing sheet, or null to leave its panes alone: only where the frozen
 * rows differ from `wantRows`. Columns the user froze are kept. A layout that wants no frozen rows
 * (0) has no say: the user may freeze what they like there. Unknown (not read): leave alone.
 */
export function refreeze(current: Frozen | undefined, wantRows: number): Frozen | null {
  if (!current || wantRows <= 0 || current.rows === wantRows) return null;
  return { rows: wantRows, cols: current.cols };
}

/** Queues the freeze: rows only with freezeRows, rows and the user's columns with freezeAt. */
export function queueFreeze(sheet: Excel.Worksheet, want: Frozen): void {
  if (want.cols > 0) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, want.rows, want.cols));
  else sheet.freezePanes.freezeRows(want.rows);
}
