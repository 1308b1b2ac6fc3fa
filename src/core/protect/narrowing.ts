/**
 * The "*" that no protection can keep at 1–3, because the "*" cells narrow one another: a sum whose
 * every non-empty figure is "*" (a tiltak's «I alt» of 2 with two parts of 1) tells a reader the sum
 * is at least the number of its "*" parts, and each part at most the sum less the others. Hiding more
 * cells cannot help: the target range (everything else hidden) is already narrower than 1–3.
 *
 * Each is named as published — tiltak (or tiltaksgruppe, or «I alt») and hovedgruppe — with the
 * other "*" that narrow it, so every way out (the CLI's report, the pane) prints the same words and
 * never an internal key.
 */

import { type Bounds } from "../interval.js";
import { ALL, type Dataset, type HgKey } from "../types.js";
import type { Fact, FactModel } from "./facts.js";

export interface InherentNarrowing {
  /** The row as published: a tiltak's, a tiltaksgruppe's name, or «I alt». */
  row: string;
  /** The column as published: a hovedgruppe's name, or «I alt». */
  hovedgruppe: string;
  kind: Fact["kind"];
  /** Its range in the protected publication, and the widest any protection can give. */
  got: Bounds;
  best: Bounds;
  /** Why, in Norwegian, naming the other "*" in the sums that narrow it. */
  reason: string;
}

/** A fact's row and column as the publication names them. */
export function publishedName(ds: Dataset, f: Fact): { row: string; hovedgruppe: string } {
  const hg = (k: HgKey): string => (k === ALL ? "I alt" : (ds.hovedgrupper.find((h) => h.id === k)?.name ?? k));
  const { level, id } = f.ref!;
  const row =
    level === "tiltak"
      ? (ds.tiltak.find((t) => t.id === id)?.name ?? id)
      : level === "group"
        ? (ds.tiltaksgrupper.find((g) => g.id === id)?.name ?? id)
        : "I alt";
  return { row, hovedgruppe: hg(f.ref!.hg) };
}

export const nameText = (n: { row: string; hovedgruppe: string }, kind: Fact["kind"] = "count"): string =>
  `${n.row} / ${n.hovedgruppe}${kind === "change" ? " (endring fra i fjor)" : ""}`;

/** The narrowed "*" of a protection result (ranges by fact id), in the fact model's order. */
export function inherentNarrowings(
  ds: Dataset,
  model: FactModel,
  ranges: ReadonlyMap<string, { got: Bounds; best: Bounds }>,
): InherentNarrowing[] {
  const out: InherentNarrowing[] = [];
  for (const f of model.facts) {
    const r = ranges.get(f.id);
    if (!r || (r.best.min <= 1 && r.best.max >= 3)) continue;
    // The sums in which every other non-empty figure is "*" too: those pin it whatever is hidden.
    const partners = new Set<string>();
    for (const sum of model.sums) {
      if (!sum.includes(f.id)) continue;
      const others = sum.filter((id) => id !== f.id && model.byId.get(id)!.value !== 0);
      if (others.length > 0 && others.every((id) => model.byId.get(id)!.primary)) others.forEach((id) => partners.add(id));
    }
    const names = [...partners].map((id) => `«${nameText(publishedName(ds, model.byId.get(id)!), model.byId.get(id)!.kind)}»`);
    const reason =
      names.length > 0
        ? `den summerer seg med ${names.join(", ")}, som også er «*», så de avgrenser hverandre uansett hva som skjules`
        : "«*»-cellene den summerer seg med avgrenser den uansett hva som skjules";
    out.push({ ...publishedName(ds, f), kind: f.kind, got: r.got, best: r.best, reason });
  }
  return out;
}
