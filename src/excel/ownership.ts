// How the add-in recognizes what it created, without ever guessing from a sheet's name.
//
// Every sheet it creates gets
//  - an index entry: a hidden workbook-scoped name `NavTiltak.<key>` that refers to the block of
//    cells the add-in wrote (so it follows renames and moves with inserted rows, and turns into
//    #REF! when the sheet is deleted), with a JSON record in its comment: which sheet it is, a hash
//    of what was written, and the names of its Excel table / PivotTable. All index entries are read
//    with one collection load, which keeps refresh at one read round trip;
//  - where ExcelApi 1.12 is supported, a worksheet custom property `NavTiltak.Layout` = key, the
//    marker that travels with the sheet itself and is checked before anything is rewritten.
// A sheet without an index entry is the user's: never cleared, never renamed, never written.

import type { TargetKey } from "./sheet-specs.js";
import type { WriteValue } from "./sheet-specs.js";
import { NotFoundError } from "../core/errors.js";
import { readShortKeys, shortKeys } from "./request-keys.js";

export const INDEX_PREFIX = "NavTiltak.";
export const MARKER_KEY = "NavTiltak.Layout";
/** Start of the comment on the per-hovedgruppe names the add-in creates. */
export const NAME_COMMENT_PREFIX = "NAV tiltak:";
export const RECORD_VERSION = 1;

export interface OwnershipRecord {
  v: number;
  key: TargetKey;
  /** Hash of the values written, or "" while a write is in progress. */
  hash: string;
  /** Excel table the sheet holds. */
  table?: string;
  /** PivotTable the sheet holds. */
  pivot?: string;
  /**
   * Rows and columns of the block as written. Excel grows or shrinks the index entry's reference
   * when the user inserts or deletes cells inside the block, so a different size on the next
   * write means the cells (and a table in them) may no longer be where the layout puts them.
   */
  size?: [number, number];
  /** Table.id of the sheet's table, once a read has seen it (ids survive renames). */
  tableId?: string;
  /** PivotTable.id of the PivotTable, once a read has seen it. */
  pivotId?: string;
  /**
   * Hash of the user's edited block that was saved to an «… (endret)» sheet, so a run that was
   * cut short after saving it does not save the same edits again.
   */
  kept?: string;
}

/** Excel limits a name's comment to 255 characters. */
const COMMENT_MAX = 255;

export function indexName(key: TargetKey): string {
  // Names allow letters, digits, "_" and "."; layout keys use "-".
  return INDEX_PREFIX + key.replace(/-/g, "_");
}

export function encodeRecord(r: OwnershipRecord): string {
  const full = JSON.stringify(r);
  if (full.length <= COMMENT_MAX) return full;
  // Ids are a help, not a need (names and the owned sheet find the objects too): drop them first.
  const { tableId: _t, pivotId: _p, ...rest } = r;
  return JSON.stringify(rest);
}

/**
 * A hidden name that records what the user asked for while an operation runs, and how far its
 * write batch came: its comment is "~<keys>|<step>|<run>" during the batch (step 0 at the start,
 * "c" once the user's edits are copied, then the count of sheets finished; run tells this batch's
 * marks from an earlier one's) and "" when it is done (or "~<keys>|r": what an earlier operation
 * still owes).
 *
 * A name's comment holds at most 255 characters, and one operation may write every sheet of every
 * year, so the keys are in short form (request-keys.ts); a record in the first version's long form
 * ("<key>,<key>|<step>|<run>") still reads.
 */
export const REQUEST_NAME = `${INDEX_PREFIX}_request`;

export interface RequestState {
  keys: string[];
  /** The user's edited blocks were all copied. */
  copiesDone: boolean;
  /** How many sheets were finished, in the plan's order. */
  finished: number;
}

/** Marks a record in short form; the long form's keys never start with it. */
const SHORT_FORM = "~";

/** Step "r": what an earlier operation still owes, left by one that finished its own part. */
export function encodeRequest(keys: readonly TargetKey[], step: number | "c" | "r" = 0, run = ""): string {
  if (keys.length === 0) return "";
  const tail = `|${step}${run ? `|${run}` : ""}`;
  const exact = SHORT_FORM + shortKeys(keys, false) + tail;
  // Over the limit only with very many years of differing tables: then every year from the first to
  // the last counts as asked for with every table any of them has (a refresh finishing the cut-short
  // operation may then make a series sheet more than was asked for, never one less).
  return exact.length <= COMMENT_MAX ? exact : SHORT_FORM + shortKeys(keys, true) + tail;
}

/** The request record's comment once a batch is through: nothing owed, or an earlier operation's rest. */
export function requestDone(remaining: readonly TargetKey[]): string {
  return encodeRequest(remaining, "r");
}

export function decodeRequest(comment: string | null | undefined): RequestState {
  const text = comment ?? "";
  const short = text.startsWith(SHORT_FORM);
  const [list = "", step = "0"] = (short ? text.slice(SHORT_FORM.length) : text).split("|");
  const keys = short
    ? readShortKeys(list)
    : list
        .split(",")
        .map((k) => k.trim())
        .filter((k) => k.length > 0);
  const finished = /^\d+$/.test(step) ? Number(step) : 0;
  return { keys, copiesDone: step === "c" || finished > 0, finished };
}

export function decodeRecord(comment: string | null | undefined, key: TargetKey): OwnershipRecord | null {
  if (!comment) return null;
  try {
    const r = JSON.parse(comment) as Partial<OwnershipRecord>;
    if (r.v !== RECORD_VERSION || r.key !== key || typeof r.hash !== "string") return null;
    return {
      v: r.v,
      key: r.key,
      hash: r.hash,
      ...(typeof r.table === "string" ? { table: r.table } : {}),
      ...(typeof r.pivot === "string" ? { pivot: r.pivot } : {}),
      ...(typeof r.tableId === "string" ? { tableId: r.tableId } : {}),
      ...(typeof r.pivotId === "string" ? { pivotId: r.pivotId } : {}),
      ...(typeof r.kept === "string" ? { kept: r.kept } : {}),
      ...(Array.isArray(r.size) && r.size.length === 2 && r.size.every((n) => Number.isInteger(n) && n > 0)
        ? { size: [r.size[0], r.size[1]] as [number, number] }
        : {}),
    };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Names

export const SHEET_NAME_MAX = 31;
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;

function sameName(a: string, b: string): boolean {
  return a.toLocaleUpperCase("nb-NO") === b.toLocaleUpperCase("nb-NO");
}

/**
 * A sheet name not taken (Excel compares case-insensitively): the wanted one, else "Name (2)",
 * "Name (3)" …, shortened so the whole stays within 31 characters.
 */
export function freeSheetName(wanted: string, taken: Iterable<string>, suffix?: (n: number) => string): string {
  const clean =
    wanted
      .replace(SHEET_NAME_FORBIDDEN, " ")
      .replace(/^'+|'+$/g, "")
      .trim() || "Ark";
  const used = [...taken];
  const free = (name: string) => !used.some((t) => sameName(t, name));
  const base = clean.slice(0, SHEET_NAME_MAX);
  if (!suffix && free(base)) return base;
  const tag = suffix ?? ((n: number) => ` (${n})`);
  for (let n = suffix ? 1 : 2; n < 10_000; n++) {
    const end = tag(n);
    const name = clean.slice(0, SHEET_NAME_MAX - end.length).trimEnd() + end;
    if (free(name)) return name;
  }
  throw new NotFoundError("no-sheet-name", "Fant ikke noe ledig arknavn.");
}

/** A workbook-level identifier (table or name) not taken: "Name", "Name2", "Name3" … */
export function freeIdentifier(wanted: string, taken: Iterable<string>, separator = ""): string {
  const used = new Set([...taken].map((t) => t.toUpperCase()));
  if (!used.has(wanted.toUpperCase())) return wanted;
  for (let n = 2; ; n++) {
    const name = `${wanted}${separator}${n}`;
    if (!used.has(name.toUpperCase())) return name;
  }
}

/** "Arbeidssøkere" → "Arbeidssokere", "Nedsatt arbeidsevne" → "Nedsatt_arbeidsevne" (valid in a defined name). */
export function nameFragment(text: string): string {
  const ascii = text
    .normalize("NFC")
    .replace(/[æÆ]/g, (c) => (c === "æ" ? "ae" : "Ae"))
    .replace(/[øØ]/g, (c) => (c === "ø" ? "o" : "O"))
    .replace(/[åÅ]/g, (c) => (c === "å" ? "a" : "A"))
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const s = ascii.charAt(0).toUpperCase() + ascii.slice(1);
  return s || "X";
}

// ---------------------------------------------------------------------------------------------
// Content hash: tells whether the cells the add-in wrote are still exactly as it left them.

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function cellKey(v: unknown): string {
  if (v === null || v === undefined || v === "") return "";
  if (typeof v === "number") return `n${v}`;
  if (typeof v === "boolean") return `b${v}`;
  return `s${String(v)}`;
}

/** Hash of a grid of cells; "unordered" ignores the order of rows (a sorted table is unchanged). */
export function contentHash(grid: readonly (readonly unknown[])[], mode: "ordered" | "unordered"): string {
  const rows = grid.map((row) => {
    const keys = row.map(cellKey);
    while (keys.length > 0 && keys[keys.length - 1] === "") keys.pop();
    return keys.join("\u0001");
  });
  while (rows.length > 0 && rows[rows.length - 1] === "") rows.pop();
  if (mode === "unordered") rows.sort();
  const text = rows.join("\u0002");
  return fnv1a(text, 0x811c9dc5).toString(16).padStart(8, "0") + fnv1a(text, 0x5bd1e995).toString(16).padStart(8, "0");
}

/** True when every cell of the grid is empty. */
export function isBlank(grid: readonly (readonly unknown[])[]): boolean {
  return grid.every((row) => row.every((v) => cellKey(v) === ""));
}

export type { WriteValue };
