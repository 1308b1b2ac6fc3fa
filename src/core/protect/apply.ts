/**
 * Writes the symbols into a period of a raw dataset: "*" for the primary cells (counts 1–3, changes
 * whose last year's count or this year's count is 1–3), ":" for the cells chosen to protect them.
 * A hidden count hides its change and percent with it; a hidden change hides its percent.
 */

import { HIDDEN, SUPPRESSED, type Count, type Dataset, type Figures, type PeriodData } from "../types.js";
import { isSmall } from "../suppression.js";
import type { FactModel } from "./facts.js";

function count(c: Count, hidden: boolean): Count {
  if (typeof c !== "number") return c;
  if (isSmall(c)) return SUPPRESSED;
  return hidden ? HIDDEN : c;
}

function figures(f: Figures, prefix: string, hidden: ReadonlySet<string>): Figures {
  const antall = count(f.antall, hidden.has(`${prefix}|a`));
  if (f.endring === null || typeof f.endring !== "number") return { ...f, antall };
  const a = typeof f.antall === "number" ? f.antall : 0;
  const lastYear = a - f.endring;
  const symbol =
    isSmall(lastYear) || antall === SUPPRESSED ? SUPPRESSED : antall === HIDDEN || hidden.has(`${prefix}|e`) ? HIDDEN : undefined;
  if (!symbol) return { antall, endring: f.endring, prosent: f.prosent };
  return { antall, endring: symbol, prosent: f.prosent === null ? null : symbol };
}

/** The period with every primary cell "*" and every fact in `hidden` ":"; other periods unchanged. */
export function applyProtection(ds: Dataset, model: FactModel, hidden: ReadonlySet<string>): Dataset {
  const p = model.period;
  const out: PeriodData = {
    ...p,
    total: Object.fromEntries(Object.entries(p.total).map(([k, f]) => [k, figures(f, `tot|${k}`, hidden)])),
    groups: Object.fromEntries(
      Object.entries(p.groups).map(([g, rec]) => [
        g,
        Object.fromEntries(Object.entries(rec).map(([k, f]) => [k, figures(f, `g|${g}|${k}`, hidden)])),
      ]),
    ),
    tiltak: Object.fromEntries(
      Object.entries(p.tiltak).map(([t, rec]) => [
        t,
        Object.fromEntries(Object.entries(rec).map(([k, c]) => [k, count(c, hidden.has(`t|${t}|${k}`))])),
      ]),
    ),
  };
  return { ...ds, periods: ds.periods.map((x) => (x.period === p.period ? out : x)) };
}
