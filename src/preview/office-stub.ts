// A stand-in for Office.js (development builds only): loaded in place of Microsoft's office.js, it
// does what office.js does on a page, minus the host: it loads Microsoft's Excel client library
// from its own folder (the file office.js would load, copied into development builds) and calls
// Office.onReady's callbacks once that is in place. The host is the same fake Excel the preview page
// uses, answering the library's requests; a CustomFunctions global records what the page
// registers. The hosting test serves the packaged files and answers the requests for office.js and
// the library with this script and the build's copy, so the real taskpane.html runs unchanged,
// under its own Content-Security-Policy, with no Excel.

import { createFakeExcel, type FakeExcel, browserOfficeClient, loadLibrary, LIBRARY_FILE } from "@nav-tiltak/excel-simulator";
import { installPreviewOffice } from "./office-globals.js";

/** Function ids in the order the page registered them (duplicates kept, so they can be seen). */
const associated: string[] = [];

class CustomFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? code);
  }
}

const customFunctions = {
  associate(idOrMappings: string | Record<string, unknown>, fn?: unknown): void {
    if (typeof idOrMappings === "string") {
      if (typeof fn !== "function") throw new TypeError(`CustomFunctions.associate(${idOrMappings}) needs a function`);
      associated.push(idOrMappings);
    } else {
      associated.push(...Object.keys(idOrMappings));
    }
  },
  Error: CustomFunctionError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!" },
};

const stub: { associated: string[]; fake?: FakeExcel } = { associated };
const g = globalThis as Record<string, unknown>;
// The page's bundles may register functions before the library has loaded.
g.CustomFunctions = customFunctions;
g.navTiltakStub = stub;

// The library sits beside office.js, wherever this script was served from.
const here = (document.currentScript as HTMLScriptElement | null)?.src ?? location.href;
const ready = loadLibrary(new URL(LIBRARY_FILE, here).href).then((library) => {
  const fake = createFakeExcel({ apiVersion: "1.17", client: browserOfficeClient(library) });
  installPreviewOffice(fake, library);
  // The library brings a CustomFunctions of its own that talks to a host; the stand-in's records.
  g.CustomFunctions = customFunctions;
  stub.fake = fake;
  return g.Office as typeof Office;
});

// Until the library is in, Office is only onReady, as with office.js before its host script loads.
g.Office = {
  onReady: (callback?: (info: { host: Office.HostType | null; platform: Office.PlatformType | null }) => void) =>
    ready.then((office) => office.onReady(callback)),
};
