// A1 addresses as the writer uses them: column letters, rectangles, and sheet references in the
// formulas of workbook names (`='Sheet'!$A$1:$E$20`). Zero-based rows and columns.

export function columnLetters(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A block of cells: top-left row and column (zero-based) and its size. */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export function rectAddress(r: Rect, absolute = false): string {
  const d = absolute ? "$" : "";
  const a = `${d}${columnLetters(r.col)}${d}${r.row + 1}`;
  const b = `${d}${columnLetters(r.col + r.cols - 1)}${d}${r.row + r.rows}`;
  return a === b ? a : `${a}:${b}`;
}

/** 'Sheet name' quoted for a formula, always (quotes doubled). */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export function sheetReference(sheet: string, r: Rect): string {
  return `=${quoteSheet(sheet)}!${rectAddress(r, true)}`;
}

/**
 * Reads `='Sheet'!$A$1:$E$20` / `=Sheet!A1` / `Sheet!A1:B2` (as in a name's formula or a range's
 * address). Null for anything else, including #REF! after the sheet was deleted.
 */
export function parseSheetReference(formula: string | null | undefined): { sheet: string; rect: Rect } | null {
  if (typeof formula !== "string") return null;
  const text = formula.trim().replace(/^=/, "");
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(text);
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!;
  if (sheet.includes("#REF")) return null;
  const c1 = columnIndex(m[3]!);
  const r1 = Number(m[4]) - 1;
  const c2 = m[5] ? columnIndex(m[5]) : c1;
  const r2 = m[6] ? Number(m[6]) - 1 : r1;
  return {
    sheet,
    rect: { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 },
  };
}
