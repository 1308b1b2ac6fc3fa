/**
 * The independent check of a result: the combined exact audit of the six sheets the add-in shows for
 * the protected period — the same audit users run (`audit --samlet`, the pane's Prikkekontroll). It
 * reads only the published sheets, not the fact model or the cuts the search used. Per primary figure,
 * the widest range over its appearances (the same figure in several tables is one unknown there:
 * same bounds).
 */

import { auditLayouts, type CellBounds, type DisclosureAudit } from "../disclosure-audit.js";
import { InternalError } from "../errors.js";
import { fromBounds, interval, type Interval } from "../interval.js";
import { buildLayouts } from "../layout.js";
import type { Dataset } from "../types.js";
import { applyProtection } from "./apply.js";
import type { FactModel } from "./facts.js";
import { milpSolver, type Highs } from "./milp.js";
import { probeMap } from "./probe.js";

/**
 * What the exact audit says a "*" cell reveals: a count's range, or a change's range of last year's
 * count (the figure it protects). Undefined for a change beside a "*" count whose last year's count
 * cannot be 1–3 (it is "*" only because of the count).
 */
function protectedRange(c: CellBounds): Interval | undefined {
  if (c.kind === "count") return fromBounds(c);
  if (c.kind === "change" && c.lastYear) return fromBounds(c.lastYear);
  return undefined;
}

export function sheetCheck(
  ds: Dataset,
  model: FactModel,
  highs: Highs,
  hidden: ReadonlySet<string>,
): { audit: DisclosureAudit; ranges: Map<string, Interval> } {
  const where = probeMap(ds, model);
  const protectedDs = applyProtection(ds, model, hidden);
  const audit = auditLayouts(buildLayouts(protectedDs, model.period.period), { mode: "combined", solve: milpSolver(highs), standInCap: 0 });
  const ranges = new Map<string, Interval>();
  for (const t of audit.tables) {
    if (t.infeasible) throw new InternalError("protection-failed", `Skjermingen ga tabeller som ikke går opp: ${t.infeasible.message}`);
    for (const c of t.cells) {
      const id = where.get(`${t.table}|${c.row}|${c.col}`);
      const r = protectedRange(c);
      if (!id || !r) continue;
      const known = ranges.get(id);
      ranges.set(id, known ? interval(Math.min(known.lo, r.lo), Math.max(known.hi, r.hi)) : r);
    }
  }
  return { audit, ranges };
}
