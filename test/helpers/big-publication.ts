// A large but consistent publication, for the «Bruk egen fil» benchmark: the bundled month with its
// tiltaksgrupper and tiltak copied `factor` times (copy k named «<name> k+1»), each copy with the
// same figures and the totals multiplied, so every sum and percentage still holds.

import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import { writePublication } from "../../src/core/publication-text.js";
import type { Dataset, Figures } from "../../src/core/types.js";

export function copiedDataset(factor: number, ds: Dataset = BUNDLED_DATASET): Dataset {
  const ks = [...Array(factor).keys()];
  const id = (x: string, k: number) => (k === 0 ? x : `${x}-${k}`);
  const copy = <T extends { id: string; name: string }>(x: T, k: number): T =>
    k === 0 ? x : { ...x, id: id(x.id, k), name: `${x.name} ${k + 1}` };
  const times = (f: Figures): Figures => ({
    antall: (f.antall as number) * factor,
    endring: (f.endring as number) * factor,
    prosent: f.prosent,
  });
  const copies = <V>(rec: Record<string, V>) =>
    Object.fromEntries(ks.flatMap((k) => Object.entries(rec).map(([key, v]) => [id(key, k), v])));
  return {
    ...ds,
    tiltaksgrupper: ks.flatMap((k) => ds.tiltaksgrupper.map((g) => copy(g, k))),
    tiltak: ks.flatMap((k) => ds.tiltak.map((t) => ({ ...copy(t, k), group: id(t.group, k) }))),
    periods: ds.periods.map((p) => ({
      ...p,
      total: Object.fromEntries(Object.entries(p.total).map(([hg, f]) => [hg, times(f)])),
      groups: copies(p.groups),
      tiltak: copies(p.tiltak),
    })),
  };
}

/** The publication text with enough copies to be at least `bytes` long (UTF-8). */
export function bigPublication(bytes: number): Uint8Array {
  const period = BUNDLED_DATASET.periods.at(-1)!.period;
  const size = (factor: number) => new TextEncoder().encode(writePublication(copiedDataset(factor), period)).length;
  // The notes and headers are written once; each copy adds about the same after them.
  const [one, two] = [size(1), size(2)];
  return new TextEncoder().encode(writePublication(copiedDataset(1 + Math.ceil((bytes - one) / (two - one))), period));
}
