/**
 * Disclosure audit of the published tables: which suppressed ("*") cells can a reader work out
 * from the totals printed next to them?
 *
 * It works on the SheetLayouts the add-in produces (so it covers the published tables and any
 * layout built the same way) and reads only their structure: each block's header row, body rows and
 * total rows. From that structure it writes the published relations as linear constraints and hands
 * them to the exact bounds solver in disclosure.ts:
 *
 * - Rows: a block whose first body row is a total has that row = the sum of its subtotal rows (and
 *   of any body rows outside a subtotal); each further total row ("I alt <gruppe>") = the sum of the
 *   plain rows since the previous total row. This holds in every count column, and in the Antall and
 *   Endring columns of figure tables (Antall, Endring fra i fjor Antall/Prosent).
 * - Columns: in count tables, the "I alt" column = the sum of the other (hovedgruppe) columns.
 * - Cells: "*" is 1..3 and empty is 0. A suppressed change hides last year's count L = antall −
 *   endring, which was 1..3 (the secondary suppression rule), so the change lies in [antall − 3,
 *   antall − 1]; it is modelled as `antall − endring ∈ [1, 3]`, which also covers a suppressed antall.
 *   When antall itself is suppressed the change is suppressed whatever L was, so L is only known to be
 *   ≥ 1 (a percent is published, "*" or not) and at most the block total's last-year count (every L is
 *   a part of it) when that total row gives it, else at most the overall total's; when not even that
 *   is published, L may be unbounded (see auditLayouts). A change without a percent means L = 0.
 * - Percentages are not linear (round(endring / L × 100)), so they are not constraints. The bounds of
 *   a suppressed percent are derived after solving: for a fixed antall the percent never decreases as
 *   the change grows (d/de e/(a−e) = a/(a−e)² ≥ 0, and rounding keeps the order), so enumerating the
 *   few possible changes reduces to evaluating the two extreme ones; a suppressed antall is enumerated
 *   value by value, re-solving with it fixed. Published percentages never carry extra information
 *   here: the rule suppresses the percent together with its change.
 *
 * Per-table mode (the default) audits each sheet alone, as a reader of that one table would.
 * Combined mode audits the whole period at once: the same published figure in several tables is one
 * unknown (tiltak subtotals = cross-table cells = per-hovedgruppe Antall, hovedgruppe totals, …) and
 * a group's change over all hovedgrupper is the sum of its changes per hovedgruppe.
 *
 * The parts: disclosure-audit/types.ts (what the audit answers), model.ts (variables and
 * relations), shape.ts (a layout's structure), sheet.ts (model building per sheet), links.ts (the
 * combined audit), evaluate.ts (solving and result shaping), caps.ts (bounds for unbounded values).
 */

import type { Dataset } from "./types.js";
import { buildLayouts, type SheetLayout } from "./layout.js";
import { solveBounds, type DisclosureProblem, type DisclosureResult } from "./disclosure.js";
import { hasHiddenCell, looseCap, mergeCaps, overallLastYear } from "./disclosure-audit/caps.js";
import { evaluate } from "./disclosure-audit/evaluate.js";
import { addLinks } from "./disclosure-audit/links.js";
import { Model } from "./disclosure-audit/model.js";
import { addSheet } from "./disclosure-audit/sheet.js";
import {
  InfeasibleAuditError,
  type AuditMode,
  type AuditOptions,
  type DisclosureAudit,
  type RevealedCell,
  type TableAudit,
} from "./disclosure-audit/audit-records.js";

export * from "./disclosure-audit/audit-records.js";

/** Sheets with tables, in the order given. */
function tableSheets(layouts: readonly SheetLayout[]): number[] {
  return layouts.map((l, i) => (l.blocks.length > 0 ? i : -1)).filter((i) => i >= 0);
}

/**
 * Audits the given layouts (one period): every "*" cell with its exact bounds.
 *
 * Per-table mode audits each sheet with nothing but its own figures, as a reader of that one table
 * would; combined mode audits all sheets together.
 *
 * A row whose antall and change are both "*" hides a last-year count that only its block total
 * bounds; the block total, when it is "*" as well, is bounded only by the overall total (I alt in
 * «Hovedgrupper» or «Tiltaksgrupper», when the audited sheets include one). A ":" cell is 0 or ≥ 4
 * with no upper bound of its own. Where such a bound is missing, nothing may bound the value: the
 * solver (which needs finite domains) then runs with a stand-in cap above any figure-implied bound,
 * and again with twice that cap; a bound that moves with the cap is unbounded and reported as ±∞
 * (a percent tends to −100 and is exact either way).
 */
export function auditLayouts(layouts: readonly SheetLayout[], options: AuditOptions = {}): DisclosureAudit {
  const mode = options.mode ?? "per-table";
  const sheets = tableSheets(layouts);
  const first = layouts[0];
  const groups = mode === "combined" ? [sheets] : sheets.map((i) => [i]);
  return {
    period: first?.period ?? "",
    periodLabel: first?.periodLabel ?? "",
    mode,
    tables: groups.flatMap((g) => auditGroup(layouts, g, mode, options.solve ?? solveBounds, options.standInCap)),
  };
}

type Solve = (problem: DisclosureProblem) => DisclosureResult;

function auditGroup(layouts: readonly SheetLayout[], sheets: number[], mode: AuditMode, solve: Solve, standInCap?: number): TableAudit[] {
  const own = sheets.map((i) => layouts[i]!);
  const overall = overallLastYear(own);
  if (overall !== undefined && !own.some(hasHiddenCell)) return auditWithCap(layouts, sheets, mode, overall, solve);
  const loose = looseCap(own);
  if (standInCap !== undefined) return auditWithCap(layouts, sheets, mode, Math.max(loose, standInCap), solve);
  return mergeCaps(auditWithCap(layouts, sheets, mode, loose, solve), auditWithCap(layouts, sheets, mode, 2 * loose, solve));
}

function auditWithCap(layouts: readonly SheetLayout[], sheets: number[], mode: AuditMode, cap: number, solve: Solve): TableAudit[] {
  const tables: TableAudit[] = sheets.map((i) => ({
    table: layouts[i]!.name,
    tableName: layouts[i]!.tableName,
    key: layouts[i]!.key,
    cells: [],
  }));
  const model = new Model(layouts, cap, solve);
  for (const i of sheets) addSheet(model, i, cap);
  if (mode === "combined") addLinks(model);
  const r = evaluate(model);
  sheets.forEach((i, k) => {
    const t = tables[k]!;
    if ("equations" in r) {
      t.infeasible = infeasible(
        mode === "combined" ? "Tabellene i perioden går ikke opp sammen" : `Tallene i «${layouts[i]!.name}» går ikke opp`,
        r.equations,
      );
    } else t.cells = r.cells.get(i) ?? [];
  });
  return tables;
}

function infeasible(lead: string, equations: string[]): { message: string; equations: string[] } {
  const message =
    equations.length === 0
      ? `${lead}: en prikket celle har ingen mulig verdi.`
      : equations.length === 1
        ? `${lead}: denne ligningen kan ikke holde når hver «*» er 1–3 og tomme celler er 0: ${equations[0]}.`
        : `${lead}: disse ${equations.length} ligningene kan ikke holde samtidig når hver «*» er 1–3 og tomme celler er 0: ${equations.join("; ")}.`;
  return { message, equations };
}

/** Audits every published table of a period (newest by default), as the add-in lays them out. */
export function auditPeriod(ds: Dataset, period?: string, options: AuditOptions = {}): DisclosureAudit {
  return auditLayouts(buildLayouts(ds, period), options);
}

/**
 * For the task pane: per sheet name, the suppressed cells the published figures narrow (to one value
 * when `pinned`), at their row/col in the layout grid so the pane can highlight them on the inserted
 * sheet. Every sheet the add-in inserts has an entry (empty when nothing is revealed).
 * Throws InfeasibleAuditError when the figures contradict each other.
 */
export function revealedCells(ds: Dataset, period?: string, options: AuditOptions = {}): Record<string, RevealedCell[]> {
  const layouts = buildLayouts(ds, period);
  const audit = auditLayouts(layouts, options);
  const out: Record<string, RevealedCell[]> = {};
  for (const l of layouts) out[l.name] = [];
  for (const t of audit.tables) {
    if (t.infeasible) throw new InfeasibleAuditError(t.infeasible.message, t.infeasible.equations);
    out[t.table] = t.cells.filter((c) => c.pinned || c.narrowed);
  }
  return out;
}
