// Round trip 1 of every write: everything the add-in needs to know, and every cell of the user's
// that a write could change, read before anything is changed.
//
// Office.js batches are not transactional: when a call fails, the calls before it stay applied
// and the rest are dropped. So the user's cells in the add-in's blocks are read here, in a batch
// of reads only; the write batch then first saves edited blocks to «… (endret)» sheets and only
// after that clears or rewrites anything. A failure at any point leaves every value somewhere.

import { CHARTS_LOAD, chartNames } from "./chart-writer.js";
import { queueFrozenRead, type Frozen } from "./freeze.js";
import type { SheetSpec, TargetKey } from "./sheet-specs.js";
import { parseSheetReference, type Rect } from "@nav-tiltak/a1";
import { REQUEST_NAME, decodeRequest, indexName } from "./ownership.js";
import type { WorkbookSnapshot } from "./plan.js";
import type { Capabilities } from "./operation-types.js";

/** An add-in block as it is in the workbook now: where it is, its formulas and number formats. */
export interface BlockContent {
  sheet: string;
  rect: Rect;
  formulas: unknown[][];
  numberFormats: string[][];
}

export interface WorkbookRead {
  snapshot: WorkbookSnapshot;
  /** The block each index entry refers to now; absent where there is none (or it is #REF!). */
  blocks: Map<TargetKey, BlockContent>;
  /** Chart names per upper-case sheet name, read only when a sheet with a chart is written. */
  charts: Map<string, string[]> | null;
  /** Frozen rows and columns of each existing add-in sheet whose layout freezes rows (freeze.ts). */
  frozen: Map<TargetKey, Frozen>;
}

/**
 * Queues the first round trip's reads: collections (valid in any workbook) and, through each
 * index entry, the block of cells it refers to. A name that does not exist, or no longer refers
 * to a range (its sheet was deleted), gives a null object instead of failing the batch
 * (NamedItemCollection.getItemOrNullObject, NamedItem.getRangeOrNullObject, ExcelApi 1.4).
 */
export function queueRead(context: Excel.RequestContext, caps: Capabilities, specs: SheetSpec[]): () => WorkbookRead {
  const wb = context.workbook;
  const withCharts = specs.some((s) => s.chart);
  // One load of the sheets: a second load of the collection in the batch would replace its items.
  const sheets = wb.worksheets.load(`items/name,items/visibility,items/protection/protected${withCharts ? `,${CHARTS_LOAD}` : ""}`);
  const names = wb.names.load("items/name,items/formula,items/comment");
  const tables = wb.tables.load("items/name,items/id,items/worksheet/name");
  const pivots = caps.pivotTables ? wb.pivotTables.load("items/name,items/id,items/worksheet/name") : null;
  const protection = wb.protection.load("protected");
  // A sheet under the add-in's default name that is blank: an operation cut short right after
  // adding it (before its index entry) leaves such a sheet, which the next refresh then uses.
  const blanks = specs.map((spec) => ({
    name: spec.defaultName,
    used: wb.worksheets.getItemOrNullObject(spec.defaultName).getUsedRangeOrNullObject(false).load("address"),
  }));
  const ranges = specs.map((spec) => {
    const range = wb.names.getItemOrNullObject(indexName(spec.key)).getRangeOrNullObject().load("address,formulas,numberFormat");
    return { key: spec.key, range, frozen: spec.freezeRows > 0 ? queueFrozenRead(range.worksheet) : null };
  });

  return () => {
    const nameItems = names.items.map((n) => ({
      name: n.name,
      formula: typeof n.formula === "string" ? n.formula : String(n.formula ?? ""),
      comment: n.comment ?? "",
    }));
    const request = nameItems.find((n) => n.name.toUpperCase() === REQUEST_NAME.toUpperCase());
    const snapshot: WorkbookSnapshot = {
      sheets: sheets.items.map((s) => ({ name: s.name, protected: s.protection.protected, visible: s.visibility === "Visible" })),
      names: nameItems,
      tables: tables.items.map((t) => t.name),
      pivots: pivots ? pivots.items.map((p) => p.name) : null,
      tableInfo: tables.items.map((t) => ({ name: t.name, id: t.id, sheet: t.worksheet.name })),
      pivotInfo: pivots ? pivots.items.map((p) => ({ name: p.name, id: p.id, sheet: p.worksheet.name })) : [],
      requested: request ? decodeRequest(request.comment).keys : [],
      requestComment: request ? request.comment : undefined,
      workbookProtected: protection.protected === true,
      blankSheets: blanks
        .filter((b) => b.used.isNullObject && sheets.items.some((s) => s.name.toUpperCase() === b.name.toUpperCase()))
        .map((b) => b.name),
    };
    const blocks = new Map<TargetKey, BlockContent>();
    const frozen = new Map<TargetKey, Frozen>();
    for (const { key, range, frozen: readFrozen } of ranges) {
      if (range.isNullObject) continue;
      if (readFrozen) frozen.set(key, readFrozen());
      const ref = parseSheetReference(range.address);
      if (!ref) continue;
      blocks.set(key, {
        sheet: ref.sheet,
        rect: ref.rect,
        formulas: range.formulas as unknown[][],
        numberFormats: range.numberFormat as string[][],
      });
    }
    return { snapshot, blocks, charts: withCharts ? chartNames(wb.worksheets) : null, frozen };
  };
}

/** Queues a read of extra cells (a block that grew since it was written), by sheet name. */
export function queueExtraRead(context: Excel.RequestContext, sheet: string, rect: Rect): () => BlockContent {
  const range = context.workbook.worksheets
    .getItem(sheet)
    .getRangeByIndexes(rect.row, rect.col, rect.rows, rect.cols)
    .load("formulas,numberFormat");
  return () => ({ sheet, rect, formulas: range.formulas as unknown[][], numberFormats: range.numberFormat as string[][] });
}
