// Highlights, on the add-in's own sheets, the cells "Prikkekontroll" lists, and takes the highlight
// off again: the suppressed cells the published totals give away (light red), or the cells
// «Forslag til sikker prikking» says NAV would also have had to hide (light yellow).
//
// Two round trips at most, like the writer:
//   1. read: sheets (name, protection), the active sheet and the workbook names, which is where
//      the add-in's sheets are found: the hidden index entry `NavTiltak.<key>` refers to the block
//      it wrote, so a renamed sheet or a "Tiltak og hovedgrupper (2)" next to a user's sheet of the
//      same name is found, and a user's sheet never is;
//   2. write: one fill per rectangle of adjacent cells, every sheet in the same batch.
// Only the fill changes. A refresh rewrites the whole block (clear "All"), which removes the
// highlight too; clearing restores the fill the writer gives those cells (none, for body cells).

import type { Dataset } from "../core/types.js";
import { buildLayouts, type LayoutKey, type SheetLayout } from "../core/layout.js";
import { layoutSheet, type SheetSpec } from "./sheet-specs.js";
import { formatRect, parseSheetReference, type Rect } from "@nav-tiltak/a1";
import { contentHash, decodeRecord, indexName } from "./ownership.js";
import { capabilities, errorText } from "./capabilities.js";
import type { Capabilities, ExcelHost, ExcelRunner, Message, SheetResult, WriteReport } from "./operation-types.js";
import { quotedList } from "../core/text.js";

/**
 * Excel's own "Light red fill" (conditional formatting): black "*" on it has a contrast of about
 * 15:1, and analysts already read it as "look at this".
 */
export const HIGHLIGHT_FILL = "#FFC7CE";
/**
 * Excel's "Yellow fill with dark yellow text" (conditional formatting) for the suggestion's cells:
 * told apart from the red of a revealed «*» (black text on it: about 17:1).
 */
export const SUGGESTION_FILL = "#FFEB9C";

/** What is marked: the fill, and the words the messages use for the cells. */
export type MarkKind = "revealed" | "suggestion";
const FILL: Record<MarkKind, string> = { revealed: HIGHLIGHT_FILL, suggestion: SUGGESTION_FILL };

/** Keeps each getRanges address well within what Excel accepts in one call. */
const MAX_AREAS_ADDRESS = 2000;

export interface HighlightOptions {
  onProgress?: (fraction: number, text: string) => void;
  /**
   * Show a marked sheet when the active sheet is none of them (default true for marking, false
   * for clearing), so the user sees the result at once.
   */
  activate?: boolean;
  /** Period the cells were computed for (default: the newest, as revealedCells). */
  period?: string;
  /** Which cells these are (default "revealed"): their fill and how the messages name them. */
  kind?: MarkKind;
}

export interface HighlightReport extends WriteReport {
  /** Cells whose fill was set (or restored). */
  cells: number;
}

/** A cell to mark: its place in the layout grid (0-based from the block's top left, A1 on a new sheet). */
export interface MarkCell {
  row: number;
  col: number;
}

/** Cells per sheet (layout) name: revealedCells' result, or the suggestion's cells by sheet. */
export type RevealedBySheet = Readonly<Record<string, readonly MarkCell[]>>;

type Snapshot = {
  sheets: { name: string; protected: boolean; visible: boolean }[];
  names: { name: string; formula: string; comment: string }[];
  active: string;
};

interface Target {
  key: LayoutKey;
  /** The sheet's name in the workbook (may differ from the layout's). */
  sheet: string;
  /** Excel cannot activate a hidden sheet. */
  visible: boolean;
  /** Where the index entry says the block is (its top left is the layout's A1). */
  origin: Rect;
  cells: readonly MarkCell[];
  spec: SheetSpec;
}

const upper = (s: string): string => s.toLocaleUpperCase("nb-NO");

/**
 * Rectangles covering exactly the given grid cells: runs of adjacent cells in a row, then equal
 * runs on consecutive rows stacked. Fewer ranges for Excel to format; no cell outside the set.
 */
export function cellRects(cells: readonly { row: number; col: number }[]): Rect[] {
  const byRow = new Map<number, number[]>();
  for (const c of cells) {
    const cols = byRow.get(c.row) ?? [];
    if (!cols.includes(c.col)) cols.push(c.col);
    byRow.set(c.row, cols);
  }
  const runs: Rect[] = [];
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const cols = byRow.get(row)!.sort((a, b) => a - b);
    let start = 0;
    for (let i = 1; i <= cols.length; i++) {
      if (i < cols.length && cols[i] === cols[i - 1]! + 1) continue;
      runs.push({ row, col: cols[start]!, rows: 1, cols: i - start });
      start = i;
    }
  }
  const out: Rect[] = [];
  for (const run of runs) {
    const above = out.find((r) => r.col === run.col && r.cols === run.cols && r.row + r.rows === run.row);
    if (above) above.rows++;
    else out.push({ ...run });
  }
  return out;
}

/** The fill the writer gives a cell of this sheet (later style runs win, as in applyRun), or none. */
export function writerFill(spec: SheetSpec, row: number, col: number): string | undefined {
  let fill: string | undefined;
  for (const run of spec.styles) {
    if (run.fill === undefined) continue;
    if (row >= run.rows[0] && row <= run.rows[1] && col >= run.cols[0] && col <= run.cols[1]) fill = run.fill;
  }
  return fill;
}

const list = (names: string[]): string => quotedList(names, "og");

/** Finds the add-in's sheet for each layout with revealed cells, or says why it cannot be marked. */
function findTargets(snapshot: Snapshot, layouts: SheetLayout[], cells: RevealedBySheet, messages: Message[]): Target[] {
  const names = new Map(snapshot.names.map((n) => [upper(n.name), n]));
  const sheets = new Map(snapshot.sheets.map((s) => [upper(s.name), s]));
  const targets: Target[] = [];
  const missing: string[] = [];
  for (const layout of layouts) {
    const revealed = cells[layout.name] ?? [];
    if (revealed.length === 0) continue;
    const index = names.get(upper(indexName(layout.key)));
    const ref = index ? parseSheetReference(index.formula) : null;
    const sheet = ref ? sheets.get(upper(ref.sheet)) : undefined;
    if (!index || !ref || !sheet) {
      missing.push(layout.name);
      continue;
    }
    if (sheet.protected) {
      messages.push({
        level: "warning",
        text: `Arket «${sheet.name}» er beskyttet, så cellene der ble ikke endret. Opphev arkbeskyttelsen (Se gjennom > Opphev beskyttelse) og prøv igjen.`,
      });
      continue;
    }
    // The cells are positions in today's layout: a sheet written from other figures (an older
    // dataset) may have them elsewhere, so it is left alone until it is refreshed.
    const spec = layoutSheet(layout);
    const record = decodeRecord(index.comment, layout.key);
    const sameShape = ref.rect.rows === spec.values.length && ref.rect.cols === (spec.values[0]?.length ?? 1);
    if (!record || !sameShape || record.hash !== contentHash(spec.values, spec.hashMode)) {
      messages.push({
        level: "warning",
        text: `Arket «${sheet.name}» viser ikke de samme tallene som tillegget har nå, så cellene der ble ikke endret. Trykk «Oppdater» under Tabeller og prøv igjen.`,
      });
      continue;
    }
    targets.push({ key: layout.key, sheet: sheet.name, visible: sheet.visible, origin: ref.rect, cells: revealed, spec });
  }
  if (missing.length > 0) {
    messages.push({
      level: "warning",
      text:
        `${list(missing)} er ikke satt inn i denne arbeidsboken, så cellene der kan ikke markeres. ` +
        "Bruk «Sett inn alle tabeller» under Tabeller først.",
    });
  }
  return targets;
}

type Mode = "mark" | "clear";

/** Queues the fill of one sheet's cells: RangeAreas where supported, else one range per rectangle. */
function queueFills(ws: Excel.Worksheet, target: Target, mode: Mode, useAreas: boolean, markFill: string): void {
  // Group by the fill to set, so clearing can restore a header fill and "no fill" in one pass each.
  const groups = new Map<string, Rect[]>();
  const absolute = (r: Rect): Rect => ({ ...r, row: r.row + target.origin.row, col: r.col + target.origin.col });
  if (mode === "mark") {
    groups.set(markFill, cellRects(target.cells).map(absolute));
  } else {
    const byFill = new Map<string, { row: number; col: number }[]>();
    for (const c of target.cells) {
      const fill = writerFill(target.spec, c.row, c.col) ?? "";
      byFill.set(fill, [...(byFill.get(fill) ?? []), c]);
    }
    for (const [fill, cells] of byFill) groups.set(fill, cellRects(cells).map(absolute));
  }
  for (const [fill, rects] of groups) {
    const apply = (f: Excel.RangeFormat) => (fill === "" ? f.fill.clear() : (f.fill.color = fill));
    if (useAreas) {
      let batch: string[] = [];
      const flush = () => {
        if (batch.length > 0) apply(ws.getRanges(batch.join(", ")).format);
        batch = [];
      };
      for (const r of rects) {
        const address = formatRect(r);
        if (batch.length > 0 && batch.join(", ").length + address.length + 2 > MAX_AREAS_ADDRESS) flush();
        batch.push(address);
      }
      flush();
    } else {
      for (const r of rects) apply(ws.getRangeByIndexes(r.row, r.col, r.rows, r.cols).format);
    }
  }
}

/** The one line the pane shows when the cells are marked (or unmarked). */
function summaryText(mode: Mode, count: number, sheetCount: number, messages: readonly Message[], kind: MarkKind): string {
  const warn = messages.some((m) => m.level !== "info") ? " Se merknadene under." : "";
  const where = `${sheetCount} ark`;
  if (count === 0) return `${mode === "mark" ? "Ingen celler ble markert" : "Ingen markering ble fjernet"}.${warn}`;
  const cellsText = `${count} ${count === 1 ? "celle" : "celler"}${kind === "suggestion" ? " fra forslaget" : ""}`;
  return mode === "mark" ? `${cellsText} markert på ${where}.${warn}` : `Markeringen er fjernet fra ${cellsText} på ${where}.${warn}`;
}

/** The report of an operation that did not reach Excel: an Excel too old, or nothing to mark. */
function earlyReport(caps: Capabilities, total: number, mode: Mode, kind: MarkKind): HighlightReport | null {
  if (!caps.base) {
    return {
      ok: false,
      syncs: 0,
      cells: 0,
      sheets: [],
      messages: [{ level: "error", text: "Denne Excel-versjonen er for gammel for NAV tiltak (krever ExcelApi 1.7 eller nyere)." }],
      summary: "Excel-versjonen støttes ikke.",
    };
  }
  if (total > 0) return null;
  const verb = mode === "mark" ? "markere" : "fjerne markeringen fra";
  const which = kind === "suggestion" ? "foreslåtte" : "avslørte";
  return { ok: true, syncs: 0, cells: 0, sheets: [], messages: [], summary: `Ingen ${which} celler å ${verb}.` };
}

/** Round trip 1: the sheets, the names (the add-in's index entries) and the active sheet. */
async function readSnapshot(context: Excel.RequestContext): Promise<Snapshot> {
  const wb = context.workbook;
  const ws = wb.worksheets.load("items/name,items/visibility,items/protection/protected");
  const nm = wb.names.load("items/name,items/formula,items/comment");
  const active = wb.worksheets.getActiveWorksheet().load("name");
  await context.sync();
  return {
    sheets: ws.items.map((s) => ({ name: s.name, protected: s.protection.protected, visible: s.visibility === "Visible" })),
    names: nm.items.map((n) => ({
      name: n.name,
      formula: typeof n.formula === "string" ? n.formula : String(n.formula ?? ""),
      comment: n.comment ?? "",
    })),
    active: active.name,
  };
}

/** Round trip 2: the fills on every target sheet, then (when asked) the sheet to look at. */
function queueHighlights(context: Excel.RequestContext, targets: Target[], snapshot: Snapshot, mode: Mode, job: Job): SheetResult[] {
  const wb = context.workbook;
  if (job.api19) context.application.suspendScreenUpdatingUntilNextSync();
  const sheets: SheetResult[] = [];
  for (const t of targets) {
    queueFills(wb.worksheets.getItem(t.sheet), t, mode, job.api19, FILL[job.kind]);
    sheets.push({ key: t.key, sheet: t.sheet, status: "updated" });
  }
  if (job.activate && !targets.some((t) => upper(t.sheet) === upper(snapshot.active))) {
    // The visible sheet with the most cells: where the user most likely wants to look.
    const first = targets.filter((t) => t.visible).sort((a, b) => b.cells.length - a.cells.length)[0];
    if (first) wb.worksheets.getItem(first.sheet).activate();
  }
  return sheets;
}

interface Job {
  /** RangeAreas (ExcelApi 1.9) formats all of a sheet's cells through one object. */
  api19: boolean;
  kind: MarkKind;
  activate: boolean;
}

async function run(
  host: ExcelHost | ExcelRunner,
  ds: Dataset,
  cells: RevealedBySheet,
  mode: Mode,
  options: HighlightOptions,
): Promise<HighlightReport> {
  const caps = capabilities(host);
  const kind = options.kind ?? "revealed";
  const early = earlyReport(
    caps,
    Object.values(cells).reduce((n, list) => n + list.length, 0),
    mode,
    kind,
  );
  if (early) return early;
  const layouts = buildLayouts(ds, options.period);
  const runner = typeof host === "function" ? host : host.run;
  const job: Job = { api19: caps.rangeAreas === true, kind, activate: options.activate ?? mode === "mark" };
  const messages: Message[] = [];
  let sheets: SheetResult[] = [];
  let count = 0;
  let syncs = 0;
  try {
    await runner(async (context) => {
      options.onProgress?.(0.1, "Leser arbeidsboken …");
      syncs++;
      const snapshot = await readSnapshot(context);
      const targets = findTargets(snapshot, layouts, cells, messages);
      if (targets.length === 0) return;
      options.onProgress?.(0.5, mode === "mark" ? "Markerer cellene …" : "Fjerner markeringen …");
      sheets = queueHighlights(context, targets, snapshot, mode, job);
      count = targets.reduce((n, t) => n + t.cells.length, 0);
      syncs++;
      await context.sync();
    });
  } catch (e) {
    // Excel applies a batch up to the failing call, so a part of the cells may have changed.
    const after =
      mode === "mark"
        ? "Noen celler kan være markert; «Fjern markering» tar det bort."
        : "Noen celler kan fortsatt være markert; «Oppdater» under Tabeller skriver arkene på nytt.";
    messages.push({ level: "error", text: `Excel stoppet operasjonen: ${errorText(e)}. ${after}` });
    return { ok: false, syncs, cells: 0, sheets: [], messages, summary: "Noe gikk galt i Excel. Se feilmeldingen under." };
  }
  options.onProgress?.(1, "Ferdig.");
  return { ok: true, syncs, cells: count, sheets, messages, summary: summaryText(mode, count, sheets.length, messages, kind) };
}

/**
 * Fills the revealed cells on the add-in's sheets with HIGHLIGHT_FILL. Sheets not inserted (or
 * protected, or written from other figures) are reported in the messages, never guessed at.
 */
export function highlightRevealed(
  host: ExcelHost | ExcelRunner,
  ds: Dataset,
  cells: RevealedBySheet,
  options: HighlightOptions = {},
): Promise<HighlightReport> {
  return run(host, ds, cells, "mark", options);
}

/** Gives the revealed cells back the fill the writer gave them (none, for body cells). */
export function clearHighlights(
  host: ExcelHost | ExcelRunner,
  ds: Dataset,
  cells: RevealedBySheet,
  options: HighlightOptions = {},
): Promise<HighlightReport> {
  return run(host, ds, cells, "clear", options);
}
