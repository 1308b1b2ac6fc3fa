/**
 * The range format family's borders: setting a border (Excel.RangeBorder) on a range's edges or
 * inside lines, reading it back, a cell's border as displayed (its own, else its neighbour's facing
 * one), and the full format of one cell.
 */

import { MAX_COLUMNS, MAX_ROWS, type Rect } from "@nav-tiltak/a1";
import type {
  BorderIndex,
  BorderLineStyle,
  BorderSide,
  BorderWeight,
  CellFormat,
  HorizontalAlignment,
  UnderlineStyle,
  VerticalAlignment,
} from "../office-types";
import { type BorderAttr, FORMAT_DEFAULTS, type FormatProp, type FormatValue, validateFormat } from "./format-rules";
import { FormatsState } from "./formats";
import type { RangeRef, SheetState } from "./records";

export class BordersState extends FormatsState {
  /** A border side as displayed: a cell's own border, else its neighbour's facing one. */
  borderAt(sheet: SheetState, row: number, col: number, side: BorderSide, attr: BorderAttr): FormatValue {
    const own = this.formatAt(sheet, row, col, `border.${side}.style`);
    if (own !== "None") return this.formatAt(sheet, row, col, `border.${side}.${attr}`);
    const n = neighbour(row, col, side);
    if (!n) return this.formatAt(sheet, row, col, `border.${side}.${attr}`);
    const facing = this.formatAt(sheet, n.row, n.col, `border.${n.side}.style`);
    if (facing === "None") return this.formatAt(sheet, row, col, `border.${side}.${attr}`);
    return this.formatAt(sheet, n.row, n.col, `border.${n.side}.${attr}`);
  }

  cellFormat(sheet: SheetState, row: number, col: number): CellFormat {
    const f = (p: FormatProp) => this.formatAt(sheet, row, col, p);
    const border = (s: BorderSide) => ({
      style: this.borderAt(sheet, row, col, s, "style") as BorderLineStyle,
      weight: this.borderAt(sheet, row, col, s, "weight") as BorderWeight,
      color: this.borderAt(sheet, row, col, s, "color") as string,
    });
    return {
      numberFormat: f("numberFormat") as string,
      bold: f("font.bold") as boolean,
      italic: f("font.italic") as boolean,
      underline: f("font.underline") as UnderlineStyle,
      fontSize: f("font.size") as number,
      fontColor: f("font.color") as string,
      fontName: f("font.name") as string,
      fillColor: f("fill.color") as string,
      horizontalAlignment: f("horizontalAlignment") as HorizontalAlignment,
      verticalAlignment: f("verticalAlignment") as VerticalAlignment,
      wrapText: f("wrapText") as boolean,
      borders: { top: border("top"), bottom: border("bottom"), left: border("left"), right: border("right") },
    };
  }

  private borderCells(rect: Rect, index: BorderIndex): { rect: Rect; side: BorderSide }[] {
    const { row, col, rows, cols } = rect;
    switch (index) {
      case "EdgeTop":
        return [{ rect: { row, col, rows: 1, cols }, side: "top" }];
      case "EdgeBottom":
        return [{ rect: { row: row + rows - 1, col, rows: 1, cols }, side: "bottom" }];
      case "EdgeLeft":
        return [{ rect: { row, col, rows, cols: 1 }, side: "left" }];
      case "EdgeRight":
        return [{ rect: { row, col: col + cols - 1, rows, cols: 1 }, side: "right" }];
      case "InsideHorizontal":
        return rows < 2
          ? []
          : [
              { rect: { row, col, rows: rows - 1, cols }, side: "bottom" },
              { rect: { row: row + 1, col, rows: rows - 1, cols }, side: "top" },
            ];
      case "InsideVertical":
        return cols < 2
          ? []
          : [
              { rect: { row, col, rows, cols: cols - 1 }, side: "right" },
              { rect: { row, col: col + 1, rows, cols: cols - 1 }, side: "left" },
            ];
    }
  }

  setBorder(ref: RangeRef, index: BorderIndex, attr: BorderAttr, value: unknown): void {
    this.assertEditable(ref.sheet, "formatCells");
    for (const { rect, side } of this.borderCells(ref.rect, index)) {
      const prop = `border.${side}.${attr}` as const;
      const v = validateFormat(prop, value);
      this.applyFormat(ref.sheet, rect, prop, v);
      // Keep an explicit facing border outside the range in step, so both cells agree.
      const facing = outside(rect, side);
      if (facing) {
        const fprop = `border.${opposite(side)}.${attr}` as const;
        this.forEachStored(ref.sheet, facing, (_r, _c, cell) => {
          if (cell.fmt?.[fprop] !== undefined) cell.fmt[fprop] = v;
        });
      }
    }
  }

  readBorder(ref: RangeRef, index: BorderIndex, attr: BorderAttr): FormatValue | null {
    const parts = this.borderCells(ref.rect, index).filter((p) => p.side === "top" || p.side === "left" || index.startsWith("Edge"));
    if (parts.length === 0) return FORMAT_DEFAULTS[`border.top.${attr}`];
    const values = new Set<FormatValue | null>();
    for (const { rect, side } of parts) {
      values.add(this.uniform(ref.sheet, rect, (r, c) => this.borderAt(ref.sheet, r, c, side, attr), undefined));
    }
    return values.size === 1 ? [...values][0]! : null;
  }
}

function neighbour(row: number, col: number, side: BorderSide): { row: number; col: number; side: BorderSide } | null {
  switch (side) {
    case "top":
      return row > 0 ? { row: row - 1, col, side: "bottom" } : null;
    case "bottom":
      return row + 1 < MAX_ROWS ? { row: row + 1, col, side: "top" } : null;
    case "left":
      return col > 0 ? { row, col: col - 1, side: "right" } : null;
    case "right":
      return col + 1 < MAX_COLUMNS ? { row, col: col + 1, side: "left" } : null;
  }
}

function opposite(side: BorderSide): BorderSide {
  return side === "top" ? "bottom" : side === "bottom" ? "top" : side === "left" ? "right" : "left";
}

/** The row or column just outside `rect` on `side`, or null at the grid edge. */
function outside(rect: Rect, side: BorderSide): Rect | null {
  switch (side) {
    case "top":
      return rect.row > 0 ? { ...rect, row: rect.row - 1, rows: 1 } : null;
    case "bottom":
      return rect.row + rect.rows < MAX_ROWS ? { ...rect, row: rect.row + rect.rows, rows: 1 } : null;
    case "left":
      return rect.col > 0 ? { ...rect, col: rect.col - 1, cols: 1 } : null;
    case "right":
      return rect.col + rect.cols < MAX_COLUMNS ? { ...rect, col: rect.col + rect.cols, cols: 1 } : null;
  }
}
