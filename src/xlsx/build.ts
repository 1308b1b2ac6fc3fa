// Runs the add-in's own Excel writer against an in-memory workbook, as the task pane does, so the
// xlsx file and the add-in share one code path for every sheet. The writer's Office.js calls go
// through Microsoft's Excel client library (as in Excel), which the fake answers as Excel would.

import { buildLayouts } from "../core/layout.js";
import type { Dataset } from "../core/types.js";
import { insertAll, insertPivotRanges, insertSheets } from "../excel/writer.js";
import type { ExcelHost, WriteReport } from "../excel/types.js";
import { createFakeExcel, type FakeExcel, officeJsClient } from "@nav-tiltak/excel-simulator";
import { exportWorkbook, type XlsxExport } from "./export.js";

export interface BuiltWorkbook {
  fake: FakeExcel;
  /** The writer's Norwegian messages (e.g. why a step was skipped). */
  messages: string[];
}

/**
 * The workbook the add-in builds in a new workbook of an Excel that supports every API the writer
 * can use: the newest period through the pane's «Sett inn alle»; another period as its tables
 * («Sett inn» per table) followed by the pivot-ready data of all periods («Pivotklare data»).
 */
export async function buildAddinWorkbook(ds: Dataset, period?: string): Promise<BuiltWorkbook> {
  // Layouts first: an unknown period is reported before anything is written.
  const layouts = buildLayouts(ds, period);
  const fake = createFakeExcel({ locale: "nb-NO", client: officeJsClient() });
  const host: ExcelHost = { run: (batch) => fake.runAsExcel(batch), isSetSupported: (v) => fake.isSetSupported("ExcelApi", v) };
  const reports: WriteReport[] =
    period === undefined ? [await insertAll(host, ds)] : [await insertSheets(host, layouts), await insertPivotRanges(host, ds)];
  const messages: string[] = [];
  for (const report of reports) {
    if (!report.ok) throw new Error(report.messages.map((m) => m.text).join(" ") || report.summary);
    messages.push(...report.messages.map((m) => m.text));
  }
  return { fake, messages };
}

/** The add-in's workbook for `period`, as an xlsx file's bytes. */
export async function addinXlsx(ds: Dataset, period?: string): Promise<{ bytes: Buffer; built: BuiltWorkbook; exported: XlsxExport }> {
  const built = await buildAddinWorkbook(ds, period);
  const exported = exportWorkbook(built.fake.state);
  const bytes = Buffer.from(await exported.workbook.xlsx.writeBuffer());
  return { bytes, built, exported };
}
