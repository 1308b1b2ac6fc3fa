/**
 * «Forslag til sikker prikking» for a published period: what the publisher would additionally have
 * had to hide so that no "*" could be worked out from the published totals.
 *
 * 1. The raw figures behind the "*" are recovered from the published totals (recover.ts): exactly
 *    where the totals pin them, by the documented completion where they do not.
 * 2. Those raw figures go through the same protection `nav-tiltak prikk` uses (protect.ts).
 * 3. The protected sheets are compared cell by cell with the published ones: every cell that shows a
 *    number today and a symbol after protection is a cell the publisher would have had to hide.
 *
 * The result is plain JSON-serialisable data: the build computes it once (it takes seconds) and the
 * task pane only reads it, so neither the solver nor the recovered figures' code reach the pane.
 * The recovered values are derived from the publisher's own totals and are for internal control.
 */

import { buildLayouts, type CellValue, type SheetLayout } from "../layout.js";
import { HIDDEN, SUPPRESSED, type Dataset } from "../types.js";
import { milpSolver, type Highs } from "./milp.js";
import { protect, type Cost } from "./protect.js";
import { recoverRaw } from "./recover.js";

/** Where a cell is on the add-in's sheet and what its row and column say. */
export interface SheetCell {
  sheet: string;
  /** Position in the layout grid (0-based from A1), as on the inserted sheet. */
  row: number;
  col: number;
  /** The sub-table heading (a hovedgruppe), on sheets with one table per hovedgruppe. */
  subTable?: string;
  rowLabel: string;
  colLabel: string;
}

/** A cell that shows a number today and would have to be hidden. */
export interface SuggestedCell extends SheetCell {
  /** "*" for a figure the primary rule hides (a change whose last year's count is 1–3), ":" to protect others. */
  symbol: typeof SUPPRESSED | typeof HIDDEN;
}

/** A published "*" that the published totals give away (narrow more than 1–3), with what they give. */
export interface GivenAwayCell extends SheetCell {
  kind: "count" | "change";
  min: number;
  max: number;
}

export interface SafeSuppressionSuggestion {
  period: string;
  periodLabel: string;
  /** The recovered raw figures: pinned by the totals, or chosen by the completion rule. */
  recovered: { exact: number; assumed: number };
  /** Every sheet cell to hide in addition to today's "*", in sheet order. */
  cells: SuggestedCell[];
  /** Ids (facts.ts) of the distinct figures hidden with ":"; a figure may be shown in several tables. */
  secondary: string[];
  /** Cells (figures), then their sum; the lower bound no safe choice can go below. */
  cost: Cost;
  lowerBound: Cost;
  optimal: boolean;
  /** Published "*" that can be worked out today (the combined audit: all tables read together). */
  givenAway: GivenAwayCell[];
}

const text = (v: CellValue | undefined): string => (v === null || v === undefined ? "" : String(v));

function sheetCell(layout: SheetLayout, row: number, col: number): SheetCell {
  const block = layout.blocks.find((b) => row >= b.firstRow && row <= b.lastRow)!;
  const cell: SheetCell = {
    sheet: layout.name,
    row,
    col,
    rowLabel: text(layout.cells[row]?.[0]),
    colLabel: text(layout.cells[block.headerRow]?.[col]),
  };
  if (block.subtitleRow !== undefined) cell.subTable = text(layout.cells[block.subtitleRow]?.[0]);
  return cell;
}

/** The table cells that show a number in `before` and a symbol in `after` (same layouts, same grid). */
export function newlyHidden(before: readonly SheetLayout[], after: readonly SheetLayout[]): SuggestedCell[] {
  const out: SuggestedCell[] = [];
  before.forEach((layout, i) => {
    const next = after[i]!;
    for (const b of layout.blocks) {
      for (let r = b.firstRow; r <= b.lastRow; r++) {
        for (let c = 1; c < b.columns; c++) {
          const now = layout.cells[r]?.[c];
          const then = next.cells[r]?.[c];
          if (typeof now === "number" && (then === SUPPRESSED || then === HIDDEN)) out.push({ ...sheetCell(layout, r, c), symbol: then });
        }
      }
    }
  });
  return out;
}

/** The suggestion for a period (newest by default) of a published dataset. Takes seconds. */
export async function suggestSafeSuppression(published: Dataset, highs: Highs, period?: string): Promise<SafeSuppressionSuggestion> {
  // The suggestion is for a one-month publication's tables: a time-series month (core/tilt) has
  // figures that are not published («..») and so no raw figures to recover. Newest text month by default.
  const textMonths = published.periods.filter((p) => p.source === undefined);
  const target = period ?? textMonths[textMonths.length - 1]?.period;
  const recovery = recoverRaw(published, target, { solve: milpSolver(highs) });
  const result = await protect(recovery.dataset, recovery.period, highs);
  const before = buildLayouts(published, recovery.period);
  const layoutByName = new Map(before.map((l) => [l.name, l]));
  return {
    period: recovery.period,
    periodLabel: before[0]?.periodLabel ?? recovery.period,
    recovered: {
      exact: recovery.figures.filter((f) => f.exact).length,
      assumed: recovery.figures.filter((f) => !f.exact).length,
    },
    cells: newlyHidden(before, buildLayouts(result.dataset, recovery.period)),
    secondary: result.secondary.map((f) => f.id),
    cost: result.cost,
    lowerBound: result.lowerBound,
    optimal: result.optimal,
    givenAway: recovery.figures
      .filter((f) => f.givenAway)
      .map((f) => ({ ...sheetCell(layoutByName.get(f.table)!, f.row, f.col), kind: f.kind, min: f.range.min, max: f.range.max })),
  };
}
