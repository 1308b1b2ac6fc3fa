/**
 * The attacker the search runs against: the exact integer bounds on the fact model (attack.ts), a few
 * small programs per check. The target for each primary figure is its range with every other
 * non-empty figure hidden — the most any choice can achieve. Usually that is the full 1–3, but where
 * "*" cells add up among themselves it is less (a total of two "*" is at least 2 whatever else is
 * hidden); a figure is exposed when it is bounded more narrowly than its target.
 */

import { interval, narrower, type Interval } from "../interval.js";
import { SUPPRESS_MAX } from "../suppression.js";
import { domain, FactAttacker, sensitive } from "./attack.js";
import type { FactSystem } from "./facts.js";
import { shownHidden } from "./master.js";
import type { Highs } from "./milp.js";

/** What must be reachable for a figure: its target, but never more than 1–3 is promised. */
export function goalOf(target: Interval): Interval {
  // Last year's count behind a "*" change beside a "*" count may run far above 3, and how far depends
  // on the cap each attacker assumes for figures nothing bounds: only 1–3 is promised.
  return interval(target.lo, Math.min(target.hi, SUPPRESS_MAX));
}

/** The primary figures a set exposes: those whose range is narrower than their goal. */
export function exposedOf(ranges: ReadonlyMap<string, Interval>, target: ReadonlyMap<string, Interval>): string[] {
  return [...ranges]
    .filter(([id, r]) => {
      const t = target.get(id);
      return t !== undefined && narrower(r, goalOf(t));
    })
    .map(([id]) => id);
}

/** One way a figure is exposed: it cannot reach its goal going up (+1) or down (−1); `need` is how far from its raw value it must. */
export interface Exposure {
  id: string;
  sign: 1 | -1;
  need: number;
}

export class Checker {
  private readonly attacker: FactAttacker;
  /** What the attacker must leave each figure: the widest it can (every other figure hidden). */
  private readonly own: Map<string, Interval>;
  /**
   * Where a hidden figure may be 0 or at least 4 (the time series), a reader who takes «:» for any
   * count is checked too, for the figures that reader's widest range is wider for (the series audit's
   * reader: a promise to it must hold as well).
   */
  private readonly loose?: { attacker: FactAttacker; target: Map<string, Interval> };
  /** The promise per protected figure: the wider of the two readers' widest ranges. */
  readonly target: Map<string, Interval>;
  /** Checks run, for the report. */
  runs = 0;
  constructor(
    private readonly model: FactSystem,
    highs: Highs,
  ) {
    this.attacker = new FactAttacker(model, highs);
    const all = new Set(model.facts.filter((f) => f.candidate).map((f) => f.id));
    // Only 1–3 is promised, so the target need not be pushed past 3: whether it reaches 3 is enough.
    const promised = new Map(sensitive(model).map((f) => [f.id, goalOf(domain(model, f))]));
    this.own = this.attacker.ranges(shownHidden(model, all), promised);
    this.target = new Map(this.own);
    if (!model.facts.some((f) => f.hole && f.candidate)) return;
    const loose = new FactAttacker(model, highs, { holes: false }).ranges(shownHidden(model, all), promised);
    const wider = new Map([...loose].filter(([id, t]) => narrower(goalOf(this.own.get(id)!), goalOf(t))));
    if (wider.size === 0) return;
    for (const [id, t] of wider) this.target.set(id, t);
    this.loose = { attacker: new FactAttacker(model, highs, { holes: false, only: new Set(wider.keys()) }), target: wider };
  }

  /** Each reader's ranges against its own target. */
  private readings(hidden: ReadonlySet<string>): { ranges: Map<string, Interval>; target: ReadonlyMap<string, Interval> }[] {
    const out = [{ ranges: this.attacker.ranges(hidden, this.own), target: this.own }];
    if (this.loose) out.push({ ranges: this.loose.attacker.ranges(hidden, this.loose.target), target: this.loose.target });
    return out;
  }

  exposed(hidden: ReadonlySet<string>): string[] {
    this.runs++;
    return [...new Set(this.readings(hidden).flatMap((r) => exposedOf(r.ranges, r.target)))];
  }

  /** The protected figures that even the best protection leaves at one value ("*" that fix one another). */
  pinned(): Set<string> {
    return new Set(
      [...this.target]
        .filter(([, t]) => {
          const g = goalOf(t);
          return g.lo >= g.hi;
        })
        .map(([id]) => id),
    );
  }

  /** What every protected figure needs, per direction: the demands a safe set must meet. */
  demands(): Exposure[] {
    const out: Exposure[] = [];
    for (const [id, t] of this.target) {
      const goal = goalOf(t);
      const raw = this.model.byId.get(id)!.value;
      if (goal.hi > raw) out.push({ id, sign: 1, need: goal.hi - raw });
      if (goal.lo < raw) out.push({ id, sign: -1, need: raw - goal.lo });
    }
    return out;
  }

  /** Every exposure of a set, per figure and direction. */
  exposures(hidden: ReadonlySet<string>): Exposure[] {
    this.runs++;
    const out: Exposure[] = [];
    for (const { ranges, target } of this.readings(hidden))
      for (const [id, r] of ranges) {
        const t = target.get(id);
        if (!t) continue;
        const goal = goalOf(t);
        const raw = this.model.byId.get(id)!.value;
        if (r.hi < goal.hi) out.push({ id, sign: 1, need: goal.hi - raw });
        if (r.lo > goal.lo) out.push({ id, sign: -1, need: raw - goal.lo });
      }
    return out;
  }
}
