// Sheet layouts: every published table as plain data (cells, number formats, bold rows, blocks),
// built from the Dataset through the suppression rule. The Excel writer, the preview and the CLI
// only render these; they never decide a number or a "*" themselves.

import { ALL, tiltakGroup, type Count, type Dataset, type Figures, type HgKey, type Hovedgruppe, type PeriodData } from "./types.js";
import { notesWithSymbols, suppressCount, suppressFigures } from "./suppression.js";
import { formatInteger, isFormulaLike } from "./text.js";
import { statisticsNote } from "./notes.js";
import {
  FIGURE_HEADERS,
  TABLE_GRUPPER_OG_HG,
  TABLE_HOVEDGRUPPER,
  TABLE_TILTAK_OG_HG,
  TABLE_TILTAKSGRUPPER,
  TOTAL_LABEL,
} from "./period/names.js";
import { NotFoundError } from "./errors.js";
import { defaultPeriod } from "./default-period.js";

export type CellValue = string | number | null;

/** Excel number format codes (invariant; Excel shows `#,##0` with the user's group separator, a space in nb-NO). */
export const FORMAT_COUNT = "#,##0";
export const FORMAT_PERCENT = "0";
export const FORMAT_TEXT = "@";
export const FORMAT_GENERAL = "General";

export type LayoutKey =
  | "om-tabellene"
  | "hovedgrupper"
  | "tiltaksgrupper"
  | "tiltaksgrupper-per-hovedgruppe"
  | "tiltaksgrupper-x-hovedgrupper"
  | "tiltak-og-hovedgrupper";

/** One published table region on a sheet (a sheet may hold several: one per hovedgruppe). */
export interface TableBlock {
  /** Row of the sub-table heading ("### …"), when the block has one. */
  subtitleRow?: number;
  headerRow: number;
  /** First and last body row (inclusive). */
  firstRow: number;
  lastRow: number;
  /** Number of columns including the label column. */
  columns: number;
  /** Body rows that are totals (bold in the publication). */
  totalRows: number[];
}

export interface SheetLayout {
  key: LayoutKey;
  /** Worksheet name: ≤ 31 characters, none of []:*?/\ (checked by a test). */
  name: string;
  /** The published table name ("## …"). */
  tableName: string;
  title: string;
  period: string;
  periodLabel: string;
  /** Rectangular grid, row-major, starting at A1. */
  cells: CellValue[][];
  /** Same shape as cells. */
  numberFormats: string[][];
  boldRows: number[];
  headerRows: number[];
  blocks: TableBlock[];
  noteRows: number[];
  /** Suggested widths in characters, one per column. */
  columnWidths: number[];
  /** Rows to freeze at the top (title and, for one-table sheets, the header). */
  freezeRows: number;
}

export const SHEET_NAMES: Readonly<Record<LayoutKey, string>> = {
  "om-tabellene": "Om tabellene",
  hovedgrupper: "Hovedgrupper",
  tiltaksgrupper: "Tiltaksgrupper",
  // The publication calls both of these "Tiltaksgrupper og hovedgrupper"; the sheets need distinct names.
  "tiltaksgrupper-per-hovedgruppe": "Tiltaksgrupper per hovedgruppe",
  "tiltaksgrupper-x-hovedgrupper": "Tiltaksgrupper x hovedgrupper",
  "tiltak-og-hovedgrupper": "Tiltak og hovedgrupper",
};

export const LAYOUT_KEYS = Object.keys(SHEET_NAMES) as LayoutKey[];

/** Text of a cell as Excel displays it with the layout's number format (nb-NO). */
export function displayText(value: CellValue, format: string = FORMAT_GENERAL): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (format === FORMAT_COUNT) return formatInteger(value);
  if (format === FORMAT_PERCENT) return String(Math.round(value)).replace(/^-0$/, "0");
  return String(value).replace(".", ",");
}

/** The layout as displayed text, row by row (trailing empty cells dropped). */
export function layoutText(layout: SheetLayout): string[][] {
  return layout.cells.map((row, r) => {
    const text = row.map((v, c) => displayText(v, layout.numberFormats[r]![c]));
    while (text.length > 0 && text[text.length - 1] === "") text.pop();
    return text;
  });
}

// ---------------------------------------------------------------------------------------------

/** Accumulates rows of a sheet; pads to a rectangle at the end. */
class Grid {
  readonly cells: CellValue[][] = [];
  readonly formats: string[][] = [];
  readonly bold: number[] = [];
  readonly headers: number[] = [];
  readonly notes: number[] = [];
  readonly blocks: TableBlock[] = [];

  add(values: CellValue[], formats: string[] = [], opts: { bold?: boolean } = {}): number {
    this.cells.push(values);
    // Formula-like text (a label «=HYPERLINK(…)») is marked as text here, for every way out to Excel.
    this.formats.push(values.map((v, i) => (typeof v === "string" && isFormulaLike(v) ? FORMAT_TEXT : (formats[i] ?? FORMAT_GENERAL))));
    const row = this.cells.length - 1;
    if (opts.bold) this.bold.push(row);
    return row;
  }

  blank(): void {
    this.add([]);
  }

  get width(): number {
    return Math.max(1, ...this.cells.map((r) => r.length));
  }

  finish(): { cells: CellValue[][]; numberFormats: string[][] } {
    const w = this.width;
    return {
      cells: this.cells.map((r) => [...r, ...new Array<CellValue>(w - r.length).fill(null)]),
      numberFormats: this.formats.map((r) => [...r, ...new Array<string>(w - r.length).fill(FORMAT_GENERAL)]),
    };
  }
}

/** A count cell as shown: number, "*", ":" or empty. */
function shown(c: Count): CellValue {
  return suppressCount(c);
}

function figureCells(f: Figures): CellValue[] {
  const s = suppressFigures(f);
  return [s.antall, s.endring, s.prosent];
}

const FIGURE_FORMATS = [FORMAT_GENERAL, FORMAT_COUNT, FORMAT_COUNT, FORMAT_PERCENT];

function crossFormats(n: number): string[] {
  return [FORMAT_GENERAL, ...new Array<string>(n).fill(FORMAT_COUNT)];
}

function statisticsNotes(ds: Dataset): string[] {
  // The § 2-6 sentence and the one explaining it; kept on every sheet, as DESIGN.md asks (the
  // standard wording when a dataset lacks it). Where a cell is hidden with ":" or not available
  // («..»), the symbol's explanation goes on every sheet too.
  const base = statisticsNote(ds.notes);
  const all = notesWithSymbols(ds);
  const symbols = ["«:»", "«..»"].flatMap((mark) => all.filter((n) => n.includes(mark) && !base.includes(n)).slice(0, 1));
  return symbols.length > 0 ? [...base, ...symbols] : base;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase("nb-NO") + text.slice(1);
}

function columnWidths(grid: Grid, headerRows: number[]): number[] {
  const widths: number[] = [];
  const skip = new Set([0, 1, 2, ...grid.notes]); // long title and note rows overflow freely
  grid.cells.forEach((row, r) => {
    if (skip.has(r)) return;
    row.forEach((v, c) => {
      const text = displayText(v, grid.formats[r]![c]);
      // Headers wrap, so they ask for less width than their full text.
      const len = headerRows.includes(r) && c > 0 ? Math.min(text.length, 14) : text.length;
      widths[c] = Math.max(widths[c] ?? 0, len);
    });
  });
  return Array.from({ length: grid.width }, (_, c) => Math.min(70, Math.max(c === 0 ? 20 : 10, (widths[c] ?? 0) + 2)));
}

interface Context {
  ds: Dataset;
  data: PeriodData;
}

function start(ctx: Context, tableName: string): Grid {
  const g = new Grid();
  g.add([ctx.ds.title], [], { bold: true });
  g.add([tableName], [], { bold: true });
  g.add([ctx.data.label]);
  g.blank();
  return g;
}

function finishLayout(ctx: Context, key: LayoutKey, tableName: string, g: Grid, freezeRows: number): SheetLayout {
  const notes = statisticsNotes(ctx.ds);
  if (notes.length > 0 && key !== "om-tabellene") {
    g.blank();
    for (const n of notes) g.notes.push(g.add([n]));
  }
  const { cells, numberFormats } = g.finish();
  return {
    key,
    name: SHEET_NAMES[key],
    tableName,
    title: ctx.ds.title,
    period: ctx.data.period,
    periodLabel: ctx.data.label,
    cells,
    numberFormats,
    boldRows: g.bold,
    headerRows: g.headers,
    blocks: g.blocks,
    noteRows: g.notes,
    columnWidths: columnWidths(g, g.headers),
    freezeRows,
  };
}

/** Adds a header row and body rows as one block. Rows: [label, cells, isTotal]. */
function addBlock(g: Grid, headers: string[], formats: string[], rows: [string, CellValue[], boolean][], subtitle?: string): void {
  const subtitleRow = subtitle !== undefined ? g.add([subtitle], [], { bold: true }) : undefined;
  const headerRow = g.add([null, ...headers], [], { bold: true });
  g.headers.push(headerRow);
  const totalRows: number[] = [];
  for (const [label, cells, isTotal] of rows) {
    const r = g.add([label, ...cells], formats, { bold: isTotal });
    if (isTotal) totalRows.push(r);
  }
  g.blocks.push({ subtitleRow, headerRow, firstRow: headerRow + 1, lastRow: g.cells.length - 1, columns: headers.length + 1, totalRows });
}

function omTabellene(ctx: Context): SheetLayout {
  const g = new Grid();
  g.add([ctx.ds.title], [], { bold: true });
  g.add(["Om tabellene"], [], { bold: true });
  g.add([ctx.data.label]);
  g.blank();
  for (const n of notesWithSymbols(ctx.ds)) g.notes.push(g.add([n]));
  const layout = finishLayout(ctx, "om-tabellene", "Om tabellene", g, 0);
  layout.columnWidths = [100];
  return layout;
}

/** The hovedgrupper this period publishes: a month may lack one that another month has. */
function hovedgrupperInPeriod(ctx: Context): Hovedgruppe[] {
  return ctx.ds.hovedgrupper.filter((h) => ctx.data.total[h.id] !== undefined);
}

function hovedgrupper(ctx: Context): SheetLayout {
  const g = start(ctx, TABLE_HOVEDGRUPPER);
  addBlock(g, [...FIGURE_HEADERS], FIGURE_FORMATS, [
    [TOTAL_LABEL, figureCells(ctx.data.total[ALL]!), true],
    ...hovedgrupperInPeriod(ctx).map((h): [string, CellValue[], boolean] => [h.name, figureCells(ctx.data.total[h.id]!), false]),
  ]);
  return finishLayout(ctx, "hovedgrupper", TABLE_HOVEDGRUPPER, g, 5);
}

function groupsInPeriod(ctx: Context) {
  return ctx.ds.tiltaksgrupper.filter((grp) => ctx.data.groups[grp.id] !== undefined);
}

function tiltaksgrupper(ctx: Context): SheetLayout {
  const g = start(ctx, TABLE_TILTAKSGRUPPER);
  addBlock(g, [...FIGURE_HEADERS], FIGURE_FORMATS, [
    [TOTAL_LABEL, figureCells(ctx.data.total[ALL]!), true],
    ...groupsInPeriod(ctx).map((grp): [string, CellValue[], boolean] => [grp.name, figureCells(ctx.data.groups[grp.id]![ALL]!), false]),
  ]);
  return finishLayout(ctx, "tiltaksgrupper", TABLE_TILTAKSGRUPPER, g, 5);
}

function perHovedgruppe(ctx: Context): SheetLayout {
  const g = start(ctx, TABLE_GRUPPER_OG_HG);
  hovedgrupperInPeriod(ctx).forEach((h, i) => {
    if (i > 0) g.blank();
    // A sub-table lists the groups that have any published figure for this hovedgruppe.
    const listed = groupsInPeriod(ctx).filter((grp) => {
      const f = ctx.data.groups[grp.id]![h.id];
      return f !== undefined && (f.antall !== null || f.endring !== null);
    });
    addBlock(
      g,
      [...FIGURE_HEADERS],
      FIGURE_FORMATS,
      [
        [`${TOTAL_LABEL} ${lowerFirst(h.name)}`, figureCells(ctx.data.total[h.id]!), true],
        ...listed.map((grp): [string, CellValue[], boolean] => [grp.name, figureCells(ctx.data.groups[grp.id]![h.id]!), false]),
      ],
      h.name,
    );
  });
  return finishLayout(ctx, "tiltaksgrupper-per-hovedgruppe", TABLE_GRUPPER_OG_HG, g, 4);
}

/** Cross-table columns: the newest month's order, limited to (and completed with) this period's hovedgrupper. */
function crossKeys(ctx: Context): HgKey[] {
  const inPeriod = hovedgrupperInPeriod(ctx).map((h) => h.id);
  const order = ctx.ds.crossOrder;
  return [ALL, ...order.filter((k) => inPeriod.includes(k)), ...inPeriod.filter((k) => !order.includes(k))];
}

function crossHeaders(ctx: Context): string[] {
  return crossKeys(ctx).map((k) => (k === ALL ? TOTAL_LABEL : (ctx.ds.hovedgrupper.find((h) => h.id === k)?.name ?? k)));
}

function crossGroups(ctx: Context): SheetLayout {
  const g = start(ctx, TABLE_GRUPPER_OG_HG);
  const keys = crossKeys(ctx);
  addBlock(g, crossHeaders(ctx), crossFormats(keys.length), [
    [TOTAL_LABEL, keys.map((k) => shown(ctx.data.total[k]!.antall)), true],
    ...groupsInPeriod(ctx).map((grp): [string, CellValue[], boolean] => [
      grp.name,
      keys.map((k) => shown(ctx.data.groups[grp.id]![k]?.antall ?? null)),
      false,
    ]),
  ]);
  return finishLayout(ctx, "tiltaksgrupper-x-hovedgrupper", TABLE_GRUPPER_OG_HG, g, 5);
}

function tiltakTable(ctx: Context): SheetLayout {
  const g = start(ctx, TABLE_TILTAK_OG_HG);
  const keys = crossKeys(ctx);
  const rows: [string, CellValue[], boolean][] = [[TOTAL_LABEL, keys.map((k) => shown(ctx.data.total[k]!.antall)), true]];
  for (const grp of groupsInPeriod(ctx)) {
    for (const t of ctx.ds.tiltak) {
      const cells = ctx.data.tiltak[t.id];
      if (tiltakGroup(ctx.data, t) !== grp.id || !cells) continue;
      rows.push([t.name, keys.map((k) => shown(cells[k] ?? null)), false]);
    }
    rows.push([`${TOTAL_LABEL} ${lowerFirst(grp.name)}`, keys.map((k) => shown(ctx.data.groups[grp.id]![k]?.antall ?? null)), true]);
  }
  addBlock(g, crossHeaders(ctx), crossFormats(keys.length), rows);
  return finishLayout(ctx, "tiltak-og-hovedgrupper", TABLE_TILTAK_OG_HG, g, 5);
}

/** The period's data, the default period (default-period.ts) when none is named. Throws (Norwegian) when the period is not in the dataset. */
export function periodData(ds: Dataset, period?: string): PeriodData {
  const data = period === undefined ? defaultPeriod(ds) : ds.periods.find((p) => p.period === period);
  if (!data) {
    if (period === undefined) throw new NotFoundError("no-periods", "Datasettet har ingen perioder.");
    throw new NotFoundError("unknown-period", `Perioden «${period}» finnes ikke i datasettet.`);
  }
  return data;
}

/** Every published table of one period as a sheet layout, in published order. */
export function buildLayouts(ds: Dataset, period?: string): SheetLayout[] {
  const ctx: Context = { ds, data: periodData(ds, period) };
  return [omTabellene(ctx), hovedgrupper(ctx), tiltaksgrupper(ctx), perHovedgruppe(ctx), crossGroups(ctx), tiltakTable(ctx)];
}
