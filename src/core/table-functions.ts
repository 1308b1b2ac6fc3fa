// The array functions =NAV.TABELL and =NAV.DATA: whole tables as 2-D arrays that spill in Excel.
// They render what the sheets and the pivot-ready tables already hold (core/layout.ts,
// core/pivot.ts), so every figure and every symbol («*», and whatever else the suppression code
// puts in a cell) comes from the same code as the inserted sheets. Nothing here decides a number.
// Names and periods resolve through the same NavFunctions as the other NAV.* functions. A module of
// its own so the custom functions bundle can load it (and the layouts) only when a formula asks.

import { ALL, type HgKey, type PeriodData } from "./types.js";
import { buildLayouts, LAYOUT_KEYS, SHEET_NAMES, type CellValue, type LayoutKey, type SheetLayout } from "./layout.js";
import { changeLongTable, tiltakLongTable, type LongTable } from "./pivot.js";
import { FunctionError, lookupKey, suggestNames, type Arg } from "./lookup.js";
import {
  ARRAY_FUNCTIONS,
  NavFunctions,
  type ArrayCell,
  type ArrayResult,
  type CellResult,
  type FunctionId,
  type FunctionResult,
} from "./functions.js";
import { TABLE_GRUPPER_OG_HG } from "./period/names.js";
import { serie } from "./series-function.js";
import { quotedList, shorten } from "./text.js";

/**
 * Other names a user may give a table, besides the sheet name shown in the pane (SHEET_NAMES) and
 * the layout key. Short forms only where they name one table; the published «Tiltaksgrupper og
 * hovedgrupper» names two and gets its own message.
 */
const TABLE_ALIASES: Readonly<Record<LayoutKey, readonly string[]>> = {
  "om-tabellene": ["Om", "Merknader"],
  hovedgrupper: ["Hovedgruppe"],
  tiltaksgrupper: ["Tiltaksgruppe"],
  "tiltaksgrupper-per-hovedgruppe": ["Per hovedgruppe", "Tiltaksgrupper for hver hovedgruppe"],
  "tiltaksgrupper-x-hovedgrupper": ["Tiltaksgrupper × hovedgrupper", "Krysstabell"],
  "tiltak-og-hovedgrupper": ["Tiltak", "Alle tiltak"],
};

/** What NAV.DATA lists: one row per tiltak (the default) or the changes per tiltaksgruppe. */
export type DataKind = "tiltak" | "endring";
const DATA_KINDS: Readonly<Record<string, DataKind>> = {
  tiltak: "tiltak",
  antall: "tiltak",
  deltakere: "tiltak",
  endring: "endring",
  endringer: "endring",
  "endring fra i fjor": "endring",
};
const DATA_KIND_NAMES = ["tiltak", "endring"];

/** A layout or long-table cell as a spilled cell: Excel shows "" as an empty cell. */
function arrayCell(v: CellValue): ArrayCell {
  return v === null ? "" : v;
}

/**
 * The part of a sheet that NAV.TABELL spills: from the first block's heading (or header row) to
 * the last block's last row, as wide as the widest block. Title, period line and notes stay on
 * the sheet; the period is an argument. «Om tabellene» has no table, so its notes are the result.
 */
export function tableRegion(layout: SheetLayout): { firstRow: number; lastRow: number; columns: number } {
  const blocks = layout.blocks;
  if (blocks.length === 0) {
    const notes = layout.noteRows;
    return { firstRow: notes[0] ?? 0, lastRow: notes[notes.length - 1] ?? 0, columns: 1 };
  }
  const first = blocks[0]!;
  return {
    firstRow: first.subtitleRow ?? first.headerRow,
    lastRow: blocks[blocks.length - 1]!.lastRow,
    columns: Math.max(...blocks.map((b) => b.columns)),
  };
}

/** The spilled NAV.TABELL result of a layout. */
export function tableArray(layout: SheetLayout): ArrayResult {
  const { firstRow, lastRow, columns } = tableRegion(layout);
  return layout.cells.slice(firstRow, lastRow + 1).map((row) => row.slice(0, columns).map(arrayCell));
}

/** A long table with its header row, as NAV.DATA spills it. */
function longArray(table: LongTable, rows: readonly CellValue[][]): ArrayResult {
  return [table.columns.slice(), ...rows.map((r) => r.map(arrayCell))];
}

/**
 * NAV.TABELL and NAV.DATA over one NavFunctions (its dataset, names and periods). Layouts are built
 * once per period and the long tables once, so a workbook full of these formulas builds each once.
 */
export class TableFunctions {
  private readonly tableIndex = new Map<string, LayoutKey>();
  private readonly layouts = new Map<string, SheetLayout[]>();
  private long: { tiltak?: LongTable; endring?: LongTable } = {};

  constructor(readonly fns: NavFunctions) {
    for (const key of LAYOUT_KEYS) {
      for (const name of [SHEET_NAMES[key], key, ...TABLE_ALIASES[key]]) this.tableIndex.set(lookupKey(name), key);
    }
  }

  /**
   * NAV.TABELL: a published table as on its inserted sheet (heading, header rows and body), for
   * one period (newest by default). Symbols and empty cells as on the sheet ("" for empty).
   */
  tabell(tabell: Arg, periode?: Arg): FunctionResult<ArrayResult> {
    const key = this.table(tabell);
    if (key instanceof FunctionError) return { error: key };
    const data = this.fns.names.period(periode);
    if (data instanceof FunctionError) return { error: data };
    return { value: tableArray(this.layoutsOf(data).find((l) => l.key === key)!) };
  }

  /**
   * NAV.DATA: the pivot-ready table (as on the «Pivotklare data» sheet) with its header row.
   * hovedgruppe omitted (or «I alt»): every hovedgruppe; periode omitted: every period; innhold
   * «endring»: the changes per tiltaksgruppe instead of the counts per tiltak.
   */
  data(hovedgruppe?: Arg, periode?: Arg, innhold?: Arg): FunctionResult<ArrayResult> {
    const hg = this.fns.names.hovedgruppe(hovedgruppe);
    if (hg instanceof FunctionError) return { error: hg };
    const data = isOmitted(periode) ? undefined : this.fns.names.period(periode);
    if (data instanceof FunctionError) return { error: data };
    const absent = data && this.fns.hovedgruppeAbsent(hg, data);
    if (absent) return { error: absent };
    const kind = this.kind(innhold);
    if (kind instanceof FunctionError) return { error: kind };
    return { value: this.longRows(kind, hg, data) };
  }

  /** A table by the name the pane shows (or a short form); #VALUE! with suggestions otherwise. */
  table(arg: Arg): LayoutKey | FunctionError {
    const text = isOmitted(arg) ? "" : String(arg).trim();
    const names = LAYOUT_KEYS.map((k) => SHEET_NAMES[k]);
    if (text === "") {
      return new FunctionError("VALUE", `Navnet på tabellen mangler, f.eks. NAV.TABELL("Hovedgrupper"). Tabellene er ${quote(names)}.`);
    }
    const key = lookupKey(text);
    const hit = this.tableIndex.get(key);
    if (hit) return hit;
    if (key === lookupKey(TABLE_GRUPPER_OG_HG)) {
      const both = quote([SHEET_NAMES["tiltaksgrupper-per-hovedgruppe"], SHEET_NAMES["tiltaksgrupper-x-hovedgrupper"]]);
      return new FunctionError("VALUE", `NAV publiserer to tabeller med navnet «${TABLE_GRUPPER_OG_HG}». Velg ${both}.`);
    }
    const candidates = LAYOUT_KEYS.flatMap((k) => [SHEET_NAMES[k], ...TABLE_ALIASES[k]]);
    // Suggest the pane's names: an alias that matched better still leads to its table.
    const suggested = [...new Set(suggestNames(text, candidates, 5).map((n) => SHEET_NAMES[this.tableIndex.get(lookupKey(n))!]))].slice(
      0,
      3,
    );
    const tail = suggested.length > 0 ? `Mente du ${quote(suggested)}?` : `Tabellene er ${quote(names)}.`;
    return new FunctionError("VALUE", `Ukjent tabell «${shorten(text)}». ${tail}`);
  }

  /** What NAV.DATA should list; omitted means one row per tiltak. */
  kind(arg: Arg): DataKind | FunctionError {
    const text = isOmitted(arg) ? "" : String(arg).trim();
    if (text === "") return "tiltak";
    const kind = DATA_KINDS[lookupKey(text)];
    if (kind) return kind;
    const s = suggestNames(text, DATA_KIND_NAMES);
    const tail = s.length > 0 ? `Mente du ${quote(s)}?` : `Velg ${quote(DATA_KIND_NAMES)}.`;
    return new FunctionError("VALUE", `Ukjent innhold «${shorten(text)}». ${tail}`);
  }

  /** The layouts of one period (built on first use). */
  private layoutsOf(data: PeriodData): SheetLayout[] {
    let l = this.layouts.get(data.period);
    if (l === undefined) {
      l = buildLayouts(this.fns.dataset, data.period);
      this.layouts.set(data.period, l);
    }
    return l;
  }

  /** The long table's rows for one hovedgruppe (ALL: every one) and one period (undefined: every one). */
  private longRows(kind: DataKind, hg: HgKey, data: PeriodData | undefined): ArrayResult {
    const ds = this.fns.dataset;
    const table = kind === "tiltak" ? (this.long.tiltak ??= tiltakLongTable(ds)) : (this.long.endring ??= changeLongTable(ds));
    const spans = hg === ALL ? table.spans : table.spans.filter((s) => s.id === hg);
    const rows = spans.flatMap((s) => table.rows.slice(s.first, s.first + s.count));
    return longArray(table, data === undefined ? rows : rows.filter((r) => r[0] === data.period));
  }
}

const tableFunctions = new WeakMap<NavFunctions, TableFunctions>();

/** The TableFunctions of a NavFunctions, made once, so its layouts are built once. */
export function tablesOf(fns: NavFunctions): TableFunctions {
  let t = tableFunctions.get(fns);
  if (t === undefined) {
    t = new TableFunctions(fns);
    tableFunctions.set(fns, t);
  }
  return t;
}

/** Runs any NAV.* function by id with positional arguments (`nav-tiltak call`). */
export function callFunction(
  fns: NavFunctions,
  id: FunctionId,
  args: readonly Arg[],
): FunctionResult<CellResult | string[][] | ArrayResult> {
  switch (id) {
    case "TABELL":
      return tablesOf(fns).tabell(args[0], args[1]);
    case "DATA":
      return tablesOf(fns).data(args[0], args[1], args[2]);
    case "SERIE":
      return serie(fns, args[0], args[1], args[2], args[3]);
    default:
      return fns.call(id, args);
  }
}

/** True for the array functions, whose result the CLI prints as TSV rows. */
export function isArrayFunction(id: FunctionId): boolean {
  return (ARRAY_FUNCTIONS as readonly FunctionId[]).includes(id);
}

/** An argument Excel passes for an omitted one: null, undefined or blank text. */
function isOmitted(arg: Arg): boolean {
  return arg === null || arg === undefined || String(arg).trim() === "";
}

/** «a», «b» eller «c» */
const quote = (names: readonly string[]): string => quotedList(names, "eller");
