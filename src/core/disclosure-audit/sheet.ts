// Model building per sheet: each block's suppressed cells become variables (in grid order, so the
// output follows the sheet), and its row totals, column totals and facts become relations.

import { HIDDEN, NOT_AVAILABLE, SUPPRESSED } from "../types.js";
import { SUPPRESS_MAX } from "../suppression.js";
import type { SheetLayout, TableBlock } from "../layout.js";
import { formatInteger } from "../text.js";
import { label, showValue, type CellMeta, type Model, type Operand } from "./model.js";
import { blockShape, colsText, entityOf, hgKeyOf, hovedgruppeOf, lastYearCap, rowsText, type BlockShape } from "./shape.js";
import type { Interval } from "../interval.js";
import type { CellKind } from "./audit-records.js";
import { InputRejectedError } from "../errors.js";

/** A grid position, for naming a cell in messages. */
const m0 = (sheet: number, row: number, col: number) => ({ sheet, row, col });

const countDomain = (): Interval => ({ lo: 1, hi: SUPPRESS_MAX });

/** One block of one sheet while it is being modelled: its shape and the operand of every cell. */
interface BlockModel {
  model: Model;
  sheet: number;
  layout: SheetLayout;
  block: TableBlock;
  shape: BlockShape;
  /** The cap for last year's count where nothing in the block bounds it (see auditLayouts). */
  fallbackCap: number;
  ops: Map<string, Operand>;
}

function meta(b: BlockModel, row: number, col: number, kind: CellKind): CellMeta {
  return {
    sheet: b.sheet,
    row,
    col,
    rowLabel: label(b.layout.cells[row]?.[0]),
    colLabel: label(b.layout.cells[b.block.headerRow]?.[col]),
    hovedgruppe: hovedgruppeOf(b.layout, b.shape, row, col),
    kind,
  };
}

const opAt = (b: BlockModel, row: number, col: number): Operand => b.ops.get(`${row}:${col}`)!;

/**
 * Last year's count L = antall − endring: ≥ 1 when a percent exists; 1..3 when the change is "*"
 * beside a published or ":" antall; 0 or ≥ 4 when the change is ":" (1..3 would be "*"); 0 when
 * there is no percent. When antall is "*" too, L is at most the block total's last-year count if
 * the total row gives it; otherwise (and for the total row itself) at most the overall total's,
 * the only figure that bounds every row (see auditLayouts). Undefined: nothing is known.
 */
function lastYearRange(b: BlockModel, r: number, antall: Operand, antallSymbol: string | undefined): Interval | undefined {
  const f = b.shape.figure!;
  const cells = b.layout.cells[r] ?? [];
  const endringCell = cells[f.endring];
  const prosentCell = cells[f.prosent];
  const hasPercent = prosentCell !== null && prosentCell !== undefined && prosentCell !== "";
  const capOfRow = (): number => (r === b.shape.grandRow ? b.fallbackCap : (lastYearCap(b.layout, b.shape) ?? b.fallbackCap));
  if (endringCell === SUPPRESSED) {
    if (!hasPercent) return { lo: 0, hi: 0 };
    if (antallSymbol !== SUPPRESSED) return { lo: 1, hi: SUPPRESS_MAX };
    return { lo: 1, hi: Math.max(1, capOfRow()) };
  }
  if (endringCell === HIDDEN) {
    return hasPercent ? { lo: SUPPRESS_MAX + 1, hi: Math.max(SUPPRESS_MAX + 1, capOfRow()) } : { lo: 0, hi: 0 };
  }
  if (!("value" in antall) || prosentCell === SUPPRESSED) return { lo: hasPercent ? 1 : 0, hi: Infinity };
  return undefined;
}

/**
 * Ties the change to last year's count: antall − endring ∈ lastYear. Returns the helper variable
 * for last year's count where antall is ":" (see Model.changeLastYear).
 */
function addLastYear(
  b: BlockModel,
  r: number,
  antall: Operand,
  endring: Operand,
  lastYear: Interval,
  antallSymbol: string | undefined,
): number | undefined {
  const { model } = b;
  const at = meta(b, r, b.shape.figure!.endring, "change");
  if (antallSymbol === HIDDEN && "variable" in endring) {
    // A ":" antall spans thousands of values, too many to enumerate: last year's count gets a
    // variable of its own, antall − endring − L = 0, and its bounds come from the same solve.
    const lastYearVar = model.helper(at, lastYear);
    model.changeLastYear.set(endring.variable, lastYearVar);
    model.add(
      [
        { op: antall, sign: 1 },
        { op: endring, sign: -1 },
        { op: { variable: lastYearVar }, sign: -1 },
      ],
      0,
      0,
      `${model.where(at)}: fjorårets antall er Antall − Endring`,
    );
    return lastYearVar;
  }
  if (!("value" in antall) || !("value" in endring)) {
    const bound =
      lastYear.hi === Infinity
        ? `minst ${lastYear.lo}`
        : lastYear.lo === lastYear.hi
          ? `${lastYear.lo}`
          : `mellom ${lastYear.lo} og ${formatInteger(lastYear.hi)}`;
    model.add(
      [
        { op: antall, sign: 1 },
        { op: endring, sign: -1 },
      ],
      lastYear.lo,
      lastYear.hi,
      `${model.where(at)}: fjorårets antall (Antall − Endring) er ${bound}`,
    );
  }
  return undefined;
}

/** One row of a figure block (Antall, Endring, Prosent): its variables, last year's count, and a "*" percent. */
function addFigureRow(b: BlockModel, r: number): void {
  const { model, sheet } = b;
  const f = b.shape.figure!;
  const antallSymbol = model.symbol(m0(sheet, r, f.antall));
  const antall = model.operand(meta(b, r, f.antall, "count"), countDomain);
  b.ops.set(`${r}:${f.antall}`, antall);
  const aDom: Interval =
    "value" in antall ? { lo: antall.value, hi: antall.value } : antallSymbol === HIDDEN ? { lo: 0, hi: model.cap } : countDomain();
  const lastYear = lastYearRange(b, r, antall, antallSymbol);
  const endringDomain: Interval = lastYear ? { lo: aDom.lo - lastYear.hi, hi: aDom.hi - lastYear.lo } : { lo: -Infinity, hi: Infinity };
  const endring = model.operand(
    meta(b, r, f.endring, "change"),
    () => endringDomain,
    () => endringDomain,
  );
  b.ops.set(`${r}:${f.endring}`, endring);
  if ("variable" in endring) model.changeAntall.set(endring.variable, antall);
  const lastYearVar = lastYear ? addLastYear(b, r, antall, endring, lastYear, antallSymbol) : undefined;
  const prosentCell = b.layout.cells[r]?.[f.prosent];
  if (prosentCell === SUPPRESSED) {
    model.percents.push({
      ...meta(b, r, f.prosent, "percent"),
      antall,
      endring,
      lastYear: lastYear ?? { lo: 1, hi: Infinity },
      endringDomain: "value" in endring ? { lo: endring.value, hi: endring.value } : endringDomain,
      lastYearVar,
      antallDomain: aDom,
    });
  } else if (typeof prosentCell === "string" && prosentCell !== "" && prosentCell !== HIDDEN && prosentCell !== NOT_AVAILABLE) {
    throw new InputRejectedError(
      "bad-cell",
      `${model.where(m0(sheet, r, f.prosent))} er verken et tall, «*» eller tom («${prosentCell}»).`,
    );
  }
}

/** Row totals, per summed column; column totals: "I alt" = the hovedgruppe columns, on every row. */
function addTotals(b: BlockModel): void {
  const { model, sheet, layout, block, shape } = b;
  const summed = shape.figure ? [shape.figure.antall, shape.figure.endring] : shape.dataCols;
  for (const { total, parts } of shape.rowSums) {
    for (const c of summed) {
      model.sum(
        opAt(b, total, c),
        parts.map((p) => opAt(b, p, c)),
        `${model.where(m0(sheet, total, c))} (${showValue(opAt(b, total, c), model.variables)}) er summen av ${rowsText(layout, parts)}`,
      );
    }
  }
  if (shape.totalCol === undefined || shape.partCols.length === 0) return;
  for (let r = block.firstRow; r <= block.lastRow; r++) {
    model.sum(
      opAt(b, r, shape.totalCol),
      shape.partCols.map((c) => opAt(b, r, c)),
      `${model.where(m0(sheet, r, shape.totalCol))} (${showValue(opAt(b, r, shape.totalCol), model.variables)}) er summen av ${colsText(layout, block, shape.partCols)}`,
    );
  }
}

/** Facts, for linking tables in combined mode: which published figure each cell shows. */
function addFacts(b: BlockModel): void {
  const { model, sheet, layout, block, shape } = b;
  for (let r = block.firstRow; r <= block.lastRow; r++) {
    const entity = entityOf(layout, shape, r);
    if (!entity) continue;
    if (shape.figure) {
      const hg = hgKeyOf(layout, shape, r, shape.figure.antall);
      model.fact(`antall|${entity}|${hg}`, opAt(b, r, shape.figure.antall), model.where(m0(sheet, r, shape.figure.antall)));
      model.fact(`endring|${entity}|${hg}`, opAt(b, r, shape.figure.endring), model.where(m0(sheet, r, shape.figure.endring)));
    } else {
      for (const c of shape.dataCols) {
        model.fact(`antall|${entity}|${hgKeyOf(layout, shape, r, c)}`, opAt(b, r, c), model.where(m0(sheet, r, c)));
      }
    }
  }
}

/** Adds one sheet's relations to the model; registers its suppressed cells (in grid order). */
export function addSheet(model: Model, sheet: number, fallbackCap: number): void {
  const layout = model.layouts[sheet]!;
  for (const block of layout.blocks) {
    const b: BlockModel = { model, sheet, layout, block, shape: blockShape(layout, block), fallbackCap, ops: new Map() };
    // Cells first, in grid order, so variables (and the output) follow the sheet.
    for (let r = block.firstRow; r <= block.lastRow; r++) {
      if (b.shape.figure) addFigureRow(b, r);
      else for (const c of b.shape.dataCols) b.ops.set(`${r}:${c}`, model.operand(meta(b, r, c, "count"), countDomain));
    }
    addTotals(b);
    addFacts(b);
  }
}
