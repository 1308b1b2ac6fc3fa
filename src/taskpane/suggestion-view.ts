// «Forslag til sikker prikking» in "Prikkekontroll": which further cells of the bundled publication
// NAV would have had to hide so that no "*" could be worked out. Computed at build time
// (core/protect/suggestion.ts, src/build/generate-suggestion.ts); this part of the Prikkekontroll
// chunk only reads the generated JSON, so the solver never reaches the pane.

import suggestionFile from "../generated/suggestion.json";
import type { SafeSuppressionSuggestion, SuggestedCell } from "../core/protect/suggestion.js";
import { formatInteger } from "../core/text.js";
import { HIDDEN } from "../core/types.js";
import { columnLetters } from "@nav-tiltak/a1";
import { append, h } from "./dom.js";

/** What the view shows: the suggestion without the figures' ids, and how many "*" are given away. */
export type PaneSuggestion = Omit<SafeSuppressionSuggestion, "secondary" | "givenAway"> & { givenAway: number };

// Each field read by name: webpack then leaves the JSON's other fields (the figures' ids, the list
// of given-away cells, the cache key) out of the chunk, which has a size budget.
export const BUNDLED_SUGGESTION: PaneSuggestion = {
  period: suggestionFile.period,
  periodLabel: suggestionFile.periodLabel,
  recovered: suggestionFile.recovered,
  cells: suggestionFile.cells as SuggestedCell[],
  cost: suggestionFile.cost,
  lowerBound: suggestionFile.lowerBound,
  optimal: suggestionFile.optimal,
  givenAway: suggestionFile.givenAway.length,
};

// ---------------------------------------------------------------------------------------------
// Texts (pure, tested in Node)

const plural = (n: number, one: string, many: string): string => `${formatInteger(n)} ${n === 1 ? one : many}`;

/** "NAV måtte ha skjult 27 tall til …", with the lower bound (or that it is the fewest possible). */
export function suggestionSummary(s: PaneSuggestion): string {
  if (s.cells.length === 0) return `Ingen flere celler måtte skjules i ${s.periodLabel}: ingen «*» kan regnes ut av summene.`;
  const lead = `NAV måtte ha skjult ${plural(s.cost.cells, "tall", "tall")} til (${plural(s.cells.length, "celle", "celler")} i arkene).`;
  const bound = s.optimal
    ? " Det er det færreste mulige."
    : ` Ingen trygg prikking klarer seg med færre enn ${plural(s.lowerBound.cells, "tall", "tall")} (nedre grense).`;
  return lead + bound;
}

/** How many of today's "*" the published totals give away, read together. */
export function givenAwayText(s: PaneSuggestion): string {
  const all = s.recovered.exact + s.recovered.assumed;
  if (s.givenAway === 0) return `I dag kan ingen av de ${formatInteger(all)} prikkede tallene regnes ut av summene.`;
  return `I dag kan ${formatInteger(s.givenAway)} av ${plural(all, "prikket tall", "prikkede tall")} regnes ut eller snevres inn av summene når tabellene leses sammen.`;
}

/** The caution that goes with the suggestion; names the assumed figures when there are any. */
export function cautionText(s: PaneSuggestion): string {
  const base =
    "Tallene bak forslaget er regnet ut av NAVs publiserte summer og er bare til intern kontroll. Ikke del dem eller forslaget videre som om de var publisert.";
  if (s.recovered.assumed === 0) return base;
  return `${base} ${plural(s.recovered.assumed, "prikket tall", "prikkede tall")} kunne ikke regnes ut entydig; for dem er det valgt verdier som passer med alle summene.`;
}

/** The cell's row, with the sub-table (hovedgruppe) when the sheet has one table per hovedgruppe. */
export function suggestionRowText(c: SuggestedCell): string {
  return c.subTable ? `${c.subTable}: ${c.rowLabel}` : c.rowLabel;
}

/** Column label and the cell's address on a sheet inserted from A1: "I alt (B24)". */
export function suggestionColumnText(c: SuggestedCell): string {
  return `${c.colLabel} (${columnLetters(c.col)}${c.row + 1})`;
}

/** What the cell would show: «:» hidden to protect others, «*» a change whose last year's count is 1–3. */
export function symbolText(c: SuggestedCell): string {
  return c.symbol === HIDDEN ? ": (skjules)" : "* (prikkes)";
}

/** The cells grouped by sheet, in sheet order. */
export function bySheet(cells: readonly SuggestedCell[]): { sheet: string; cells: SuggestedCell[] }[] {
  const out: { sheet: string; cells: SuggestedCell[] }[] = [];
  for (const c of cells) {
    const last = out[out.length - 1];
    if (last?.sheet === c.sheet) last.cells.push(c);
    else out.push({ sheet: c.sheet, cells: [c] });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rendering

const STYLE_ID = "forslag-style";
const STYLES = `
.nav-pane .forslag h3 { font-size: var(--type-ramp-base-font-size, 14px); line-height: var(--type-ramp-base-line-height, 20px); font-weight: 600; margin: 12px 0 0; }
.nav-pane .forslag-summary { margin: 0 0 8px; font-weight: 600; }
.nav-pane .forslag-caution { margin: 8px 0; padding: 6px 10px; border-left: 4px solid #bc4b09; background: #fff4ce; color: #242424; }
`;

function sheetTable(sheet: string, cells: readonly SuggestedCell[], index: number): HTMLElement[] {
  const id = `forslag-ark-${index}`;
  const body = h("tbody");
  for (const c of cells) {
    body.appendChild(
      h(
        "tr",
        {},
        h(
          "th",
          { scope: "row" },
          h("span", { class: "prikk-row" }, suggestionRowText(c)),
          h("span", { class: "prikk-col" }, suggestionColumnText(c)),
        ),
        h("td", {}, symbolText(c)),
      ),
    );
  }
  return [
    h("h3", { id }, `${sheet} (${plural(cells.length, "celle", "celler")})`),
    h(
      "table",
      { class: "prikk-table", "aria-labelledby": id, "data-forslag-sheet": sheet },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Celle"), h("th", { scope: "col" }, "Vis som"))),
      body,
    ),
  ];
}

/**
 * Appends the suggestion card, when it was computed for the period the view audits (the bundled
 * publication's newest); nothing otherwise.
 */
export function renderSuggestion(into: HTMLElement, period: string, s: PaneSuggestion = BUNDLED_SUGGESTION): void {
  if (s.period !== period) return;
  if (!document.getElementById(STYLE_ID)) {
    const style = document.createElement("style");
    style.id = STYLE_ID;
    style.textContent = STYLES;
    document.head.appendChild(style);
  }
  const card = h(
    "section",
    { class: "card forslag", id: "forslag", "aria-labelledby": "forslag-heading" },
    h("h2", { id: "forslag-heading" }, "Forslag til sikker prikking"),
    h(
      "p",
      { class: "hint" },
      `Slik kunne ${s.periodLabel} vært publisert uten at noen «*» kan regnes ut, heller ikke når alle tabellene leses sammen. ` +
        "Cellene under viser et tall i dag, men måtte vært skjult i tillegg: «:» betyr «vises ikke av konfidensialitetshensyn» (0 eller minst 4). " +
        "Forslaget er regnet ut med den samme sekundære prikkingen som kommandoen «nav-tiltak prikk» bruker.",
    ),
    h("p", { class: "forslag-summary", id: "forslag-oppsummering" }, suggestionSummary(s)),
    h("p", { class: "hint" }, givenAwayText(s)),
    h("p", { class: "forslag-caution" }, cautionText(s)),
  );
  bySheet(s.cells).forEach((g, i) => append(card, ...sheetTable(g.sheet, g.cells, i)));
  into.appendChild(card);
}
