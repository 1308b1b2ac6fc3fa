// Loads Microsoft's Excel client library (package @microsoft/office-js, the flavour Excel on the
// web loads) into a Node `vm` context once per test process, and hands out request contexts whose
// `context.sync()` requests go to a RichApi endpoint of our choosing (the fake's simulator).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import vm from "node:vm";
import type { OfficeClient } from "../../src/fake-excel/index.js";
import type { RichApiRequest, RichApiResponse } from "../../src/fake-excel/richapi.js";

interface LoadedLibrary {
  Excel: { RequestContext: new (url: string) => Excel.RequestContext; run: typeof Excel.run };
  OfficeExtension: typeof OfficeExtension;
}

let loaded: LoadedLibrary | undefined;

/** The smallest browser the library needs while loading: it probes these and finds no host. */
function browserGlobals(): Record<string, unknown> {
  return {
    // The test's own Error and Promise, so Microsoft's errors are `instanceof Error` here and its
    // promises are ours (a vm context has its own built-ins otherwise).
    Error,
    TypeError,
    RangeError,
    Promise,
    console,
    setTimeout,
    clearTimeout,
    navigator: { userAgent: "node", platform: "" },
    document: { getElementById: () => null, addEventListener() {}, createElement: () => ({}), readyState: "complete" },
    location: { href: "https://localhost/", search: "", hash: "", protocol: "https:", host: "localhost" },
    addEventListener() {},
  };
}

export function officeJs(): LoadedLibrary {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const file = require.resolve("@microsoft/office-js/dist/excel-web-16.00.debug.js");
  const global = browserGlobals();
  // The library addresses its host page as `window`; the context's global doubles as it.
  global.window = global;
  global.self = global;
  vm.runInContext(readFileSync(file, "utf8"), vm.createContext(global), { filename: "excel-web-16.00.debug.js" });
  loaded = global as unknown as LoadedLibrary;
  return loaded;
}

/** A client for createFakeExcel({ client }): each batch runs in Microsoft's own Excel.run. */
export function officeJsClient(): OfficeClient {
  return {
    run<T>(execute: (request: RichApiRequest) => Promise<RichApiResponse>, batch: (ctx: Excel.RequestContext) => Promise<T>) {
      // Loaded at the first batch, so test files that never touch Excel do not pay for it.
      const lib = officeJs();
      const ctx = new lib.Excel.RequestContext("https://fake-excel.invalid/");
      (ctx as unknown as { _requestExecutor: unknown })._requestExecutor = {
        executeAsync(_customData: unknown, _flags: unknown, message: { Body: RichApiRequest }) {
          return execute(message.Body).then((Body) => ({ HttpStatusCode: 200, Headers: {}, Body }));
        },
      };
      return lib.Excel.run(ctx as unknown as Excel.RequestContext, batch) as Promise<T>;
    },
  };
}
