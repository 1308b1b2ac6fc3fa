// The user's own files in the workbook: one custom XML part in the add-in's namespace
// (core/user-file/store.ts says what it holds and why the source files). The part is found by its
// namespace, never by position or by the user's content, and nothing else in the workbook is read
// or written. Reading it again at every start is what lets a saved, closed and reopened workbook,
// or a colleague's copy, use the same months.
//
// Office.js: https://learn.microsoft.com/en-us/javascript/api/excel/excel.customxmlpartcollection
// (ExcelApi 1.5, checked before use: the manifest asks for 1.7, but a host's sets are its own word).

import { InputRejectedError } from "../core/errors.js";
import { decodeStore, encodeStore, USER_FILE_NAMESPACE, type StoredFile } from "../core/user-file/store.js";
import { resolveHost } from "./capabilities.js";
import type { ExcelHost, ExcelRunner } from "./operation-types.js";

export const CUSTOM_XML_API = "1.5";

/**
 * The largest part written. Excel on the web refuses a request over 5 MB (Microsoft's «Resource
 * limits and performance optimization for Office Add-ins»), and custom XML parts over 1 MB fail to
 * be added or read on the web (office-js issue #2408): 1 MB of XML is ~750 kB of files, some sixty
 * months of NAV's 12 kB text files.
 */
export const MAX_PART_CHARS = 1024 * 1024;

export const NO_CUSTOM_XML =
  "Denne versjonen av Excel kan ikke lagre egne filer i arbeidsboken (det krever ExcelApi 1.5: Excel 2016 eller nyere, " +
  "Excel på nettet eller Microsoft 365). Filen er ikke tatt i bruk.";

/** The workbook cannot keep (or give back) the user's files: a Norwegian message for the pane. */
export class WorkbookStorageError extends InputRejectedError {
  constructor(message: string) {
    super("workbook-storage", message);
  }
}

export function canKeepUserFiles(host: ExcelHost | ExcelRunner): boolean {
  return resolveHost(host).supports(CUSTOM_XML_API);
}

/** The newest a part's files were added (ISO strings sort by time). */
const addedAt = (files: readonly StoredFile[]): string => files.reduce((m, f) => (f.added > m ? f.added : m), "");

/**
 * The files kept in the workbook; [] when there are none or the host has no custom XML parts.
 * Two parts can only be left by a replacement cut off between its add and its delete: the one with
 * the newest files is the user's latest choice. Throws WorkbookStorageError for a damaged part.
 */
export async function readStoredFiles(host: ExcelHost | ExcelRunner): Promise<StoredFile[]> {
  if (!canKeepUserFiles(host)) return [];
  const xmls = await resolveHost(host).run(async (ctx) => {
    const parts = ctx.workbook.customXmlParts.getByNamespace(USER_FILE_NAMESPACE).load("items/id");
    await ctx.sync();
    if (parts.items.length === 0) return [];
    const texts = parts.items.map((p) => p.getXml());
    await ctx.sync();
    return texts.map((t) => t.value);
  });
  const decoded = xmls.map(decodeStore);
  const readable = decoded.flatMap((d) => ("files" in d ? [d.files] : []));
  if (readable.length === 0 && decoded.length > 0) throw new WorkbookStorageError((decoded[0] as { problem: string }).problem);
  return readable.reduce<StoredFile[]>((best, files) => (addedAt(files) > addedAt(best) ? files : best), []);
}

/**
 * Keeps `files` in the workbook in place of whatever was kept. One round trip to find the part,
 * one to write: an existing part is rewritten in one call (setXml), so a failure leaves the old
 * files; otherwise the new part is added before any old one is deleted, for the same reason.
 */
export async function storeFiles(host: ExcelHost | ExcelRunner, files: readonly StoredFile[]): Promise<void> {
  if (!canKeepUserFiles(host)) throw new WorkbookStorageError(NO_CUSTOM_XML);
  const xml = encodeStore(files);
  if (xml.length > MAX_PART_CHARS) {
    throw new WorkbookStorageError(
      `Filene er for store til å lagres i arbeidsboken (${Math.ceil(xml.length / 1024)} kB; grensen er ${MAX_PART_CHARS / 1024} kB). ` +
        "Velg færre måneder. Filen er ikke tatt i bruk.",
    );
  }
  await resolveHost(host).run(async (ctx) => {
    const parts = ctx.workbook.customXmlParts.getByNamespace(USER_FILE_NAMESPACE).load("items/id");
    await ctx.sync();
    if (parts.items.length === 1) parts.items[0]!.setXml(xml);
    else {
      ctx.workbook.customXmlParts.add(xml);
      for (const old of parts.items) old.delete();
    }
    await ctx.sync();
  });
}

/** Removes the kept files (only the add-in's own part); how many parts there were. */
export async function removeStoredFiles(host: ExcelHost | ExcelRunner): Promise<number> {
  if (!canKeepUserFiles(host)) return 0;
  return resolveHost(host).run(async (ctx) => {
    const parts = ctx.workbook.customXmlParts.getByNamespace(USER_FILE_NAMESPACE).load("items/id");
    await ctx.sync();
    for (const p of parts.items) p.delete();
    await ctx.sync();
    return parts.items.length;
  });
}

/**
 * Asks Excel to calculate every formula again, so =NAV.* cells already in the workbook answer from
 * the dataset just swapped in (a custom function is not recalculated on its own when its data
 * changes). Application.calculate is ExcelApi 1.1.
 */
export async function recalculate(host: ExcelHost | ExcelRunner): Promise<void> {
  await resolveHost(host).run(async (ctx) => {
    ctx.workbook.application.calculate("Full" as Excel.CalculationType);
    await ctx.sync();
  });
}
