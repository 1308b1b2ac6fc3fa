// Generates a raw (unsuppressed) dataset: exact counts, many of them 1–3, with totals that add up.
// Used to prove that no way out shows a 1, 2 or 3, and to scale the dataset for block-count tests.

import { ALL, type Count, type Dataset, type Figures, type HgKey, type PeriodData, type Tiltak } from "../../src/core/types.js";
import { percentChange } from "../../src/core/dataset.js";

/** Small deterministic PRNG (mulberry32), so failures reproduce. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RawOptions {
  seed?: number;
  groups?: number;
  tiltakPerGroup?: number;
  periods?: string[];
  /** Share of counts that are 0 (an empty cell); default 0.2. */
  pZero?: number;
  /** Share of counts that are 1–3; default 0.4. */
  pSmall?: number;
}

export function makeRawDataset(opts: RawOptions = {}): Dataset {
  const rand = rng(opts.seed ?? 1);
  const nGroups = opts.groups ?? 4;
  const perGroup = opts.tiltakPerGroup ?? 4;
  const periods = opts.periods ?? ["2016-11"];
  const hovedgrupper = [
    { id: "arbeidssokere", name: "Arbeidssøkere på tiltak", short: "Arbeidssøkere" },
    { id: "nedsatt-arbeidsevne", name: "Nedsatt arbeidsevne, på tiltak", short: "Nedsatt arbeidsevne" },
    { id: "andre", name: "Andre på tiltak", short: "Andre" },
  ];
  const tiltaksgrupper = Array.from({ length: nGroups }, (_, g) => ({ id: `gruppe-${g + 1}`, name: `Gruppe ${g + 1}` }));
  const tiltak: Tiltak[] = tiltaksgrupper.flatMap((g, gi) =>
    Array.from({ length: perGroup }, (_, t) => ({ id: `tiltak-${gi + 1}-${t + 1}`, name: `Tiltak ${gi + 1}.${t + 1}`, group: g.id })),
  );
  // Small counts are common on purpose: they are what must never leak.
  const pZero = opts.pZero ?? 0.2;
  const pSmall = opts.pSmall ?? 0.4;
  const count = (): number => {
    const r = rand();
    if (r < pZero) return 0;
    if (r < pZero + pSmall) return 1 + Math.floor(rand() * 3);
    return 4 + Math.floor(rand() * 500);
  };
  const keys: HgKey[] = [ALL, ...hovedgrupper.map((h) => h.id)];
  const figures = (antall: number, lastYear: number): Figures => {
    const endring = antall - lastYear;
    return { antall: antall || null, endring: antall || lastYear ? endring : null, prosent: percentChange(antall, endring) };
  };
  const data: PeriodData[] = periods.map((period) => {
    const tiltakCounts: Record<string, Record<HgKey, Count>> = {};
    const groupNow: Record<string, Record<HgKey, number>> = {};
    const groupLast: Record<string, Record<HgKey, number>> = {};
    for (const g of tiltaksgrupper) {
      groupNow[g.id] = Object.fromEntries(keys.map((k) => [k, 0]));
      groupLast[g.id] = Object.fromEntries(keys.map((k) => [k, 0]));
    }
    for (const t of tiltak) {
      const rec: Record<HgKey, Count> = {};
      let sum = 0;
      for (const h of hovedgrupper) {
        const n = count();
        rec[h.id] = n || null;
        sum += n;
        groupNow[t.group]![h.id]! += n;
        groupLast[t.group]![h.id]! += count();
      }
      rec[ALL] = sum || null;
      tiltakCounts[t.id] = rec;
    }
    const groups: Record<string, Record<HgKey, Figures>> = {};
    const total: Record<HgKey, Figures> = {};
    const totalNow: Record<HgKey, number> = Object.fromEntries(keys.map((k) => [k, 0]));
    const totalLast: Record<HgKey, number> = Object.fromEntries(keys.map((k) => [k, 0]));
    for (const g of tiltaksgrupper) {
      const now = groupNow[g.id]!;
      const last = groupLast[g.id]!;
      now[ALL] = hovedgrupper.reduce((s, h) => s + now[h.id]!, 0);
      last[ALL] = hovedgrupper.reduce((s, h) => s + last[h.id]!, 0);
      groups[g.id] = Object.fromEntries(keys.map((k) => [k, figures(now[k]!, last[k]!)]));
      for (const k of keys) {
        totalNow[k]! += now[k]!;
        totalLast[k]! += last[k]!;
      }
    }
    for (const k of keys) total[k] = figures(totalNow[k]!, totalLast[k]!);
    const [y, m] = period.split("-");
    return { period, label: `Måned ${m} ${y}`, total, groups, tiltak: tiltakCounts };
  });
  return {
    title: "Deltakere i arbeidsrettede tiltak. Tiltak. En måned",
    notes: [
      "I henhold til Statistikklovens § 2-6 har NAV valgt å erstatte verdier i celler hvor tallene er mindre enn 4 med spesialtegn «*».",
      "Dette for å sikre at verdiene ikke kan føres tilbake til identifiserbare enkeltpersoner.",
    ],
    hovedgrupper,
    crossOrder: ["andre", "arbeidssokere", "nedsatt-arbeidsevne"],
    tiltaksgrupper,
    tiltak,
    periods: data,
  };
}
