// @nav-tiltak/a1: the one A1 module the add-in and the Excel simulator share.

import { describe, expect, it } from "vitest";
import {
  MAX_COLUMNS,
  MAX_ROWS,
  boundingRect,
  columnIndex,
  columnLetters,
  formatRect,
  insideGrid,
  parseSheetReference,
  rectContains,
  sheetReference,
  tryParseAddress,
} from "@nav-tiltak/a1";

describe("A1 addresses", () => {
  it("column letters and indexes are each other's inverse, up to XFD", () => {
    for (const [col, letters] of [
      [0, "A"],
      [25, "Z"],
      [26, "AA"],
      [701, "ZZ"],
      [702, "AAA"],
      [MAX_COLUMNS - 1, "XFD"],
    ] as const) {
      expect(columnLetters(col)).toBe(letters);
      expect(columnIndex(letters)).toBe(col);
    }
    expect(columnIndex("XFE")).toBe(-1);
    expect(columnIndex("A1")).toBe(-1);
  });

  it("formats cells, blocks, whole rows and whole columns as Excel reports them", () => {
    expect(formatRect({ row: 0, col: 0, rows: 1, cols: 1 })).toBe("A1");
    expect(formatRect({ row: 4, col: 0, rows: 21, cols: 6 }, true)).toBe("$A$5:$F$25");
    expect(formatRect({ row: 0, col: 2, rows: MAX_ROWS, cols: 2 })).toBe("C:D");
    expect(formatRect({ row: 2, col: 0, rows: 3, cols: MAX_COLUMNS })).toBe("3:5");
  });

  it("reads an address with or without a sheet, and refuses what is not one", () => {
    expect(tryParseAddress("'Per''s ark'!B2:A1")).toEqual({ sheet: "Per's ark", rect: { row: 0, col: 0, rows: 2, cols: 2 } });
    expect(tryParseAddress("A:C")).toEqual({ rect: { row: 0, col: 0, rows: MAX_ROWS, cols: 3 } });
    expect(tryParseAddress("A0")).toBeNull();
    expect(tryParseAddress("SUM(A1)")).toBeNull();
  });

  it("a sheet reference is always quoted, and reads back; whole columns and #REF! are no block", () => {
    const rect = { row: 4, col: 0, rows: 21, cols: 6 };
    expect(sheetReference("Ark1", rect)).toBe("='Ark1'!$A$5:$F$25");
    expect(parseSheetReference(sheetReference("Per's ark", rect))).toEqual({ sheet: "Per's ark", rect });
    expect(parseSheetReference("=Hovedgrupper!B2")).toEqual({ sheet: "Hovedgrupper", rect: { row: 1, col: 1, rows: 1, cols: 1 } });
    expect(parseSheetReference("=Data!A:C")).toBeNull();
    expect(parseSheetReference("=#REF!$A$1")).toBeNull();
    expect(parseSheetReference("=Data!XFE1")).toBeNull();
  });

  it("rectangles: inside the grid, containment, bounding box", () => {
    expect(insideGrid({ row: MAX_ROWS - 1, col: 0, rows: 1, cols: 1 })).toBe(true);
    expect(insideGrid({ row: MAX_ROWS - 1, col: 0, rows: 2, cols: 1 })).toBe(false);
    expect(insideGrid({ row: 0.5, col: 0, rows: 1, cols: 1 })).toBe(false);
    const a = { row: 1, col: 1, rows: 2, cols: 2 };
    const b = { row: 4, col: 0, rows: 1, cols: 1 };
    expect(boundingRect(a, b)).toEqual({ row: 1, col: 0, rows: 4, cols: 3 });
    expect(rectContains(boundingRect(a, b), a)).toBe(true);
    expect(rectContains(a, b)).toBe(false);
  });
});
