// The writer's operations for the task pane, loading the writer (a chunk of its own) the first
// time one runs. Most of the pane's code is the writer, and all the JavaScript the page loads at
// start-up must stay within 60 KB gzip; the chunk comes from the add-in's own server, like the
// Prikkekontroll solver. Same signatures as writer.ts.

import type { ExcelHost, ExcelRunner, InsertRequest, PeriodChoice, WriteOptions, WriteReport } from "./operation-types.js";

const writer = () => import(/* webpackChunkName: "writer" */ "./writer.js");

export async function insert(host: ExcelHost | ExcelRunner, request: InsertRequest, options: WriteOptions = {}): Promise<WriteReport> {
  return (await writer()).insert(host, request, options);
}

export async function refresh(host: ExcelHost | ExcelRunner, source: PeriodChoice, options: WriteOptions = {}): Promise<WriteReport> {
  return (await writer()).refresh(host, source, options);
}
