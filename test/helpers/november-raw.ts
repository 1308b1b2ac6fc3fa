// NAV's November 2016 publication with its 16 "*" put back: the combined audit pins every one of
// them (and the one suppressed change), so the raw figures are known exactly. The input for proving
// that protection would have kept them hidden.

import { auditPeriod } from "../../src/core/disclosure-audit.js";
import { percentChange } from "../../src/core/dataset.js";
import { buildLayouts } from "../../src/core/layout.js";
import { BUNDLED_DATASET } from "../../src/core/bundled.js";
import type { Count, Dataset, Figures } from "../../src/core/types.js";

export function novemberRaw(): { raw: Dataset; restored: number } {
  const ds: Dataset = structuredClone(BUNDLED_DATASET);
  const p = ds.periods[ds.periods.length - 1]!;
  // Give every "*" a code, find the codes in the sheets: sheet cell → setter.
  const setters = new Map<number, (v: number) => void>();
  const codeFor = (set: (v: number) => void): number => {
    const code = 90_000_000 + setters.size * 10;
    setters.set(code, set);
    return code;
  };
  const probe: Dataset = structuredClone(ds);
  const pp = probe.periods[probe.periods.length - 1]!;
  for (const [t, rec] of Object.entries(pp.tiltak)) {
    for (const k of Object.keys(rec)) if (rec[k] === "*") rec[k] = codeFor((v) => (p.tiltak[t]![k] = v));
  }
  const figs = (probeRec: Record<string, Figures>, realRec: Record<string, Figures>): void => {
    for (const k of Object.keys(probeRec)) {
      const f = probeRec[k]!;
      if (f.antall === "*") f.antall = codeFor((v) => (realRec[k]!.antall = v));
      if (f.endring === "*") f.endring = -codeFor((v) => (realRec[k]!.endring = v));
      if (f.prosent === "*") f.prosent = 0;
    }
  };
  figs(pp.total, p.total);
  for (const g of Object.keys(pp.groups)) figs(pp.groups[g]!, p.groups[g]!);
  const where = new Map<string, number>();
  for (const l of buildLayouts(probe)) {
    l.cells.forEach((row, r) =>
      row.forEach((v, c) => typeof v === "number" && setters.has(Math.abs(v)) && where.set(`${l.name}|${r}|${c}`, Math.abs(v))),
    );
  }
  const audit = auditPeriod(BUNDLED_DATASET, undefined, { mode: "combined" });
  const done = new Set<number>();
  for (const t of audit.tables) {
    for (const c of t.cells) {
      const code = where.get(`${t.table}|${c.row}|${c.col}`);
      if (code === undefined || done.has(code)) continue;
      if (!c.pinned) throw new Error(`${c.rowLabel} / ${c.colLabel} is not recoverable`);
      setters.get(code)!(c.min);
      done.add(code);
    }
  }
  if (done.size !== setters.size) throw new Error(`only ${done.size} of ${setters.size} suppressed figures found`);
  const fixPercent = (f: Figures): void => {
    if (f.prosent === "*") f.prosent = percentChange(typeof f.antall === "number" ? f.antall : 0, f.endring as number);
  };
  Object.values(p.total).forEach(fixPercent);
  Object.values(p.groups).forEach((rec) => Object.values(rec).forEach(fixPercent));
  const left = JSON.stringify(p).includes('"*"');
  if (left) throw new Error("a «*» is left");
  return { raw: ds, restored: done.size };
}

export type { Count };
