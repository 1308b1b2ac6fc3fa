/** Value types shared by the fake's state and its server tables (string unions as in Office.js). */

/** What a cell holds, as Range.values reports it ("" is an empty cell). */
export type RangeValue = string | number | boolean;

export type SheetVisibility = "Visible" | "Hidden" | "VeryHidden";

export type HorizontalAlignment = "General" | "Left" | "Center" | "Right" | "Fill" | "Justify" | "CenterAcrossSelection" | "Distributed";

export type VerticalAlignment = "Top" | "Center" | "Bottom" | "Justify" | "Distributed";

export type BorderIndex = "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideHorizontal" | "InsideVertical";

export type BorderLineStyle = "None" | "Continuous" | "Dash" | "DashDot" | "DashDotDot" | "Dot" | "Double" | "SlantDashDot";

export type BorderWeight = "Hairline" | "Thin" | "Medium" | "Thick";

export type UnderlineStyle = "None" | "Single" | "Double" | "SingleAccountant" | "DoubleAccountant";

export type ClearApplyTo = "All" | "Formats" | "Contents" | "Hyperlinks" | "RemoveHyperlinks" | "ResetContents";

export type CalculationMode = "Automatic" | "AutomaticExceptTables" | "Manual";

export type AggregationFunction = "Automatic" | "Sum" | "Count" | "Average" | "Max" | "Min";

export type PivotLayoutType = "Compact" | "Tabular" | "Outline";

export type BorderSide = "top" | "bottom" | "left" | "right";

/** Every per-cell format attribute the fake tracks. */
export interface CellFormat {
  numberFormat: string;
  bold: boolean;
  italic: boolean;
  underline: UnderlineStyle;
  fontSize: number;
  fontColor: string;
  fontName: string;
  fillColor: string;
  horizontalAlignment: HorizontalAlignment;
  verticalAlignment: VerticalAlignment;
  wrapText: boolean;
  borders: Record<BorderSide, { style: BorderLineStyle; weight: BorderWeight; color: string }>;
}

export interface ProtectionOptions {
  allowFormatCells?: boolean;
  allowFormatColumns?: boolean;
  allowFormatRows?: boolean;
  allowInsertColumns?: boolean;
  allowInsertRows?: boolean;
  allowDeleteColumns?: boolean;
  allowDeleteRows?: boolean;
  allowAutoFilter?: boolean;
  allowSort?: boolean;
  allowPivotTables?: boolean;
  allowEditObjects?: boolean;
  allowEditScenarios?: boolean;
  allowInsertHyperlinks?: boolean;
}
