// Raw datasets as the add-in may take them: each period protected by the core (primary «*», secondary
// «:») and written in the publication's text format. A file of raw counts is refused on every way
// in (core/raw-counts.ts), so tests that start from raw counts go through this first.

import type { Dataset } from "../../src/core/types.js";
import { loadHighs, type Highs } from "../../src/core/protect/milp.js";
import { protect } from "../../src/core/protect/protect.js";
import { writePublication } from "../../src/core/publication-text.js";

let shared: Promise<Highs> | undefined;

/** One period of a raw dataset, protected, as publication text. */
export async function protectedPublication(raw: Dataset, period: string): Promise<string> {
  const r = await protect(raw, period, await (shared ??= loadHighs()));
  return writePublication(r.dataset, period);
}
