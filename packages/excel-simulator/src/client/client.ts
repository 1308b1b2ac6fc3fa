// Microsoft's Excel client library (package @microsoft/office-js) as the fake workbook's client:
// each batch runs in the library's own Excel.run, over a request context whose `context.sync()`
// requests go to the fake's RichApi endpoint instead of to Excel. Shared by the Node loader
// (node.ts: tests, the bench, `nav-tiltak xlsx`) and the browser (browser.ts: the preview page).
// Browser-safe: no Node APIs.

import type { OfficeClient } from "../simulator.js";
import type { RichApiRequest, RichApiResponse } from "../richapi.js";

/** The parts of the loaded library a client needs: its Excel namespace and OfficeExtension. */
export interface ExcelClientLibrary {
  Excel: { RequestContext: new (url: string) => Excel.RequestContext; run: typeof Excel.run };
  OfficeExtension: typeof OfficeExtension;
}

/**
 * Where the requests claim to go. Not the local document: for that URL the library would talk to
 * an Office host (OfficeJsRequestExecutor); any other URL takes the request executor set below.
 */
export const RICHAPI_URL = "https://fake-excel.invalid/";

/** The request executor the library calls with `{Url, Headers, Body}` for each sync. */
interface RequestExecutor {
  executeAsync(customData: unknown, flags: unknown, message: { Body: RichApiRequest }): Promise<unknown>;
}

/**
 * A client for createFakeExcel({ client }). `library` is asked for at the first batch, so a
 * process that never touches Excel does not pay for loading it.
 */
export function officeClientOver(library: () => ExcelClientLibrary): OfficeClient {
  return {
    run<T>(execute: (request: RichApiRequest) => Promise<RichApiResponse>, batch: (ctx: Excel.RequestContext) => Promise<T>) {
      const lib = library();
      const ctx = new lib.Excel.RequestContext(RICHAPI_URL);
      const executor: RequestExecutor = {
        executeAsync(_customData, _flags, message) {
          return execute(message.Body).then((Body) => ({ HttpStatusCode: 200, Headers: {}, Body }));
        },
      };
      (ctx as unknown as { _requestExecutor: RequestExecutor })._requestExecutor = executor;
      return lib.Excel.run(ctx, batch) as Promise<T>;
    },
  };
}
