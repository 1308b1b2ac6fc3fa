/**
 * Format rules of the range format family: which format properties a cell has, their defaults as
 * Office.js reads them back, and how a value written to one is checked and normalized.
 */

import { excelError } from "../excel-errors";
import type { BorderLineStyle, BorderSide, BorderWeight, HorizontalAlignment, UnderlineStyle, VerticalAlignment } from "../office-types";
import { bool, oneOf } from "./arguments";

export type BorderAttr = "style" | "weight" | "color";
export type FormatProp =
  | "numberFormat"
  | "font.bold"
  | "font.italic"
  | "font.underline"
  | "font.size"
  | "font.color"
  | "font.name"
  | "fill.color"
  | "horizontalAlignment"
  | "verticalAlignment"
  | "wrapText"
  | `border.${BorderSide}.${BorderAttr}`;

export type FormatValue = string | number | boolean;

/** "No fill" reads back as white, as in Office.js. */
export const NO_FILL = "#FFFFFF";

const SIDES: BorderSide[] = ["top", "bottom", "left", "right"];

export const FORMAT_DEFAULTS: Record<FormatProp, FormatValue> = {
  numberFormat: "General",
  "font.bold": false,
  "font.italic": false,
  "font.underline": "None",
  "font.size": 11,
  "font.color": "#000000",
  "font.name": "Calibri",
  "fill.color": NO_FILL,
  horizontalAlignment: "General",
  verticalAlignment: "Bottom",
  wrapText: false,
  ...(Object.fromEntries(
    SIDES.flatMap((s) => [
      [`border.${s}.style`, "None"],
      [`border.${s}.weight`, "Thin"],
      [`border.${s}.color`, "#000000"],
    ]),
  ) as Record<`border.${BorderSide}.${BorderAttr}`, FormatValue>),
};

const NAMED_COLORS: Record<string, string> = {
  black: "#000000",
  white: "#FFFFFF",
  red: "#FF0000",
  green: "#008000",
  lime: "#00FF00",
  blue: "#0000FF",
  yellow: "#FFFF00",
  orange: "#FFA500",
  purple: "#800080",
  gray: "#808080",
  grey: "#808080",
  lightgray: "#D3D3D3",
  lightgrey: "#D3D3D3",
  darkgray: "#A9A9A9",
  darkgrey: "#A9A9A9",
  silver: "#C0C0C0",
  navy: "#000080",
  teal: "#008080",
  maroon: "#800000",
  olive: "#808000",
  aqua: "#00FFFF",
  cyan: "#00FFFF",
  fuchsia: "#FF00FF",
  magenta: "#FF00FF",
  darkblue: "#00008B",
  lightblue: "#ADD8E6",
  darkgreen: "#006400",
  lightgreen: "#90EE90",
};

/** Normalizes "#abc", "#aabbcc" or a CSS colour name to "#AABBCC". */
export function normalizeColor(input: unknown, what = "color"): string {
  if (typeof input !== "string") throw excelError("InvalidArgument", `The ${what} must be a string.`);
  const s = input.trim();
  const named = NAMED_COLORS[s.toLowerCase()];
  if (named) return named;
  let m = /^#([0-9a-fA-F]{6})$/.exec(s);
  if (m) return `#${m[1]!.toUpperCase()}`;
  m = /^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$/.exec(s);
  if (m) return `#${m[1]}${m[1]}${m[2]}${m[2]}${m[3]}${m[3]}`.toUpperCase();
  throw excelError("InvalidArgument", `'${s}' is not a valid ${what}; use "#RRGGBB" or a colour name.`);
}

const H_ALIGN: HorizontalAlignment[] = ["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"];
const V_ALIGN: VerticalAlignment[] = ["Top", "Center", "Bottom", "Justify", "Distributed"];
const LINE_STYLES: BorderLineStyle[] = ["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "SlantDashDot"];
const WEIGHTS: BorderWeight[] = ["Hairline", "Thin", "Medium", "Thick"];
const UNDERLINES: UnderlineStyle[] = ["None", "Single", "Double", "SingleAccountant", "DoubleAccountant"];

/** Validates and normalizes a value for a format property. */
export function validateFormat(prop: FormatProp, value: unknown): FormatValue {
  switch (prop) {
    case "numberFormat":
      if (typeof value !== "string") throw excelError("InvalidArgument", "A number format must be a string.");
      return value === "" ? "General" : value;
    case "font.bold":
    case "font.italic":
    case "wrapText":
      return bool(value, prop);
    case "font.underline":
      return oneOf(value, UNDERLINES, "underline style");
    case "font.size":
      if (typeof value !== "number" || !(value >= 1 && value <= 409)) {
        throw excelError("InvalidArgument", "Font size must be a number from 1 to 409.");
      }
      return value;
    case "font.name":
      if (typeof value !== "string" || value.trim() === "" || value.length > 31) {
        throw excelError("InvalidArgument", "Font name must be a non-empty string of at most 31 characters.");
      }
      return value;
    case "font.color":
    case "fill.color":
      return normalizeColor(value);
    case "horizontalAlignment":
      return oneOf(value, H_ALIGN, "horizontal alignment");
    case "verticalAlignment":
      return oneOf(value, V_ALIGN, "vertical alignment");
    default: {
      if (prop.endsWith(".style")) return oneOf(value, LINE_STYLES, "border style");
      if (prop.endsWith(".weight")) return oneOf(value, WEIGHTS, "border weight");
      return normalizeColor(value, "border color");
    }
  }
}
