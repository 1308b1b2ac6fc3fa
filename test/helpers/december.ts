// A month the bundle lacks, for «Bruk egen fil»: December 2016 written from the bundled November
// with other figures. 100 more «Arbeidssøkere» in Arbeidstrening, carried into every total and
// change it is part of, so the file passes the same audit as NAV's own; and a broken variant where
// only the tiltak's line changes, so its sums no longer agree.

import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { percentChange } from "../../src/core/dataset.js";
import { writePublication } from "../../src/core/publication-text.js";
import { periodLabel } from "../../src/core/text.js";
import { ALL, type Dataset, type Figures, type PeriodData } from "../../src/core/types.js";

export const DECEMBER = "2016-12";
export const TILTAK = "Arbeidstrening";
export const HOVEDGRUPPE = "arbeidssokere";
export const ADDED = 100;

const more = (f: Figures): Figures => {
  const antall = (f.antall as number) + ADDED;
  const endring = (f.endring as number) + ADDED;
  return { antall, endring, prosent: percentChange(antall, endring) };
};

/** The bundled dataset with December 2016 alone; `consistent: false` leaves the totals as in November. */
export function decemberDataset(consistent = true): Dataset {
  const ds = structuredClone(BUNDLED_DATASET);
  const nov = ds.periods[ds.periods.length - 1]!;
  const t = ds.tiltak.find((x) => x.name === TILTAK)!;
  const p: PeriodData = { ...structuredClone(nov), period: DECEMBER, label: periodLabel(DECEMBER) };
  const counts = p.tiltak[t.id]!;
  counts[HOVEDGRUPPE] = (counts[HOVEDGRUPPE] as number) + ADDED;
  counts[ALL] = (counts[ALL] as number) + ADDED;
  if (consistent) {
    for (const hg of [HOVEDGRUPPE, ALL]) {
      p.groups[t.group]![hg] = more(p.groups[t.group]![hg]!);
      p.total[hg] = more(p.total[hg]!);
    }
  }
  return { ...ds, periods: [p] };
}

export function decemberText(consistent = true): string {
  return writePublication(decemberDataset(consistent), DECEMBER);
}
