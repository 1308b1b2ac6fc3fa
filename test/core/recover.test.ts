// Recovery of the raw figures behind "*" (core/protect/recover.ts): exact where the published figures
// pin a value, the documented completion where they do not, and always one consistent set of figures.
import { describe, expect, it } from "vitest";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { importPublication, percentChange } from "../../src/core/dataset.js";
import { recoverRaw } from "../../src/core/protect/recover.js";
import { writePublication } from "../../src/core/publication-text.js";
import { isSmall } from "../../src/core/suppression.js";
import { ALL, HIDDEN, SUPPRESSED, type Count, type Dataset, type Figures } from "../../src/core/types.js";
import { makeRawDataset } from "../helpers/raw-dataset.js";

/**
 * One group of three tiltak. Tiltak 1 and 2 have 1–3 in two hovedgrupper each, crosswise, so only
 * their row and column sums are known: (1, 2 / 2, 1) and (2, 1 / 1, 2) both fit. Tiltak 3 has one
 * small count whose row sum pins it.
 */
function raw(): Dataset {
  const ds = makeRawDataset({ seed: 1, groups: 1, tiltakPerGroup: 3 });
  const p = ds.periods[0]!;
  const [h1, h2, h3] = ds.hovedgrupper.map((h) => h.id) as [string, string, string];
  const row = (a: number, b: number, c: number): Record<string, Count> => ({ [ALL]: a + b + c, [h1]: a, [h2]: b, [h3]: c });
  p.tiltak = { "tiltak-1-1": row(1, 2, 10), "tiltak-1-2": row(2, 1, 20), "tiltak-1-3": row(50, 50, 3) };
  const fig = (antall: number, lastYear: number): Figures => ({
    antall,
    endring: antall - lastYear,
    prosent: percentChange(antall, antall - lastYear),
  });
  const figures = { [ALL]: fig(139, 300), [h1]: fig(53, 100), [h2]: fig(53, 100), [h3]: fig(33, 100) };
  p.groups = { "gruppe-1": figures };
  p.total = structuredClone(figures);
  return ds;
}

/** NAV's primary rule on the tiltak counts: 1–3 shown as "*". */
function published(ds: Dataset): Dataset {
  const out = structuredClone(ds);
  for (const rec of Object.values(out.periods[0]!.tiltak))
    for (const k of Object.keys(rec)) if (isSmall(rec[k] as number)) rec[k] = SUPPRESSED;
  return out;
}

describe("recoverRaw", () => {
  it("puts back every «*» of NAV's November 2016 exactly, consistent with every published total", () => {
    const r = recoverRaw(BUNDLED_DATASET);
    expect(r.period).toBe("2016-11");
    expect(r.figures.length).toBe(15); // 16 «*» on the sheets; one change is shown in two tables
    expect(r.figures.filter((f) => !f.exact)).toEqual([]);
    const amo = r.figures.find((f) => f.rowLabel === "Nettbasert arbeidsmarkedsopplæring (AMO)" && f.colLabel === "I alt")!;
    expect([amo.value, amo.range]).toEqual([2, { min: 2, max: 2 }]);
    const text = writePublication(r.dataset, r.period);
    expect(text).not.toMatch(/\t\*(\t|$)/m); // no "*" cell left (the notes still explain «*»)
    // Raw counts by design: the recovery's output is the input of protection, never shown.
    const { findings } = importPublication(text, "publikasjon.txt", { acceptRawCounts: true });
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("completes figures the totals do not pin (nearest zero, in sheet order) and says which were assumed", () => {
    const truth = raw();
    const r = recoverRaw(published(truth));
    const byCell = Object.fromEntries(
      r.figures.map((f) => [`${f.rowLabel} / ${f.colLabel}`, [f.value, f.range.min, f.range.max, f.exact]]),
    );
    expect(byCell).toEqual({
      // Only their sums are known: 1–2 each. The first in sheet order takes 1; the rest follow.
      "Tiltak 1.1 / Arbeidssøkere på tiltak": [1, 1, 2, false],
      "Tiltak 1.1 / Nedsatt arbeidsevne, på tiltak": [2, 1, 2, false],
      "Tiltak 1.2 / Arbeidssøkere på tiltak": [2, 1, 2, false],
      "Tiltak 1.2 / Nedsatt arbeidsevne, på tiltak": [1, 1, 2, false],
      // Pinned by its row: 103 − 50 − 50.
      "Tiltak 1.3 / Andre på tiltak": [3, 3, 3, true],
    });
    // One consistent set of raw figures: here the true one, and it imports without a total broken.
    expect(r.dataset).toEqual(truth);
    const { findings } = importPublication(writePublication(r.dataset, r.period), "publikasjon.txt", { acceptRawCounts: true });
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("refuses a period with «:» (the figures behind it are not reported by the audit)", () => {
    const ds = published(raw());
    ds.periods[0]!.tiltak["tiltak-1-3"]![ALL] = HIDDEN;
    expect(() => recoverRaw(ds)).toThrow(/skjult med «:»/);
  });
});
