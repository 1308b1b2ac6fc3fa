// The combined audit: what links the tables of one period, so a figure worked out in one table is
// known in all of them.

import { ALL_KEY, label, type Model } from "./model.js";
import { normalizeName } from "../text.js";

/** Combined mode: the same figure in several tables is one value; changes add up over hovedgrupper. */
export function addLinks(model: Model): void {
  for (const refs of model.facts.values()) {
    const [first, ...rest] = refs;
    for (const other of rest) {
      model.add(
        [
          { op: other.operand, sign: 1 },
          { op: first!.operand, sign: -1 },
        ],
        0,
        0,
        `${other.where} er samme tall som ${first!.where}`,
      );
    }
  }
  // Hovedgrupper as the per-hovedgruppe sheet lists them; a group missing from a sub-table has none.
  const perHg = model.layouts.find((l) => l.key === "tiltaksgrupper-per-hovedgruppe");
  if (!perHg) return;
  const hgs = perHg.blocks
    .map((b) => (b.subtitleRow === undefined ? undefined : normalizeName(label(perHg.cells[b.subtitleRow]?.[0]))))
    .filter((h): h is string => h !== undefined);
  if (hgs.length === 0) return;
  for (const [key, refs] of model.facts) {
    const [measure, entity, hg] = key.split("|") as [string, string, string];
    if (hg !== ALL_KEY || entity.startsWith("t:")) continue;
    const parts = hgs.map((h) => model.facts.get(`${measure}|${entity}|${h}`)?.[0]?.operand ?? { value: 0 });
    const what = measure === "endring" ? "endringene" : "antallene";
    model.sum(refs[0]!.operand, parts, `${refs[0]!.where} er summen av ${what} per hovedgruppe i «${perHg.name}»`);
  }
}
