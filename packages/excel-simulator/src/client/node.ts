// Loads Microsoft's Excel client library (package @microsoft/office-js, the flavour Excel on the
// web loads) into a Node `vm` context once per process. Runs in Node only (node:vm, node:fs): the
// tests, the bench and `nav-tiltak xlsx` use it; the preview page loads the same file with a
// <script> tag (browser.ts).
//
// The Node modules are taken with process.getBuiltinModule (Node >= 20.16) when the library is
// first loaded, not imported at the top: the package has one entry point, and a browser bundle of
// it (the preview page) must not meet `node:` imports. The library file itself is found through
// Node's module resolution from wherever this code runs, so it is found from a bundle of the CLI
// too, as long as @microsoft/office-js is installed beside it.

import type { OfficeClient } from "../simulator.js";
import { type ExcelClientLibrary, officeClientOver } from "./client.js";
import { LIBRARY_FILE, LIBRARY_PACKAGE_FILE } from "./library-file.mjs";

let loaded: ExcelClientLibrary | undefined;

/** The smallest browser the library needs while loading: it probes these and finds no host. */
function browserGlobals(): Record<string, unknown> {
  return {
    // This process's Error and Promise, so Microsoft's errors are `instanceof Error` here and its
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

/** The library, loaded at the first call. */
export function officeJs(): ExcelClientLibrary {
  if (loaded) return loaded;
  const { readFileSync } = process.getBuiltinModule("node:fs");
  const { createRequire } = process.getBuiltinModule("node:module");
  const vm = process.getBuiltinModule("node:vm");
  const file = createRequire(import.meta.url).resolve(LIBRARY_PACKAGE_FILE);
  const global = browserGlobals();
  // The library addresses its host page as `window`; the context's global doubles as it.
  global.window = global;
  global.self = global;
  vm.runInContext(readFileSync(file, "utf8"), vm.createContext(global), { filename: LIBRARY_FILE });
  loaded = global as unknown as ExcelClientLibrary;
  return loaded;
}

/** A client for createFakeExcel({ client }): each batch runs in Microsoft's own Excel.run. */
export function officeJsClient(): OfficeClient {
  return officeClientOver(officeJs);
}
