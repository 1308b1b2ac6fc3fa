// Test helpers for the Excel writer: a fake workbook wired up as an ExcelHost, and inspectors.

import { createFakeExcel, type FakeExcel, type FakeExcelOptions } from "@nav-tiltak/excel-simulator";
import type { ExcelHost } from "../../src/excel/operation-types.js";
import type { Dataset, Tiltak } from "../../src/core/types.js";
import { officeJsClient } from "./office-js.js";

export interface FakeHost {
  fake: FakeExcel;
  host: ExcelHost;
}

/** A fake host whose batches run through Microsoft's own Excel client library (see office-js.ts). */
export function fakeHost(options: FakeExcelOptions = {}): FakeHost {
  const fake = createFakeExcel({ client: officeJsClient(), ...options });
  return {
    fake,
    host: {
      run: (batch) => fake.runAsExcel(batch),
      isSetSupported: (version) => fake.isSetSupported("ExcelApi", version),
    },
  };
}

/**
 * Everything the add-in or a user could have changed, for before/after comparisons. The Table.id
 * and PivotTable.id an index record keeps are left out: the add-in learns them on its first read
 * after making the objects, so the first refresh after an insert adds them.
 */
export function workbookState(fake: FakeExcel): unknown {
  const wb = fake.state;
  return {
    sheets: wb.sheetNames().map((n) => wb.sheet(n)),
    tables: wb.tables(),
    names: wb.names().map((n) => ({ ...n, comment: n.comment.replace(/,"(tableId|pivotId)":"[^"]*"/g, "") })),
    pivots: wb.pivotTables(),
  };
}

/** Rows of displayed text with trailing empty cells and rows dropped. */
export function trimText(rows: string[][]): string[][] {
  const out = rows.map((r) => {
    const row = [...r];
    while (row.length > 0 && row[row.length - 1] === "") row.pop();
    return row;
  });
  while (out.length > 0 && out[out.length - 1]!.length === 0) out.pop();
  return out;
}

/** Runs a batch against the fake outside the add-in (what a user does by hand). */
export function userDoes(fake: FakeExcel, batch: (ctx: Excel.RequestContext) => void | Promise<void>): Promise<void> {
  return fake.runAsExcel(async (ctx) => {
    await batch(ctx);
    await ctx.sync();
  });
}

/**
 * The dataset with every tiltak copied `factor` times (same counts, new names): many more cells,
 * the same number of blocks (hovedgrupper, tiltaksgrupper, tables).
 */
export function widenDataset(ds: Dataset, factor: number): Dataset {
  const tiltak: Tiltak[] = [];
  const copyIds = new Map<string, string[]>();
  for (const t of ds.tiltak) {
    const ids: string[] = [];
    for (let k = 0; k < factor; k++) {
      const id = k === 0 ? t.id : `${t.id}-${k}`;
      ids.push(id);
      tiltak.push({ ...t, id, name: k === 0 ? t.name : `${t.name} ${k + 1}` });
    }
    copyIds.set(t.id, ids);
  }
  return {
    ...ds,
    tiltak,
    periods: ds.periods.map((p) => ({
      ...p,
      tiltak: Object.fromEntries(
        Object.entries(p.tiltak).flatMap(([id, cells]) => (copyIds.get(id) ?? [id]).map((cid) => [cid, { ...cells }])),
      ),
    })),
  };
}
