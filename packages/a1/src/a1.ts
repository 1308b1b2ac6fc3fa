/**
 * A1 addresses and rectangles of cells within Excel's grid: column letters, "A1:B2" / "A:C" / "1:3"
 * and "'Sheet'!$A$1:$B$2", and the geometry of rectangles. Zero-based rows and columns. Pure: the
 * add-in and the Excel simulator both use it, and a bad address is null here (the simulator turns
 * it into Excel's InvalidArgument error).
 */

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A rectangle of cells; all numbers 0-based, rows/cols ≥ 1. */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface ParsedAddress {
  /** Sheet name as written (unquoted), if the address had one. */
  sheet?: string;
  rect: Rect;
}

/** "A" for 0, "Z" for 25, "AA" for 26. */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based column index, or -1 if the letters are not a column inside the grid. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n <= MAX_COLUMNS ? n - 1 : -1;
}

export function cellCount(rect: Rect): number {
  return rect.rows * rect.cols;
}

export function isWholeColumns(rect: Rect): boolean {
  return rect.row === 0 && rect.rows === MAX_ROWS;
}

export function isWholeRows(rect: Rect): boolean {
  return rect.col === 0 && rect.cols === MAX_COLUMNS;
}

export function rectContains(outer: Rect, inner: Rect): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.rows <= outer.row + outer.rows &&
    inner.col + inner.cols <= outer.col + outer.cols
  );
}

export function containsCell(rect: Rect, row: number, col: number): boolean {
  return row >= rect.row && row < rect.row + rect.rows && col >= rect.col && col < rect.col + rect.cols;
}

export function rectsIntersect(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

/** The rectangle between a top-left corner and a bottom-right edge (exclusive). */
function betweenEdges(row: number, col: number, rowEnd: number, colEnd: number): Rect {
  return { row, col, rows: rowEnd - row, cols: colEnd - col };
}

export function intersection(a: Rect, b: Rect): Rect | null {
  if (!rectsIntersect(a, b)) return null;
  return betweenEdges(
    Math.max(a.row, b.row),
    Math.max(a.col, b.col),
    Math.min(a.row + a.rows, b.row + b.rows),
    Math.min(a.col + a.cols, b.col + b.cols),
  );
}

export function boundingRect(a: Rect, b: Rect): Rect {
  return betweenEdges(
    Math.min(a.row, b.row),
    Math.min(a.col, b.col),
    Math.max(a.row + a.rows, b.row + b.rows),
    Math.max(a.col + a.cols, b.col + b.cols),
  );
}

/** True when the rectangle is whole cells inside Excel's grid. */
export function insideGrid(rect: Rect): boolean {
  return (
    Number.isInteger(rect.row) &&
    Number.isInteger(rect.col) &&
    Number.isInteger(rect.rows) &&
    Number.isInteger(rect.cols) &&
    rect.row >= 0 &&
    rect.col >= 0 &&
    rect.rows >= 1 &&
    rect.cols >= 1 &&
    rect.row + rect.rows <= MAX_ROWS &&
    rect.col + rect.cols <= MAX_COLUMNS
  );
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

function parsePart(part: string): { row?: number; col?: number } | null {
  let m = CELL.exec(part);
  if (m) {
    const col = columnIndex(m[1]!);
    const row = Number(m[2]) - 1;
    if (col < 0 || row < 0 || row >= MAX_ROWS) return null;
    return { row, col };
  }
  m = COL.exec(part);
  if (m) {
    const col = columnIndex(m[1]!);
    return col < 0 ? null : { col };
  }
  m = ROW.exec(part);
  if (m) {
    const row = Number(m[1]) - 1;
    return row < 0 || row >= MAX_ROWS ? null : { row };
  }
  return null;
}

/** Splits "'My sheet'!A1:B2" into its sheet and range parts. */
export function splitSheet(address: string): { sheet?: string; ref: string } {
  const s = address.trim();
  if (s.startsWith("'")) {
    let i = 1;
    let name = "";
    while (i < s.length) {
      const ch = s[i]!;
      if (ch === "'") {
        if (s[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += ch;
      i++;
    }
    if (s[i] !== "'" || s[i + 1] !== "!") return { ref: s };
    return { sheet: name, ref: s.slice(i + 2) };
  }
  const bang = s.lastIndexOf("!");
  if (bang > 0) return { sheet: s.slice(0, bang), ref: s.slice(bang + 1) };
  return { ref: s };
}

/** Parses the range part only ("A1", "A1:D10", "A:C", "1:3"); null if it is not an address. */
export function tryParseRef(ref: string): Rect | null {
  const parts = ref.split(":");
  if (parts.length < 1 || parts.length > 2) return null;
  const a = parsePart(parts[0]!);
  const b = parts.length === 2 ? parsePart(parts[1]!) : a;
  if (!a || !b) return null;
  const aCell = a.row !== undefined && a.col !== undefined;
  const bCell = b.row !== undefined && b.col !== undefined;
  let r0: number, r1: number, c0: number, c1: number;
  if (aCell && bCell) {
    r0 = a.row!;
    r1 = b.row!;
    c0 = a.col!;
    c1 = b.col!;
  } else if (parts.length === 2 && a.row === undefined && b.row === undefined) {
    // Whole columns "A:C".
    r0 = 0;
    r1 = MAX_ROWS - 1;
    c0 = a.col!;
    c1 = b.col!;
  } else if (parts.length === 2 && a.col === undefined && b.col === undefined) {
    // Whole rows "1:3".
    c0 = 0;
    c1 = MAX_COLUMNS - 1;
    r0 = a.row!;
    r1 = b.row!;
  } else {
    return null;
  }
  return cornersRect(r0, c0, r1, c1);
}

/** The rectangle between two corner cells, in either order. */
function cornersRect(r0: number, c0: number, r1: number, c1: number): Rect {
  return { row: Math.min(r0, r1), col: Math.min(c0, c1), rows: Math.abs(r1 - r0) + 1, cols: Math.abs(c1 - c0) + 1 };
}

/** "Sheet!A1:B2" or "A1:B2" as its sheet (unquoted) and rectangle; null when it is not an address. */
export function tryParseAddress(address: string): ParsedAddress | null {
  const { sheet, ref } = splitSheet(address);
  const rect = tryParseRef(ref);
  if (!rect) return null;
  return sheet === undefined ? { rect } : { sheet, rect };
}

function cellA1(row: number, col: number, abs: boolean): string {
  const d = abs ? "$" : "";
  return `${d}${columnLetters(col)}${d}${row + 1}`;
}

/** "A1", "A1:C3", "A:C" or "1:3", the way Excel reports addresses. */
export function formatRect(rect: Rect, absolute = false): string {
  const d = absolute ? "$" : "";
  if (isWholeRows(rect)) return `${d}${rect.row + 1}:${d}${rect.row + rect.rows}`;
  if (isWholeColumns(rect)) {
    return `${d}${columnLetters(rect.col)}:${d}${columnLetters(rect.col + rect.cols - 1)}`;
  }
  const tl = cellA1(rect.row, rect.col, absolute);
  if (rect.rows === 1 && rect.cols === 1) return tl;
  return `${tl}:${cellA1(rect.row + rect.rows - 1, rect.col + rect.cols - 1, absolute)}`;
}

/** True if a name would be read as a cell reference (A1 or R1C1 style). */
export function looksLikeCellReference(name: string): boolean {
  const a1 = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  if (a1 && columnIndex(a1[1]!) >= 0 && Number(a1[2]) >= 1 && Number(a1[2]) <= MAX_ROWS) return true;
  return /^[Rr]\d*([Cc]\d*)?$/.test(name) || /^[Cc]\d*$/.test(name);
}

/**
 * Quotes a sheet name for use in a reference when it has spaces or punctuation.
 * Names that merely look like a cell (e.g. "Ark1") stay unquoted, matching the
 * addresses the add-in expects to see.
 */
export function quoteSheetName(name: string): string {
  const plain = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

export function formatAddress(sheetName: string, rect: Rect, absolute = false): string {
  return `${quoteSheetName(sheetName)}!${formatRect(rect, absolute)}`;
}

/**
 * `='Sheet'!$A$1:$E$20`: a formula that refers to the cells, for a workbook name. The sheet name is
 * always quoted (Excel accepts quotes around any name, and needs them around many).
 */
export function sheetReference(sheet: string, rect: Rect): string {
  return `='${sheet.replace(/'/g, "''")}'!${formatRect(rect, true)}`;
}

/** `'Sheet'!$A$1:$B$2` or `Sheet!A1`: a sheet name, quoted or not, and one or two cells. */
const SHEET_BLOCK = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/;

/**
 * Reads `='Sheet'!$A$1:$E$20` / `=Sheet!A1` / `Sheet!A1:B2` (as in a name's formula or a range's
 * address): a block of cells on a named sheet. Null for anything else, including whole rows or
 * columns and #REF! after the sheet was deleted. One expression, not splitSheet and tryParseRef:
 * the add-in's bundle carries this alone.
 */
export function parseSheetReference(formula: string | null | undefined): { sheet: string; rect: Rect } | null {
  if (typeof formula !== "string") return null;
  const m = SHEET_BLOCK.exec(formula.trim().replace(/^=/, ""));
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!;
  if (sheet.includes("#REF")) return null;
  const [c0, c1] = [columnIndex(m[3]!), columnIndex(m[5] ?? m[3]!)];
  const [r0, r1] = [Number(m[4]) - 1, Number(m[6] ?? m[4]) - 1];
  if (c0 < 0 || c1 < 0 || r0 < 0 || r1 < 0 || Math.max(r0, r1) >= MAX_ROWS) return null;
  return { sheet, rect: cornersRect(r0, c0, r1, c1) };
}
