// Round trip 2 of every writer operation (writer.ts): the one write batch. Whole 2-D blocks per
// sheet and formats per block of rows, with screen updating suspended, in an order that keeps every
// user value somewhere whichever call fails: the request record, copies of the user's edited blocks
// («… (endret)»), new sheets (each claimed at once), then each sheet's clear and rewrite, each
// ending with its index entry's final record. Office.js batches are not transactional: the calls
// before a failing one stay applied, and outcome.ts reads the marks this batch leaves to say how far
// it came.

import { boundingRect, sheetReference, type Rect } from "@nav-tiltak/a1";
import type { SheetSpec, StyleRun, TargetKey } from "./sheet-specs.js";
import { queueChart } from "./chart-writer.js";
import { queueCopies, type KeptCopy } from "./edits.js";
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
  type OwnershipRecord,
} from "./ownership.js";
import { tableName, type Plan, type TargetPlan } from "./plan.js";
import type { Capabilities, SheetResult } from "./operation-types.js";

const BORDER_COLOR = "#262626";
/**
 * The PivotTable's sums. The long table has no row for a count of none and an empty Antall for a
 * suppressed one, so a sum of 0 is made of suppressed cells only (each 1–3): the zero section
 * shows it as «*», never as a 0 a reader could take for NAV's figure.
 */
const PIVOT_COUNT_FORMAT = '#,##0;-#,##0;"*"';

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

/** The cells a block covers now and covered when it was last written. */
export function boundingBox(a: Rect, b?: Rect): Rect {
  return b ? boundingRect(a, b) : a;
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
  /** Chart names per upper-case sheet name from round trip 1 (chart-writer.ts), when charts are written. */
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
    entry.formula = sheetReference(t.sheetName, t.rect);
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

/** What the loop over the plan's sheets shares while it queues them. */
interface SheetQueue {
  wb: Excel.Workbook;
  caps: Capabilities;
  input: BatchInput;
  /** The tables queued so far, by the key of their sheet: a PivotTable's source may be one. */
  tables: Map<string, Excel.Table>;
  /** The first visible sheet written: the one activated at the end of an insert. */
  firstSheet: Excel.Worksheet | null;
}

/**
 * The write batch, in an order that keeps every user value somewhere whichever call fails: the
 * request record, then copies of the user's edited blocks, then new sheets (each claimed at once),
 * then each sheet's clear and rewrite, each ending with its index entry's final record.
 * The order of the queued calls is the safety argument, so it reads top to bottom here; each step
 * is a function of its own (queueNewSheets, queueSheet and the steps it names).
 */
export function queueWrites(context: Excel.RequestContext, plan: Plan, caps: Capabilities, input: BatchInput): Written {
  const wb = context.workbook;
  if (caps.suspendScreenUpdating) context.application.suspendScreenUpdatingUntilNextSync();
  const requestItem = queueRequest(wb, input.request);
  const mark = (step: number | "c") => void (requestItem.comment = encodeRequest(input.request.keys, step, input.request.run));
  queueCopies(context, input.copies, caps.copyFrom === true);
  if (input.copies.length > 0) mark("c");
  const added = queueNewSheets(wb, plan, caps);

  const queue: SheetQueue = { wb, caps, input, tables: new Map(), firstSheet: null };
  const results: SheetResult[] = [];
  const finalRecords = new Map<TargetPlan, string>();
  let finished = 0;
  for (const t of plan.targets) {
    if (t.action === "skip") {
      results.push({ key: t.spec.key, sheet: t.sheetName, status: "skipped" });
      continue;
    }
    const { result, final } = queueSheet(queue, t, added.get(t));
    finalRecords.set(t, final);
    results.push(result);
    mark(++finished);
  }
  if (input.activate && queue.firstSheet) queue.firstSheet.activate();
  // Last of all, so a failure anywhere leaves a record this batch wrote, or the one it read
  // (outcome.ts: then nothing ran, even where that one reads like this batch's end).
  requestItem.comment = requestDone(input.request.remaining);
  return { results, finalRecords };
}

/**
 * New sheets first, each claimed at once: where the workbook's structure is protected the batch
 * stops before anything changed, and a batch cut short later leaves no unclaimed sheets behind.
 */
function queueNewSheets(wb: Excel.Workbook, plan: Plan, caps: Capabilities): Map<TargetPlan, NewSheet> {
  const added = new Map<TargetPlan, NewSheet>();
  for (const t of plan.targets) {
    if (t.action !== "create") continue;
    const ws = t.adopt ? wb.worksheets.getItem(t.sheetName) : wb.worksheets.add(t.sheetName);
    added.set(t, { ws, entry: queueClaim(wb, ws, t, caps) });
  }
  return added;
}

interface NewSheet {
  ws: Excel.Worksheet;
  entry: Excel.NamedItem;
}

/** What to do with the sheet's existing table and PivotTable before its cells are cleared. */
interface Rebuilds {
  /** The existing table cannot be resized in place: deleted here, made anew after the values. */
  replaceTable: boolean;
  /** The existing PivotTable's source changes: deleted here, made anew over the new table. */
  rebuildPivot: boolean;
}

function queueRemovals(wb: Excel.Workbook, t: TargetPlan, caps: Capabilities): Rebuilds {
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
  return { replaceTable, rebuildPivot };
}

/** The block's table within it, at the block's place; null when the sheet has none. */
function tableRectOf(t: TargetPlan): Rect | null {
  const table = t.spec.table;
  return table ? at(t.rect, { row: table.headerRow, col: 0, rows: table.rowCount + 1, cols: table.columns.length }) : null;
}

/**
 * One sheet of the plan: claimed (if not new), its old objects removed where they cannot be kept,
 * its cells cleared and written, its table, PivotTable and chart, and last its final record.
 * Everything is written from the block's top left: A1 on a new sheet, wherever the index entry says
 * the block is now on an existing one (rows or columns the user inserted before it stay).
 */
function queueSheet(q: SheetQueue, t: TargetPlan, created: NewSheet | undefined): { result: SheetResult; final: string } {
  const { ws, entry } = created ?? { ws: q.wb.worksheets.getItem(t.sheetName), entry: undefined };
  const claim = entry ?? queueClaim(q.wb, ws, t, q.caps);
  // Excel cannot activate a sheet the user has hidden (the whole batch would fail).
  if (t.visible) q.firstSheet ??= ws;
  const rebuilds = queueRemovals(q.wb, t, q.caps);
  const tableRect = tableRectOf(t);
  if (t.action === "rewrite") {
    // A kept table's header row is left out of the clear: what Clear All does to a table whose
    // whole range it covers is not documented for the API (Excel's UI removes the table), and
    // the table, with the PivotTable and formulas that use it, is meant to survive a refresh.
    // The header is rewritten with the block's values below.
    const keepHeader = t.table?.exists && !rebuilds.replaceTable && tableRect ? { ...tableRect, rows: 1 } : null;
    const box = created ? t.rect : boundingBox(t.rect, t.oldRect);
    for (const part of clearParts(box, keepHeader)) rangeOf(ws, part).clear("All");
  }
  queueBlock(ws, t, q.input);
  const result = queueObjects(q, ws, t, tableRect, rebuilds);
  // Done: the record now carries the hash of what was written.
  const final = encodeRecord(record(t, contentHash(t.spec.values, t.spec.hashMode)));
  claim.comment = final;
  return { result, final };
}

/** The block's table, PivotTable and chart, after its values; what the report says of them. */
function queueObjects(q: SheetQueue, ws: Excel.Worksheet, t: TargetPlan, tableRect: Rect | null, rebuilds: Rebuilds): SheetResult {
  const { spec } = t;
  const result: SheetResult = { key: spec.key, sheet: t.sheetName, status: t.status };
  const tp = t.table;
  if (spec.table && tp && tableRect) {
    q.tables.set(spec.key, queueTable(q.wb, ws, t, tp, tableRect, rebuilds.replaceTable));
    result.table = tableName(tp);
    result.names = tp.names.map((n) => n.name);
  }
  const pp = t.pivot;
  if (spec.pivot && pp) {
    if (pp.exists && !rebuilds.rebuildPivot) q.wb.pivotTables.getItem(pp.name).refresh();
    else queuePivot(ws, spec.pivot, pp, t.rect, q.tables.get(pp.source.spec.key) ?? q.wb.tables.getItem(tableName(pp.source.table!)));
    result.pivot = pp.name;
  }
  // The add-in's chart over the block (chart-writer.ts): updated where round trip 1 saw it, else added.
  if (spec.chart) {
    const onSheet = q.input.charts?.get(t.sheetName.toLocaleUpperCase("nb-NO")) ?? [];
    queueChart(ws, spec.chart, t.rect, t.action === "rewrite" && onSheet.includes(spec.chart.name));
  }
  return result;
}
