// The dataset the custom functions answer from: the bundled one, or (after «Bruk egen fil», or when
// a workbook that keeps the user's own file is opened) the bundled months joined with the user's.
// The pane and the functions share one JavaScript runtime (the manifest's shared runtime), and the
// functions bundle depends on the task pane's (webpack `dependOn`), so both use this one module
// instance: the pane sets the dataset, the next formula evaluated reads it.

import { BUNDLED_DATASET } from "../core/bundled.js";
import type { Dataset } from "../core/types.js";

let current: Dataset = BUNDLED_DATASET;

export function activeDataset(): Dataset {
  return current;
}

/** Makes `dataset` the one the functions answer from (the bundled one when undefined). */
export function useDataset(dataset: Dataset | undefined): void {
  current = dataset ?? BUNDLED_DATASET;
}
