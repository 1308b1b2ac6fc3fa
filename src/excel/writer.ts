// The Excel writer: a thin adapter from the core's layouts and long tables to Office.js.
//
// Every operation is two round trips:
//   1. read (read.ts): collections (sheets, names, tables, PivotTables, workbook protection) and,
//      through the add-in's index entries, every block of cells it wrote, as the user left them.
//      Nothing is changed in this trip, so everything a write could touch is in memory first;
//   2. write: one batch, whole 2-D blocks per sheet and formats per block of rows, with screen
//      updating suspended, ordered so a failure at any call leaves every user value somewhere:
//      the request record, copies of the user's edited blocks («… (endret)»), new sheets, then
//      the rewrites. Office.js batches are not transactional (calls before a failing one stay).
// After a failure a separate read (outcome.ts) finds out how far the batch came, for the message.
// Nothing is computed here: values, "*" and number formats come from the core.

import type { Dataset } from "../core/types.js";
import { buildLayouts, type SheetLayout } from "../core/layout.js";
import { layoutSheet, pivotSheets, type SheetSpec, type StyleRun, type TargetKey } from "./content.js";
import { queueChart } from "./charts.js";
import { planCopies, queueCopies, userEdited, type KeptCopy } from "./edits.js";
import { groupNameFormula } from "./group-names.js";
import { queueFreeze, refreeze, type Frozen } from "./freeze.js";
import {
  MARKER_KEY,
  RECORD_VERSION,
  REQUEST_NAME,
  contentHash,
  encodeRecord,
  encodeRequest,
  requestDone,
  indexName,
  quoteSheet,
  rectAddress,
  type OwnershipRecord,
  type Rect,
} from "./ownership.js";
import { explainFailure, type Batch } from "./outcome.js";
import { planTargets, tableName, type Mode, type Plan, type TargetPlan } from "./plan.js";
import { queueExtraRead, queueRead, type WorkbookRead } from "./read.js";
import type { Capabilities, ExcelHost, ExcelRunner, Message, SheetResult, WriteOptions, WriteReport } from "./types.js";

const BORDER_COLOR = "#262626";
/**
 * The PivotTable's sums. The long table has no row for a count of none and an empty Antall for a
 * suppressed one, so a sum of 0 is made of suppressed cells only (each 1–3): the zero section
 * shows it as «*», never as a 0 a reader could take for NAV's figure.
 */
const PIVOT_COUNT_FORMAT = '#,##0;-#,##0;"*"';

import { capabilities, resolveHost } from "./capabilities.js";

export { capabilities } from "./capabilities.js";
export { officeHost } from "./host.js";

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

export interface Written {
  results: SheetResult[];
  /** The final comment each target's index entry gets once its write is done. */
  finalRecords: Map<TargetPlan, string>;
}

/** What one write batch is asked to do besides the plan. */
export interface BatchInput {
  copies: KeptCopy[];
  /** Keys an earlier operation asked for and did not finish, plus this operation's; `run` marks this batch. */
  request: { exists: boolean; keys: TargetKey[]; remaining: TargetKey[]; run: string };
  activate: boolean;
  /** Chart names per upper-case sheet name from round trip 1 (charts.ts), when charts are written. */
  charts: Map<string, string[]> | null;
  /** Frozen panes of existing add-in sheets from round trip 1 (freeze.ts). */
  frozen?: Map<TargetKey, Frozen>;
}

function record(target: TargetPlan, hash: string): OwnershipRecord {
  return {
    v: RECORD_VERSION,
    key: target.spec.key,
    hash,
    ...(target.table ? { table: tableName(target.table) } : {}),
    ...(target.pivot ? { pivot: target.pivot.name } : {}),
    size: [target.rect.rows, target.rect.cols],
    ...(target.table?.id ? { tableId: target.table.id } : {}),
    ...(target.pivot?.id ? { pivotId: target.pivot.id } : {}),
  };
}

/**
 * The request record: which sheets the user asked for, written before anything else in the
 * batch, so a refresh after a batch cut short completes it (plan.ts counts requested keys as the
 * add-in's), and marked after each step, so a failure can be explained exactly (outcome.ts).
 */
function queueRequest(wb: Excel.Workbook, request: BatchInput["request"]): Excel.NamedItem {
  if (request.exists) {
    const item = wb.names.getItem(REQUEST_NAME);
    item.comment = encodeRequest(request.keys, 0, request.run);
    return item;
  }
  const item = wb.names.add(REQUEST_NAME, "=0", encodeRequest(request.keys, 0, request.run));
  item.visible = false;
  return item;
}

/**
 * The block's Excel table (kept, resized or made anew) and the workbook names over its rows, in
 * queueWrites' order: after the block's values, before its index entry's final record.
 */
function queueTable(
  wb: Excel.Workbook,
  ws: Excel.Worksheet,
  t: TargetPlan,
  tp: NonNullable<TargetPlan["table"]>,
  tableRect: Rect,
  replaceTable: boolean,
): Excel.Table {
  let table: Excel.Table;
  if (tp.exists && !replaceTable) {
    // By its name as read (the user's, if they renamed it); finishing a write cut short, the
    // table gets the name and style it was to get.
    table = wb.tables.getItem(tp.name);
    if (tp.finish) {
      table.name = tp.finish.name;
      table.style = tp.finish.style;
    }
    if (!tp.sameShape) table.resize(rangeOf(ws, tableRect));
  } else {
    table = ws.tables.add(rangeOf(ws, tableRect), true);
    table.name = tp.name;
    table.style = t.spec.table!.style;
  }
  // A filter the user set on the table is applied again to the new rows (a filtered table
  // would otherwise show the rows it showed before).
  if (tp.exists && !replaceTable) table.reapplyFilters();
  // Names per hovedgruppe on the table's structured references, so they stay right when the
  // user sorts, filters or renames the table (group-names.ts says why, and what it costs).
  for (const n of tp.names) {
    const formula = groupNameFormula(tableName(tp), n.column, n.value);
    if (n.exists) {
      const item = wb.names.getItem(n.name);
      item.formula = formula;
      item.comment = n.comment;
    } else {
      wb.names.add(n.name, formula, n.comment);
    }
  }
  return table;
}

/** A new PivotTable over `source`, anchored in the block, with the spec's fields. */
function queuePivot(
  ws: Excel.Worksheet,
  spec: NonNullable<SheetSpec["pivot"]>,
  pp: NonNullable<TargetPlan["pivot"]>,
  origin: Rect,
  source: Excel.Table,
): void {
  const pt = ws.pivotTables.add(pp.name, source, rangeOf(ws, at(origin, { row: spec.anchorRow, col: 0, rows: 1, cols: 1 })));
  for (const h of spec.filters) pt.filterHierarchies.add(pt.hierarchies.getItem(h));
  for (const h of spec.rows) pt.rowHierarchies.add(pt.hierarchies.getItem(h));
  for (const h of spec.columns) pt.columnHierarchies.add(pt.hierarchies.getItem(h));
  const data = pt.dataHierarchies.add(pt.hierarchies.getItem(spec.data));
  data.summarizeBy = "Sum";
  data.name = spec.dataCaption;
  data.numberFormat = PIVOT_COUNT_FORMAT;
}

/** Index entry with an empty hash, so a write cut short is still known as the add-in's. */
function queueClaim(wb: Excel.Workbook, ws: Excel.Worksheet, t: TargetPlan, caps: Capabilities): Excel.NamedItem {
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
}

/**
 * The block itself: number formats before values, so text such as "2016-11" stays text, and
 * formula-like text («=…», «+…», «@…», any length) is never run as a formula: its cells carry «@».
 * Then column widths, styles and frozen rows.
 */
function queueBlock(ws: Excel.Worksheet, t: TargetPlan, input: BatchInput): void {
  const { spec, rect: origin } = t;
  const block = rangeOf(ws, t.rect);
  block.numberFormat = spec.numberFormats;
  block.values = spec.values;
  applyWidths(ws, spec.columnWidths, origin.col);
  for (const run of spec.styles) applyRun(ws, run, origin);
  // On a sheet the add-in makes now; on an existing sheet only where the frozen rows differ from
  // the layout's, as read in round trip 1 (freeze.ts: no churn on inactive sheets, office-js #3148).
  const wantFrozen = spec.freezeRows > 0 ? origin.row + spec.freezeRows : 0;
  const freeze =
    t.action === "create" ? (wantFrozen > 0 ? { rows: wantFrozen, cols: 0 } : null) : refreeze(input.frozen?.get(spec.key), wantFrozen);
  if (freeze) queueFreeze(ws, freeze);
}

/**
 * The write batch, in an order that keeps every user value somewhere whichever call fails: the
 * request record, then copies of the user's edited blocks, then new sheets (each claimed at once),
 * then each sheet's clear and rewrite, each ending with its index entry's final record.
 * The order of the queued calls is the safety argument, so it reads top to bottom here; the steps
 * that do not change it are functions of their own (queueClaim, queueBlock, queueTable, queuePivot).
 */
function queueWrites(context: Excel.RequestContext, plan: Plan, caps: Capabilities, input: BatchInput): Written {
  const wb = context.workbook;
  if (caps.suspendScreenUpdating) context.application.suspendScreenUpdatingUntilNextSync();
  const requestItem = queueRequest(wb, input.request);
  const mark = (step: number | "c") => void (requestItem.comment = encodeRequest(input.request.keys, step, input.request.run));
  queueCopies(context, input.copies, caps.copyFrom === true);
  if (input.copies.length > 0) mark("c");
  let finished = 0;
  const tables = new Map<string, Excel.Table>();
  const results: SheetResult[] = [];
  const finalRecords = new Map<TargetPlan, string>();
  let firstSheet: Excel.Worksheet | null = null;

  // New sheets first, each claimed at once: where the workbook's structure is protected the batch
  // stops before anything changed, and a batch cut short later leaves no unclaimed sheets behind.
  const added = new Map<TargetPlan, { ws: Excel.Worksheet; entry: Excel.NamedItem }>();
  for (const t of plan.targets) {
    if (t.action !== "create") continue;
    const ws = t.adopt ? wb.worksheets.getItem(t.sheetName) : wb.worksheets.add(t.sheetName);
    added.set(t, { ws, entry: queueClaim(wb, ws, t, caps) });
  }

  for (const t of plan.targets) {
    const spec = t.spec;
    if (t.action === "skip") {
      results.push({ key: spec.key, sheet: t.sheetName, status: "skipped" });
      continue;
    }
    let ws: Excel.Worksheet;
    let entry: Excel.NamedItem;
    const created = added.get(t);
    if (created) {
      ({ ws, entry } = created);
    } else {
      ws = wb.worksheets.getItem(t.sheetName);
      entry = queueClaim(wb, ws, t, caps);
    }
    const box = created ? t.rect : boundingBox(t.rect, t.oldRect);
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
      (!!pp.rebuild || !sourceTable.exists || sourceTable.rebuild || (!sourceTable.sameShape && !caps.tableResize));
    // Through the workbook's collection: the user may have moved the PivotTable to another sheet.
    if (pp && rebuildPivot) wb.pivotTables.getItem(pp.name).delete();

    // Everything is written from the block's top left: A1 on a new sheet, wherever the index entry
    // says the block is now on an existing one (rows or columns the user inserted before it stay).
    const origin = t.rect;
    const tableRect: Rect | null = spec.table
      ? at(origin, { row: spec.table.headerRow, col: 0, rows: spec.table.rowCount + 1, cols: spec.table.columns.length })
      : null;

    if (t.action === "rewrite") {
      // A kept table's header row is left out of the clear: what Clear All does to a table whose
      // whole range it covers is not documented for the API (Excel's UI removes the table), and
      // the table, with the PivotTable and formulas that use it, is meant to survive a refresh.
      // The header is rewritten with the block's values below.
      const keepHeader = tp && tp.exists && !replaceTable && tableRect ? { ...tableRect, rows: 1 } : null;
      for (const part of clearParts(box, keepHeader)) rangeOf(ws, part).clear("All");
    }

    queueBlock(ws, t, input);

    const result: SheetResult = { key: spec.key, sheet: t.sheetName, status: t.status };

    if (spec.table && tp && tableRect) {
      tables.set(spec.key, queueTable(wb, ws, t, tp, tableRect, replaceTable));
      result.table = tableName(tp);
      result.names = tp.names.map((n) => n.name);
    }

    if (spec.pivot && pp) {
      if (pp.exists && !rebuildPivot) wb.pivotTables.getItem(pp.name).refresh();
      else queuePivot(ws, spec.pivot, pp, origin, tables.get(pp.source.spec.key) ?? wb.tables.getItem(tableName(sourceTable!)));
      result.pivot = pp.name;
    }

    // The add-in's chart over the block (charts.ts): updated where round trip 1 saw it, else added.
    if (spec.chart) {
      const onSheet = input.charts?.get(t.sheetName.toLocaleUpperCase("nb-NO")) ?? [];
      queueChart(ws, spec.chart, origin, t.action === "rewrite" && onSheet.includes(spec.chart.name));
    }

    // Done: the record now carries the hash of what was written.
    const final = encodeRecord(record(t, contentHash(spec.values, spec.hashMode)));
    entry.comment = final;
    finalRecords.set(t, final);
    results.push(result);
    mark(++finished);
  }
  requestItem.comment = requestDone(input.request.remaining);
  if (input.activate && firstSheet) firstSheet.activate();
  return { results, finalRecords };
}

// ---------------------------------------------------------------------------------------------

const PROGRESS = {
  read: [0.1, "Leser arbeidsboken …"],
  write: [0.45, "Skriver til Excel …"],
  done: [1, "Ferdig."],
} as const;

/** «A», «B» og «C». */
function sheetList(results: SheetResult[]): string {
  const q = results.map((r) => `«${r.sheet}»`);
  return q.length <= 1 ? (q[0] ?? "") : `${q.slice(0, -1).join(", ")} og ${q[q.length - 1]}`;
}

/** The one line the pane announces: what was made, updated and skipped, each sheet by its name. */
export function summarize(op: Mode, results: SheetResult[], messages: Message[]): string {
  const groups: [string, SheetResult[]][] = [
    ["satt inn", results.filter((r) => r.status === "created" || r.status === "recreated")],
    ["oppdatert", results.filter((r) => r.status === "updated")],
    ["hoppet over", results.filter((r) => r.status === "skipped")],
  ];
  const parts = groups.filter(([, list]) => list.length > 0).map(([verb, list]) => `${list.length} ark ${verb}: ${sheetList(list)}.`);
  if (parts.length === 0) return op === "refresh" ? "Ingenting å oppdatere." : "Ingenting ble skrevet.";
  const warn = messages.some((m) => m.level !== "info") ? " Se merknadene under." : "";
  return `${parts.join(" ")}${warn}`;
}

function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.rows <= outer.row + outer.rows &&
    inner.col + inner.cols <= outer.col + outer.cols
  );
}

/** The request record's keys: what an earlier operation still owes plus this one's; what is left after. */
function requestFor(read: WorkbookRead, plan: Plan, specs: SheetSpec[]): BatchInput["request"] {
  const prev = (read.snapshot.requested ?? []) as TargetKey[];
  const mine = plan.targets.filter((t) => t.action !== "skip").map((t) => t.spec.key);
  return {
    exists: read.snapshot.names.some((n) => n.name.toUpperCase() === REQUEST_NAME.toUpperCase()),
    keys: [...new Set([...prev, ...mine])],
    remaining: prev.filter((k) => !specs.some((s) => s.key === k)),
    // Only tells this batch's marks from those an earlier batch left behind.
    run: Math.random().toString(36).slice(2, 8),
  };
}

/** One operation: read, plan, write, report (the round trips in order, so kept in one function). */
// eslint-disable-next-line max-lines-per-function -- one Excel.run: read, plan, write; its round trips read in order
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
  let batch: Batch | null = null;
  try {
    await host.run(async (context) => {
      const sync = async () => {
        syncs++;
        await context.sync();
      };
      // Round trip 1: reads only.
      progress("read");
      const take = queueRead(context, caps, specs);
      await sync();
      const read = take();
      const plan = planTargets(read.snapshot, specs, mode, caps);
      messages.push(...plan.messages);
      if (plan.targets.every((t) => t.action === "skip")) {
        results = plan.targets.map((t) => ({ key: t.spec.key, sheet: t.sheetName, status: "skipped" }));
        return;
      }
      // A block that grew since it was written (a month with more rows) covers cells round trip 1
      // did not read: they are read now, still before any change. Only then is there a third trip.
      const grown = plan.targets.filter(
        (t) => t.action === "rewrite" && t.oldRect && read.blocks.has(t.spec.key) && !contains(t.oldRect, t.rect),
      );
      if (grown.length > 0) {
        const extra = grown.map((t) => [t, queueExtraRead(context, t.sheetName, boundingBox(t.rect, t.oldRect))] as const);
        await sync();
        for (const [t, get] of extra) read.blocks.set(t.spec.key, get());
      }

      const edited = plan.targets.flatMap((t) => {
        const block = t.action === "rewrite" ? read.blocks.get(t.spec.key) : undefined;
        return block && userEdited(t, block) ? [{ target: t, block }] : [];
      });
      const taken = [
        ...read.snapshot.sheets.map((s) => s.name),
        ...plan.targets.filter((t) => t.action === "create").map((t) => t.sheetName),
      ];
      const copies = planCopies(edited, taken);
      const request = requestFor(read, plan, specs);

      // Round trip 2: the writes.
      progress("write");
      const written = queueWrites(context, plan, caps, {
        copies,
        request,
        activate: options.activate ?? mode === "upsert",
        charts: read.charts,
        frozen: read.frozen,
      });
      batch = { read, plan, copies, request, written };
      results = written.results;
      await sync();
      for (const c of copies) {
        const r = results.find((x) => x.key === c.key);
        if (r) r.keptAs = c.copyName;
        messages.push({
          level: "warning",
          text:
            `Du hadde endret cellene NAV tiltak skrev på «${c.sheet}». Tabellen er skrevet på nytt, ` +
            `og din versjon er tatt vare på i arket «${c.copyName}».`,
        });
      }
    });
  } catch (e) {
    const outcome = await explainFailure(host.run, e, batch);
    syncs += outcome.syncs;
    messages.push(...outcome.messages);
    if (!outcome.ok) return { ok: false, syncs, sheets: results, messages, summary: "Noe gikk galt i Excel. Se feilmeldingen under." };
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

/** The chart sheets («Diagrammer»): a clustered bar chart each, over its data. */
export async function insertCharts(host: ExcelHost | ExcelRunner, ds: Dataset, options: WriteOptions = {}): Promise<WriteReport> {
  return write(host, await chartSpecs(ds), "upsert", options);
}

/** The chart sheets' specs, from a chunk of their own (the pane starts without it). */
async function chartSpecs(ds: Dataset): Promise<SheetSpec[]> {
  const { chartSheets } = await import(/* webpackChunkName: "diagrammer" */ "./chart-sheets.js");
  return chartSheets(ds);
}

/** Every published table and the pivot-ready data, in one operation (the charts are «Diagrammer»). */
export function insertAll(host: ExcelHost | ExcelRunner, ds: Dataset, options: WriteOptions = {}): Promise<WriteReport> {
  return write(host, allSpecs(ds), "upsert", options);
}

/**
 * Rewrites, from the given data, every sheet the add-in created in this workbook (recreating
 * deleted ones), chart sheets included.
 */
export async function refresh(host: ExcelHost | ExcelRunner, ds: Dataset, options: WriteOptions = {}): Promise<WriteReport> {
  return write(host, [...allSpecs(ds), ...(await chartSpecs(ds))], "refresh", options);
}

export function allSpecs(ds: Dataset): SheetSpec[] {
  return [...buildLayouts(ds).map(layoutSheet), ...pivotSheets(ds)];
}
