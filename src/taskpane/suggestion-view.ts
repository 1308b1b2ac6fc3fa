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

/** Why the pane counts both «tall» and «celler»: one figure can stand in several sheets. */
export const UNITS_TEXT =
  "«Celler» er plasser i arkene; «tall» er ulike tall. Samme tall kan stå i flere ark (f.eks. en tiltaksgruppe i både «Tiltaksgrupper» og «Tiltak og hovedgrupper») og telles da som ett tall.";

/** The suggestion as tab-separated lines with a header, for pasting into Excel or a message. */
export function suggestionTsv(cells: readonly SuggestedCell[]): string {
  const rows = cells.map((c) => [c.sheet, `${columnLetters(c.col)}${c.row + 1}`, suggestionRowText(c), c.colLabel, c.symbol]);
  return [["Ark", "Celle", "Rad", "Kolonne", "Vis som"], ...rows].map((r) => r.join("\t")).join("\n");
}

/** The suggestion's cells per sheet name, as the highlighter takes them. */
export function suggestionBySheet(cells: readonly SuggestedCell[]): Record<string, SuggestedCell[]> {
  return Object.fromEntries(bySheet(cells).map((g) => [g.sheet, g.cells]));
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
.nav-pane .prikk-details { margin: 8px 0 0; }
.nav-pane .prikk-details summary { cursor: pointer; font-weight: 600; padding: 4px 0; }
.nav-pane .forslag-note { margin: 12px 0 0; }
.nav-pane .forslag-summary { margin: 0 0 8px; font-weight: 600; }
.nav-pane .forslag-caution { margin: 8px 0; padding: 6px 10px; border-left: 4px solid #bc4b09; background: #fff4ce; color: #242424; }
`;

function sheetTable(sheet: string, cells: readonly SuggestedCell[], index: number): HTMLElement {
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
  // Collapsed under its summary: the lists made the view some 3 800 px tall in a 320 px pane.
  return h(
    "details",
    { class: "prikk-details" },
    h("summary", { id }, `${sheet} (${plural(cells.length, "celle", "celler")})`),
    h(
      "table",
      { class: "prikk-table", "aria-labelledby": id, "data-forslag-sheet": sheet },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Celle"), h("th", { scope: "col" }, "Vis som"))),
      body,
    ),
  );
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
        "Cellene under viser et tall i dag, men måtte vært skjult i tillegg: «:» betyr «vises ikke av konfidensialitetshensyn» (0 eller minst 4).",
    ),
    h("p", { class: "forslag-summary", id: "forslag-oppsummering" }, suggestionSummary(s)),
    h("p", { class: "hint" }, givenAwayText(s)),
    h("p", { class: "hint", id: "forslag-enheter" }, UNITS_TEXT),
    h("p", { class: "forslag-caution" }, cautionText(s)),
  );
  if (s.cells.length > 0) {
    // Wired by disclosure-view.ts: marking goes through the shell's operations (status, focus).
    const button = (id: string, text: string, appearance = "neutral") =>
      h("fluent-button", { id, appearance, type: "button", "data-action": id }, text);
    // One button a row: names that say which marking they are about (the view's first card has
    // «Marker i arkene» for the revealed cells), with room for them in a 320 px pane.
    append(
      card,
      h("div", { class: "actions" }, button("marker-forslag", "Marker forslaget i arkene", "accent")),
      h("div", { class: "actions" }, button("fjern-forslag", "Fjern markeringen av forslaget")),
      h("div", { class: "actions" }, button("kopier-forslag", "Kopier listen")),
      h(
        "p",
        { class: "hint", style: "margin: 8px 0 0" },
        "Markeringen er lys gul fyll. «Kopier listen» gir én linje per celle, med tabulator mellom feltene, til å lime inn i Excel.",
      ),
    );
  }
  bySheet(s.cells).forEach((g, i) => append(card, sheetTable(g.sheet, g.cells, i)));
  append(
    card,
    h(
      "p",
      { class: "hint forslag-note" },
      "Forslaget er regnet ut med den samme sekundære prikkingen som kommandolinjens «nav-tiltak prikk», som prikker en fil med egne rå tall.",
    ),
  );
  into.appendChild(card);
}
