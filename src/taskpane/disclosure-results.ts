// The lazily loaded part of "Prikkekontroll" (see disclosure-view.ts): the exact audit, the
// texts and tables that show its result, and the highlighter. Loaded as one chunk the first time
// the view is shown.

import { revealedCells, type RevealedCell } from "../core/disclosure-audit.js";
import { buildLayouts, type SheetLayout } from "../core/layout.js";
import { formatInteger } from "../core/text.js";
import { SUPPRESSED, type Dataset } from "../core/types.js";
import { columnLetters } from "@nav-tiltak/a1";
import { append, h } from "./dom.js";

export { clearHighlights, highlightRevealed } from "../excel/highlight.js";
// «Forslag til sikker prikking»: computed at build time, only read here (same chunk).
export { BUNDLED_SUGGESTION, renderSuggestion, suggestionBySheet, suggestionTsv } from "./suggestion-view.js";

// ---------------------------------------------------------------------------------------------
// Texts (pure, tested in Node)

const num = (n: number): string => formatInteger(n);

function between(min: number, max: number): string {
  // "1–2", but "-3 til -1": a dash between negative numbers reads as a minus.
  return min < 0 || max < 0 ? `${num(min)} til ${num(max)}` : `${num(min)}–${num(max)}`;
}

/** What the published figures say about the cell: "= 2" when pinned, else its range ("1–2"). */
export function valueText(c: RevealedCell): string {
  const unit = c.kind === "percent" ? " %" : "";
  return c.pinned ? `= ${num(c.min)}${unit}` : `${between(c.min, c.max)}${unit}`;
}

/** Change cells: last year's count they imply ("i fjor: 1"); empty for other cells. */
export function lastYearText(c: RevealedCell): string {
  if (c.kind !== "change" || !c.lastYear) return "";
  const ly = c.lastYear;
  return `i fjor: ${ly.pinned ? num(ly.min) : between(ly.min, ly.max)}`;
}

/** The cell's row label, with the hovedgruppe when neither its row nor its column names it. */
export function rowText(c: RevealedCell): string {
  const hg = c.hovedgruppe !== "I alt" && c.hovedgruppe !== c.rowLabel && c.hovedgruppe !== c.colLabel ? `${c.hovedgruppe}: ` : "";
  return `${hg}${c.rowLabel}`;
}

/** Column label and the cell's address on a sheet inserted from A1: "I alt (B24)". */
export function columnText(c: RevealedCell): string {
  return `${c.colLabel} (${columnLetters(c.col)}${c.row + 1})`;
}

export interface SheetFindings {
  sheet: string;
  /** Suppressed ("*") cells in the sheet's tables. */
  suppressed: number;
  pinned: number;
  /** Narrowed below 1–3 but not to one value. */
  narrowed: number;
  cells: readonly RevealedCell[];
}

/** "16 av 16 prikkede celler kan regnes ut eksakt." (with the narrowed ones, when any). */
export function summaryText(f: Pick<SheetFindings, "suppressed" | "pinned" | "narrowed">): string {
  if (f.suppressed === 0) return "Ingen prikkede celler.";
  const cells = f.suppressed === 1 ? "prikket celle" : "prikkede celler";
  const lead =
    f.pinned === 0 && f.narrowed === 0
      ? f.suppressed === 1
        ? "Den prikkede cellen kan ikke regnes ut fra summene."
        : `Ingen av de ${f.suppressed} prikkede cellene kan regnes ut fra summene.`
      : `${f.pinned} av ${f.suppressed} ${cells} kan regnes ut eksakt.`;
  const extra = f.narrowed > 0 ? ` ${f.narrowed} til kan snevres inn.` : "";
  return lead + extra;
}

function suppressedIn(layout: SheetLayout): number {
  let n = 0;
  for (const b of layout.blocks) {
    for (let r = b.firstRow; r <= b.lastRow; r++) {
      for (let c = 1; c < b.columns; c++) if (layout.cells[r]?.[c] === SUPPRESSED) n++;
    }
  }
  return n;
}

/** Per sheet with tables: how many "*" it has and which of them the figures reveal. */
export function findings(layouts: readonly SheetLayout[], revealed: Readonly<Record<string, readonly RevealedCell[]>>): SheetFindings[] {
  return layouts
    .filter((l) => l.blocks.length > 0)
    .map((l) => {
      const cells = revealed[l.name] ?? [];
      return {
        sheet: l.name,
        suppressed: suppressedIn(l),
        pinned: cells.filter((c) => c.pinned).length,
        narrowed: cells.filter((c) => !c.pinned).length,
        cells,
      };
    });
}

export function totals(all: readonly SheetFindings[]): Pick<SheetFindings, "suppressed" | "pinned" | "narrowed"> {
  const sum = (k: "suppressed" | "pinned" | "narrowed") => all.reduce((n, f) => n + f[k], 0);
  return { suppressed: sum("suppressed"), pinned: sum("pinned"), narrowed: sum("narrowed") };
}

// ---------------------------------------------------------------------------------------------
// Rendering

const STYLE_ID = "prikkekontroll-tabell-style";
const STYLES = `
.nav-pane .prikk-table { width: 100%; border-collapse: collapse; margin: 6px 0 0; font-size: var(--type-ramp-minus-1-font-size, 12px); line-height: var(--type-ramp-minus-1-line-height, 16px); }
.nav-pane .prikk-table th, .nav-pane .prikk-table td { text-align: left; vertical-align: top; padding: 5px 4px; border-top: 1px solid var(--neutral-stroke-divider-rest, #e0e0e0); }
.nav-pane .prikk-table thead th { border-top: 0; color: var(--neutral-foreground-hint, #616161); font-weight: 600; }
.nav-pane .prikk-table tbody th { font-weight: 400; }
.nav-pane .prikk-table .prikk-row { display: block; font-weight: 600; }
.nav-pane .prikk-table .prikk-col { display: block; color: var(--neutral-foreground-hint, #616161); }
.nav-pane .prikk-table td { text-align: right; white-space: nowrap; }
.nav-pane .prikk-table .prikk-value { display: inline-block; padding: 0 4px; border-radius: 2px; background: #ffc7ce; color: #242424; font-weight: 600; }
.nav-pane .prikk-table .prikk-lastyear { display: block; color: var(--neutral-foreground-hint, #616161); }
.nav-pane .prikk-clean { margin: 8px 0 0; }
`;

function sheetTable(f: SheetFindings, index: number): HTMLElement {
  const id = `prikk-ark-${index}`;
  const body = h("tbody");
  for (const c of f.cells) {
    const ly = lastYearText(c);
    body.appendChild(
      h(
        "tr",
        {},
        h("th", { scope: "row" }, h("span", { class: "prikk-row" }, rowText(c)), h("span", { class: "prikk-col" }, columnText(c))),
        h("td", {}, h("span", { class: "prikk-value" }, valueText(c)), ly ? h("span", { class: "prikk-lastyear" }, ly) : null),
      ),
    );
  }
  return h(
    "section",
    { class: "card", "aria-labelledby": id, "data-sheet": f.sheet },
    h("h2", { id }, f.sheet),
    h("p", { class: "hint" }, summaryText(f)),
    // Collapsed under a summary, so the view stays short in a narrow pane.
    h(
      "details",
      { class: "prikk-details" },
      h("summary", {}, `Vis cellene (${f.cells.length})`),
      h(
        "table",
        { class: "prikk-table", "aria-labelledby": id },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Celle"), h("th", { scope: "col" }, "Avslørt"))),
        body,
      ),
    ),
  );
}

export interface Computed {
  /** The period audited (the one the pane shows). */
  period: string;
  cells: Record<string, RevealedCell[]>;
  findings: SheetFindings[];
}

/** Audits `period` (the one the pane shows), per table. Throws InfeasibleAuditError (Norwegian message). */
export function compute(dataset: Dataset, period: string): Computed {
  const cells = revealedCells(dataset, period);
  const layouts = buildLayouts(dataset, period);
  return { period: layouts[0]?.period ?? "", cells, findings: findings(layouts, cells) };
}

/** The result cards: one per sheet with revealed cells, then the sheets without any. */
export function renderFindings(into: HTMLElement, all: readonly SheetFindings[]): void {
  if (!document.getElementById(STYLE_ID)) {
    const style = document.createElement("style");
    style.id = STYLE_ID;
    style.textContent = STYLES;
    document.head.appendChild(style);
  }
  const shown = all.filter((f) => f.cells.length > 0);
  shown.forEach((f, i) => into.appendChild(sheetTable(f, i)));
  const clean = all.filter((f) => f.cells.length === 0).map((f) => f.sheet);
  if (clean.length > 0) {
    append(into, h("section", { class: "card" }, h("p", { class: "hint prikk-clean" }, `Ingen avslørte celler i: ${clean.join(", ")}.`)));
  }
}
