// Public types of the Excel writer.

import type { LayoutKey } from "../core/layout.js";
import type { Dataset } from "../core/types.js";
import type { TargetKey } from "./sheet-specs.js";

/**
 * Where an operation's figures come from: a dataset and the period its tables and charts show.
 * The pane passes the period it shows; left out, the newest (core/periods.ts decides).
 */
export interface PeriodChoice {
  dataset: Dataset;
  /** A period of the dataset as `ÅÅÅÅ-MM` (PeriodData.period). */
  period?: string;
}

/**
 * Which sheets an insert writes: every published table and the pivot-ready data ("all"), the
 * pivot-ready data alone ("pivot": all periods, with the names per hovedgruppe and the PivotTable),
 * the chart sheets ("charts"), NAV's time-series sheets of the period's year ("series",
 * excel/series-sheets.ts says why apart from "all"), or the published tables with these keys.
 */
export type SheetChoice = "all" | "pivot" | "charts" | "series" | readonly LayoutKey[];

/** What an insert writes: the chosen sheets, for the chosen period. */
export interface InsertRequest extends PeriodChoice {
  sheets: SheetChoice;
}

/** An `Excel.run`-style runner: real Excel (`Excel.run`) or a fake with the same shape. */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelHost {
  run: ExcelRunner;
  /** `Office.context.requirements.isSetSupported("ExcelApi", version)`; defaults to the global Office. */
  isSetSupported?: (version: string) => boolean;
}

/** What the host supports, from its ExcelApi requirement sets. */
export interface Capabilities {
  /** ExcelApi 1.7: names with formulas, freeze panes, resized ranges (the manifest's minimum). */
  base: boolean;
  /** ExcelApi 1.8: PivotTables. */
  pivotTables: boolean;
  /** ExcelApi 1.9: Application.suspendScreenUpdatingUntilNextSync. */
  suspendScreenUpdating: boolean;
  /** ExcelApi 1.9: Range.copyFrom (the user's edited block is copied with all its formatting). Absent: false. */
  copyFrom?: boolean;
  /** ExcelApi 1.12: worksheet custom properties (the per-sheet ownership marker). */
  customProperties: boolean;
  /** ExcelApi 1.9: RangeAreas (Worksheet.getRanges), one object for many cells. Absent: false. */
  rangeAreas?: boolean;
  /** ExcelApi 1.13: Table.resize. */
  tableResize: boolean;
}

export type MessageLevel = "info" | "warning" | "error";

/** A Norwegian message for the user. */
export interface Message {
  level: MessageLevel;
  text: string;
}

export interface SheetResult {
  key: TargetKey;
  /** The sheet's name in the workbook. */
  sheet: string;
  status: "created" | "recreated" | "updated" | "skipped";
  /** When the user's edits in the add-in's cells were kept: the sheet holding their version. */
  keptAs?: string;
  table?: string;
  pivot?: string;
  names?: string[];
}

export interface WriteReport {
  ok: boolean;
  /** `context.sync()` round trips used. */
  syncs: number;
  sheets: SheetResult[];
  messages: Message[];
  /** One line for the task pane's status. */
  summary: string;
}

export interface WriteOptions {
  /** Called as the operation moves on (0..1), for the task pane's progress bar. */
  onProgress?: (fraction: number, text: string) => void;
  /** Activate the first sheet written (default true for inserts, false for refresh). */
  activate?: boolean;
}
