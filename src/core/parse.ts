// Parser for NAV's published table text (format described in DESIGN.md).
// It only reads structure; meaning and consistency are checked in dataset.ts.

import { HIDDEN, SUPPRESSED, type Count } from "./types.js";
import type { Finding } from "./findings.js";
import { shorten } from "./text.js";

export interface RawRow {
  label: string;
  bold: boolean;
  cells: Count[];
  line: number;
}

export interface RawTable {
  name: string; // "## " heading
  periodLabel: string;
  periodLine: number;
  subtitle?: string; // "### " heading, for the per-hovedgruppe sub-tables
  subtitleLine?: number;
  headers: string[]; // column headers without the (empty) label column
  headerLine: number;
  rows: RawRow[];
}

export interface RawPublication {
  title: string;
  titleLine?: number;
  notes: string[];
  /** Line of the «## Om tabellene» heading; undefined when the file has no notes page. */
  notesLine?: number;
  notesPeriodLabel?: string;
  notesPeriodLine?: number;
  tables: RawTable[];
}

// NAV's integers: groups of three separated by a space, no leading zeros ("013" is a typo, not 13).
const NUMBER = /^-?(?:0|[1-9]\d{0,2}(?: \d{3})*)$/;

/** Strips `<b>…</b>`; reports whether the text was bold. */
function unbold(text: string): { text: string; bold: boolean } {
  const m = /^\s*<b>(.*)<\/b>\s*$/s.exec(text);
  return m ? { text: m[1]!.trim(), bold: true } : { text: text.trim(), bold: false };
}

/** Reads one published cell: `83 484`, `-1 216`, `*`, `:` or empty. Returns an error message for anything else. */
export function parseCell(raw: string): { value: Count } | { error: string } {
  // Accept the separators and minus signs that copy/paste from the web page produces.
  const text = unbold(raw)
    .text.replace(/[\u00a0\u202f\u2009]/g, " ")
    .replace(/\u2212/g, "-");
  if (text === "") return { value: null };
  if (text === SUPPRESSED) return { value: SUPPRESSED };
  if (text === HIDDEN) return { value: HIDDEN };
  if (!NUMBER.test(text)) {
    // The commonest slip: a number typed or exported without NAV's thousands separator.
    if (/^-?[1-9]\d{3,}$/.test(text)) {
      const written = text.replace(/\B(?=(\d{3})+(?!\d))/g, " ");
      return { error: `«${text}» mangler mellomrom mellom tusenene; NAV skriver tallet «${written}»` };
    }
    return { error: `«${shorten(text)}» er ikke et tall, «*», «:» eller tomt` };
  }
  const value = Number(text.replace(/ /g, ""));
  return { value: Object.is(value, -0) ? 0 : value };
}

/** Removes the markdown that the notes page carries: links and escaped stars. */
function plainNote(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\\\*/g, "*")
    .trim();
}

/**
 * Parses the text of one publication. Never throws: structural problems come back as
 * findings with the line number, and the caller rejects the file when any is an error.
 */
export function parsePublication(source: string): { publication: RawPublication; findings: Finding[] } {
  const findings: Finding[] = [];
  const error = (line: number, code: Finding["code"], message: string) => findings.push({ severity: "error", code, line, message });

  const text = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const lines = text.split("\n");
  const publication: RawPublication = { title: "", notes: [], tables: [] };

  if (text.trim() === "") {
    findings.push({ severity: "error", code: "empty-file", line: 1, message: "Filen er tom." });
    return { publication, findings };
  }

  // Not a publication at all (a letter, a CSV, a log): one message instead of one per line.
  if (!lines.some((l) => /^#{1,3} /.test(l))) {
    findings.push({
      severity: "error",
      code: "not-publication",
      line: 1,
      message:
        "Filen ser ikke ut som en publikasjon av «Deltakere i arbeidsrettede tiltak»: den har ingen overskrifter («# …», «## …»). Velg tekstfilen med NAVs tabeller.",
    });
    return { publication, findings };
  }

  let tableName: string | undefined;
  let periodLabel: string | undefined;
  let periodLine = 0;
  let subtitle: string | undefined;
  let subtitleLine: number | undefined;
  let current: RawTable | undefined;
  let inNotes = false;

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!;
    if (line.trim() === "") {
      current = undefined; // a blank line ends a table
      continue;
    }
    if (line.startsWith("# ")) {
      const title = line.slice(2).trim();
      if (publication.title && title !== publication.title) {
        error(lineNo, "structure", `Sidetittelen «${shorten(title)}» avviker fra «${shorten(publication.title)}».`);
      }
      if (!publication.title) {
        publication.title = title;
        publication.titleLine = lineNo;
      }
      tableName = undefined;
      periodLabel = undefined;
      subtitle = undefined;
      current = undefined;
      inNotes = false;
      continue;
    }
    if (line.startsWith("## ")) {
      tableName = line.slice(3).trim();
      periodLabel = undefined;
      subtitle = undefined;
      current = undefined;
      inNotes = tableName === "Om tabellene";
      if (inNotes) publication.notesLine ??= lineNo;
      continue;
    }
    if (line.startsWith("### ")) {
      const heading = line.slice(4).trim();
      current = undefined;
      if (inNotes) {
        publication.notesPeriodLabel = heading;
        publication.notesPeriodLine = lineNo;
      } else if (periodLabel === undefined) {
        periodLabel = heading;
        periodLine = lineNo;
      } else {
        subtitle = heading;
        subtitleLine = lineNo;
      }
      continue;
    }
    if (inNotes) {
      if (line.trim() !== "---") publication.notes.push(plainNote(line));
      continue;
    }
    if (tableName === undefined) {
      error(lineNo, "structure", "Tekst før første tabelloverskrift («## …»).");
      continue;
    }
    if (!line.includes("\t")) {
      if (periodLabel === undefined) {
        periodLabel = line.trim();
        periodLine = lineNo;
      } else {
        error(lineNo, "structure", `Uventet tekst «${shorten(line.trim())}» i tabellen «${shorten(tableName)}».`);
      }
      continue;
    }
    const fields = line.split("\t");
    if (line.startsWith("\t")) {
      // A header line. A repeated header on a continuation page starts a new raw table;
      // dataset.ts merges the pages.
      if (periodLabel === undefined) {
        error(lineNo, "bad-period", `Tabellen «${shorten(tableName)}» mangler periodelinje.`);
        periodLabel = "";
      }
      current = {
        name: tableName,
        periodLabel,
        periodLine,
        subtitle,
        subtitleLine,
        headers: fields.slice(1).map((h) => h.trim()),
        headerLine: lineNo,
        rows: [],
      };
      publication.tables.push(current);
      continue;
    }
    if (!current) {
      error(lineNo, "structure", `Tabellrad uten kolonneoverskrifter i «${shorten(tableName)}».`);
      continue;
    }
    const { text: label, bold } = unbold(fields[0]!);
    const rawCells = fields.slice(1);
    const width = current.headers.length;
    if (rawCells.length < width) {
      error(lineNo, "missing-cell", `Raden «${shorten(label)}» har ${rawCells.length} celler, men tabellen har ${width} kolonner.`);
      continue;
    }
    if (rawCells.length > width) {
      error(lineNo, "extra-cell", `Raden «${shorten(label)}» har ${rawCells.length} celler, men tabellen har ${width} kolonner.`);
      continue;
    }
    const cells: Count[] = [];
    let ok = true;
    rawCells.forEach((raw, c) => {
      const parsed = parseCell(raw);
      if ("error" in parsed) {
        error(lineNo, "bad-number", `Raden «${shorten(label)}», kolonnen «${shorten(current!.headers[c]!)}»: ${parsed.error}.`);
        ok = false;
      } else {
        cells.push(parsed.value);
      }
    });
    if (ok) current.rows.push({ label, bold, cells, line: lineNo });
  }

  if (!publication.title) {
    findings.push({ severity: "error", code: "structure", line: 1, message: "Fant ingen sidetittel («# …») i filen." });
  }
  return { publication, findings };
}
