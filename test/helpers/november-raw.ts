// NAV's November 2016 publication with its 16 "*" put back (core/protect/recover.ts): the combined
// audit pins every one of them (and the one suppressed change), so the raw figures are known
// exactly. The input for proving that protection would have kept them hidden.

import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { recoverRaw } from "../../src/core/protect/recover.js";
import type { Dataset } from "../../src/core/types.js";

export function novemberRaw(): { raw: Dataset; restored: number } {
  const { dataset, figures } = recoverRaw(BUNDLED_DATASET);
  const assumed = figures.filter((f) => !f.exact);
  if (assumed.length > 0) throw new Error(`not recoverable: ${assumed.map((f) => `${f.rowLabel} / ${f.colLabel}`).join(", ")}`);
  if (JSON.stringify(dataset.periods.at(-1)).includes('"*"')) throw new Error("a «*» is left");
  return { raw: dataset, restored: figures.length };
}
