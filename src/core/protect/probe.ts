/**
 * Where each fact appears in the add-in's sheets: the layouts are built from a copy of the period in
 * which every figure is replaced by a code that names it (large enough that no rule hides it), and
 * each code found in a sheet cell names the fact shown there. So the audit's findings, which are
 * sheet cells, map back to facts without restating the layout rules here.
 */

import { buildLayouts } from "../layout.js";
import type { Count, Dataset, Figures, PeriodData } from "../types.js";
import type { FactModel } from "./facts.js";

const BASE = 10_000_000;
const STEP = 10;

/** "sheet name|row|col" → fact id, for every cell of the period's sheets that shows a fact. */
export function probeMap(ds: Dataset, model: FactModel): Map<string, string> {
  const ids = model.facts.map((f) => f.id);
  const code = new Map(ids.map((id, i) => [id, BASE + i * STEP]));
  const countCode = (c: Count, id: string): Count => (c === null ? null : code.get(id)!);
  const fig = (f: Figures, prefix: string): Figures => ({
    antall: countCode(f.antall, `${prefix}|a`),
    // A negative change keeps last year's count (antall − endring) large, so no "*" appears.
    endring: f.endring === null ? null : -code.get(`${prefix}|e`)!,
    prosent: f.prosent === null ? null : 0,
  });
  const p = model.period;
  const probe: PeriodData = {
    ...p,
    total: Object.fromEntries(Object.entries(p.total).map(([k, f]) => [k, fig(f, `tot|${k}`)])),
    groups: Object.fromEntries(
      Object.entries(p.groups).map(([g, rec]) => [g, Object.fromEntries(Object.entries(rec).map(([k, f]) => [k, fig(f, `g|${g}|${k}`)]))]),
    ),
    tiltak: Object.fromEntries(
      Object.entries(p.tiltak).map(([t, rec]) => [
        t,
        Object.fromEntries(Object.entries(rec).map(([k, c]) => [k, countCode(c, `t|${t}|${k}`)])),
      ]),
    ),
  };
  const probeDs: Dataset = { ...ds, periods: ds.periods.map((x) => (x.period === p.period ? probe : x)) };
  const out = new Map<string, string>();
  for (const l of buildLayouts(probeDs, p.period)) {
    l.cells.forEach((row, r) =>
      row.forEach((v, c) => {
        if (typeof v !== "number") return;
        const n = Math.abs(v);
        if (n < BASE || (n - BASE) % STEP !== 0) return;
        const id = ids[(n - BASE) / STEP];
        if (id) out.set(`${l.name}|${r}|${c}`, id);
      }),
    );
  }
  return out;
}
