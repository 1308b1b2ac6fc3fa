// Runs the add-in's own Excel writer against an in-memory workbook, as the task pane does, so the
// xlsx file and the add-in share one code path for every sheet. The writer's Office.js calls go
// through Microsoft's Excel client library (as in Excel), which the fake answers as Excel would.

import { periodData } from "../core/layout.js";
import type { Dataset } from "../core/types.js";
import { insert } from "../excel/writer.js";
import type { ExcelHost } from "../excel/operation-types.js";
import { createFakeExcel, type FakeExcel, officeJsClient } from "@nav-tiltak/excel-simulator";
import { exportWorkbook, type XlsxExport } from "./export.js";

export interface BuiltWorkbook {
  fake: FakeExcel;
  /** The writer's Norwegian messages (e.g. why a step was skipped). */
  messages: string[];
}

/**
 * The workbook the add-in builds in a new workbook of an Excel that supports every API the writer
 * can use: the pane's «Sett inn alle tabeller» for the period (the newest when none is named): its
 * tables and the pivot-ready data of all periods; and, when NAV's time series cover the period's
 * year, «Sett inn tidsserier»: one sheet per TILT table of that year, laid out as NAV lays them.
 */
export async function buildAddinWorkbook(ds: Dataset, period?: string): Promise<BuiltWorkbook> {
  const fake = createFakeExcel({ locale: "nb-NO", client: officeJsClient() });
  const host: ExcelHost = { run: (batch) => fake.runAsExcel(batch), isSetSupported: (v) => fake.isSetSupported("ExcelApi", v) };
  // An unknown period is refused (NotFoundError) while the sheets are built, before any write.
  const report = await insert(host, { dataset: ds, period, sheets: "all" });
  if (!report.ok) throw new Error(report.messages.map((m) => m.text).join(" ") || report.summary);
  const messages = report.messages.map((m) => m.text);
  const year = Number(periodData(ds, period).period.slice(0, 4));
  if (ds.series?.some((t) => t.year === year)) {
    const series = await insert(host, { dataset: ds, period, sheets: "series" });
    if (!series.ok) throw new Error(series.messages.map((m) => m.text).join(" ") || series.summary);
    messages.push(...series.messages.map((m) => m.text));
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
