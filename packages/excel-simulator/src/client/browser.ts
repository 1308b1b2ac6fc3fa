// Microsoft's Excel client library as a page without Office loads it: the preview page and the
// Office.js stand-in load the package's file with a <script> tag (the same file the tests load in
// Node, copied into development builds only), and its batches go to the fake's RichApi endpoint.
// Browser only (document, script elements); no Node APIs.

import type { OfficeClient } from "../simulator.js";
import { type ExcelClientLibrary, officeClientOver } from "./client.js";
import { LIBRARY_FILE } from "./library-file.mjs";

/**
 * The library the page has loaded, taken from the page's globals. Call it before anything replaces
 * `Excel` or `OfficeExtension` on the page (installPreviewOffice does).
 */
export function pageLibrary(): ExcelClientLibrary {
  const g = globalThis as { Excel?: Partial<ExcelClientLibrary["Excel"]>; OfficeExtension?: ExcelClientLibrary["OfficeExtension"] };
  if (typeof g.Excel?.RequestContext !== "function" || typeof g.Excel.run !== "function" || !g.OfficeExtension) {
    throw new Error(`Microsoft's Excel client library (${LIBRARY_FILE}) is not loaded on this page.`);
  }
  return { Excel: g.Excel as ExcelClientLibrary["Excel"], OfficeExtension: g.OfficeExtension };
}

/** Loads the library from `url` with a <script> tag, as office.js loads its host's script. */
export function loadLibrary(url: string): Promise<ExcelClientLibrary> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.addEventListener("load", () => {
      try {
        resolve(pageLibrary());
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    script.addEventListener("error", () => reject(new Error(`Could not load Microsoft's Excel client library from ${url}.`)));
    document.head.appendChild(script);
  });
}

/** A client for createFakeExcel({ client }): each batch runs in the page's copy of Microsoft's Excel.run. */
export function browserOfficeClient(library: ExcelClientLibrary = pageLibrary()): OfficeClient {
  return officeClientOver(() => library);
}
