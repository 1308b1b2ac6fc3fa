/**
 * Recovery of the raw figures behind a publication's "*": the input protection needs to show what a
 * publisher would have had to hide. For any period of a published dataset.
 *
 * Every "*" count and "*" change is an unknown of the combined exact audit (the six tables read
 * together, the same figure in several tables one unknown). A figure the published figures pin to
 * one value is recovered exactly. A figure they do not pin gets a documented completion, so that the
 * result is still one set of raw figures consistent with every published total:
 *
 *   in sheet order, each figure not yet pinned takes the end of its exact range that lies nearer
 *   zero (the smaller count; for a change the one nearer no change); that value is written into
 *   the sheets and the audit runs again, which may pin further figures. Both ends of an exact range
 *   are values of some solution, so the system stays feasible at every step.
 *
 * A figure is "exact" when the published figures alone pin it; every other figure is "assumed",
 * also one pinned only after an earlier assumption. Percents behind "*" are recomputed from the
 * recovered count and change. A period with ":" cells is refused: the audit does not report the
 * figures behind ":", so they cannot be put back this way.
 */

import { auditLayouts, type AuditOptions, type CellBounds, type Range } from "../disclosure-audit.js";
import { percentChange } from "../percent.js";
import { InfeasibleAuditError, InputRejectedError, InternalError } from "../errors.js";
import { buildLayouts, periodData, type SheetLayout } from "../layout.js";
import { HIDDEN, SUPPRESSED, type Count, type Dataset, type Figures, type PeriodData } from "../types.js";

/** Where the figure is shown first on the add-in's sheets (a group's figure appears in several). */
export interface RecoveredFigure extends Pick<CellBounds, "table" | "row" | "col" | "rowLabel" | "colLabel" | "hovedgruppe"> {
  kind: "count" | "change";
  /** The value put back (a change: the change, not last year's count). */
  value: number;
  /** What the published figures alone allow. */
  range: Range;
  /** Pinned by the published figures alone; false: chosen by the completion rule. */
  exact: boolean;
  /** The published figures alone bound it more narrowly than its "*" says: NAV's "*" gives it away. */
  givenAway: boolean;
}

export interface Recovery {
  /** The dataset with the period's "*" put back as numbers (other periods unchanged). */
  dataset: Dataset;
  period: string;
  /** One entry per distinct figure, in sheet order. */
  figures: RecoveredFigure[];
}

/** Codes far above any count, so no suppression rule hides a probed cell. */
const BASE = 90_000_000;
const STEP = 10;

interface Probe {
  /** "sheet|row|col" → code of the figure shown there. */
  where: Map<string, number>;
  /** code → writes a value into the period's copy. */
  setters: Map<number, (v: number) => void>;
}

/** Gives every "*" count and change of `target` a code, and finds the codes in the sheets. */
function probe(ds: Dataset, target: PeriodData): Probe {
  const setters = new Map<number, (v: number) => void>();
  const codeFor = (set: (v: number) => void): number => {
    const code = BASE + setters.size * STEP;
    setters.set(code, set);
    return code;
  };
  const copy: PeriodData = structuredClone(target);
  for (const [t, rec] of Object.entries(copy.tiltak)) {
    for (const k of Object.keys(rec)) if (rec[k] === SUPPRESSED) rec[k] = codeFor((v) => (target.tiltak[t]![k] = v));
  }
  const figs = (probeRec: Record<string, Figures>, realRec: Record<string, Figures>): void => {
    for (const k of Object.keys(probeRec)) {
      const f = probeRec[k]!;
      if (f.antall === SUPPRESSED) f.antall = codeFor((v) => (realRec[k]!.antall = v));
      // Negative, so last year's count (antall − endring) stays large and the change is shown.
      if (f.endring === SUPPRESSED) f.endring = -codeFor((v) => (realRec[k]!.endring = v));
      if (f.prosent === SUPPRESSED) f.prosent = 0;
    }
  };
  figs(copy.total, target.total);
  for (const g of Object.keys(copy.groups)) figs(copy.groups[g]!, target.groups[g]!);
  const probeDs: Dataset = { ...ds, periods: ds.periods.map((p) => (p.period === target.period ? copy : p)) };
  const where = new Map<string, number>();
  for (const l of buildLayouts(probeDs, target.period)) {
    l.cells.forEach((row, r) =>
      row.forEach((v, c) => {
        if (typeof v === "number" && setters.has(Math.abs(v))) where.set(`${l.name}|${r}|${c}`, Math.abs(v));
      }),
    );
  }
  return { where, setters };
}

function hasHidden(p: PeriodData): boolean {
  const fig = (f: Figures): boolean => [f.antall, f.endring, f.prosent].includes(HIDDEN);
  return (
    Object.values(p.total).some(fig) ||
    Object.values(p.groups).some((rec) => Object.values(rec).some(fig)) ||
    Object.values(p.tiltak).some((rec) => Object.values(rec).some((c: Count) => c === HIDDEN))
  );
}

/** The combined audit's bounds per figure code (every appearance has the same bounds). */
function boundsByCode(layouts: readonly SheetLayout[], where: ReadonlyMap<string, number>, options: AuditOptions): Map<number, CellBounds> {
  const audit = auditLayouts(layouts, { ...options, mode: "combined" });
  const out = new Map<number, CellBounds>();
  for (const t of audit.tables) {
    if (t.infeasible) throw new InfeasibleAuditError(t.infeasible.message, t.infeasible.equations);
    for (const c of t.cells) {
      if (c.kind === "percent") continue;
      const code = where.get(`${t.table}|${c.row}|${c.col}`);
      if (code !== undefined && !out.has(code)) out.set(code, c);
    }
  }
  return out;
}

/** The end of an exact range nearer zero (both ends are values of some solution). */
function nearZero(c: CellBounds): number {
  if (!Number.isFinite(c.min)) return c.max;
  if (!Number.isFinite(c.max)) return c.min;
  return Math.abs(c.max) < Math.abs(c.min) ? c.max : c.min;
}

/**
 * Puts back every "*" of a period (newest by default). `options.solve` picks the exact bounds
 * solver (the integer-programming one is faster on heavily suppressed tables).
 */
export function recoverRaw(ds: Dataset, period?: string, options: Pick<AuditOptions, "solve"> = {}): Recovery {
  const out: Dataset = structuredClone(ds);
  const p = periodData(out, period);
  if (hasHidden(p))
    throw new InputRejectedError("cannot-recover", `Perioden ${p.label} har tall skjult med «:»; tallene bak dem kan ikke hentes tilbake.`);
  const { where, setters } = probe(out, p);
  const layouts = buildLayouts(out, p.period).map((l) => ({ ...l, cells: l.cells.map((row) => row.slice()) }));
  const first = boundsByCode(layouts, where, options);
  if (first.size !== setters.size)
    throw new InternalError("audit-failed", `Fant bare ${first.size} av ${setters.size} prikkede tall i tabellene.`);
  const chosen = new Map<number, number>();
  let bounds = first;
  for (;;) {
    const open = [...bounds].find(([code, c]) => !c.pinned && !chosen.has(code));
    if (!open) break;
    const [code, c] = open;
    const value = nearZero(c);
    chosen.set(code, value);
    // Every appearance of the figure shows the chosen value from now on.
    for (const [key, k] of where) {
      if (k !== code) continue;
      const [sheet, r, col] = key.split("|");
      layouts.find((l) => l.name === sheet)!.cells[Number(r)]![Number(col)] = value;
    }
    bounds = boundsByCode(layouts, where, options);
  }
  const figures: RecoveredFigure[] = [];
  for (const [code, c] of first) {
    const value = chosen.get(code) ?? bounds.get(code)?.min ?? c.min;
    setters.get(code)!(value);
    figures.push({
      table: c.table,
      row: c.row,
      col: c.col,
      rowLabel: c.rowLabel,
      colLabel: c.colLabel,
      hovedgruppe: c.hovedgruppe,
      kind: c.kind as "count" | "change",
      value,
      range: { min: c.min, max: c.max },
      exact: c.pinned,
      givenAway: c.pinned || c.narrowed,
    });
  }
  const fixPercent = (f: Figures): void => {
    if (f.prosent === SUPPRESSED) f.prosent = percentChange(typeof f.antall === "number" ? f.antall : 0, f.endring as number);
  };
  Object.values(p.total).forEach(fixPercent);
  Object.values(p.groups).forEach((rec) => Object.values(rec).forEach(fixPercent));
  return { dataset: out, period: p.period, figures };
}
