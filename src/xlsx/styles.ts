// Translates the Excel simulator's cell formats (Office.js vocabulary) into exceljs styles
// (OOXML vocabulary), and column widths from points to the file's character units.

import type { Alignment, Border, BorderStyle, Fill, Font } from "exceljs";
// The simulator's Office.js value types, by their Office.js names (Sim.BorderWeight …).
import type * as Sim from "@nav-tiltak/excel-simulator";

/** Calibri 11's widest digit is 7 pixels; an OOXML column width counts those digits (ECMA-376 §18.3.1.13). */
const MAX_DIGIT_PX = 7;
const PX_PER_POINT = 96 / 72;

/** Office.js `columnWidth` (points) as an OOXML `<col width>` (digit widths, in 1/256 steps as Excel stores it). */
export function pointsToColumnWidth(points: number): number {
  return Math.round(((points * PX_PER_POINT) / MAX_DIGIT_PX) * 256) / 256;
}

export function columnWidthToPoints(width: number): number {
  return (width * MAX_DIGIT_PX) / PX_PER_POINT;
}

/** "#RRGGBB" → exceljs ARGB ("FFRRGGBB", opaque). */
export function argb(color: string): string {
  return `FF${color.replace(/^#/, "").toUpperCase()}`;
}

const NO_FILL = "#FFFFFF";
const DEFAULT_FONT = { name: "Calibri", size: 11, color: "#000000" };

const UNDERLINE: Record<Sim.UnderlineStyle, Font["underline"]> = {
  None: false,
  Single: "single",
  Double: "double",
  SingleAccountant: "singleAccounting",
  DoubleAccountant: "doubleAccounting",
};

const H_ALIGN: Partial<Record<Sim.HorizontalAlignment, Alignment["horizontal"]>> = {
  Left: "left",
  Center: "center",
  Right: "right",
  Fill: "fill",
  Justify: "justify",
  CenterAcrossSelection: "centerContinuous",
  Distributed: "distributed",
};

const V_ALIGN: Partial<Record<Sim.VerticalAlignment, Alignment["vertical"]>> = {
  Top: "top",
  Center: "middle",
  Justify: "justify",
  Distributed: "distributed",
};

/** Office.js line style and weight → the one OOXML border style that draws the same line. */
export function borderStyle(style: Sim.BorderLineStyle, weight: Sim.BorderWeight): BorderStyle | null {
  const medium = weight === "Medium" || weight === "Thick";
  switch (style) {
    case "None":
      return null;
    case "Continuous":
      return weight === "Hairline" ? "hair" : weight === "Thin" ? "thin" : weight === "Medium" ? "medium" : "thick";
    case "Dash":
      return medium ? "mediumDashed" : "dashed";
    case "DashDot":
      return medium ? "mediumDashDot" : "dashDot";
    case "DashDotDot":
      return medium ? "mediumDashDotDot" : "dashDotDot";
    case "Dot":
      return "dotted";
    case "Double":
      return "double";
    case "SlantDashDot":
      return "slantDashDot";
  }
}

export interface XlsxStyle {
  numFmt?: string;
  font?: Partial<Font>;
  fill?: Fill;
  alignment?: Partial<Alignment>;
  border?: Partial<Record<Sim.BorderSide, Partial<Border>>>;
}

/** The parts of a cell's format that differ from a new workbook's defaults (undefined when none do). */
export function cellStyle(f: Sim.CellFormat): XlsxStyle | undefined {
  const style: XlsxStyle = {};
  if (f.numberFormat !== "General") style.numFmt = f.numberFormat;

  const font: Partial<Font> = {};
  if (f.bold) font.bold = true;
  if (f.italic) font.italic = true;
  if (f.underline !== "None") font.underline = UNDERLINE[f.underline];
  if (f.fontSize !== DEFAULT_FONT.size) font.size = f.fontSize;
  if (f.fontName !== DEFAULT_FONT.name) font.name = f.fontName;
  if (f.fontColor !== DEFAULT_FONT.color) font.color = { argb: argb(f.fontColor) };
  // A font entry replaces the whole default font: without a name and size, readers fall back to
  // their own default (LibreOffice draws such bold cells in a serif face).
  if (Object.keys(font).length > 0) style.font = { name: f.fontName, size: f.fontSize, ...font };

  if (f.fillColor !== NO_FILL) style.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(f.fillColor) } };

  const alignment: Partial<Alignment> = {};
  const h = H_ALIGN[f.horizontalAlignment];
  const v = V_ALIGN[f.verticalAlignment];
  if (h) alignment.horizontal = h;
  if (v) alignment.vertical = v;
  if (f.wrapText) alignment.wrapText = true;
  if (Object.keys(alignment).length > 0) style.alignment = alignment;

  const border: XlsxStyle["border"] = {};
  for (const side of ["top", "bottom", "left", "right"] as const) {
    const b = f.borders[side];
    const s = borderStyle(b.style, b.weight);
    if (s) border[side] = { style: s, color: { argb: argb(b.color) } };
  }
  if (Object.keys(border).length > 0) style.border = border;

  return Object.keys(style).length > 0 ? style : undefined;
}
