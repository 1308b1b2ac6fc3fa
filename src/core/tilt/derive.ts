// The figures NAV's time series do not publish, derived only where every part is a number:
// - «I alt» over målgrupper (the ALL column): the sum of the målgrupper;
// - the change from the same month a year earlier (antall and percent, as the 2016 tables had it).
// Anything else is «..» (tallgrunnlag mangler): a sum with a «*» in it would give the «*» away
// together with the parts, and a change from a month no file holds cannot be known.

import { percentChange } from "../percent.js";
import { ALL, NOT_AVAILABLE, type Count, type Figures, type HgKey, type PeriodData } from "../types.js";

/** The sum when every part is a number (an empty cell is 0); «..» otherwise. */
export function sumIfNumbers(parts: readonly Count[]): Count {
  if (parts.length === 0) return null;
  let sum = 0;
  for (const p of parts) {
    if (p === null) continue;
    if (typeof p !== "number") return NOT_AVAILABLE;
    sum += p;
  }
  return parts.every((p) => p === null) ? null : sum;
}

function withAll<T>(rec: Record<HgKey, T>, count: (t: T) => Count, make: (c: Count) => T): void {
  const keys = Object.keys(rec).filter((k) => k !== ALL);
  rec[ALL] = make(sumIfNumbers(keys.map((k) => count(rec[k]!))));
}

/** The change from `before` to `now` where both are numbers; «..» otherwise. */
export function derivedChange(now: Count, before: Count | undefined): Pick<Figures, "endring" | "prosent"> {
  const a = now === null ? 0 : now;
  const b = before === null ? 0 : before;
  if (typeof a !== "number" || typeof b !== "number") return { endring: NOT_AVAILABLE, prosent: NOT_AVAILABLE };
  const endring = a - b;
  return { endring, prosent: percentChange(a, endring) };
}

/** Fills the ALL column and the changes of every time-series period, in place. */
export function deriveFigures(periods: PeriodData[]): void {
  const byPeriod = new Map(periods.map((p) => [p.period, p]));
  for (const p of periods) {
    if (p.source !== "tidsserie") continue;
    withAll(
      p.total,
      (f) => f.antall,
      (antall) => ({ antall, endring: null, prosent: null }),
    );
    for (const rec of Object.values(p.groups))
      withAll(
        rec,
        (f) => f.antall,
        (antall) => ({ antall, endring: null, prosent: null }),
      );
    for (const rec of Object.values(p.tiltak))
      withAll(
        rec,
        (c) => c,
        (c) => c,
      );
  }
  for (const p of periods) {
    if (p.source !== "tidsserie") continue;
    const [y, m] = p.period.split("-");
    const before = byPeriod.get(`${Number(y) - 1}-${m}`);
    const change = (rec: Record<HgKey, Figures>, prev: Record<HgKey, Figures> | undefined) => {
      for (const [hg, f] of Object.entries(rec)) {
        const old = prev?.[hg];
        Object.assign(f, old ? derivedChange(f.antall, old.antall) : { endring: NOT_AVAILABLE, prosent: NOT_AVAILABLE });
      }
    };
    change(p.total, before?.total);
    for (const [g, rec] of Object.entries(p.groups)) change(rec, before?.groups[g]);
  }
}
