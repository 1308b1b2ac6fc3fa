// The globals a page without Office gives the task pane (the preview page and the Office.js
// stand-in): the fake plays the host (`Office`: requirement sets, document settings, onReady),
// while `Excel` and `OfficeExtension` stay Microsoft's client library. Only `Excel.run` is routed:
// it hands the batch to the fake, which runs it in the library's own Excel.run over a request
// context whose requests the fake answers. So the pane's Office.js code, its errors and its
// proxies are Microsoft's, as in Excel.

import { installFakeOffice, type FakeExcel, type ExcelClientLibrary } from "@nav-tiltak/excel-simulator";

export function installPreviewOffice(fake: FakeExcel, library: ExcelClientLibrary): void {
  installFakeOffice(globalThis, fake);
  // Excel.run(batch) and Excel.run(objectOrOptions, batch); everything else is the library's own.
  const run = (a: unknown, b?: unknown) =>
    fake.runAsExcel((typeof a === "function" ? a : b) as (ctx: Excel.RequestContext) => Promise<unknown>);
  const excel = Object.create(library.Excel, { run: { value: run, enumerable: true } }) as unknown;
  Object.assign(globalThis, { Excel: excel, OfficeExtension: library.OfficeExtension });
}
