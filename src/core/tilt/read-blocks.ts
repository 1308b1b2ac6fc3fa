// One TILT workbook → its blocks, read by their labels: the data sheet by its name, each block by
// its «I alt <målgruppe> på tiltak» cell in column A, the months and «Gjennomsnitt hittil i år» by
// the headers in the row above, the rows below until a blank column-A cell. Every problem is a
// finding naming file, sheet and cell; nothing is evaluated (a formula is an error).

import type { Finding, FindingCode } from "../findings.js";
import { officialName } from "../known-typos.js";
import { tiltakId } from "../period/names.js";
import { normalizeName, shorten, slug } from "../text.js";
import { HIDDEN, NOT_AVAILABLE, SUPPRESSED, type Count, type Hovedgruppe } from "../types.js";
import {
  AVERAGE_HEADER,
  DATA_SHEET,
  GROUPS_CODE,
  GROUP_OF_CODE,
  TILRETTELEGGING,
  blockMalgruppe,
  fileNameFacts,
  hovedgruppeOf,
  isAverageHeader,
  isTilretteleggingTiltak,
  monthNumber,
} from "./tilt-names.js";
import { colLetters, type OpenedWorkbook, type SheetCell } from "./xlsx-reader.js";

export interface TiltCell {
  value: Count;
  cell: string;
}

export interface TiltRow {
  label: string;
  /** Column-A cell of the row. */
  cell: string;
  /** Group id (TILT100) or tiltak id. */
  id: string;
  /** The tiltaksgruppe the row belongs to (its own id for TILT100 rows). */
  group: string;
  average: TiltCell;
  months: TiltCell[];
}

export interface TiltBlock {
  hovedgruppe: Hovedgruppe;
  label: string;
  total: Omit<TiltRow, "id" | "group">;
  rows: TiltRow[];
}

export interface TiltFile {
  file: string;
  sheet: string;
  code: number;
  year: number;
  /** Month numbers (1–12) of the columns, in order. */
  months: number[];
  blocks: TiltBlock[];
  /** TILT180: which rows its «I alt» counts (checks.ts). */
  totalScope?: "with" | "without" | "either";
}

type Grid = Map<number, Map<number, SheetCell>>;

export class FileFindings {
  readonly findings: Finding[] = [];
  constructor(
    readonly file: string,
    public sheet?: string,
  ) {}
  add(severity: Finding["severity"], code: FindingCode, message: string, cell?: string): void {
    this.findings.push({
      severity,
      code,
      file: this.file,
      ...(this.sheet ? { sheet: this.sheet } : {}),
      ...(cell ? { cell } : {}),
      message,
    });
  }
  error(code: FindingCode, message: string, cell?: string): void {
    this.add("error", code, message, cell);
  }
  get failed(): boolean {
    return this.findings.some((f) => f.severity === "error");
  }
}

const text = (c: SheetCell | undefined): string =>
  c && typeof c.value === "string" ? c.value.trim() : c && typeof c.value === "number" ? String(c.value) : "";

/** Picks the data sheet; says what was looked for when there is none. */
export function dataSheet(names: readonly string[], out: FileFindings): string | undefined {
  const key = normalizeName(DATA_SHEET);
  const found = names.filter((n) => normalizeName(n).includes(key));
  if (found.length === 0) {
    out.error(
      "missing-table",
      `Fant ikke dataarket: ingen ark har «${DATA_SHEET}» i navnet (arbeidsboken har ${names.map((n) => `«${shorten(n)}»`).join(", ") || "ingen ark"}). Er dette en av NAVs TILT-tabeller?`,
    );
    return undefined;
  }
  return found[0];
}

/** A cell's figure: a whole count ≥ 0, «*», «:», «..», «-» (none) or empty; undefined (with a finding) otherwise. */
function figure(c: SheetCell | undefined, out: FileFindings, what: string, whole: boolean): Count | undefined {
  if (!c || c.value === null) return null;
  if (c.error) return (out.error("bad-number", `${what} er en feilverdi («${shorten(c.error)}»), ikke et tall.`, c.ref), undefined);
  let n: number;
  if (typeof c.value === "number") n = c.value;
  else if (typeof c.value === "boolean") return (out.error("bad-number", `${what} er en sannhetsverdi, ikke et tall.`, c.ref), undefined);
  else {
    const t = c.value.replace(/[\s\u00a0\u202f]/g, "");
    if (t === "") return null;
    if (t === SUPPRESSED) return SUPPRESSED;
    // «:» (hidden to protect a «*»): NAV's own files have none, but `prikk` writes it.
    if (t === HIDDEN) return HIDDEN;
    if (t === NOT_AVAILABLE) return NOT_AVAILABLE;
    if (t === "-" || t === "\u2013") return null;
    if (!/^\d+(,\d+)?$/.test(t))
      return (out.error("bad-number", `${what} er «${shorten(c.value)}», verken et tall, «*» eller tom.`, c.ref), undefined);
    n = Number(t.replace(",", "."));
  }
  if (!Number.isFinite(n) || n < 0 || (whole && !Number.isInteger(n))) {
    return (out.error("bad-number", `${what} er ${n}, ikke et antall (et helt tall fra 0 og opp).`, c.ref), undefined);
  }
  return n;
}

interface Header {
  row: number;
  averageCol?: number;
  monthCols: { col: number; month: number }[];
}

const hasMonths = (grid: Grid, row: number) =>
  [...(grid.get(row)?.values() ?? [])].some((c) => monthNumber(typeof c.value === "number" ? c.value : text(c)) !== undefined);

/**
 * The header row of a block: the row directly above its «I alt» row, as NAV lays it out; should a
 * block follow the one above without a header of its own, the nearest header row above it.
 */
function headerRowOf(grid: Grid, labelRow: number): number {
  for (let r = labelRow - 1; r >= 1 && r >= labelRow - 200; r--) if (hasMonths(grid, r)) return r;
  return labelRow - 1;
}

function readHeader(grid: Grid, row: number, out: FileFindings, blockCell: string): Header | undefined {
  const cells = [...(grid.get(row)?.values() ?? [])].sort((a, b) => a.col - b.col);
  const header: Header = { row, monthCols: [] };
  for (const c of cells) {
    const t = text(c);
    if (isAverageHeader(t)) header.averageCol = c.col;
    const m = monthNumber(typeof c.value === "number" ? c.value : t);
    if (m !== undefined) header.monthCols.push({ col: c.col, month: m });
  }
  if (header.monthCols.length === 0) {
    out.error("bad-header", `Raden over «I alt»-raden i ${blockCell} (rad ${row}) har ingen månedsnavn («Januar» …).`, `A${row}`);
    return undefined;
  }
  const months = header.monthCols.map((m) => m.month);
  if (months.some((m, i) => i > 0 && m <= months[i - 1]!) || new Set(months).size !== months.length) {
    out.error(
      "bad-header",
      `Månedene i rad ${row} står ikke i rekkefølge (${months.join(", ")}).`,
      `${colLetters(header.monthCols[0]!.col)}${row}`,
    );
    return undefined;
  }
  if (header.averageCol === undefined)
    out.add("warning", "bad-header", `Rad ${row} har ingen kolonne «${AVERAGE_HEADER}»; gjennomsnittene kontrolleres ikke.`, `B${row}`);
  return header;
}

/** Ends a block: a blank column A, the next block, a header row, or a text line («Kilde …») with no figures. */
function endsBlock(grid: Grid, row: number, header: Header): boolean {
  const label = text(grid.get(row)?.get(1));
  if (label === "" || blockMalgruppe(label) !== undefined) return true;
  const cols = [...header.monthCols.map((m) => m.col), ...(header.averageCol ? [header.averageCol] : [])];
  return cols.every((col) => {
    const c = grid.get(row)?.get(col);
    return !c || c.value === null || c.value === "";
  });
}

function readRow(grid: Grid, row: number, header: Header, out: FileFindings, label: string): Omit<TiltRow, "id" | "group"> {
  const at = (col: number | undefined) => (col === undefined ? undefined : grid.get(row)?.get(col));
  const ref = (col: number) => `${colLetters(col)}${row}`;
  const avgCell = at(header.averageCol);
  const average = figure(avgCell, out, `Gjennomsnittet for «${shorten(label)}»`, false) ?? null;
  return {
    label,
    cell: `A${row}`,
    average: { value: average, cell: header.averageCol ? ref(header.averageCol) : "" },
    months: header.monthCols.map((m) => ({
      value: figure(at(m.col), out, `«${shorten(label)}» i ${m.month}. måned`, true) ?? null,
      cell: ref(m.col),
    })),
  };
}

function rowIdentity(code: number, label: string): { id: string; group: string } {
  if (code === GROUPS_CODE) {
    const id = slug(officialName(label, "tiltaksgruppe"));
    return { id, group: id };
  }
  const group = code === 180 && isTilretteleggingTiltak(label) ? TILRETTELEGGING : GROUP_OF_CODE[code]!;
  return { id: tiltakId(label), group: slug(group) };
}

function readBlock(grid: Grid, labelRow: number, code: number, out: FileFindings): { block: TiltBlock; header: Header } | undefined {
  const label = text(grid.get(labelRow)!.get(1));
  const header = readHeader(grid, headerRowOf(grid, labelRow), out, `A${labelRow}`);
  if (!header) return undefined;
  const hg = hovedgruppeOf(blockMalgruppe(label)!);
  const block: TiltBlock = { hovedgruppe: hg, label, total: readRow(grid, labelRow, header, out, label), rows: [] };
  const seen = new Map<string, string>();
  for (let r = labelRow + 1; !endsBlock(grid, r, header); r++) {
    const rowLabel = text(grid.get(r)!.get(1));
    const row = { ...readRow(grid, r, header, out, rowLabel), ...rowIdentity(code, rowLabel) };
    if (seen.has(row.id))
      out.error("duplicate-row", `«${shorten(rowLabel)}» står to ganger i blokken «${label}» (også i ${seen.get(row.id)}).`, row.cell);
    seen.set(row.id, row.cell);
    block.rows.push(row);
  }
  if (block.rows.length === 0) out.error("missing-row", `Blokken «${label}» har ingen rader under «I alt»-raden.`, `A${labelRow}`);
  return { block, header };
}

function gridOf(cells: readonly SheetCell[]): Grid {
  const grid: Grid = new Map();
  for (const c of cells) {
    if (!grid.has(c.row)) grid.set(c.row, new Map());
    grid.get(c.row)!.set(c.col, c);
  }
  return grid;
}

/** The code and year: from the file name, else from the title rows above the first block. */
function codeAndYear(
  file: string,
  grid: Grid,
  firstBlockRow: number,
  out: FileFindings,
): { code: number; year: number; month?: number } | undefined {
  const facts = fileNameFacts(file);
  const titles = [...grid.entries()].filter(([r]) => r < firstBlockRow).flatMap(([, row]) => [...row.values()].map(text));
  const code = facts.code ?? titles.map((t) => /TILT\s?(\d{3})/i.exec(t)).find(Boolean)?.[1];
  const year = facts.year ?? titles.map((t) => /\b(20\d\d)\b/.exec(t)).find(Boolean)?.[1];
  if (code === undefined) {
    out.error(
      "not-publication",
      "Fant ikke TILT-koden (f.eks. «TILT130») i filnavnet eller i tittelradene. NAV navngir filene «<ÅÅÅÅMM>_TILT<kode>_…xlsx».",
    );
    return undefined;
  }
  if (Number(code) !== GROUPS_CODE && GROUP_OF_CODE[Number(code)] === undefined) {
    out.error("not-publication", `TILT${code} er ikke en av tabellene NAV tiltak leser (TILT100–TILT180).`);
    return undefined;
  }
  if (year === undefined) {
    out.error("bad-period", "Fant ikke året: filnavnet begynner ikke med «ÅÅÅÅMM_» eller «ÅÅÅÅ.MM_», og tittelradene nevner intet år.");
    return undefined;
  }
  return { code: Number(code), year: Number(year), month: facts.month };
}

/** A formula on another sheet is refused too: nothing in a file NAV tiltak reads is ever a formula. */
function otherSheetFormulas(wb: OpenedWorkbook, dataSheetName: string, out: FileFindings): void {
  for (const name of wb.sheetNames) {
    if (name === dataSheetName) continue;
    const refs = wb.formulaCells(name);
    for (const ref of refs.slice(0, 5)) {
      out.findings.push({
        severity: "error",
        code: "formula-text",
        file: out.file,
        sheet: name,
        cell: ref,
        message: "Cellen har en formel. Formler beregnes aldri; NAVs tabeller har bare tall og tekst.",
      });
    }
    if (refs.length > 5)
      out.findings.push({
        severity: "error",
        code: "formula-text",
        file: out.file,
        sheet: name,
        message: `… og ${refs.length - 5} formler til på arket.`,
      });
  }
}

/** Reads one opened workbook; undefined when it has errors (see out.findings). */
export function readTiltWorkbook(file: string, wb: OpenedWorkbook, out: FileFindings): TiltFile | undefined {
  if (wb.externalLinks.length > 0) {
    out.error(
      "external-link",
      `Arbeidsboken har ${wb.externalLinks.length} ekstern${wb.externalLinks.length === 1 ? "" : "e"} kobling${wb.externalLinks.length === 1 ? "" : "er"} til andre filer (${wb.externalLinks.map((l) => `«${shorten(l)}»`).join(", ")}). NAVs tabeller har ingen; filen leses ikke.`,
    );
  }
  const sheet = dataSheet(wb.sheetNames, out);
  if (!sheet) return undefined;
  out.sheet = sheet;
  const cells = wb.readSheet(sheet);
  for (const c of cells.filter((x) => x.formula !== undefined)) {
    out.error(
      "formula-text",
      `Cellen har en formel («=${shorten(c.formula!, 40)}»). Formler beregnes aldri; NAVs tabeller har bare tall.`,
      c.ref,
    );
  }
  otherSheetFormulas(wb, sheet, out);
  const grid = gridOf(cells);
  const labelRows = [...grid.entries()]
    .filter(([, row]) => blockMalgruppe(text(row.get(1))) !== undefined)
    .map(([r]) => r)
    .sort((a, b) => a - b);
  if (labelRows.length === 0) {
    out.error(
      "missing-table",
      `Arket har ingen blokk: fant ingen celle i kolonne A som «I alt Arbeidssøkere på tiltak» eller «I alt Nedsatt arbeidsevne, på tiltak».`,
    );
    return undefined;
  }
  const meta = codeAndYear(file, grid, labelRows[0]! - 1, out);
  if (!meta) return undefined;
  const blocks: TiltBlock[] = [];
  let months: number[] | undefined;
  for (const r of labelRows) {
    const read = readBlock(grid, r, meta.code, out);
    if (!read) continue;
    const own = read.header.monthCols.map((m) => m.month);
    if (months && own.join() !== months.join())
      out.error(
        "bad-header",
        `Blokken «${read.block.label}» har andre måneder (${own.join(", ")}) enn blokken over (${months.join(", ")}).`,
        `A${r - 1}`,
      );
    months ??= own;
    if (blocks.some((b) => b.hovedgruppe.id === read.block.hovedgruppe.id))
      out.error("duplicate-row", `Målgruppen «${read.block.hovedgruppe.short}» har to blokker.`, `A${r}`);
    blocks.push(read.block);
  }
  if (out.failed || !months) return undefined;
  const last = months[months.length - 1]!;
  if (meta.month !== undefined && meta.month !== last) {
    out.add(
      "warning",
      "bad-period",
      `Filnavnet sier at siste måned er ${meta.month}, men arket har måneder til og med ${last}. Arket gjelder.`,
    );
  }
  return { file, sheet, code: meta.code, year: meta.year, months, blocks };
}
