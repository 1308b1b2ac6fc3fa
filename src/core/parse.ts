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
 * Reads a publication line by line. The headings (`#`, `##`, `###`) set which page, table, period
 * and sub-table the following lines belong to; a header line (starting with a tab) opens a raw
 * table and the lines after it are its rows, until a blank line.
 */
class LineReader {
  readonly findings: Finding[] = [];
  readonly publication: RawPublication = { title: "", notes: [], tables: [] };
  private tableName: string | undefined;
  private periodLabel: string | undefined;
  private periodLine = 0;
  private subtitle: string | undefined;
  private subtitleLine: number | undefined;
  private current: RawTable | undefined;
  private inNotes = false;

  error(line: number, code: Finding["code"], message: string): void {
    this.findings.push({ severity: "error", code, line, message });
  }

  read(line: string, lineNo: number): void {
    if (line.trim() === "") {
      this.current = undefined; // a blank line ends a table
      return;
    }
    if (line.startsWith("# ")) return this.pageTitle(line.slice(2).trim(), lineNo);
    if (line.startsWith("## ")) return this.tableHeading(line.slice(3).trim(), lineNo);
    if (line.startsWith("### ")) return this.subHeading(line.slice(4).trim(), lineNo);
    if (this.inNotes) {
      if (line.trim() !== "---") this.publication.notes.push(plainNote(line));
      return;
    }
    if (this.tableName === undefined) return this.error(lineNo, "structure", "Tekst før første tabelloverskrift («## …»).");
    if (!line.includes("\t")) return this.plainLine(this.tableName, line, lineNo);
    if (line.startsWith("\t")) return this.headerLine(this.tableName, line.split("\t"), lineNo);
    this.row(this.tableName, line.split("\t"), lineNo);
  }

  /** `# …`: a new page, whose title must be the publication's. */
  private pageTitle(title: string, lineNo: number): void {
    const pub = this.publication;
    if (pub.title && title !== pub.title) {
      this.error(lineNo, "structure", `Sidetittelen «${shorten(title)}» avviker fra «${shorten(pub.title)}».`);
    }
    if (!pub.title) {
      pub.title = title;
      pub.titleLine = lineNo;
    }
    this.tableName = undefined;
    this.periodLabel = undefined;
    this.subtitle = undefined;
    this.current = undefined;
    this.inNotes = false;
  }

  /** `## …`: a table, or «Om tabellene» (the notes). */
  private tableHeading(name: string, lineNo: number): void {
    this.tableName = name;
    this.periodLabel = undefined;
    this.subtitle = undefined;
    this.current = undefined;
    this.inNotes = name === "Om tabellene";
    if (this.inNotes) this.publication.notesLine ??= lineNo;
  }

  /** `### …`: the period (first), then a sub-table's subtitle; in the notes, the notes' period. */
  private subHeading(heading: string, lineNo: number): void {
    this.current = undefined;
    if (this.inNotes) {
      this.publication.notesPeriodLabel = heading;
      this.publication.notesPeriodLine = lineNo;
    } else if (this.periodLabel === undefined) {
      this.periodLabel = heading;
      this.periodLine = lineNo;
    } else {
      this.subtitle = heading;
      this.subtitleLine = lineNo;
    }
  }

  /** A line without tabs in a table: its period line, or stray text. */
  private plainLine(tableName: string, line: string, lineNo: number): void {
    if (this.periodLabel === undefined) {
      this.periodLabel = line.trim();
      this.periodLine = lineNo;
    } else {
      this.error(lineNo, "structure", `Uventet tekst «${shorten(line.trim())}» i tabellen «${shorten(tableName)}».`);
    }
  }

  /** A header line. A repeated header on a continuation page starts a new raw table; dataset.ts merges the pages. */
  private headerLine(tableName: string, fields: string[], lineNo: number): void {
    if (this.periodLabel === undefined) {
      this.error(lineNo, "bad-period", `Tabellen «${shorten(tableName)}» mangler periodelinje.`);
      this.periodLabel = "";
    }
    this.current = {
      name: tableName,
      periodLabel: this.periodLabel,
      periodLine: this.periodLine,
      subtitle: this.subtitle,
      subtitleLine: this.subtitleLine,
      headers: fields.slice(1).map((h) => h.trim()),
      headerLine: lineNo,
      rows: [],
    };
    this.publication.tables.push(this.current);
  }

  /** A body row: its label (bold or not) and one cell per column, or findings naming the line. */
  private row(tableName: string, fields: string[], lineNo: number): void {
    const current = this.current;
    if (!current) return this.error(lineNo, "structure", `Tabellrad uten kolonneoverskrifter i «${shorten(tableName)}».`);
    const { text: label, bold } = unbold(fields[0]!);
    const rawCells = fields.slice(1);
    const width = current.headers.length;
    if (rawCells.length !== width) {
      const code = rawCells.length < width ? "missing-cell" : "extra-cell";
      return this.error(lineNo, code, `Raden «${shorten(label)}» har ${rawCells.length} celler, men tabellen har ${width} kolonner.`);
    }
    const cells: Count[] = [];
    let ok = true;
    rawCells.forEach((raw, c) => {
      const parsed = parseCell(raw);
      if ("error" in parsed) {
        this.error(lineNo, "bad-number", `Raden «${shorten(label)}», kolonnen «${shorten(current.headers[c]!)}»: ${parsed.error}.`);
        ok = false;
      } else {
        cells.push(parsed.value);
      }
    });
    if (ok) current.rows.push({ label, bold, cells, line: lineNo });
  }
}

/**
 * Parses the text of one publication. Never throws: structural problems come back as
 * findings with the line number, and the caller rejects the file when any is an error.
 */
export function parsePublication(source: string): { publication: RawPublication; findings: Finding[] } {
  const text = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const lines = text.split("\n");
  const reader = new LineReader();
  const { publication, findings } = reader;

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

  lines.forEach((line, i) => reader.read(line, i + 1));
  if (!publication.title) {
    findings.push({ severity: "error", code: "structure", line: 1, message: "Fant ingen sidetittel («# …») i filen." });
  }
  return { publication, findings };
}
