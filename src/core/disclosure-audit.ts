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
 */

import { ALL, HIDDEN, SUPPRESSED, type Dataset } from "./types.js";
import { FIGURE_HEADERS, TOTAL_LABEL, percentChange } from "./dataset.js";
import { SUPPRESS_MAX } from "./suppression.js";
import { buildLayouts, type CellValue, type LayoutKey, type SheetLayout, type TableBlock } from "./layout.js";
import { formatInteger, normalizeName } from "./text.js";
import {
  between,
  equality,
  solveBounds,
  type DisclosureProblem,
  type DisclosureResult,
  type DisclosureVariable,
  type LinearConstraint,
  type LinearTerm,
  type VariableBounds,
} from "./disclosure.js";

/** "per-table": each sheet alone (the default). "combined": all tables of the period together. */
export type AuditMode = "per-table" | "combined";

export interface AuditOptions {
  mode?: AuditMode;
  /**
   * The exact bounds solver: solveBounds (disclosure.ts) unless given. The integer-programming one
   * (core/protect/milp.ts) is much faster on large or heavily suppressed tables and with ":" cells.
   */
  solve?: (problem: DisclosureProblem) => DisclosureResult;
  /**
   * Where no published figure bounds a value, run once with this stand-in cap instead of twice (the
   * second run only tells bounds that move with the cap apart, to report them as ±∞). Protection
   * uses it: a bound at the cap is as wide as it needs to know.
   */
  standInCap?: number;
}

/** What a suppressed cell stands for. */
export type CellKind = "count" | "change" | "percent";

export interface Range {
  min: number;
  max: number;
}

export interface CellBounds {
  /** Sheet name (the table as the add-in inserts it). */
  table: string;
  /** Position in the layout grid (0-based, row-major from A1), as on the inserted sheet. */
  row: number;
  col: number;
  rowLabel: string;
  colLabel: string;
  /** The hovedgruppe the cell belongs to (published name), or "I alt" for all of them. */
  hovedgruppe: string;
  kind: CellKind;
  /** Exact smallest and largest value consistent with every published figure used. */
  min: number;
  max: number;
  /** min === max: the published figures give the value away. */
  pinned: boolean;
  /** What the "*" alone says (1..3 for a count). */
  domain: Range;
  /** The figures narrow the cell beyond what "*" alone says. */
  narrowed: boolean;
  /** Change and percent cells: last year's count (antall − endring), which the bounds also fix. */
  lastYear?: Range & { pinned: boolean };
}

export interface TableAudit {
  /** Sheet name. */
  table: string;
  /** The published table name ("## …"). */
  tableName: string;
  key: LayoutKey;
  /** Every suppressed cell of the sheet, in grid order. Empty when the table is infeasible. */
  cells: CellBounds[];
  /** Set when the published figures cannot all hold: a Norwegian message and the equations involved. */
  infeasible?: { message: string; equations: string[] };
}

export interface DisclosureAudit {
  period: string;
  periodLabel: string;
  mode: AuditMode;
  tables: TableAudit[];
}

/** A revealed cell for the task pane: where it is on the inserted sheet, and what can be known. */
export type RevealedCell = CellBounds;

/** Thrown by revealedCells when the published figures contradict each other. */
export class InfeasibleAuditError extends Error {
  constructor(
    message: string,
    readonly equations: string[],
  ) {
    super(message);
    this.name = "InfeasibleAuditError";
  }
}

// ---------------------------------------------------------------------------------------------
// Model: one variable per suppressed count/change cell, one constraint per published relation.

type Operand = { value: number } | { variable: number };

interface PercentCell {
  sheet: number;
  row: number;
  col: number;
  antall: Operand;
  endring: Operand;
  /** Last-year range the percent's presence implies (for the "*" alone domain). */
  lastYear: Range;
  endringDomain: Range;
  /** Where antall is ":": the variable for last year's count (see Model.changeLastYear). */
  lastYearVar?: number;
  antallDomain: Range;
}

/**
 * Where a suppressed cell is, by sheet index while modelling (the sheet name is filled in on output).
 * `hidden`: a ":" cell, or a helper variable (last year's count of a row whose antall is ":"). They are
 * unknowns of the model but not reported: only "*" cells are protected, a ":" cell may be worked out.
 */
type CellMeta = Pick<CellBounds, "row" | "col" | "rowLabel" | "colLabel" | "hovedgruppe" | "kind"> & { sheet: number; hidden?: boolean };

/** Which published figure a cell shows, for linking tables in combined mode. */
interface FactRef {
  key: string;
  operand: Operand;
  where: string;
}

const normHeader = (text: CellValue | undefined): string => (typeof text === "string" ? normalizeName(text) : "");
const isTotalHeader = (text: CellValue | undefined): boolean => normHeader(text) === normalizeName(TOTAL_LABEL);
const ALL_KEY = `=${ALL}`;

function label(value: CellValue | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

function showValue(op: Operand, vars: readonly DisclosureVariable[]): string {
  if ("value" in op) return formatInteger(op.value);
  const v = vars[op.variable]!;
  if (v.lo === v.hi) return formatInteger(v.lo);
  return v.exclude
    ? `«:» (0 eller ${formatInteger(v.exclude.hi + 1)} til ${formatInteger(v.hi)})`
    : `«*» (${formatInteger(v.lo)} til ${formatInteger(v.hi)})`;
}

class Model {
  readonly variables: DisclosureVariable[] = [];
  readonly constraints: LinearConstraint[] = [];
  /** Variable index → the cell it stands for. */
  readonly varCells: CellMeta[] = [];
  readonly percents: (PercentCell & CellMeta)[] = [];
  readonly facts = new Map<string, FactRef[]>();
  /** Change variable → the antall on its row, for last year's count. */
  readonly changeAntall = new Map<number, Operand>();
  /** Change variable → a variable for last year's count, where antall is ":" (too wide to enumerate). */
  readonly changeLastYear = new Map<number, number>();
  private readonly varAt = new Map<string, number>();

  /** `cap`: the largest value a ":" cell or an unbounded last-year count is given (see auditLayouts). */
  constructor(
    readonly layouts: readonly SheetLayout[],
    readonly cap = Infinity,
    readonly solver: (problem: DisclosureProblem) => DisclosureResult = solveBounds,
  ) {}

  /** A variable that stands for no published cell. */
  helper(meta: CellMeta, d: Range): number {
    this.variables.push({ lo: d.min, hi: d.max, name: `${this.where(meta)} (fjorårets antall)` });
    this.varCells.push({ ...meta, hidden: true });
    return this.variables.length - 1;
  }

  /** The symbol in a cell, or undefined for a number or an empty cell. */
  symbol(meta: { sheet: number; row: number; col: number }): string | undefined {
    const v = this.layouts[meta.sheet]!.cells[meta.row]?.[meta.col];
    return typeof v === "string" && v !== "" ? v : undefined;
  }

  /**
   * The operand for a cell, creating its variable when it is "*" (with the given domain) or ":"
   * (0 or 4..cap: a value from 1 to 3 would have been "*"; `hiddenDomain` when given).
   */
  operand(meta: CellMeta, domain: () => Range, hiddenDomain?: () => Range): Operand {
    const value = this.layouts[meta.sheet]!.cells[meta.row]?.[meta.col];
    if (value === null || value === undefined || value === "") return { value: 0 };
    if (typeof value === "number") {
      if (!Number.isInteger(value)) throw new Error(`${this.where(meta)} er ikke et heltall (${value}).`);
      return { value };
    }
    if (value !== SUPPRESSED && value !== HIDDEN) {
      throw new Error(`${this.where(meta)} er verken et tall, «*», «:» eller tom («${value}»).`);
    }
    const key = `${meta.sheet}:${meta.row}:${meta.col}`;
    const known = this.varAt.get(key);
    if (known !== undefined) return { variable: known };
    this.varAt.set(key, this.variables.length);
    if (value === HIDDEN) {
      const d = hiddenDomain?.() ?? { min: 0, max: this.cap };
      const v: DisclosureVariable = { lo: d.min, hi: d.max, name: this.where(meta) };
      if (!hiddenDomain) v.exclude = { lo: 1, hi: SUPPRESS_MAX };
      v.auxiliary = true;
      this.variables.push(v);
      this.varCells.push({ ...meta, hidden: true });
    } else {
      const d = domain();
      this.variables.push({ lo: d.min, hi: d.max, name: this.where(meta) });
      this.varCells.push(meta);
    }
    return { variable: this.variables.length - 1 };
  }

  where(meta: { sheet: number; row: number; col: number }): string {
    const l = this.layouts[meta.sheet]!;
    const rowLabel = label(l.cells[meta.row]?.[0]);
    const block = l.blocks.find((b) => meta.row >= b.firstRow && meta.row <= b.lastRow);
    const colLabel = block ? label(l.cells[block.headerRow]?.[meta.col]) : `kolonne ${meta.col + 1}`;
    const sub = block?.subtitleRow !== undefined ? `${label(l.cells[block.subtitleRow]?.[0])}: ` : "";
    return `«${l.name}», ${sub}«${rowLabel}» / «${colLabel}»`;
  }

  /** `Σ sign·operand` ∈ [lo, hi], known values folded into the bounds. */
  add(parts: { op: Operand; sign: number }[], lo: number, hi: number, text: string): void {
    const terms: LinearTerm[] = [];
    let known = 0;
    for (const { op, sign } of parts) {
      if ("value" in op) known += sign * op.value;
      else terms.push({ variable: op.variable, coef: sign });
    }
    this.constraints.push(lo === hi ? equality(terms, lo - known, text) : between(terms, lo - known, hi - known, text));
  }

  /** total = Σ parts. */
  sum(total: Operand, parts: Operand[], text: string): void {
    this.add([{ op: total, sign: 1 }, ...parts.map((op) => ({ op, sign: -1 }))], 0, 0, text);
  }

  fact(key: string, operand: Operand, where: string): void {
    const list = this.facts.get(key);
    if (list) list.push({ key, operand, where });
    else this.facts.set(key, [{ key, operand, where }]);
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a layout's structure.

interface BlockShape {
  block: TableBlock;
  /** Data column indices (the label column excluded). */
  dataCols: number[];
  figure?: { antall: number; endring: number; prosent: number };
  /** Count blocks: the "I alt" column and the columns it sums. */
  totalCol?: number;
  partCols: number[];
  /** Row relations: total row → its part rows. */
  rowSums: { total: number; parts: number[] }[];
  /** The grand total row (first body row), when the block has one. */
  grandRow?: number;
  subtotalRows: Set<number>;
}

function blockShape(layout: SheetLayout, block: TableBlock): BlockShape {
  const header = layout.cells[block.headerRow] ?? [];
  const dataCols = Array.from({ length: block.columns - 1 }, (_, i) => i + 1);
  const headers = dataCols.map((c) => normHeader(header[c]));
  const isFigure = headers.length === FIGURE_HEADERS.length && FIGURE_HEADERS.every((h, i) => normalizeName(h) === headers[i]);
  const totalCol = isFigure ? undefined : dataCols.find((c) => isTotalHeader(header[c]));
  const partCols = totalCol === undefined ? [] : dataCols.filter((c) => c !== totalCol);

  const totals = new Set(block.totalRows);
  const grandRow = totals.has(block.firstRow) ? block.firstRow : undefined;
  const rowSums: { total: number; parts: number[] }[] = [];
  const subtotalRows = new Set<number>();
  const grandParts: number[] = [];
  let pending: number[] = [];
  for (let r = block.firstRow; r <= block.lastRow; r++) {
    if (r === grandRow) continue;
    if (totals.has(r)) {
      rowSums.push({ total: r, parts: pending });
      subtotalRows.add(r);
      grandParts.push(r);
      pending = [];
    } else {
      pending.push(r);
    }
  }
  // Plain rows after the last subtotal (or all of them, when there is none) add straight into the total.
  grandParts.push(...pending);
  if (grandRow !== undefined) rowSums.unshift({ total: grandRow, parts: grandParts.sort((a, b) => a - b) });

  return {
    block,
    dataCols,
    figure: isFigure ? { antall: 1, endring: 2, prosent: 3 } : undefined,
    totalCol,
    partCols,
    rowSums,
    grandRow,
    subtotalRows,
  };
}

/** The hovedgruppe a cell belongs to, read from the structure: column header, block subtitle, or row. */
function hovedgruppeOf(layout: SheetLayout, shape: BlockShape, row: number, col: number): string {
  const { block } = shape;
  if (block.subtitleRow !== undefined) return label(layout.cells[block.subtitleRow]?.[0]);
  if (!shape.figure) {
    const h = layout.cells[block.headerRow]?.[col];
    return isTotalHeader(h) ? TOTAL_LABEL : label(h);
  }
  // A figure table whose rows are the hovedgrupper.
  if (layout.key === "hovedgrupper" && row !== shape.grandRow) return label(layout.cells[row]?.[0]);
  return TOTAL_LABEL;
}

function rowsText(layout: SheetLayout, rows: number[]): string {
  if (rows.length === 0) return "ingen rader";
  const names = rows.map((r) => `«${label(layout.cells[r]?.[0])}»`);
  return names.length <= 3 ? `radene ${names.join(", ")}` : `de ${names.length} radene ${names[0]} til ${names[names.length - 1]}`;
}

function colsText(layout: SheetLayout, block: TableBlock, cols: number[]): string {
  return `kolonnene ${cols.map((c) => `«${label(layout.cells[block.headerRow]?.[c])}»`).join(", ")}`;
}

/** Entity of a row, for linking the same figure across tables (combined mode). */
function entityOf(layout: SheetLayout, shape: BlockShape, row: number): string | undefined {
  if (row === shape.grandRow) return "total";
  const text = normalizeName(label(layout.cells[row]?.[0]));
  if (shape.subtotalRows.has(row)) {
    const m = /^i alt\s+(.+)$/.exec(text);
    return m ? `g:${m[1]}` : undefined;
  }
  if (layout.key === "hovedgrupper") return "total";
  if (layout.key === "tiltak-og-hovedgrupper") return `t:${text}`;
  if (
    layout.key === "tiltaksgrupper" ||
    layout.key === "tiltaksgrupper-per-hovedgruppe" ||
    layout.key === "tiltaksgrupper-x-hovedgrupper"
  ) {
    return `g:${text}`;
  }
  return undefined;
}

/** Hovedgruppe key of a cell for linking (normalized name, or ALL). */
function hgKeyOf(layout: SheetLayout, shape: BlockShape, row: number, col: number): string {
  const h = hovedgruppeOf(layout, shape, row, col);
  return h === TOTAL_LABEL ? ALL_KEY : normalizeName(h);
}

/**
 * Largest possible last-year count of any row in a figure block: the block total's, since every
 * row's last-year count is a part of it. Undefined when the total row does not bound it.
 */
function lastYearCap(layout: SheetLayout, shape: BlockShape): number | undefined {
  if (!shape.figure || shape.grandRow === undefined) return undefined;
  const row = layout.cells[shape.grandRow] ?? [];
  const a = row[shape.figure.antall];
  const e = row[shape.figure.endring];
  const p = row[shape.figure.prosent];
  const antall = a === null || a === undefined || a === "" ? 0 : a;
  const endring = e === null || e === undefined || e === "" ? 0 : e;
  if (typeof antall === "number" && typeof endring === "number") return antall - endring;
  if (typeof antall === "number" && endring === SUPPRESSED) return p === null || p === undefined || p === "" ? 0 : SUPPRESS_MAX;
  return undefined;
}

/** A grid position, for naming a cell in messages. */
const m0 = (sheet: number, row: number, col: number) => ({ sheet, row, col });

/** Adds one sheet's relations to the model; registers its suppressed cells (in grid order). */
function addSheet(model: Model, sheet: number, fallbackCap: number): void {
  const layout = model.layouts[sheet]!;
  for (const block of layout.blocks) {
    const shape = blockShape(layout, block);
    const meta = (row: number, col: number, kind: CellKind): CellMeta => ({
      sheet,
      row,
      col,
      rowLabel: label(layout.cells[row]?.[0]),
      colLabel: label(layout.cells[block.headerRow]?.[col]),
      hovedgruppe: hovedgruppeOf(layout, shape, row, col),
      kind,
    });
    const countDomain = (): Range => ({ min: 1, max: SUPPRESS_MAX });
    const ops = new Map<string, Operand>();
    const opAt = (row: number, col: number): Operand => ops.get(`${row}:${col}`)!;

    // Cells first, in grid order, so variables (and the output) follow the sheet.
    for (let r = block.firstRow; r <= block.lastRow; r++) {
      if (!shape.figure) {
        for (const c of shape.dataCols) ops.set(`${r}:${c}`, model.operand(meta(r, c, "count"), countDomain));
        continue;
      }
      const f = shape.figure;
      const antallSymbol = model.symbol(m0(sheet, r, f.antall));
      const antall = model.operand(meta(r, f.antall, "count"), countDomain);
      ops.set(`${r}:${f.antall}`, antall);
      const cells = layout.cells[r] ?? [];
      const endringCell = cells[f.endring];
      const prosentCell = cells[f.prosent];
      const hasPercent = prosentCell !== null && prosentCell !== undefined && prosentCell !== "";
      const aDom: Range =
        "value" in antall ? { min: antall.value, max: antall.value } : antallSymbol === HIDDEN ? { min: 0, max: model.cap } : countDomain();
      // Last year's count L = antall − endring: ≥ 1 when a percent exists; 1..3 when the change is "*"
      // beside a published or ":" antall; 0 or ≥ 4 when the change is ":" (1..3 would be "*"); 0 when
      // there is no percent. When antall is "*" too, L is at most the block total's last-year count if
      // the total row gives it; otherwise (and for the total row itself) at most the overall total's,
      // the only figure that bounds every row (see auditLayouts).
      const capOfRow = (): number => (r === shape.grandRow ? fallbackCap : (lastYearCap(layout, shape) ?? fallbackCap));
      let lastYear: Range | undefined;
      if (endringCell === SUPPRESSED) {
        if (!hasPercent) lastYear = { min: 0, max: 0 };
        else if (antallSymbol !== SUPPRESSED) lastYear = { min: 1, max: SUPPRESS_MAX };
        else lastYear = { min: 1, max: Math.max(1, capOfRow()) };
      } else if (endringCell === HIDDEN) {
        lastYear = hasPercent ? { min: SUPPRESS_MAX + 1, max: Math.max(SUPPRESS_MAX + 1, capOfRow()) } : { min: 0, max: 0 };
      } else if (!("value" in antall) || prosentCell === SUPPRESSED) {
        lastYear = { min: hasPercent ? 1 : 0, max: Infinity };
      }
      const endringDomain: Range = lastYear
        ? { min: aDom.min - lastYear.max, max: aDom.max - lastYear.min }
        : { min: -Infinity, max: Infinity };
      const endring = model.operand(
        meta(r, f.endring, "change"),
        () => endringDomain,
        () => endringDomain,
      );
      ops.set(`${r}:${f.endring}`, endring);
      if ("variable" in endring) model.changeAntall.set(endring.variable, antall);
      let lastYearVar: number | undefined;
      if (lastYear && antallSymbol === HIDDEN && "variable" in endring) {
        // A ":" antall spans thousands of values, too many to enumerate: last year's count gets a
        // variable of its own, antall − endring − L = 0, and its bounds come from the same solve.
        lastYearVar = model.helper(meta(r, f.endring, "change"), lastYear);
        model.changeLastYear.set(endring.variable, lastYearVar);
        model.add(
          [
            { op: antall, sign: 1 },
            { op: endring, sign: -1 },
            { op: { variable: lastYearVar }, sign: -1 },
          ],
          0,
          0,
          `${model.where(meta(r, f.endring, "change"))}: fjorårets antall er Antall − Endring`,
        );
      } else if (lastYear && (!("value" in antall) || !("value" in endring))) {
        model.add(
          [
            { op: antall, sign: 1 },
            { op: endring, sign: -1 },
          ],
          lastYear.min,
          lastYear.max,
          `${model.where(meta(r, f.endring, "change"))}: fjorårets antall (Antall − Endring) er ${
            lastYear.max === Infinity
              ? `minst ${lastYear.min}`
              : lastYear.min === lastYear.max
                ? `${lastYear.min}`
                : `mellom ${lastYear.min} og ${formatInteger(lastYear.max)}`
          }`,
        );
      }
      if (prosentCell === SUPPRESSED) {
        const m = meta(r, f.prosent, "percent");
        model.percents.push({
          ...m,
          antall,
          endring,
          lastYear: lastYear ?? { min: 1, max: Infinity },
          endringDomain: "value" in endring ? { min: endring.value, max: endring.value } : endringDomain,
          lastYearVar,
          antallDomain: aDom,
        });
      } else if (typeof prosentCell === "string" && prosentCell !== "" && prosentCell !== HIDDEN) {
        throw new Error(`${model.where(m0(sheet, r, f.prosent))} er verken et tall, «*» eller tom («${prosentCell}»).`);
      }
    }

    // Row totals, per summed column.
    const summed = shape.figure ? [shape.figure.antall, shape.figure.endring] : shape.dataCols;
    for (const { total, parts } of shape.rowSums) {
      for (const c of summed) {
        model.sum(
          opAt(total, c),
          parts.map((p) => opAt(p, c)),
          `${model.where(m0(sheet, total, c))} (${showValue(opAt(total, c), model.variables)}) er summen av ${rowsText(layout, parts)}`,
        );
      }
    }
    // Column totals: "I alt" = the hovedgruppe columns, on every row.
    if (shape.totalCol !== undefined && shape.partCols.length > 0) {
      for (let r = block.firstRow; r <= block.lastRow; r++) {
        model.sum(
          opAt(r, shape.totalCol),
          shape.partCols.map((c) => opAt(r, c)),
          `${model.where(m0(sheet, r, shape.totalCol))} (${showValue(opAt(r, shape.totalCol), model.variables)}) er summen av ${colsText(layout, block, shape.partCols)}`,
        );
      }
    }

    // Facts, for linking tables in combined mode.
    for (let r = block.firstRow; r <= block.lastRow; r++) {
      const entity = entityOf(layout, shape, r);
      if (!entity) continue;
      if (shape.figure) {
        const hg = hgKeyOf(layout, shape, r, shape.figure.antall);
        model.fact(`antall|${entity}|${hg}`, opAt(r, shape.figure.antall), model.where(m0(sheet, r, shape.figure.antall)));
        model.fact(`endring|${entity}|${hg}`, opAt(r, shape.figure.endring), model.where(m0(sheet, r, shape.figure.endring)));
      } else {
        for (const c of shape.dataCols) {
          model.fact(`antall|${entity}|${hgKeyOf(layout, shape, r, c)}`, opAt(r, c), model.where(m0(sheet, r, c)));
        }
      }
    }
  }
}

/** Combined mode: the same figure in several tables is one value; changes add up over hovedgrupper. */
function addLinks(model: Model): void {
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

// ---------------------------------------------------------------------------------------------
// Solving and reporting.

interface Solved {
  feasible: true;
  bounds: VariableBounds[];
}

function solve(model: Model, fixed?: { variable: number; value: number }): Solved | { feasible: false; conflict: number[] } {
  const variables = fixed
    ? model.variables.map((v, i) => (i === fixed.variable ? { ...v, lo: fixed.value, hi: fixed.value } : v))
    : model.variables;
  const r = model.solver({ variables, constraints: model.constraints });
  return r.feasible ? r : { feasible: false, conflict: r.conflict };
}

function range(op: Operand, bounds: readonly VariableBounds[]): Range {
  if ("value" in op) return { min: op.value, max: op.value };
  const b = bounds[op.variable]!;
  return { min: b.min, max: b.max };
}

/** Percent as published; a last-year count of 0 has none (the constraints rule that out). */
function pct(antall: number, endring: number): number {
  const p = percentChange(antall, endring);
  if (p === null) throw new Error(`Prosent uten fjorårstall (antall ${antall}, endring ${endring}).`);
  return p;
}

/**
 * Ranges over the possible (antall a, change) pairs of one row, given the change's range for each
 * a: last year's count (a − change) and, when asked, the percent. For fixed a the percent is
 * nondecreasing in the change, so the extremes of the change give the extremes of the percent.
 */
function pairRanges(
  aValues: Iterable<number>,
  changeGiven: (a: number) => Range | undefined,
  withPercent: boolean,
): { percent?: Range; lastYear: Range } | undefined {
  let pLo = Infinity;
  let pHi = -Infinity;
  let lyLo = Infinity;
  let lyHi = -Infinity;
  for (const a of aValues) {
    const e = changeGiven(a);
    if (!e) continue;
    if (withPercent) {
      pLo = Math.min(pLo, pct(a, e.min));
      pHi = Math.max(pHi, pct(a, e.max));
    }
    lyLo = Math.min(lyLo, a - e.max);
    lyHi = Math.max(lyHi, a - e.min);
  }
  if (lyLo === Infinity) return undefined;
  const lastYear = { min: lyLo, max: lyHi };
  return withPercent ? { percent: { min: pLo, max: pHi }, lastYear } : { lastYear };
}

function* span(r: Range): Generator<number> {
  for (let v = r.min; v <= r.max; v++) yield v;
}

/** Exact pair ranges for a solved row: a suppressed antall is fixed value by value and re-solved. */
function solvedPairRanges(
  model: Model,
  bounds: readonly VariableBounds[],
  antall: Operand,
  endring: Operand,
  withPercent: boolean,
): { percent?: Range; lastYear: Range } | undefined {
  const a = range(antall, bounds);
  if ("value" in antall || a.min === a.max) return pairRanges([a.min], () => range(endring, bounds), withPercent);
  const variable = antall.variable;
  return pairRanges(
    span(a),
    (value) => {
      const r = solve(model, { variable, value });
      return r.feasible ? range(endring, r.bounds) : undefined;
    },
    withPercent,
  );
}

function cellOut(model: Model, meta: CellMeta, value: Range, domain: Range, lastYear?: Range): CellBounds {
  const out: CellBounds = {
    table: model.layouts[meta.sheet]!.name,
    row: meta.row,
    col: meta.col,
    rowLabel: meta.rowLabel,
    colLabel: meta.colLabel,
    hovedgruppe: meta.hovedgruppe,
    kind: meta.kind,
    min: value.min,
    max: value.max,
    pinned: value.min === value.max,
    domain,
    narrowed: value.min > domain.min || value.max < domain.max,
  };
  if (lastYear) out.lastYear = { min: lastYear.min, max: lastYear.max, pinned: lastYear.min === lastYear.max };
  return out;
}

/**
 * A "*" percent beside a ":" antall: percent = endring / L = antall / L − 1 grows with antall and
 * falls with L, so the extreme corners of the two ranges bound it. This is a hull (the pairs are not
 * enumerated); the protected quantity, last year's count, is exact.
 */
function percentHull(model: Model, p: PercentCell & CellMeta, a: Range, ly: Range): CellBounds {
  const hull = (ar: Range, lr: Range): Range => {
    const lo = Math.max(1, lr.min);
    const hiL = Math.max(1, lr.max);
    return { min: pct(ar.min, ar.min - hiL), max: pct(ar.max, ar.max - lo) };
  };
  return cellOut(model, p, hull(a, ly), hull(p.antallDomain, p.lastYear), ly);
}

/** Bounds of every suppressed cell of the model, per sheet index; or the conflicting equations. */
function evaluate(model: Model): { cells: Map<number, CellBounds[]> } | { equations: string[] } {
  const solved = solve(model);
  if (!solved.feasible) return { equations: solved.conflict.map((ci) => model.constraints[ci]!.label ?? `#${ci}`) };
  const { bounds } = solved;
  const found: { sheet: number; cell: CellBounds }[] = [];

  model.varCells.forEach((meta, v) => {
    if (meta.hidden) return;
    const b = bounds[v]!;
    const dom = model.variables[v]!;
    const antall = model.changeAntall.get(v);
    const lyVar = model.changeLastYear.get(v);
    const lastYear =
      lyVar !== undefined
        ? range({ variable: lyVar }, bounds)
        : antall
          ? solvedPairRanges(model, bounds, antall, { variable: v }, false)?.lastYear
          : undefined;
    found.push({ sheet: meta.sheet, cell: cellOut(model, meta, { min: b.min, max: b.max }, { min: dom.lo, max: dom.hi }, lastYear) });
  });

  for (const p of model.percents) {
    if (p.lastYearVar !== undefined) {
      found.push({ sheet: p.sheet, cell: percentHull(model, p, range(p.antall, bounds), range({ variable: p.lastYearVar }, bounds)) });
      continue;
    }
    const solvedP = solvedPairRanges(model, bounds, p.antall, p.endring, true);
    if (!solvedP?.percent) throw new Error(`${model.where(p)}: fant ingen mulig prosent.`);
    // What "*" alone allows: every antall in its domain, every change its last-year range permits.
    const aDomain: Range = "value" in p.antall ? { min: p.antall.value, max: p.antall.value } : { min: 1, max: SUPPRESS_MAX };
    const naive = pairRanges(
      span(aDomain),
      (a) => {
        const e = { min: Math.max(p.endringDomain.min, a - p.lastYear.max), max: Math.min(p.endringDomain.max, a - p.lastYear.min) };
        return Number.isFinite(e.min) && Number.isFinite(e.max) && e.min <= e.max ? e : undefined;
      },
      true,
    );
    // Without a finite change range, "*" alone says nothing about the percent.
    const domain = naive?.percent ?? { min: -Infinity, max: Infinity };
    found.push({ sheet: p.sheet, cell: cellOut(model, p, solvedP.percent, domain, solvedP.lastYear) });
  }

  const cells = new Map<number, CellBounds[]>();
  for (const { sheet, cell } of found.sort((x, y) => x.sheet - y.sheet || x.cell.row - y.cell.row || x.cell.col - y.cell.col)) {
    const list = cells.get(sheet);
    if (list) list.push(cell);
    else cells.set(sheet, [cell]);
  }
  return { cells };
}

/** Sheets with tables, in the order given. */
function tableSheets(layouts: readonly SheetLayout[]): number[] {
  return layouts.map((l, i) => (l.blocks.length > 0 ? i : -1)).filter((i) => i >= 0);
}

/**
 * A valid upper bound for every last-year count of the period: the overall total's last-year count
 * (I alt in «Hovedgrupper» or «Tiltaksgrupper»), which every row's last-year count is a part of.
 * Only the overall total bounds every row: a sub-table's total (one hovedgruppe) does not bound the
 * rows of another table, nor the overall total itself. Undefined when no overall total row gives it
 * (its antall is "*" too).
 */
function overallLastYear(layouts: readonly SheetLayout[]): number | undefined {
  for (const l of layouts) {
    if (l.key !== "hovedgrupper" && l.key !== "tiltaksgrupper") continue;
    for (const b of l.blocks) {
      const c = lastYearCap(l, blockShape(l, b));
      if (c !== undefined) return c;
    }
  }
  return undefined;
}

/**
 * A stand-in cap when no published figure bounds last year's counts: larger than any bound the
 * figures can imply (a bounded last-year count is a sum of published numbers and "*"s), so it never
 * cuts off a solution the figures allow.
 */
function looseCap(layouts: readonly SheetLayout[]): number {
  let sum = 1000;
  for (const l of layouts) {
    for (const b of l.blocks) {
      for (let r = b.firstRow; r <= b.lastRow; r++) {
        for (const v of l.cells[r] ?? []) {
          if (typeof v === "number" && Number.isFinite(v)) sum += Math.abs(Math.round(v));
          else if (v === SUPPRESSED) sum += SUPPRESS_MAX;
        }
      }
    }
  }
  return sum;
}

/** Bounds that grow with the stand-in cap are not bounded by the figures: report them as ±∞. */
function mergeCaps(a: TableAudit[], b: TableAudit[]): TableAudit[] {
  const lo = (x: number, y: number): number => (x === y ? x : -Infinity);
  const hi = (x: number, y: number): number => (x === y ? x : Infinity);
  return b.map((tb, k) => {
    const ta = a[k]!;
    if (tb.infeasible || ta.infeasible || ta.cells.length !== tb.cells.length) return tb;
    return {
      ...tb,
      cells: tb.cells.map((cb, i) => {
        const ca = ta.cells[i]!;
        const min = lo(ca.min, cb.min);
        const max = hi(ca.max, cb.max);
        const domain = { min: lo(ca.domain.min, cb.domain.min), max: hi(ca.domain.max, cb.domain.max) };
        const out: CellBounds = { ...cb, min, max, pinned: min === max, domain, narrowed: min > domain.min || max < domain.max };
        if (ca.lastYear && cb.lastYear) {
          const ly = { min: lo(ca.lastYear.min, cb.lastYear.min), max: hi(ca.lastYear.max, cb.lastYear.max) };
          out.lastYear = { ...ly, pinned: ly.min === ly.max };
        }
        return out;
      }),
    };
  });
}

/** Does a sheet hide a cell with ":"? */
function hasHiddenCell(l: SheetLayout): boolean {
  return l.blocks.some((b) => l.cells.slice(b.firstRow, b.lastRow + 1).some((row) => row.includes(HIDDEN)));
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
