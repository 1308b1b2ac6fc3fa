/**
 * Excel's errors for addresses: a rectangle off the grid or an address that is not one fails with
 * InvalidArgument, as Range calls do. The A1 rules themselves are @nav-tiltak/a1's.
 */

import { MAX_COLUMNS, MAX_ROWS, type ParsedAddress, type Rect, insideGrid, tryParseAddress } from "@nav-tiltak/a1";
import { excelError } from "./excel-errors";

/** Throws InvalidArgument unless the rectangle lies inside Excel's grid. */
export function checkRect(rect: Rect, what = "range"): Rect {
  if (!insideGrid(rect)) {
    throw excelError(
      "InvalidArgument",
      `The ${what} (row ${rect.row}, column ${rect.col}, ${rect.rows}×${rect.cols}) is outside the ` +
        `worksheet grid of ${MAX_ROWS} rows × ${MAX_COLUMNS} columns.`,
    );
  }
  return rect;
}

/** Parses an A1 address with optional sheet; throws InvalidArgument when malformed or off-grid. */
export function parseAddress(address: string): ParsedAddress {
  if (typeof address !== "string" || address.trim() === "") {
    throw excelError("InvalidArgument", `The address '${String(address)}' is not valid.`);
  }
  const parsed = tryParseAddress(address);
  if (!parsed) throw excelError("InvalidArgument", `The address '${address}' is not valid.`);
  return parsed;
}
