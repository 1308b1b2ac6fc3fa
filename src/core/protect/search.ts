/**
 * The exact search of secondary suppression on a fact system (facts.ts): the cutting-plane loop that
 * protect.ts (the text publication) and tilt/protect-series.ts (the time series) share. See
 * protect.ts for the method; this file holds its steps 0–4.
 */

import { Checker } from "./checker.js";
import { capacityCut, systemCut } from "./cuts.js";
import type { FactSystem } from "./facts.js";
import { better, MasterRelaxation, shownHidden, solveMaster, type Cost, type Cut } from "./master.js";
import type { Highs } from "./milp.js";
import { repair } from "./repair.js";
import { fractionalCuts } from "./separation.js";

/** Time for the exact search, in milliseconds, unless the caller says otherwise. */
export const DEFAULT_TIME_LIMIT_MS = 10_000;

/** What the search did, for the report. */
export interface SearchStats {
  rootRounds: number;
  rounds: number;
  capacityCuts: number;
  systemCuts: number;
  /** The time limit stopped it before it proved its optimum, and the best set was repaired. */
  stoppedEarly: boolean;
  ms: number;
}

export interface SearchOutcome {
  chosen: Set<string>;
  lowerBound: Cost;
  proven: boolean;
  search: SearchStats;
}

/**
 * Rounds of capacity cuts at the master's fractional optimum before the first integer program (the
 * classic root cutting-plane loop): cheap linear programs that make each integer master far closer to
 * the final one, so fewer integer programs are solved.
 */
const ROOT_ROUNDS = 30;

/** Adds a cut unless the same one is already in. */
class CutPool {
  readonly cuts: Cut[] = [];
  private readonly seen = new Set<string>();
  capacity = 0;
  system = 0;
  add(cut: Cut): boolean {
    const key = JSON.stringify(cut);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.cuts.push(cut);
    if (cut.kind === "capacity") this.capacity++;
    else this.system++;
    return true;
  }
}

/**
 * The root rounds, over one persistent relaxation of the master: run before the first integer
 * program, and again after each round of integer cuts (which the relaxation takes in as rows first).
 */
class RootSeparator {
  private readonly relaxation: MasterRelaxation;
  private readonly demands: ReturnType<Checker["demands"]>;
  /** Cuts of the pool already rows of the relaxation. */
  private synced = 0;
  rounds = 0;
  constructor(
    private readonly highs: Highs,
    private readonly model: FactSystem,
    checker: Checker,
  ) {
    this.relaxation = new MasterRelaxation(highs, model, checker.pinned());
    this.demands = checker.demands();
  }

  run(pool: CutPool, deadline: number): void {
    for (let round = 0; round < ROOT_ROUNDS && performance.now() < deadline; round++) {
      this.relaxation.add(pool.cuts.slice(this.synced));
      this.synced = pool.cuts.length;
      this.rounds++;
      const added = fractionalCuts(this.highs, this.model, this.relaxation.solve(), this.demands).filter((cut) => pool.add(cut));
      if (added.length === 0) return;
    }
  }

  dispose(): void {
    this.relaxation.dispose();
  }
}

/** Steps 1–4: the cutting-plane loop, and the repair if the time runs out. */
export function search(highs: Highs, model: FactSystem, checker: Checker, timeLimitMs: number): SearchOutcome {
  const start = performance.now();
  const pool = new CutPool();
  let lowerBound: Cost = { cells: 0, sum: 0 };
  const stats = { rootRounds: 0, rounds: 0, capacityCuts: 0, systemCuts: 0, stoppedEarly: false, ms: 0 };
  const root = new RootSeparator(highs, model, checker);
  // Bounded by rounds, not by the clock, so that the same input gives the same result on a busy
  // machine; the time limit only guards against publications far larger than NAV's.
  root.run(pool, start + timeLimitMs);
  const done = (chosen: Set<string>, proven: boolean): SearchOutcome => {
    root.dispose();
    stats.rootRounds = root.rounds;
    stats.ms = Math.round(performance.now() - start);
    stats.capacityCuts = pool.capacity;
    stats.systemCuts = pool.system;
    return { chosen, lowerBound, proven, search: stats };
  };
  for (;;) {
    const left = (timeLimitMs - (performance.now() - start)) / 1000;
    stats.rounds++;
    const m = solveMaster(highs, model, pool.cuts, checker.pinned(), left);
    if (better(lowerBound, m.bound)) lowerBound = m.bound;
    if (!m.chosen) {
      stats.stoppedEarly = true;
      return done(repair(model, checker, new Set()), false);
    }
    const exposures = checker.exposures(shownHidden(model, m.chosen));
    if (exposures.length === 0) return done(m.chosen, m.optimal);
    if (!m.optimal || performance.now() - start > timeLimitMs) {
      stats.stoppedEarly = true;
      return done(repair(model, checker, m.chosen), false);
    }
    let added = 0;
    for (const e of exposures)
      if (pool.add(capacityCut(model, highs, m.chosen, e.id, e.sign, e.need) ?? systemCut(model, m.chosen, e.id))) added++;
    // Every cut is violated by the set it came from, so it is new; should none be, stop rather than loop.
    if (added === 0) {
      stats.stoppedEarly = true;
      return done(repair(model, checker, m.chosen), false);
    }
    root.run(pool, start + timeLimitMs);
  }
}
