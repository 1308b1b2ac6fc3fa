// The dataset a CLI command answers from, without loading the readers when it need not: the
// generated dataset while the bundled folder is unchanged (prebuilt.ts), else the folder parsed by
// load.ts, imported only then. The readers bring the zip and XML libraries of the time-series
// workbooks, which would double the start-up time of `nav-tiltak call`.
import type { ImportResult } from "../core/dataset.js";
import { dataDir, prebuiltFor } from "./prebuilt.js";

export async function projectDataset(dir: string = dataDir()): Promise<ImportResult> {
  return prebuiltFor(dir) ?? (await import("./load.js")).loadProjectDataset(dir);
}
