// Secondary suppression as a property: random raw publications (a few sizes, many small cells, many
// zeros) are protected, then attacked by the project's own combined audit of the six sheets — the one
// users run with `audit --samlet`, which reads only the published sheets. No «*» may be narrower than
// the widest any protection could give it (found by the same audit on the sheets with every other
// figure hidden), and every «*» narrower than 1–3 is one the result names as published, with a reason.
// And on publications small enough to try every cheaper set, "optimal" is checked by brute force.

import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLayouts, type CellBounds } from "../../src/core/disclosure-audit.js";
import { buildLayouts } from "../../src/core/layout.js";
import { applyProtection } from "../../src/core/protect/apply.js";
import { Checker } from "../../src/core/protect/checker.js";
import { factModel } from "../../src/core/protect/facts.js";
import { publishedName } from "../../src/core/protect/narrowing.js";
import { probeMap } from "../../src/core/protect/probe.js";
import { capacityCut, systemCut } from "../../src/core/protect/cuts.js";
import { better, costOf, shownHidden, MasterRelaxation, type Cut } from "../../src/core/protect/master.js";
import { fractionalCuts } from "../../src/core/protect/separation.js";
import { loadHighs, milpSolver, type Highs } from "../../src/core/protect/milp.js";
import { protect } from "../../src/core/protect/protect.js";
import type { Dataset } from "../../src/core/types.js";
import { makeRawDataset } from "../helpers/raw-dataset.js";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

/** Every "*" count and change cell of the period's sheets, by sheet cell, as the combined audit bounds it. */
function starCells(ds: Dataset, h: Highs): Map<string, CellBounds> {
  const audit = auditLayouts(buildLayouts(ds), { mode: "combined", solve: milpSolver(h) });
  const out = new Map<string, CellBounds>();
  for (const t of audit.tables) {
    expect(t.infeasible).toBeUndefined();
    for (const c of t.cells) if (c.kind !== "percent") out.set(`${t.table}|${c.row}|${c.col}`, c);
  }
  return out;
}

/**
 * What a "*" cell protects, in the sheets with every candidate hidden (`best`): a count's own range,
 * or the last year's count behind a "*" change when it was 1–3 (`lastYear`, the raw figure);
 * undefined for a change that is "*" only because its count is.
 */
function guarded(
  best: CellBounds,
  c: CellBounds,
  lastYear: number,
): { best: { min: number; max: number }; got: { min: number; max: number } } | undefined {
  if (c.kind === "count") return { best, got: c };
  if (best.lastYear && c.lastYear && lastYear >= 1 && lastYear <= 3) return { best: best.lastYear, got: c.lastYear };
  return undefined;
}

const publication = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  groups: fc.integer({ min: 1, max: 3 }),
  tiltakPerGroup: fc.integer({ min: 1, max: 3 }),
  pZero: fc.constantFrom(0, 0.2, 0.4),
  pSmall: fc.constantFrom(0.3, 0.5, 0.7),
});

describe("protect, attacked by the combined audit of the published sheets", () => {
  it("never narrows a «*» beyond what the «*» cells themselves do, and names those as published", async () => {
    await fc.assert(
      fc.asyncProperty(publication, async (o) => {
        const raw = makeRawDataset(o);
        const r = await protect(raw, undefined, highs);
        const model = factModel(raw);
        // The widest any protection can give: every candidate hidden, read by the same audit.
        const everything = new Set(model.facts.filter((f) => f.candidate).map((f) => f.id));
        const best = starCells(applyProtection(raw, model, shownHidden(model, everything)), highs);
        const got = starCells(r.dataset, highs);
        const where = probeMap(raw, model);
        // The "*" stand where the raw figures are small, whatever else is hidden.
        expect([...got.keys()].sort()).toEqual([...best.keys()].sort());
        for (const [k, cell] of got) {
          const g = guarded(best.get(k)!, cell, model.byId.get(where.get(k)!)!.value);
          if (!g) continue;
          const label = `${cell.table}: ${cell.rowLabel} / ${cell.colLabel} (${cell.kind})`;
          // As wide as the best at both ends (only 1–3 is promised at the top).
          expect([label, g.got.min <= g.best.min, g.got.max >= Math.min(g.best.max, 3)]).toEqual([label, true, true]);
          if (cell.kind === "count" && (cell.min > 1 || cell.max < 3)) {
            // Named as published: the figure's tiltak (or group, or «I alt») and hovedgruppe.
            const name = publishedName(raw, model.byId.get(where.get(k)!)!);
            const named = r.inherent.find((n) => n.row === name.row && n.hovedgruppe === cell.hovedgruppe && n.kind === "count");
            expect(named, label).toBeDefined();
            expect([named!.got.min, named!.got.max]).toEqual([cell.min, cell.max]);
          }
        }
        for (const n of r.inherent) expect(`${n.row} ${n.hovedgruppe} ${n.reason}`).not.toMatch(/\|/);
        expect(r.cost.cells).toBeGreaterThanOrEqual(r.lowerBound.cells);
      }),
      { numRuns: 5, seed: 2025, endOnFailure: true },
    );
  }, 300_000);

  it("adds only cuts that every safe set satisfies (capacity, system and root cuts)", async () => {
    // Every set of candidates of a small publication, split into safe and unsafe by the exact attack.
    const raw = makeRawDataset({ seed: 6, groups: 1, tiltakPerGroup: 2 });
    const model = factModel(raw);
    const cands = model.facts.filter((f) => f.candidate).map((f) => f.id);
    expect(cands.length).toBeLessThanOrEqual(16);
    const checker = new Checker(model, highs);
    const safe: Set<string>[] = [];
    const unsafe: Set<string>[] = [];
    for (let mask = 0; mask < 1 << cands.length; mask++) {
      const chosen = new Set(cands.filter((_, i) => mask & (1 << i)));
      // Only sets the master can pick: a hidden count hides its change.
      if ([...model.rowCount].some(([e, a]) => chosen.has(a) && model.byId.get(e)!.candidate && !chosen.has(e))) continue;
      (checker.exposed(shownHidden(model, chosen)).length === 0 ? safe : unsafe).push(chosen);
    }
    expect(safe.length).toBeGreaterThan(0);
    const cuts: Cut[] = [];
    // At unsafe sets spread over the sizes: a cut for every exposure, of both kinds.
    for (const chosen of unsafe.filter((_, i) => i % 97 === 0)) {
      for (const e of checker.exposures(shownHidden(model, chosen))) {
        const capacity = capacityCut(model, highs, chosen, e.id, e.sign, e.need);
        if (capacity) cuts.push(capacity);
        cuts.push(systemCut(model, chosen, e.id));
      }
    }
    // At the master's fractional optimum, as the root rounds do.
    const relaxation = new MasterRelaxation(highs, model, checker.pinned());
    cuts.push(...fractionalCuts(highs, model, relaxation.solve(), checker.demands()));
    relaxation.dispose();
    expect(cuts.filter((c) => c.kind === "capacity").length).toBeGreaterThan(5);
    expect(cuts.filter((c) => c.kind === "system").length).toBeGreaterThan(5);
    const violated: string[] = [];
    for (const cut of cuts)
      for (const s of safe)
        if (cut.terms.reduce((sum, t) => sum + (s.has(t.id) ? t.coef : 0), 0) < cut.rhs - 1e-9)
          violated.push(`${cut.kind}: ${[...s].join(", ")}`);
    expect(violated).toEqual([]);
  }, 300_000);

  it("is optimal where it says so: no cheaper set of hidden cells passes the exact attack", async () => {
    // Safety only grows as more is hidden (every hidden figure widens what a reader must allow), but
    // every set is tried anyway: two small publications of 15 candidates each.
    for (const seed of [5, 6]) {
      const raw = makeRawDataset({ seed, groups: 1, tiltakPerGroup: 2 });
      const r = await protect(raw, undefined, highs);
      expect(r.optimal).toBe(true);
      expect(r.lowerBound).toEqual(r.cost);
      const model = factModel(raw);
      const cands = model.facts.filter((f) => f.candidate).map((f) => f.id);
      expect(cands.length).toBeLessThanOrEqual(16);
      const checker = new Checker(model, highs);
      const cheaperSafe: string[][] = [];
      for (let mask = 0; mask < 1 << cands.length; mask++) {
        const hidden = shownHidden(model, new Set(cands.filter((_, i) => mask & (1 << i))));
        if (better(costOf(model, hidden), r.cost) && checker.exposed(hidden).length === 0) cheaperSafe.push([...hidden]);
      }
      expect(cheaperSafe).toEqual([]);
    }
  }, 300_000);
});
