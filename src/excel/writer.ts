// The Excel writer: a thin adapter from the core's layouts and long tables to Office.js.
//
// Every operation is two round trips:
//   1. read: collections only (sheets with their protection, workbook names, tables, PivotTables),
//      which is valid in any workbook and tells which sheets are the add-in's (see ownership.ts);
//   2. write: everything queued in one batch, whole 2-D blocks per sheet and formats per block of
//      rows, with screen updating suspended. The same batch first reads back the add-in's own
//      cells as they were, so a user's edits there are noticed; only then (rarely) a third round
//      trip saves the user's version to a sheet of its own.
// Nothing is computed here: values, "*" and number formats come from the core.

import type { Dataset } from "../core/types.js";
import { buildLayouts, type SheetLayout } from "../core/layout.js";
import { layoutSheet, pivotSheets, type SheetSpec, type StyleRun } from "./content.js";
import {
  MARKER_KEY,
  RECORD_VERSION,
  contentHash,
  encodeRecord,
  freeSheetName,
  indexName,
  isBlank,
  quoteSheet,
  rectAddress,
  type OwnershipRecord,
  type Rect,
} from "./ownership.js";
import { planTargets, type Mode, type Plan, type TargetPlan, type WorkbookSnapshot } from "./plan.js";
import type { Capabilities, ExcelHost, ExcelRunner, Message, SheetResult, WriteOptions, WriteReport } from "./types.js";

const BORDER_COLOR = "#262626";
const COUNT_FORMAT = "#,##0";

interface ResolvedHost {
  run: ExcelRunner;
  supports: (version: string) => boolean;
}

function globalSupports(version: string): boolean {
  const office = (globalThis as { Office?: typeof Office }).Office;
  try {
    return office?.context?.requirements?.isSetSupported("ExcelApi", version) ?? false;
  } catch {
    return false;
  }
}

function resolveHost(host: ExcelHost | ExcelRunner): ResolvedHost {
  if (typeof host === "function") return { run: host, supports: globalSupports };
  return { run: host.run, supports: host.isSetSupported ?? globalSupports };
}

/** The host running Office.js: `Excel.run` and the document's requirement sets. */
export function officeHost(): ExcelHost {
  return {
    run: (batch) => Excel.run(batch),
    isSetSupported: (version) => Office.context.requirements.isSetSupported("ExcelApi", version),
  };
}

export function capabilities(host: ExcelHost | ExcelRunner): Capabilities {
  const { supports } = resolveHost(host);
  return {
    base: supports("1.7"),
    pivotTables: supports("1.8"),
    suspendScreenUpdating: supports("1.9"),
    customProperties: supports("1.12"),
    tableResize: supports("1.13"),
  };
}

// ---------------------------------------------------------------------------------------------
// Round trip 1: read

function queueSnapshot(context: Excel.RequestContext, caps: Capabilities): () => WorkbookSnapshot {
  const wb = context.workbook;
  const sheets = wb.worksheets.load("items/name,items/visibility,items/protection/protected");
  const names = wb.names.load("items/name,items/formula,items/comment");
  const tables = wb.tables.load("items/name");
  const pivots = caps.pivotTables ? wb.pivotTables.load("items/name") : null;
  return () => ({
    sheets: sheets.items.map((s) => ({ name: s.name, protected: s.protection.protected, visible: s.visibility === "Visible" })),
    names: names.items.map((n) => ({
      name: n.name,
      formula: typeof n.formula === "string" ? n.formula : String(n.formula ?? ""),
      comment: n.comment ?? "",
    })),
    tables: tables.items.map((t) => t.name),
    pivots: pivots ? pivots.items.map((p) => p.name) : null,
  });
}

// ---------------------------------------------------------------------------------------------
// Round trip 2: write

function rangeOf(ws: Excel.Worksheet, r: Rect): Excel.Range {
  return ws.getRangeByIndexes(r.row, r.col, r.rows, r.cols);
}

/** A style run of the layout (rows and columns from the block's top left) at the block's place. */
function applyRun(ws: Excel.Worksheet, run: StyleRun, origin: Rect): void {
  const f = rangeOf(ws, {
    row: origin.row + run.rows[0],
    col: origin.col + run.cols[0],
    rows: run.rows[1] - run.rows[0] + 1,
    cols: run.cols[1] - run.cols[0] + 1,
  }).format;
  if (run.bold !== undefined) f.font.bold = run.bold;
  if (run.italic !== undefined) f.font.italic = run.italic;
  if (run.size !== undefined) f.font.size = run.size;
  if (run.color !== undefined) f.font.color = run.color;
  if (run.fill !== undefined) f.fill.color = run.fill;
  if (run.wrap !== undefined) f.wrapText = run.wrap;
  if (run.hAlign !== undefined) f.horizontalAlignment = run.hAlign;
  if (run.vAlign !== undefined) f.verticalAlignment = run.vAlign;
  for (const edge of run.borders ?? []) {
    const b = f.borders.getItem(edge);
    b.style = "Continuous";
    b.weight = "Thin";
    b.color = BORDER_COLOR;
  }
  if (run.autofitRows) f.autofitRows();
}

/** Column widths of the block's columns, one call per run of equal widths. */
function applyWidths(ws: Excel.Worksheet, widths: number[], firstCol: number): void {
  let start = 0;
  for (let c = 1; c <= widths.length; c++) {
    if (c < widths.length && widths[c] === widths[start]) continue;
    ws.getRangeByIndexes(0, firstCol + start, 1, c - start).getEntireColumn().format.columnWidth = widths[start]!;
    start = c;
  }
}

/** The box without the cells of `keep` (a kept table's header row), as ≤ 4 rectangles. */
export function clearParts(box: Rect, keep: Rect | null): Rect[] {
  if (!keep) return [box];
  const top = Math.max(box.row, keep.row);
  const bottom = Math.min(box.row + box.rows, keep.row + keep.rows);
  const left = Math.max(box.col, keep.col);
  const right = Math.min(box.col + box.cols, keep.col + keep.cols);
  if (top >= bottom || left >= right) return [box];
  const parts: Rect[] = [
    { row: box.row, col: box.col, rows: top - box.row, cols: box.cols },
    { row: top, col: box.col, rows: bottom - top, cols: left - box.col },
    { row: top, col: right, rows: bottom - top, cols: box.col + box.cols - right },
    { row: bottom, col: box.col, rows: box.row + box.rows - bottom, cols: box.cols },
  ];
  return parts.filter((p) => p.rows > 0 && p.cols > 0);
}

function boundingBox(a: Rect, b?: Rect): Rect {
  if (!b) return a;
  const row = Math.min(a.row, b.row);
  const col = Math.min(a.col, b.col);
  return {
    row,
    col,
    rows: Math.max(a.row + a.rows, b.row + b.rows) - row,
    cols: Math.max(a.col + a.cols, b.col + b.cols) - col,
  };
}

/** A rectangle given from the block's top left, at the block's place on the sheet. */
function at(origin: Rect, r: Rect): Rect {
  return { row: origin.row + r.row, col: origin.col + r.col, rows: r.rows, cols: r.cols };
}

interface Capture {
  target: TargetPlan;
  box: Rect;
  range: Excel.Range;
  marker: Excel.WorksheetCustomProperty | null;
}

interface Written {
  captures: Capture[];
  results: SheetResult[];
  firstSheet: Excel.Worksheet | null;
}

function record(target: TargetPlan, hash: string): OwnershipRecord {
  return {
    v: RECORD_VERSION,
    key: target.spec.key,
    hash,
    ...(target.table ? { table: target.table.name } : {}),
    ...(target.pivot ? { pivot: target.pivot.name } : {}),
    size: [target.rect.rows, target.rect.cols],
  };
}

function queueWrites(context: Excel.RequestContext, plan: Plan, caps: Capabilities, activate: boolean): Written {
  const wb = context.workbook;
  if (caps.suspendScreenUpdating) context.application.suspendScreenUpdatingUntilNextSync();
  const tables = new Map<string, Excel.Table>();
  const captures: Capture[] = [];
  const results: SheetResult[] = [];
  let firstSheet: Excel.Worksheet | null = null;

  /** Index entry with an empty hash, so a write cut short is still known as the add-in's. */
  const claim = (t: TargetPlan, ws: Excel.Worksheet): Excel.NamedItem => {
    const idx = indexName(t.spec.key);
    const pending = encodeRecord(record(t, ""));
    let entry: Excel.NamedItem;
    if (t.indexExists) {
      // Updated in place (also when it says #REF! after its sheet was deleted).
      entry = wb.names.getItem(idx);
      entry.formula = `=${quoteSheet(t.sheetName)}!${rectAddress(t.rect, true)}`;
      entry.comment = pending;
    } else {
      entry = wb.names.add(idx, rangeOf(ws, t.rect), pending);
      entry.visible = false;
    }
    if (caps.customProperties) ws.customProperties.add(MARKER_KEY, t.spec.key);
    return entry;
  };

  // New sheets first, each claimed at once: where the workbook's structure is protected the batch
  // stops before anything changed, and a batch cut short later leaves no unclaimed sheets behind.
  const added = new Map<TargetPlan, { ws: Excel.Worksheet; entry: Excel.NamedItem }>();
  for (const t of plan.targets) {
    if (t.action !== "create") continue;
    const ws = wb.worksheets.add(t.sheetName);
    added.set(t, { ws, entry: claim(t, ws) });
  }

  for (const t of plan.targets) {
    const spec = t.spec;
    if (t.action === "skip") {
      results.push({ key: spec.key, sheet: t.sheetName, status: "skipped" });
      continue;
    }
    let ws: Excel.Worksheet;
    let entry: Excel.NamedItem;
    let box = t.rect;
    const created = added.get(t);
    if (created) {
      ({ ws, entry } = created);
    } else {
      ws = wb.worksheets.getItem(t.sheetName);
      // Read back the add-in's block as it is now, before this batch changes it.
      box = boundingBox(t.rect, t.oldRect);
      const range = rangeOf(ws, box).load("formulas");
      const marker = caps.customProperties ? ws.customProperties.getItemOrNullObject(MARKER_KEY).load("value") : null;
      captures.push({ target: t, box, range, marker });
      entry = claim(t, ws);
    }
    // Excel cannot activate a sheet the user has hidden (the whole batch would fail).
    if (t.visible) firstSheet ??= ws;

    // An existing table that cannot be resized in place is replaced (before its cells are cleared).
    const tp = t.table;
    const replaceTable = !!tp && tp.exists && (tp.rebuild || (!tp.sameShape && !caps.tableResize));
    if (tp && replaceTable) wb.tables.getItem(tp.name).delete();
    const pp = t.pivot;
    const sourceTable = pp?.source.table;
    const rebuildPivot =
      !!pp &&
      pp.exists &&
      !!sourceTable &&
      (!sourceTable.exists || sourceTable.rebuild || (!sourceTable.sameShape && !caps.tableResize));
    if (pp && rebuildPivot) ws.pivotTables.getItem(pp.name).delete();

    // Everything is written from the block's top left: A1 on a new sheet, wherever the index entry
    // says the block is now on an existing one (rows or columns the user inserted before it stay).
    const origin = t.rect;
    const tableRect: Rect | null = spec.table
      ? at(origin, { row: spec.table.headerRow, col: 0, rows: spec.table.rowCount + 1, cols: spec.table.columns.length })
      : null;

    if (t.action === "rewrite") {
      // A kept table's header row is left out of the clear: "Clear All" over a table's whole range
      // removes the table itself in Excel, and the table (with the PivotTable and formulas that use
      // it) is meant to survive a refresh. The header is rewritten with the block's values below.
      const keepHeader = tp && tp.exists && !replaceTable && tableRect ? { ...tableRect, rows: 1 } : null;
      for (const part of clearParts(box, keepHeader)) rangeOf(ws, part).clear("All");
      ws.freezePanes.unfreeze();
    }

    // The block itself: number formats before values, so text such as "2016-11" stays text, and
    // formula-like text («=…», «+…», «@…», any length) is never run as a formula: its cells carry «@».
    const block = rangeOf(ws, t.rect);
    block.numberFormat = spec.numberFormats;
    block.values = spec.values;
    applyWidths(ws, spec.columnWidths, origin.col);
    for (const run of spec.styles) applyRun(ws, run, origin);
    // Through the block's header, wherever it is now: Excel itself moves the split down with rows
    // inserted above it, so a refresh keeps what the user saw.
    if (spec.freezeRows > 0) ws.freezePanes.freezeRows(origin.row + spec.freezeRows);

    const result: SheetResult = { key: spec.key, sheet: t.sheetName, status: t.status };

    if (spec.table && tp && tableRect) {
      let table: Excel.Table;
      if (tp.exists && !replaceTable) {
        table = wb.tables.getItem(tp.name);
        if (!tp.sameShape) table.resize(rangeOf(ws, tableRect));
      } else {
        table = ws.tables.add(rangeOf(ws, tableRect), true);
        table.name = tp.name;
        table.style = spec.table.style;
      }
      tables.set(spec.key, table);
      for (const n of tp.names) {
        if (n.exists) {
          const item = wb.names.getItem(n.name);
          item.formula = `=${quoteSheet(t.sheetName)}!${rectAddress(n.rect, true)}`;
          item.comment = n.comment;
        } else {
          wb.names.add(n.name, rangeOf(ws, n.rect), n.comment);
        }
      }
      result.table = tp.name;
      result.names = tp.names.map((n) => n.name);
    }

    if (spec.pivot && pp) {
      if (pp.exists && !rebuildPivot) {
        ws.pivotTables.getItem(pp.name).refresh();
      } else {
        const source = tables.get(pp.source.spec.key) ?? wb.tables.getItem(sourceTable!.name);
        const pt = ws.pivotTables.add(pp.name, source, rangeOf(ws, at(origin, { row: spec.pivot.anchorRow, col: 0, rows: 1, cols: 1 })));
        for (const h of spec.pivot.filters) pt.filterHierarchies.add(pt.hierarchies.getItem(h));
        for (const h of spec.pivot.rows) pt.rowHierarchies.add(pt.hierarchies.getItem(h));
        for (const h of spec.pivot.columns) pt.columnHierarchies.add(pt.hierarchies.getItem(h));
        const data = pt.dataHierarchies.add(pt.hierarchies.getItem(spec.pivot.data));
        data.summarizeBy = "Sum";
        data.name = spec.pivot.dataCaption;
        data.numberFormat = COUNT_FORMAT;
      }
      result.pivot = pp.name;
    }

    // Done: the record now carries the hash of what was written.
    entry.comment = encodeRecord(record(t, contentHash(spec.values, spec.hashMode)));
    results.push(result);
  }
  if (activate && firstSheet) firstSheet.activate();
  return { captures, results, firstSheet };
}

// ---------------------------------------------------------------------------------------------
// After the write: were the add-in's cells as it left them?

function slice(grid: unknown[][], r: Rect): unknown[][] {
  return grid.slice(r.row, r.row + r.rows).map((row) => row.slice(r.col, r.col + r.cols));
}

/** True when the captured block shows changes the user made to the add-in's cells. */
function userEdited(c: Capture): boolean {
  const grid = c.range.formulas as unknown[][];
  if (c.marker && !c.marker.isNullObject && c.marker.value !== c.target.spec.key) return !isBlank(grid);
  const prev = c.target.oldRect;
  const rec = c.target.record;
  if (!prev || !rec) return !isBlank(grid);
  // The previous block within the captured grid, which starts at the box's top left.
  const old: Rect = { ...prev, row: prev.row - c.box.row, col: prev.col - c.box.col };
  // Anything outside the previous block was not written by the add-in.
  const outside = grid.map((row, r) =>
    row.map((v, col) => (r >= old.row && r < old.row + old.rows && col >= old.col && col < old.col + old.cols ? "" : v)),
  );
  if (!isBlank(outside)) return true;
  // An empty hash marks a write that was cut short: its cells are the add-in's own.
  return rec.hash !== "" && contentHash(slice(grid, old), c.target.spec.hashMode) !== rec.hash;
}

// ---------------------------------------------------------------------------------------------

const PROGRESS = {
  read: [0.1, "Leser arbeidsboken …"],
  write: [0.45, "Skriver til Excel …"],
  keep: [0.85, "Tar vare på endringene dine …"],
  done: [1, "Ferdig."],
} as const;

function errorText(e: unknown): string {
  const err = e as { code?: string; message?: string; debugInfo?: { errorLocation?: string } };
  const location = err?.debugInfo?.errorLocation ?? "";
  const where = location ? ` (${location})` : "";
  const code = err?.code ? `${err.code}: ` : "";
  const message = String(err?.message ?? e).replace(/[.\s]+$/, "");
  const hint = /WorksheetCollection\.add/i.test(location) ? ". Er arbeidsbokens struktur beskyttet (Se gjennom > Beskytt arbeidsbok)?" : "";
  return `${code}${message}${where}${hint}`;
}

function summarize(op: Mode, results: SheetResult[], messages: Message[]): string {
  const made = results.filter((r) => r.status === "created" || r.status === "recreated").length;
  const updated = results.filter((r) => r.status === "updated").length;
  const skipped = results.filter((r) => r.status === "skipped").length;
  const parts: string[] = [];
  if (made) parts.push(`${made} ark satt inn`);
  if (updated) parts.push(`${updated} ark oppdatert`);
  if (skipped) parts.push(`${skipped} ark hoppet over`);
  if (parts.length === 0) return op === "refresh" ? "Ingenting å oppdatere." : "Ingenting ble skrevet.";
  const warn = messages.some((m) => m.level !== "info") ? " Se merknadene under." : "";
  const text = parts.join(", ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.${warn}`;
}

/** Queues the user's edited versions onto sheets of their own ("… (endret)"), noting each in the report. */
function queueKeptCopies(
  context: Excel.RequestContext,
  copies: { box: Rect; formulas: unknown[][]; sheet: string; key: string }[],
  taken: string[],
  results: SheetResult[],
  messages: Message[],
): void {
  for (const c of copies) {
    const name = freeSheetName(c.sheet, taken, (n) => (n === 1 ? " (endret)" : ` (endret ${n})`));
    taken.push(name);
    const ws = context.workbook.worksheets.add(name);
    rangeOf(ws, c.box).formulas = c.formulas;
    const r = results.find((x) => x.key === c.key);
    if (r) r.keptAs = name;
    messages.push({
      level: "warning",
      text:
        `Du hadde endret cellene NAV tiltak skrev på «${c.sheet}». Tabellen er skrevet på nytt, ` +
        `og din versjon er tatt vare på i arket «${name}».`,
    });
  }
}

async function write(hostIn: ExcelHost | ExcelRunner, specs: SheetSpec[], mode: Mode, options: WriteOptions): Promise<WriteReport> {
  const host = resolveHost(hostIn);
  const caps = capabilities(hostIn);
  const progress = (step: keyof typeof PROGRESS) => options.onProgress?.(PROGRESS[step][0], PROGRESS[step][1]);
  let syncs = 0;
  const messages: Message[] = [];

  if (!caps.base) {
    return {
      ok: false,
      syncs,
      sheets: [],
      messages: [{ level: "error", text: "Denne Excel-versjonen er for gammel for NAV tiltak (krever ExcelApi 1.7 eller nyere)." }],
      summary: "Excel-versjonen støttes ikke.",
    };
  }

  let results: SheetResult[] = [];
  let wrote = false;
  // The user's edited cells, read in round trip 2 and not yet saved to a sheet of their own.
  let unsaved: { box: Rect; formulas: unknown[][]; sheet: string; key: string }[] = [];
  let taken: string[] = [];
  try {
    await host.run(async (context) => {
      const sync = async () => {
        syncs++;
        await context.sync();
      };
      progress("read");
      const snapshot = queueSnapshot(context, caps);
      await sync();
      const plan = planTargets(snapshot(), specs, mode, caps);
      messages.push(...plan.messages);
      if (plan.targets.every((t) => t.action === "skip")) {
        results = plan.targets.map((t) => ({ key: t.spec.key, sheet: t.sheetName, status: "skipped" }));
        return;
      }

      progress("write");
      const written = queueWrites(context, plan, caps, options.activate ?? mode === "upsert");
      results = written.results;
      await sync();
      wrote = true;

      unsaved = written.captures
        .filter(userEdited)
        .map((c) => ({ box: c.box, formulas: c.range.formulas, sheet: c.target.sheetName, key: c.target.spec.key }));
      if (unsaved.length > 0) {
        progress("keep");
        taken = [...snapshot().sheets.map((s) => s.name), ...written.results.map((r) => r.sheet)];
        const kept: Message[] = [];
        queueKeptCopies(context, unsaved, taken, results, kept);
        await sync();
        messages.push(...kept); // only once the copies exist
        unsaved = [];
      }
    });
  } catch (e) {
    if (wrote && unsaved.length > 0) {
      // The tables were rewritten but saving the user's version failed. Their cells are still in
      // memory, so try once more in a fresh batch before reporting anything as lost.
      try {
        const kept: Message[] = [];
        await host.run(async (context) => {
          queueKeptCopies(context, unsaved, taken, results, kept);
          syncs++;
          await context.sync();
        });
        messages.push(...kept);
        unsaved = [];
      } catch {
        // fall through to the error report below
      }
    }
    if (wrote && unsaved.length === 0) {
      messages.push({ level: "warning", text: `Excel meldte en feil underveis (${errorText(e)}), men alt ble skrevet og endringene dine er tatt vare på.` });
      return { ok: true, syncs, sheets: results, messages, summary: summarize(mode, results, messages) };
    }
    messages.push({
      level: "error",
      text:
        `Excel stoppet operasjonen: ${errorText(e)}. Arkene dine er ikke endret. ` +
        (wrote
          ? `Tabellene ble skrevet, men kopien av endringene dine kunne ikke lages (${unsaved.map((u) => `«${u.sheet}»`).join(", ")}). Angre i Excel (Ctrl+Z) for å få dem tilbake.`
          : "Ark fra NAV tiltak kan være halvferdige; trykk «Oppdater» for å skrive dem på nytt."),
    });
    return { ok: false, syncs, sheets: results, messages, summary: "Noe gikk galt i Excel. Se feilmeldingen under." };
  }

  if (mode === "refresh" && results.length === 0) {
    messages.push({
      level: "info",
      text: "Fant ingen ark fra NAV tiltak i denne arbeidsboken. Bruk «Sett inn» først; «Oppdater» skriver dem på nytt senere.",
    });
  }
  progress("done");
  return {
    ok: !messages.some((m) => m.level === "error"),
    syncs,
    sheets: results,
    messages,
    summary: summarize(mode, results, messages),
  };
}

// ---------------------------------------------------------------------------------------------
// Public operations

/** Inserts (or rewrites in place, when the add-in made them before) one sheet per layout. */
export function insertSheets(host: ExcelHost | ExcelRunner, layouts: SheetLayout[], options: WriteOptions = {}): Promise<WriteReport> {
  return write(host, layouts.map(layoutSheet), "upsert", options);
}

/** Inserts the pivot-ready long tables, the names per hovedgruppe and the PivotTable. */
export function insertPivotRanges(host: ExcelHost | ExcelRunner, ds: Dataset, options: WriteOptions = {}): Promise<WriteReport> {
  return write(host, pivotSheets(ds), "upsert", options);
}

/** Every published table and the pivot-ready data, in one operation. */
export function insertAll(host: ExcelHost | ExcelRunner, ds: Dataset, options: WriteOptions = {}): Promise<WriteReport> {
  return write(host, allSpecs(ds), "upsert", options);
}

/** Rewrites, from the given data, every sheet the add-in created in this workbook (recreating deleted ones). */
export function refresh(host: ExcelHost | ExcelRunner, ds: Dataset, options: WriteOptions = {}): Promise<WriteReport> {
  return write(host, allSpecs(ds), "refresh", options);
}

export function allSpecs(ds: Dataset): SheetSpec[] {
  return [...buildLayouts(ds).map(layoutSheet), ...pivotSheets(ds)];
}
