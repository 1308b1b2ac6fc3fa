// @nav-tiltak/excel-simulator: the package's one entry point. Code outside the package imports
// from here only (the internal modules may move). README.md says what the simulator models and
// from which Microsoft documentation and office-js issues.
//
// The entry is browser-safe: it has no top-level Node imports, so the preview page can bundle it;
// `officeJs`/`officeJsClient` take Node's modules only when called (client/node.ts).
//
// Sections:
//   1. The simulator: a workbook and host that answer Office.js requests
//   2. The Office.js client library that sends them (Microsoft's, in Node or on a page)
//   3. Office's globals on a page without Office (the preview page)
//   4. Workbook state and its inspectors (assertions, the xlsx export)
//   5. Addresses and values (A1 itself is @nav-tiltak/a1's)
//   6. The test API: fault injection, call statistics, user actions the API has no call for

// 1. The simulator -----------------------------------------------------------------------------
export { createFakeExcel } from "./simulator.js";
export type { FakeExcel, FakeExcelOptions, OfficeClient } from "./simulator.js";
export { RichApiServer } from "./richapi.js";
export type { RichApiRequest, RichApiResponse } from "./richapi.js";
export { FakeExcelError, ErrorCodes, isFakeExcelError } from "./excel-errors.js";
export type { ErrorCode, FakeDebugInfo } from "./excel-errors.js";
export type { LoadOption } from "./server/query.js";
export type { AreasRef } from "./server/range-refs.js";

// 2. The Office.js client library ---------------------------------------------------------------
// A client turns Excel.run batches into the RichApi requests the simulator answers. `setDefaultClient`
// installs the one every simulator uses unless its options name another (test setup installs
// Microsoft's, `officeJsClient()`).
export { setDefaultClient } from "./simulator.js";
export { officeClientOver, RICHAPI_URL } from "./client/client.js";
export type { ExcelClientLibrary } from "./client/client.js";
/** Node: Microsoft's library loaded in a `vm` context (tests, the bench, `nav-tiltak xlsx`). */
export { officeJs, officeJsClient } from "./client/node.js";
/** Browser: the library loaded by a <script> tag (the preview page). */
export { browserOfficeClient, loadLibrary, pageLibrary } from "./client/browser.js";
export { LIBRARY_BUILD_PATH, LIBRARY_FILE, LIBRARY_PACKAGE_FILE } from "./client/library-file.mjs";

// 3. Office's globals on a page without Office -------------------------------------------------
export { installFakeOffice, uninstallFakeOffice, FakeSettings } from "./office.js";
export type { FakeAsyncResult } from "./office.js";

// 4. Workbook state and its inspectors ----------------------------------------------------------
export { WorkbookState } from "./state.js";
export type { InitialSheet, SheetSnapshot, SheetView, ViewCell, TableSnapshot, NameSnapshot, PivotSnapshot } from "./state.js";
export { chartViews, liveCharts } from "./chart-rules.js";
export type { ChartView, SeriesView } from "./chart-rules.js";
export { NB_NO, EN_US, renderText } from "./text-format.js";
export type { FakeLocale } from "./text-format.js";

// 5. Addresses and values ----------------------------------------------------------------------
/** An address as the simulator reads it: Excel's InvalidArgument when it is not one. */
export { parseAddress } from "./addresses.js";
export type * from "./office-types.js";

// 6. The test API ------------------------------------------------------------------------------
// Fault injection: FakeExcelOptions.failOnNthCall / failWhen / failureCode, FakeExcel.failOn(spec)
// and clearFailures(); an injected failure ends the batch as Excel does (the calls before it stay
// applied). Call statistics: FakeExcel.stats (runs, syncs = requests, queued calls = the caller's
// actions). These describe the simulator, not Excel: product code never reads them.
export type { FailureSpec, FakeStats, OperationInfo } from "./context.js";
/**
 * What Move PivotTable in Excel's UI does (the API has no such call): tests use it to act as the
 * user. Product code never calls it.
 */
export { movePivot } from "./pivot-rules.js";
