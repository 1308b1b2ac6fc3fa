// The one interval type of the core: a closed interval [lo, hi] of integers (±Infinity for an open
// end). Figures read as intervals ("*" is 1..3), solver variables and the bounds the audits compute
// all use it.
//
// Results handed to readers (the audit's CellBounds, the solver's VariableBounds, protection's
// ranges) report the same thing as `min`/`max` fields, the names the CLI's JSON, the task pane and
// the tests read; `bounds()` and `fromBounds()` convert at that edge only.

export interface Interval {
  lo: number;
  hi: number;
}

/** An interval as a result reports it: its smallest and largest value. */
export interface Bounds {
  min: number;
  max: number;
}

export const interval = (lo: number, hi: number): Interval => ({ lo, hi });

/** The interval holding one value. */
export const point = (v: number): Interval => ({ lo: v, hi: v });

/** The interval holding every value: nothing is known. */
export const anything = (): Interval => ({ lo: -Infinity, hi: Infinity });

/** Interval sum: every total the parts can reach. */
export function sumOf(parts: readonly Interval[]): Interval {
  return parts.reduce<Interval>((a, b) => ({ lo: a.lo + b.lo, hi: a.hi + b.hi }), point(0));
}

export const overlaps = (a: Interval, b: Interval): boolean => a.lo <= b.hi && b.lo <= a.hi;

/** Only one value is possible. */
export const isPoint = (a: Interval): boolean => a.lo === a.hi;

/** `a` is narrower than `b` at either end. */
export const narrower = (a: Interval, b: Interval): boolean => a.lo > b.lo || a.hi < b.hi;

export const bounds = (a: Interval): Bounds => ({ min: a.lo, max: a.hi });
export const fromBounds = (b: Bounds): Interval => ({ lo: b.min, hi: b.max });
