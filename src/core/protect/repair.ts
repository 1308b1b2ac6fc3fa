/**
 * The fallback when the time limit stops the exact search: from the last set the master chose, hide a
 * cheap candidate next to each exposed figure until the exact check is clean, then drop every hidden
 * cell (largest first) whose removal keeps it clean. Its result is safe, not proven optimal: the
 * report shows its cost beside the proven lower bound.
 */

import { InternalError } from "../errors.js";
import type { Checker } from "./checker.js";
import type { FactSystem } from "./facts.js";
import { shownHidden } from "./master.js";

/** The relations a fact is in, as the facts that hiding could loosen them by (a range's average too). */
function sumsOf(model: FactSystem, id: string): string[][] {
  const ranges = model.ranges.filter((r) => r.ids.includes(id)).map((r) => (r.guard ? [...r.ids, r.guard] : r.ids));
  return [...model.sums.filter((s) => s.includes(id)), ...ranges];
}

export function repair(model: FactSystem, checker: Checker, start: ReadonlySet<string>): Set<string> {
  const chosen = new Set(start);
  let exposedIds = checker.exposed(shownHidden(model, chosen));
  for (let round = 0; exposedIds.length > 0; round++) {
    if (round > model.facts.length) throw new InternalError("protection-failed", "Skjermingen kom ikke fram til en trygg prikking.");
    let added = 0;
    for (const id of exposedIds) {
      const options = sumsOf(model, id)
        .flat()
        .map((d) => model.byId.get(d)!)
        .filter((f) => f.candidate && !chosen.has(f.id))
        .sort((a, b) => a.value - b.value || a.id.localeCompare(b.id));
      if (options[0]) {
        chosen.add(options[0].id);
        added++;
      }
    }
    if (added === 0) {
      // Nothing beside them left to hide: widen to the cheapest candidate anywhere.
      const any = model.facts.filter((f) => f.candidate && !chosen.has(f.id)).sort((a, b) => a.value - b.value)[0];
      if (!any) throw new InternalError("protection-failed", "Skjermingen kom ikke fram til en trygg prikking.");
      chosen.add(any.id);
    }
    exposedIds = checker.exposed(shownHidden(model, chosen));
  }
  // Drop what is not needed, largest first.
  for (const id of [...chosen].sort((a, b) => model.byId.get(b)!.value - model.byId.get(a)!.value)) {
    chosen.delete(id);
    if (checker.exposed(shownHidden(model, chosen)).length > 0) chosen.add(id);
  }
  return chosen;
}
