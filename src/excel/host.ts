// The host running Office.js, apart from the writer so the task pane can have it at start-up
// without loading the writer (see lazy-writer.ts).

import type { ExcelHost } from "./operation-types.js";

/** The host running Office.js: `Excel.run` and the document's requirement sets. */
export function officeHost(): ExcelHost {
  return {
    run: (batch) => Excel.run(batch),
    isSetSupported: (version) => Office.context.requirements.isSetSupported("ExcelApi", version),
  };
}
