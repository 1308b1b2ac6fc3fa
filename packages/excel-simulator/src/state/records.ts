/**
 * The records the fake workbook keeps, one per Office.js object (sheet, cell, table, named item,
 * PivotTable, custom property). Plain data that refers to each other (a table to its sheet), so a
 * workbook can be deep-copied; the rules that change them live in the family files beside this one.
 */

import type { Rect } from "@nav-tiltak/a1";
import type { AggregationFunction, RangeValue, PivotLayoutType, ProtectionOptions, SheetVisibility } from "../office-types";
import type { FormatProp, FormatValue } from "./format-rules";

/** One stored cell: its value, its formula as written, and the formats set on it alone. */
export interface CellData {
  value: RangeValue;
  formula?: string;
  fmt?: Partial<Record<FormatProp, FormatValue>>;
}

/** A format set on a large rectangle at once (whole rows or columns), instead of per cell. */
export interface FormatLayer {
  rect: Rect;
  value: FormatValue;
}

export interface CustomPropertyState {
  key: string;
  value: string;
  sheet: SheetState;
  deleted: boolean;
}

export interface SheetState {
  readonly id: string;
  name: string;
  visibility: SheetVisibility;
  deleted: boolean;
  cells: Map<number, CellData>;
  layers: Map<FormatProp, FormatLayer[]>;
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  frozenRows: number;
  frozenColumns: number;
  tabColor: string | null;
  showGridlines: boolean;
  protection: { protected: boolean; password: string | null; options: ProtectionOptions };
  customProperties: Map<string, CustomPropertyState>;
  merged: Rect[];
}

/** A resolved Range: a sheet and a rectangle on it. */
export interface RangeRef {
  sheet: SheetState;
  rect: Rect;
}

export interface TableState {
  readonly id: string;
  name: string;
  sheet: SheetState;
  rect: Rect;
  style: string;
  showBandedRows: boolean;
  showBandedColumns: boolean;
  showFilterButton: boolean;
  showHeaders: boolean;
  showTotals: boolean;
  highlightFirstColumn: boolean;
  highlightLastColumn: boolean;
  deleted: boolean;
}

export type TableFlag =
  | "showBandedRows"
  | "showBandedColumns"
  | "showFilterButton"
  | "showHeaders"
  | "showTotals"
  | "highlightFirstColumn"
  | "highlightLastColumn";

export type NamedTarget = { kind: "range"; sheet: SheetState; rect: Rect } | { kind: "formula"; formula: string };

export interface NamedItemState {
  name: string;
  comment: string;
  visible: boolean;
  target: NamedTarget;
  /** Set when the referenced sheet is deleted: the formula becomes #REF!. */
  broken: boolean;
  deleted: boolean;
}

export type PivotSource = { kind: "range"; sheet: SheetState; rect: Rect } | { kind: "table"; table: TableState };

export interface DataFieldState {
  readonly id: string;
  name: string;
  field: string;
  summarizeBy: AggregationFunction;
  numberFormat: string;
  /** True while the name is Excel's generated "Sum of X", so it follows summarizeBy. */
  defaultName: boolean;
  deleted: boolean;
}

export interface PivotState {
  readonly id: string;
  name: string;
  sheet: SheetState;
  source: PivotSource;
  fields: string[];
  dest: { row: number; col: number };
  rows: string[];
  columns: string[];
  filters: string[];
  data: DataFieldState[];
  layout: {
    layoutType: PivotLayoutType;
    showRowGrandTotals: boolean;
    showColumnGrandTotals: boolean;
    subtotalLocation: "AtTop" | "AtBottom" | "Off";
  };
  /** Cells the rendered report occupies, its filter area included; null while it has no fields. */
  output: Rect | null;
  /** The report itself within `output`: without the filter area above it. */
  report: Rect | null;
  deleted: boolean;
}

export type InitialSheet =
  | string
  | {
      name: string;
      /** Cell contents by top-left address, e.g. { A1: [["Navn", "Antall"], ["x", 1]] }. */
      cells?: Record<string, RangeValue[][]>;
      visibility?: SheetVisibility;
      protected?: boolean;
    };
