// Which period is shown when nobody names one: the newest the dataset has. The one place that
// decides it; the sheets (layout.ts), the custom functions (lookup.ts) and the pane ask here.

import type { Dataset, PeriodData } from "./types.js";

/** The period shown by default: the dataset's newest (its periods are in time order); none if it has none. */
export function defaultPeriod(ds: Dataset): PeriodData | undefined {
  return ds.periods[ds.periods.length - 1];
}
