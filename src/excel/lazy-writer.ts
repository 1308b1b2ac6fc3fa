// The writer's operations for the task pane, loading the writer (a chunk of its own) the first
// time one runs. Most of the pane's code is the writer, and all the JavaScript the page loads at
// start-up must stay within 60 KB gzip; the chunk comes from the add-in's own server, like the
// Prikkekontroll solver. Same signatures as writer.ts.

import type { SheetLayout } from "../core/layout.js";
import type { Dataset } from "../core/types.js";
import type { ExcelHost, ExcelRunner, WriteOptions, WriteReport } from "./types.js";

const writer = () => import(/* webpackChunkName: "writer" */ "./writer.js");

export async function insertSheets(
  host: ExcelHost | ExcelRunner,
  layouts: SheetLayout[],
  options: WriteOptions = {},
): Promise<WriteReport> {
  return (await writer()).insertSheets(host, layouts, options);
}

export async function insertPivotRanges(host: ExcelHost | ExcelRunner, ds: Dataset, options: WriteOptions = {}): Promise<WriteReport> {
  return (await writer()).insertPivotRanges(host, ds, options);
}

export async function refresh(host: ExcelHost | ExcelRunner, ds: Dataset, options: WriteOptions = {}): Promise<WriteReport> {
  return (await writer()).refresh(host, ds, options);
}

export async function insertCharts(host: ExcelHost | ExcelRunner, ds: Dataset, options: WriteOptions = {}): Promise<WriteReport> {
  return (await writer()).insertCharts(host, ds, options);
}
