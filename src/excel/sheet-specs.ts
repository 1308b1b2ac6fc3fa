// What the add-in writes into each of its sheets, as plain data: values, number formats and
// style runs per block of rows. Built only from the core's layouts and long tables, so the writer
// never decides a number or a "*" itself. Pure: no Office.js, testable in Node.

import type { Dataset } from "../core/types.js";
import { FORMAT_COUNT, FORMAT_GENERAL, FORMAT_TEXT, SHEET_NAMES, displayText, type LayoutKey, type SheetLayout } from "../core/layout.js";
import { isFormulaLike } from "../core/text.js";
import { ALL } from "../core/types.js";
import { changeLongTable, tiltakLongTable, type HovedgruppeSpan, type LongTable } from "../core/pivot.js";
import { CHART_SHEET_NAMES, type ChartKey } from "../core/chart-names.js";
import type { ChartSpec } from "./chart-writer.js";
import { parseSeriesKey, type SeriesKey } from "./series-key.js";
import { seriesTableName } from "../core/tilt/tilt-names.js";

/** A cell as written: "" is an empty cell (Office.js reads empty cells back as ""). */
export type WriteValue = string | number;

export const PIVOT_DATA_TILTAK = "pivotdata-tiltak";
export const PIVOT_DATA_ENDRING = "pivotdata-endring";
export const PIVOT_TABLE = "pivottabell";

export type PivotKey = typeof PIVOT_DATA_TILTAK | typeof PIVOT_DATA_ENDRING | typeof PIVOT_TABLE;
export type TargetKey = LayoutKey | PivotKey | ChartKey | SeriesKey;

export const PIVOT_SHEET_NAMES: Readonly<Record<PivotKey, string>> = {
  [PIVOT_DATA_TILTAK]: "Pivotdata tiltak",
  [PIVOT_DATA_ENDRING]: "Pivotdata endring",
  [PIVOT_TABLE]: "Pivottabell",
};

export function defaultSheetName(key: TargetKey): string {
  const series = parseSeriesKey(key);
  if (series) return seriesTableName(series.code, series.year);
  if (key in CHART_SHEET_NAMES) return CHART_SHEET_NAMES[key as ChartKey];
  return key in PIVOT_SHEET_NAMES ? PIVOT_SHEET_NAMES[key as PivotKey] : SHEET_NAMES[key as LayoutKey];
}

export type BorderEdge = "EdgeTop" | "EdgeBottom";

/** One formatting instruction for a rectangle of cells (0-based, inclusive). */
export interface StyleRun {
  rows: [number, number];
  cols: [number, number];
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  wrap?: boolean;
  hAlign?: "Left" | "Right";
  vAlign?: "Top" | "Bottom";
  borders?: BorderEdge[];
  autofitRows?: boolean;
}

export interface TableSpec {
  /** Preferred Excel table name; another is picked when a user's table has it. */
  name: string;
  /** Sheet row (0-based) of the header row; the body follows. */
  headerRow: number;
  columns: string[];
  rowCount: number;
  spans: HovedgruppeSpan[];
  /** Workbook names per hovedgruppe are `${namePrefix}${Short}`, e.g. NAV_Arbeidssokere. */
  namePrefix: string;
  /** The column whose value picks a hovedgruppe's rows (group-names.ts). */
  groupColumn: string;
  style: string;
  /** What the table holds, for the names' comments. */
  description: string;
}

export interface PivotSpec {
  name: string;
  /** Which table sheet feeds the PivotTable. */
  source: typeof PIVOT_DATA_TILTAK;
  /** Sheet row (0-based) where the PivotTable starts, in column A. */
  anchorRow: number;
  rows: string[];
  columns: string[];
  filters: string[];
  data: string;
  /** Caption of the data field ("Sum av Antall"). */
  dataCaption: string;
}

export interface SheetSpec {
  key: TargetKey;
  defaultName: string;
  /** The published table name or what the sheet is, for messages. */
  title: string;
  values: WriteValue[][];
  numberFormats: string[][];
  styles: StyleRun[];
  /** Column widths in points (Excel's Range.format.columnWidth unit). */
  columnWidths: number[];
  freezeRows: number;
  table?: TableSpec;
  pivot?: PivotSpec;
  /** A chart over the block (chart sheets, see chart-writer.ts). */
  chart?: ChartSpec;
  /**
   * How a later refresh tells whether the user changed the add-in's cells: rows in order for the
   * published tables; as a set of rows for long tables, which users may sort or filter freely.
   */
  hashMode: "ordered" | "unordered";
}

// ---------------------------------------------------------------------------------------------

/** Excel column width: characters of the default font (about 7 px each, plus 5 px padding) → points. */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 4) / 4;
}

const TITLE_SIZE = 14;
const SUBTITLE_SIZE = 12;
const NOTE_COLOR = "#595959";
const HEADER_FILL = "#E6F0FF";

function cellValue(v: string | number | null): WriteValue {
  return v === null ? "" : v;
}

/**
 * Range.values parses a string written into a General cell the way Excel parses typing (en-US
 * shapes): "November 2016" or "2016-11" becomes a date, "5 %" a number, "=…", "+…" and "-…" a
 * formula. The period line on every sheet is such a string, so real Excel would show a date and
 * read back a date serial, which the refresh's content hash would then take for a user's edit.
 * Text that could be read as anything but text is written as text ("@", set before the values).
 * Longer strings are left General: Excel shows "####" for text over 255 characters in an "@" cell,
 * and no date or number is that long.
 */
const PARSEABLE_TEXT = /\d|^\s*[=+\-@#]|^\s*(TRUE|FALSE|SANN|USANN)\s*$/i;

export function textSafeFormats(values: readonly (readonly WriteValue[])[], formats: readonly (readonly string[])[]): string[][] {
  return formats.map((row, r) =>
    row.map((f, c) => {
      const v = values[r]?.[c];
      // Formula-like text is text at any length (core isFormulaLike: the one rule for it).
      return f === FORMAT_GENERAL && typeof v === "string" && ((v.length <= 255 && PARSEABLE_TEXT.test(v)) || isFormulaLike(v))
        ? FORMAT_TEXT
        : f;
    }),
  );
}

/** Merges runs on consecutive rows that format the same columns the same way, to queue fewer calls. */
export function coalesceRuns(runs: StyleRun[]): StyleRun[] {
  const out: StyleRun[] = [];
  const keyOf = (r: StyleRun) => JSON.stringify({ ...r, rows: undefined });
  for (const run of runs) {
    const prev = out[out.length - 1];
    if (prev && prev.rows[1] + 1 === run.rows[0] && keyOf(prev) === keyOf(run) && !run.borders?.length) {
      prev.rows = [prev.rows[0], run.rows[1]];
    } else {
      out.push({ ...run, rows: [...run.rows] as [number, number] });
    }
  }
  return out;
}

/** A published table as a sheet: the layout's cells and formats, styled like the publication. */
export function layoutSheet(layout: Omit<SheetLayout, "key"> & { key: TargetKey }): SheetSpec {
  const width = layout.cells[0]?.length ?? 1;
  const last = width - 1;
  const runs: StyleRun[] = [];
  const styled = new Set<number>();

  runs.push({ rows: [0, 0], cols: [0, 0], bold: true, size: TITLE_SIZE });
  runs.push({ rows: [1, 1], cols: [0, 0], bold: true, size: SUBTITLE_SIZE });
  runs.push({ rows: [2, 2], cols: [0, 0], color: NOTE_COLOR });
  styled.add(0).add(1);

  for (const block of layout.blocks) {
    const lastCol = block.columns - 1;
    if (block.subtitleRow !== undefined) {
      runs.push({ rows: [block.subtitleRow, block.subtitleRow], cols: [0, 0], bold: true, size: SUBTITLE_SIZE - 1 });
      styled.add(block.subtitleRow);
    }
    // Header: bold, wrapped, on a light fill with a rule under it; number headers right-aligned.
    runs.push({
      rows: [block.headerRow, block.headerRow],
      cols: [0, lastCol],
      bold: true,
      wrap: true,
      vAlign: "Bottom",
      fill: HEADER_FILL,
      borders: ["EdgeTop", "EdgeBottom"],
      autofitRows: true,
    });
    runs.push({ rows: [block.headerRow, block.headerRow], cols: [1, lastCol], hAlign: "Right" });
    styled.add(block.headerRow);
    // Number columns right-aligned, "*" included (it is text to Excel, which would put it left).
    if (block.lastRow >= block.firstRow && lastCol >= 1) {
      runs.push({ rows: [block.firstRow, block.lastRow], cols: [1, lastCol], hAlign: "Right" });
    }
    for (const r of block.totalRows) {
      // The grand total right under the header already has the header's rule above it.
      const borders: BorderEdge[] = r === block.firstRow ? [] : ["EdgeTop"];
      runs.push({ rows: [r, r], cols: [0, lastCol], bold: true, ...(borders.length ? { borders } : {}) });
      styled.add(r);
    }
    runs.push({ rows: [block.lastRow, block.lastRow], cols: [0, lastCol], borders: ["EdgeBottom"] });
  }
  for (const r of layout.boldRows) {
    if (!styled.has(r)) runs.push({ rows: [r, r], cols: [0, last], bold: true });
  }
  for (const r of layout.noteRows) runs.push({ rows: [r, r], cols: [0, 0], italic: true, color: NOTE_COLOR });

  const values = layout.cells.map((row) => row.map(cellValue));
  return {
    key: layout.key,
    defaultName: layout.name,
    title: layout.tableName,
    values,
    numberFormats: textSafeFormats(values, layout.numberFormats),
    styles: coalesceRuns(runs),
    columnWidths: layout.columnWidths.map(charsToPoints),
    freezeRows: layout.freezeRows,
    hashMode: "ordered",
  };
}

function longColumnWidths(t: LongTable): number[] {
  return t.columns.map((name, c) => {
    let len = name.length + 3; // room for the filter button
    for (const row of t.rows) len = Math.max(len, displayText(row[c] ?? null, t.numberFormats[c]).length);
    return charsToPoints(Math.min(60, Math.max(8, len + 1)));
  });
}

const TABLE_HEADER_ROW = 3;

function longTableSheet(
  key: typeof PIVOT_DATA_TILTAK | typeof PIVOT_DATA_ENDRING,
  ds: Dataset,
  t: LongTable,
  heading: string,
  what: string,
  namePrefix: string,
): SheetSpec {
  const width = t.columns.length;
  const pad = (row: WriteValue[]) => [...row, ...new Array<WriteValue>(width - row.length).fill("")];
  const periods = ds.periods.map((p) => p.label).join(", ");
  const flagNote = t.columns.includes("Endring prikket")
    ? "Antall prikket = Ja: antallet er 1–3 og er skjult (tom Antall); Endring prikket = Ja: endringen ville vist et tall fra 1 til 3 og er skjult,"
    : "Prikket = Ja: verdien er 1–3 og er skjult (tom Antall),";
  const values: WriteValue[][] = [
    pad([`${ds.title} – ${heading}`]),
    pad([`${what} Periode: ${periods}. ${flagNote} ` + "etter Statistikklovens § 2-6; summer i en pivottabell teller ikke disse."]),
    pad([]),
    [...t.columns],
    ...t.rows.map((row) => row.map(cellValue)),
  ];
  const general = new Array<string>(width).fill(FORMAT_GENERAL);
  const numberFormats: string[][] = [general, general, general, general, ...t.rows.map(() => [...t.numberFormats])];
  const lastRow = values.length - 1;
  const styles: StyleRun[] = [
    { rows: [0, 0], cols: [0, 0], bold: true, size: TITLE_SIZE },
    { rows: [1, 1], cols: [0, 0], italic: true, color: NOTE_COLOR },
    { rows: [TABLE_HEADER_ROW, TABLE_HEADER_ROW], cols: [0, width - 1], bold: true, wrap: true },
  ];
  // Count columns right-aligned (they hold numbers or nothing).
  t.numberFormats.forEach((f, c) => {
    if (f !== FORMAT_GENERAL && f !== FORMAT_TEXT) styles.push({ rows: [TABLE_HEADER_ROW, lastRow], cols: [c, c], hAlign: "Right" });
  });
  return {
    key,
    defaultName: PIVOT_SHEET_NAMES[key],
    title: heading,
    values,
    numberFormats: textSafeFormats(values, numberFormats),
    styles,
    columnWidths: longColumnWidths(t),
    freezeRows: TABLE_HEADER_ROW + 1,
    table: {
      name: t.name,
      headerRow: TABLE_HEADER_ROW,
      columns: [...t.columns],
      rowCount: t.rows.length,
      spans: t.spans.map((s) => ({ ...s })),
      namePrefix,
      groupColumn: "Hovedgruppe",
      style: "TableStyleMedium2",
      description: heading,
    },
    hashMode: "unordered",
  };
}

/**
 * Sheet row (0-based) of the PivotTable's top left cell. Excel puts report filters above that
 * cell, one row per filter field and a blank row under them (a new PivotTable on its own sheet
 * starts at A3 for this reason), and only moves the report down when there are too few rows. Row
 * 6 leaves rows 4 and 5 for the «Periode» filter, so the filter area never lands on the title
 * and note in rows 1–2 (which a refresh rewrites, and which cannot be part of a PivotTable).
 */
export const PIVOT_ANCHOR_ROW = 5;

/**
 * The note beside the PivotTable's sums: a sum over suppressed rows only shows «*» (the pivot's
 * number format) or nothing, and suppressed rows add nothing to the sums they are part of although
 * each such cell is 1–3, so the pivot's grand total is below NAV's. NAV's published totals (from
 * the core's dataset, per period) are stated next to it so neither can be read as NAV's figure.
 */
export function pivotTotalsNote(ds: Dataset): string {
  const totals = ds.periods
    .map((p) => {
      const t = p.total[ALL]?.antall;
      return typeof t === "number" ? `${p.label}: ${displayText(t, FORMAT_COUNT)}` : null;
    })
    .filter((x): x is string => x !== null);
  return (
    `NAVs publiserte totalsum (I alt) ${totals.join("; ")}. Pivottabellens sum er lavere: ` +
    "prikkede celler (Prikket = Ja, 1–3 deltakere hver) står tomme og telles ikke med. En sum av bare prikkede celler vises som «*»."
  );
}

/**
 * The PivotTable's columns as Excel lays the report out (tabular, rows Tiltaksgruppe and Tiltak,
 * then one column per hovedgruppe and «Totalsum»): each as wide as its longest label, so no
 * heading or name is cut. Excel sizes a new PivotTable's columns to fit once, when it is made, and
 * never again on a refresh (PivotTable option "Autofit column widths on update" is about the cells
 * it shows then); setting the widths with the sheet's block keeps them right on every refresh.
 */
function pivotColumnWidths(ds: Dataset): number[] {
  // Four characters to spare: the headings are bold, and Excel's own fit leaves a margin too.
  const longest = (names: readonly string[], min: number) => charsToPoints(Math.max(min, ...names.map((n) => n.length + 4)));
  const hovedgruppe = longest(
    ds.hovedgrupper.map((g) => g.name),
    12,
  );
  return [
    longest(
      ds.tiltaksgrupper.map((g) => g.name),
      16,
    ),
    longest(
      ds.tiltak.map((t) => t.name),
      16,
    ),
    ...ds.hovedgrupper.filter((g) => g.id !== ALL).map(() => hovedgruppe),
    longest(["Totalsum"], 10),
  ];
}

function pivotSheet(ds: Dataset, source: TableSpec): SheetSpec {
  const values: WriteValue[][] = [
    [`${ds.title} – pivottabell`],
    [
      `Antall deltakere per tiltaksgruppe og tiltak (rader) og hovedgruppe (kolonner), fra tabellen ` +
        `${source.name} på arket «${PIVOT_SHEET_NAMES[PIVOT_DATA_TILTAK]}». Prikkede verdier (1–3) er tomme og teller ikke med.`,
    ],
    // Row 3 is above the report filter area (rows 4–5), so the PivotTable never covers it.
    [pivotTotalsNote(ds)],
  ];
  return {
    key: PIVOT_TABLE,
    defaultName: PIVOT_SHEET_NAMES[PIVOT_TABLE],
    title: "Pivottabell",
    values,
    numberFormats: textSafeFormats(
      values,
      values.map((r) => r.map(() => FORMAT_GENERAL)),
    ),
    styles: [
      { rows: [0, 0], cols: [0, 0], bold: true, size: TITLE_SIZE },
      { rows: [1, 1], cols: [0, 0], italic: true, color: NOTE_COLOR },
      { rows: [2, 2], cols: [0, 0], bold: true },
      // The two notes wrap in column A (made as wide as the row labels need), so they are read
      // whole instead of running off the screen; the rows grow to fit them.
      { rows: [1, 2], cols: [0, 0], wrap: true, vAlign: "Top", autofitRows: true },
    ],
    columnWidths: pivotColumnWidths(ds),
    freezeRows: 0,
    pivot: {
      name: "NavTiltakPivot",
      source: PIVOT_DATA_TILTAK,
      anchorRow: PIVOT_ANCHOR_ROW,
      rows: ["Tiltaksgruppe", "Tiltak"],
      columns: ["Hovedgruppe"],
      filters: ["Periode"],
      data: "Antall",
      dataCaption: "Sum av Antall",
    },
    hashMode: "ordered",
  };
}

/** The sheets of "Pivotklare data": the two long tables and the PivotTable over the first. */
export function pivotSheets(ds: Dataset): SheetSpec[] {
  const tiltak = longTableSheet(
    PIVOT_DATA_TILTAK,
    ds,
    tiltakLongTable(ds),
    "pivotklare data per tiltak",
    "Én rad per periode, hovedgruppe, tiltaksgruppe og tiltak, uten delsummer.",
    "NAV_",
  );
  const endring = longTableSheet(
    PIVOT_DATA_ENDRING,
    ds,
    changeLongTable(ds),
    "endring fra i fjor per tiltaksgruppe",
    "Én rad per periode, hovedgruppe og tiltaksgruppe, med endring fra samme måned i fjor.",
    "NAV_Endring_",
  );
  return [tiltak, endring, pivotSheet(ds, tiltak.table!)];
}
