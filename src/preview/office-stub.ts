// A stand-in for Office.js (development builds only): loaded in place of Microsoft's office.js, it
// installs the same fake Excel the preview page uses, plus a CustomFunctions global that records
// what the page registers. The hosting test serves the packaged files and answers the request for
// office.js with this script, so the real taskpane.html runs unchanged, under its own
// Content-Security-Policy, with no Excel.

import { createFakeExcel, installFakeOffice } from "../fake-excel/index.js";

const fake = createFakeExcel({ apiVersion: "1.17" });
installFakeOffice(globalThis, fake);

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

(globalThis as Record<string, unknown>).CustomFunctions = {
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

(globalThis as { navTiltakStub?: unknown }).navTiltakStub = { fake, associated };
