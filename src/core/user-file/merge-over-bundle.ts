// The user's own months beside the bundled ones: every month of either is kept, and where both have
// a month the user's file wins (it is the newer download, or a corrected one), with a note saying
// so, since the sheets and the functions then show other figures than the add-in's own for it.

import { mergeDimensions } from "../dataset.js";
import type { Finding } from "../findings.js";
import type { Dataset } from "../types.js";

export interface MergedDataset {
  dataset: Dataset;
  /** One note per bundled month the user's files replace. */
  findings: Finding[];
}

/**
 * `own`'s months over `base`'s. The dimensions (names and their order) come from the dataset with
 * the newest month first, as importPublications merges months; `fileOf` names the file a month came
 * from, for the note.
 */
export function mergeDatasets(
  base: Dataset,
  own: Dataset,
  fileOf: (period: string) => string | undefined = () => undefined,
): MergedDataset {
  const ownPeriods = new Set(own.periods.map((p) => p.period));
  const findings: Finding[] = base.periods
    .filter((p) => ownPeriods.has(p.period))
    .map((p) => ({
      severity: "warning",
      code: "replaces-bundled",
      file: fileOf(p.period),
      message: `${p.label} følger også med tillegget. Tallene fra filen din brukes for denne måneden.`,
    }));
  const periods = [...base.periods.filter((p) => !ownPeriods.has(p.period)), ...own.periods].sort((a, b) =>
    a.period.localeCompare(b.period),
  );
  const newest = periods[periods.length - 1]?.period;
  const newestFirst = newest !== undefined && ownPeriods.has(newest) ? [own, base] : [base, own];
  const dataset: Dataset = { ...mergeDimensions(newestFirst), periods };
  const series = mergeSeries(base, own);
  if (series.length > 0) dataset.series = series;
  return { dataset, findings };
}

/**
 * The time-series tables of both (the NAV-shaped sheets, NAV.SERIE and the series audit read
 * them): a table of `own` replaces `base`'s for the same TILT code and year, as its months do.
 */
function mergeSeries(base: Dataset, own: Dataset): NonNullable<Dataset["series"]> {
  const key = (t: { code: number; year: number }) => `${t.year}-${t.code}`;
  const ownKeys = new Set((own.series ?? []).map(key));
  return [...(base.series ?? []).filter((t) => !ownKeys.has(key(t))), ...(own.series ?? [])].sort(
    (a, b) => a.year - b.year || a.code - b.code,
  );
}
