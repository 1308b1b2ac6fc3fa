// Compares what LibreOffice Calc shows (one CSV text grid per sheet, saved "as shown") with
//  - the text the in-memory workbook displays, every cell of every sheet, and
//  - NAV's publication, read straight from its text with no help from the project's parser.
// Pure functions, so `npm test` can check that a difference is found and reported.

import { GROUP_ALIASES } from "../../src/core/dataset.js";
import { columnLetters } from "@nav-tiltak/a1";
import { normalizeName } from "../../src/core/text.js";
import { mergedPages, publishedNotes, publishedTables, type PublishedTable } from "../helpers/publication.js";

export interface Difference {
  sheet: string;
  /** 1-based row and column as a spreadsheet shows them; 0 when a whole block is missing. */
  row: number;
  col: number;
  got: string;
  want: string;
  against: "arbeidsboken" | "publikasjonen";
}

/**
 * LibreOffice's nb-NO number format separates thousands with a no-break space (U+00A0; newer
 * versions use U+202F) where the publication has a plain space; the text is otherwise the same.
 */
export function normalizeText(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, " ").replace(/\u2212/g, "-");
}

/** Rows with trailing empty cells and trailing empty rows removed, text normalized. */
export function trimGrid(rows: readonly (readonly string[])[]): string[][] {
  const out = rows.map((r) => {
    const row = r.map(normalizeText);
    while (row.length > 0 && row[row.length - 1] === "") row.pop();
    return row;
  });
  while (out.length > 0 && out[out.length - 1]!.length === 0) out.pop();
  return out;
}

/** Cell-for-cell differences of two grids (both trimmed first). */
export function compareGrids(sheet: string, got: string[][], want: string[][], against: Difference["against"]): Difference[] {
  const g = trimGrid(got);
  const w = trimGrid(want);
  const diffs: Difference[] = [];
  for (let r = 0; r < Math.max(g.length, w.length); r++) {
    const gr = g[r] ?? [];
    const wr = w[r] ?? [];
    for (let c = 0; c < Math.max(gr.length, wr.length); c++) {
      if ((gr[c] ?? "") !== (wr[c] ?? "")) diffs.push({ sheet, row: r + 1, col: c + 1, got: gr[c] ?? "", want: wr[c] ?? "", against });
    }
  }
  return diffs;
}

/** A published table expected somewhere on a sheet: optional heading row, header row, body rows. */
export interface ExpectedBlock {
  sheet: string;
  heading?: string;
  rows: string[][];
}

/** Published label with known typos mapped («Lønnskudd» → Lønnstilskudd), as the import reads them. */
const canonical = (label: string) => GROUP_ALIASES[normalizeName(label)] ?? label;

function sheetOf(t: PublishedTable): string {
  if (t.name !== "Tiltaksgrupper og hovedgrupper") return t.name;
  // The publication uses this name twice; the add-in's sheets need two names.
  return t.subtitle ? "Tiltaksgrupper per hovedgruppe" : "Tiltaksgrupper x hovedgrupper";
}

/** Every published table as the block its sheet must show, in published order. */
export function expectedBlocks(text: string): ExpectedBlock[] {
  const tables = publishedTables(text);
  const merged = mergedPages(tables, "Tiltak og hovedgrupper");
  const blocks: ExpectedBlock[] = [];
  for (const t of tables) {
    if (t.name === "Tiltak og hovedgrupper") {
      if (t === tables.find((x) => x.name === t.name)) blocks.push({ sheet: t.name, rows: merged.rows.map(canonicalRow) });
      continue;
    }
    blocks.push({ sheet: sheetOf(t), ...(t.subtitle ? { heading: t.subtitle } : {}), rows: t.rows.map(canonicalRow) });
  }
  return blocks;
}

function canonicalRow(row: string[]): string[] {
  return [canonical(row[0]!), ...row.slice(1)];
}

/** Title, table name and period: the first three rows of every sheet of a published page. */
export function expectedHeadings(text: string): { sheet: string; rows: string[][] }[] {
  const title = /^# (.+)$/m.exec(text)![1]!.trim();
  // One month per file: the line after the first page's table name ("### November 2016").
  const lines = text.split("\n").map((l) => l.trim());
  const first = lines.findIndex((l) => l.startsWith("## "));
  const period = lines
    .slice(first + 1)
    .find((l) => l !== "" && l !== "---")!
    .replace(/^### /, "");
  const pages = [
    { sheet: "Om tabellene", name: "Om tabellene" },
    ...publishedTables(text).map((t) => ({ sheet: sheetOf(t), name: t.name })),
  ];
  const out: { sheet: string; rows: string[][] }[] = [];
  for (const p of pages) {
    if (!out.some((o) => o.sheet === p.sheet)) out.push({ sheet: p.sheet, rows: [[title], [p.name], [period]] });
  }
  return out;
}

/** Where `header` stands in `rows` at or after `from` (-1 if nowhere). */
function findRow(rows: string[][], header: string[], from: number): number {
  const want = JSON.stringify(trimGrid([header])[0] ?? []);
  for (let r = from; r < rows.length; r++) if (JSON.stringify(rows[r]) === want) return r;
  return -1;
}

/** Compares the sheets LibreOffice shows with every published table, heading, period and note. */
export function comparePublication(shown: ReadonlyMap<string, string[][]>, text: string): { differences: Difference[]; cells: number } {
  const diffs: Difference[] = [];
  let cells = 0;
  const missing = (sheet: string, want: string): Difference => ({
    sheet,
    row: 0,
    col: 0,
    got: "(finnes ikke)",
    want,
    against: "publikasjonen",
  });

  for (const h of expectedHeadings(text)) {
    const rows = trimGrid(shown.get(h.sheet) ?? []);
    if (!shown.has(h.sheet)) {
      diffs.push(missing(h.sheet, "arket"));
      continue;
    }
    diffs.push(
      ...compareGrids(
        h.sheet,
        rows.slice(0, 3).map((r) => r.slice(0, 1)),
        h.rows,
        "publikasjonen",
      ),
    );
    cells += 3;
  }

  const next = new Map<string, number>();
  for (const block of expectedBlocks(text)) {
    const rows = trimGrid(shown.get(block.sheet) ?? []);
    const at = findRow(rows, block.rows[0]!, next.get(block.sheet) ?? 0);
    if (at < 0) {
      diffs.push(missing(block.sheet, `tabellhodet ${block.rows[0]!.join(" | ")}${block.heading ? ` under «${block.heading}»` : ""}`));
      continue;
    }
    if (block.heading !== undefined && (rows[at - 1]?.[0] ?? "") !== block.heading) {
      diffs.push({ sheet: block.sheet, row: at, col: 1, got: rows[at - 1]?.[0] ?? "", want: block.heading, against: "publikasjonen" });
    }
    block.rows.forEach((want, i) => {
      const got = rows[at + i] ?? [];
      for (let c = 0; c < Math.max(want.length, got.length); c++) {
        cells++;
        if ((got[c] ?? "") !== (want[c] ?? "")) {
          diffs.push({ sheet: block.sheet, row: at + i + 1, col: c + 1, got: got[c] ?? "", want: want[c] ?? "", against: "publikasjonen" });
        }
      }
    });
    next.set(block.sheet, at + block.rows.length);
  }

  const notes = trimGrid(shown.get("Om tabellene") ?? []).map((r) => r[0] ?? "");
  for (const note of publishedNotes(text)) {
    cells++;
    if (!notes.includes(note)) diffs.push({ ...missing("Om tabellene", note), got: "(ikke funnet)" });
  }
  return { differences: diffs, cells };
}

/** One Norwegian line per difference. */
export function describeDifference(d: Difference): string {
  const where = d.row === 0 ? d.sheet : `${d.sheet}, rad ${d.row}, kolonne ${columnLetters(d.col - 1)}`;
  return `${where}: LibreOffice viser «${d.got}», ${d.against} har «${d.want}».`;
}
