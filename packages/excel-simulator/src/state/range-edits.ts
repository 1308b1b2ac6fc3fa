/**
 * Range operations that change contents and formats together: Range.clear, Range.copyFrom and
 * merging cells (Range.merge / unmerge).
 */

import { cellCount, rectsIntersect } from "@nav-tiltak/a1";
import { excelError } from "../excel-errors";
import { oneOf } from "./arguments";
import { BordersState } from "./borders";
import { FORMAT_DEFAULTS, type FormatProp, type FormatValue } from "./format-rules";
import type { RangeRef } from "./records";

export class RangeEditsState extends BordersState {
  clear(ref: RangeRef, applyTo: unknown = "All"): void {
    const what = oneOf(applyTo, ["All", "Formats", "Contents", "Hyperlinks", "RemoveHyperlinks", "ResetContents"] as const, "clear option");
    const { sheet, rect } = ref;
    const contents = what === "All" || what === "Contents" || what === "ResetContents";
    const formats = what === "All" || what === "Formats";
    if (contents) {
      this.assertEditable(sheet, "content");
      this.assertNoPivot(ref);
    }
    if (formats) this.assertEditable(sheet, "formatCells");
    if (contents) this.clearContents(sheet, rect);
    if (formats) this.clearFormats(sheet, rect);
    // Tables in the range stay. Range.clear's reference (learn.microsoft.com, Excel.Range.clear
    // and Excel.ClearApplyTo) says nothing about tables; Excel's UI may remove a table whose whole
    // range is cleared with Clear All, but that is not documented for the API, so the fake does not
    // model it and code under test must delete a table explicitly (Table.delete) when it means to.
  }

  merge(ref: RangeRef, across: boolean): void {
    const { sheet, rect } = ref;
    this.assertEditable(sheet, "content");
    if (this.allTables.some((t) => !t.deleted && t.sheet === sheet && rectsIntersect(t.rect, rect))) {
      throw excelError("InvalidOperation", "Cells in a table cannot be merged.");
    }
    const areas = across
      ? Array.from({ length: rect.rows }, (_, i) => ({ row: rect.row + i, col: rect.col, rows: 1, cols: rect.cols }))
      : [rect];
    sheet.merged = sheet.merged.filter((m) => !rectsIntersect(m, rect));
    for (const a of areas) {
      if (cellCount(a) < 2) continue;
      // Only the top-left value survives a merge.
      this.forEachStored(sheet, a, (r, c) => {
        if (r !== a.row || c !== a.col) this.storeCell(sheet, r, c, { value: "" });
      });
      sheet.merged.push(a);
    }
  }

  unmerge(ref: RangeRef): void {
    this.assertEditable(ref.sheet, "content");
    ref.sheet.merged = ref.sheet.merged.filter((m) => !rectsIntersect(m, ref.rect));
  }

  /**
   * Range.copyFrom(source, "All") (ExcelApi 1.9): the source's contents and formats onto the
   * destination, which takes the source's size from its top left cell (the reference: "the
   * destination is expanded automatically if it's smaller than the source"). Formulas are copied
   * as written: the fake keeps no reference arithmetic, and a copy to the same address on another
   * sheet needs none. Other copy types, skipBlanks and transpose are not modelled.
   */
  copyFrom(dest: RangeRef, src: RangeRef, copyType: unknown = "All", skipBlanks = false, transpose = false): void {
    if (copyType !== "All" || skipBlanks || transpose) {
      throw excelError("InvalidArgument", 'The fake models Range.copyFrom with copyType "All" only.');
    }
    this.assertEditable(dest.sheet, "content");
    this.assertEditable(dest.sheet, "formatCells");
    const to: RangeRef = { sheet: dest.sheet, rect: { row: dest.rect.row, col: dest.rect.col, rows: src.rect.rows, cols: src.rect.cols } };
    this.assertNoPivot(to);
    // Read everything first: source and destination may overlap.
    const props = Object.keys(FORMAT_DEFAULTS) as FormatProp[];
    const cells = this.readGrid(src, (r, c) => ({
      formula: this.cellFormula(src.sheet, r, c),
      value: this.cellValue(src.sheet, r, c),
      fmt: Object.fromEntries(
        props.map((p) => [p, this.formatAt(src.sheet, r, c, p)]).filter(([p, v]) => v !== FORMAT_DEFAULTS[p as FormatProp]),
      ),
    }));
    this.clearFormats(to.sheet, to.rect);
    cells.forEach((row, i) =>
      row.forEach((cell, j) => {
        const r = to.rect.row + i;
        const c = to.rect.col + j;
        const formula = typeof cell.formula === "string" && cell.formula.startsWith("=") ? cell.formula : undefined;
        this.storeCell(to.sheet, r, c, { value: cell.value, ...(formula ? { formula } : {}) });
        if (Object.keys(cell.fmt).length > 0) this.ensureCell(to.sheet, r, c).fmt = cell.fmt as Partial<Record<FormatProp, FormatValue>>;
      }),
    );
  }
}
