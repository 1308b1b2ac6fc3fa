// The user's edits in the add-in's own cells: telling them apart from the add-in's writing (from
// the first round trip's read) and saving them on a sheet of their own before anything is rewritten.

import { contentHash, encodeRecord, freeSheetName, indexName, isBlank, type OwnershipRecord } from "./ownership.js";
import type { Rect } from "@nav-tiltak/a1";
import type { TargetPlan } from "./plan.js";
import type { BlockContent } from "./read-workbook.js";

/** An edited block to be saved as «<sheet> (endret)» before its sheet is rewritten. */
export interface KeptCopy {
  key: TargetPlan["spec"]["key"];
  /** The add-in's sheet the edits were made on. */
  sheet: string;
  /** The sheet the copy goes to. */
  copyName: string;
  box: Rect;
  formulas: unknown[][];
  numberFormats: string[][];
  /** The index entry's record with `kept` set, written once the copy is made (null: unreadable record). */
  keptRecord: OwnershipRecord | null;
}

function slice(grid: unknown[][], r: Rect): unknown[][] {
  return grid.slice(r.row, r.row + r.rows).map((row) => row.slice(r.col, r.col + r.cols));
}

/** The previous block within the read box (which starts at the box's top left). */
function oldWithin(target: TargetPlan, box: Rect): Rect | null {
  const prev = target.oldRect;
  return prev ? { ...prev, row: prev.row - box.row, col: prev.col - box.col } : null;
}

/** Hash of the previous block as it is now (what `kept` records). */
export function currentHash(target: TargetPlan, block: BlockContent): string {
  const old = oldWithin(target, block.rect);
  return contentHash(old ? slice(block.formulas, old) : block.formulas, target.spec.hashMode);
}

/** True when the block read in round trip 1 shows changes the user made to the add-in's cells. */
export function userEdited(target: TargetPlan, block: BlockContent): boolean {
  const grid = block.formulas;
  const rec = target.record;
  const old = oldWithin(target, block.rect);
  if (!old || !rec) return !isBlank(grid);
  // Anything outside the previous block was not written by the add-in.
  const outside = grid.map((row, r) =>
    row.map((v, col) => (r >= old.row && r < old.row + old.rows && col >= old.col && col < old.col + old.cols ? "" : v)),
  );
  if (!isBlank(outside)) return true;
  // An empty hash marks a write that was cut short: its cells are the add-in's own.
  if (rec.hash === "") return false;
  const now = contentHash(slice(grid, old), target.spec.hashMode);
  // Already saved by a run that was cut short before it rewrote the block.
  if (rec.kept !== undefined && now === rec.kept) return false;
  return now !== rec.hash;
}

/** Names for the copies: «Hovedgrupper (endret)», «Hovedgrupper (endret 2)» … never a taken name. */
export function planCopies(edited: { target: TargetPlan; block: BlockContent }[], taken: string[]): KeptCopy[] {
  const names = [...taken];
  return edited.map(({ target, block }) => {
    const copyName = freeSheetName(target.sheetName, names, (n) => (n === 1 ? " (endret)" : ` (endret ${n})`));
    names.push(copyName);
    return {
      key: target.spec.key,
      sheet: target.sheetName,
      copyName,
      box: block.rect,
      formulas: block.formulas,
      numberFormats: block.numberFormats,
      keptRecord: target.record ? { ...target.record, kept: currentHash(target, block) } : null,
    };
  });
}

/**
 * Queues the copies: the sheet, then its cells, then the note in the index entry that these edits
 * are saved. Queued before anything of the add-in's is cleared or rewritten, so the block is still
 * as the user left it. With Range.copyFrom (ExcelApi 1.9) Excel copies it, formatting and all;
 * else number formats go before formulas (a value written into a General cell is parsed:
 * «November 2016» would become a date).
 */
export function queueCopies(context: Excel.RequestContext, copies: KeptCopy[], copyFrom: boolean): void {
  const wb = context.workbook;
  for (const c of copies) {
    const ws = wb.worksheets.add(c.copyName);
    const range = ws.getRangeByIndexes(c.box.row, c.box.col, c.box.rows, c.box.cols);
    if (copyFrom) {
      const source = wb.worksheets.getItem(c.sheet).getRangeByIndexes(c.box.row, c.box.col, c.box.rows, c.box.cols);
      range.copyFrom(source, "All");
    } else {
      range.numberFormat = c.numberFormats;
      range.formulas = c.formulas as (string | number | boolean)[][];
    }
    if (c.keptRecord) wb.names.getItem(indexName(c.key)).comment = encodeRecord(c.keptRecord);
  }
}
