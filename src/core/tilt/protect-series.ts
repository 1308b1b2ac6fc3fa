// Secondary suppression for one raw time-series table (a TILT workbook's data sheet, all figures
// shown): which further cells to hide («:») so that no «*» can be worked out from what the table
// publishes. One fact per published cell: every month × row (the block's «I alt» row too) and every
// row's «Gjennomsnitt hittil i år». Primary («*») are the figures of 1–3 (an average of 1–3 too).
//
// The relations a reader has, per block (the same the series audit reads, built here from the raw
// figures so that the audit stays an independent check of the result):
// - every month: «I alt» = the sum of the rows (TILT180: the rows its «I alt» counts; none when the
//   file does not tell);
// - every row whose average is shown: the months' sum lies within the average ± 0.5 times the
//   number of months. That is an inequality, so the average is a fact of its own: hiding it («:»)
//   removes the relation, showing it adds it.
//
// The attacker is at least as strong as the audit: a «:» is 0 or at least 4 here (a figure of 1–3
// would have been «*»; disclosure.ts's hole), the audit allows any count. A set safe against the
// stronger reader is safe against the audit's. (Not «at least 4»: a reader cannot tell a «:» from a
// cell hidden because it was empty in another publication, and the target of every «*» would shrink
// with it — two «:» and a «*» under a «*» average of 3 would leave it 1–2 whatever is hidden.)
//
// Search: greedy then pruned. Starting from the «*» cells, while a «*» is narrowed beyond its target
// (its range with every other figure of the block hidden: less than 1–3 only where «*» cells add up
// among themselves), hide the candidate (a figure ≥ 4 on its month, on its row, or its row's average)
// that leaves the fewest exposures, the smallest on a tie; then unhide every «:» the result does not
// need, largest first. The set is minimal (no «:» can be dropped), not proven optimal.

import { between, solveBounds, type DisclosureVariable, type LinearConstraint, type LinearTerm } from "../disclosure.js";
import { InputRejectedError, InternalError } from "../errors.js";
import { isSmall, SUPPRESS_MAX } from "../suppression.js";
import { HIDDEN, SUPPRESSED, type Count, type Dataset, type SeriesBlock, type SeriesCell, type SeriesTable } from "../types.js";
import { isTilretteleggingTiltak } from "./tilt-names.js";
import { auditSeries, type SeriesCellBounds } from "./series-audit.js";

/** Stand-in upper bound for a hidden figure: far above any count NAV publishes. */
const CAP = 10_000_000;

/** A published cell of one block: a month (`month` ≥ 0) or the row's average (`month` = -1). */
interface SeriesFact {
  key: string;
  row: number;
  month: number;
  /** The raw figure; null for an empty cell (0, never hidden). */
  value: number | null;
  primary: boolean;
  candidate: boolean;
}

export interface HiddenSeriesCell {
  file: string;
  cell: string;
  row: string;
  /** The month's period, or «Gjennomsnitt hittil i år». */
  column: string;
  value: number;
}

export interface SeriesProtection {
  /** The table with «*» for every 1–3 and «:» for every cell hidden to protect them. */
  table: SeriesTable;
  primary: number;
  secondary: HiddenSeriesCell[];
  /** The «*» narrower than 1–3 whatever is hidden («*» that add up among themselves), with their ranges. */
  inherent: SeriesCellBounds[];
}

const keyOf = (row: number, month: number): string => `${row}:${month}`;

function rawValue(c: SeriesCell, file: string): number | null {
  if (c.value === null) return null;
  if (typeof c.value !== "number")
    throw new InputRejectedError("not-raw", `Skjermingen trenger rå tall, men «${file}» har «${c.value}» i celle ${c.cell}.`);
  return c.value;
}

/** The block's facts, by key. */
function blockFacts(block: SeriesBlock, file: string): Map<string, SeriesFact> {
  const facts = new Map<string, SeriesFact>();
  block.rows.forEach((row, r) => {
    const cells: [number, SeriesCell][] = [[-1, row.average], ...row.months.map((c, i): [number, SeriesCell] => [i, c])];
    for (const [month, c] of cells) {
      const value = rawValue(c, file);
      const primary = value !== null && isSmall(value);
      facts.set(keyOf(r, month), {
        key: keyOf(r, month),
        row: r,
        month,
        value,
        primary,
        candidate: value !== null && value > SUPPRESS_MAX,
      });
    }
  });
  return facts;
}

/** The rows its «I alt» counts, or null when the file does not tell (TILT180 «either»). */
function countedRows(table: SeriesTable, block: SeriesBlock): number[] | null {
  if (table.code === 180 && table.totalScope === "either") return null;
  return block.rows
    .map((row, r) => ({ row, r }))
    .filter(({ row, r }) => r > 0 && (table.code !== 180 || table.totalScope !== "without" || !isTilretteleggingTiltak(row.label)))
    .map(({ r }) => r);
}

/** The average's relation on the months' sum, as the audit reads it (k months, n of them non-empty). */
function averageRange(avg: number, k: number, n: number): [number, number] {
  const [a, c] = isSmall(avg) ? [1, SUPPRESS_MAX] : [avg, avg];
  return [Math.ceil(Math.min(k, n || k) * (a - 0.5) - 1e-9), Math.floor(k * (c + 0.5) + 1e-9)];
}

type Range = { lo: number; hi: number };

/** The exact attack on one block: integer bounds of every «*» month given a hidden set. */
class BlockAttacker {
  readonly primaries: SeriesFact[];
  constructor(
    private readonly table: SeriesTable,
    private readonly block: SeriesBlock,
    private readonly facts: Map<string, SeriesFact>,
  ) {
    this.primaries = [...facts.values()].filter((f) => f.primary && f.month >= 0);
    this.checkTruth();
  }

  /** The raw figures must satisfy every relation, or the file is not what it claims (named by cell). */
  private checkTruth(): void {
    const v = (r: number, i: number) => this.facts.get(keyOf(r, i))!.value ?? 0;
    const counted = countedRows(this.table, this.block);
    this.table.periods.forEach((_, i) => {
      if (counted && v(0, i) !== counted.reduce((s, r) => s + v(r, i), 0))
        throw new InputRejectedError(
          "contradictory-figures",
          `«${this.table.file}»: «${this.block.rows[0]!.label}» i celle ${this.block.rows[0]!.months[i]!.cell} er ikke summen av radene.`,
        );
    });
    this.block.rows.forEach((row, r) => {
      const avg = this.facts.get(keyOf(r, -1))!.value;
      if (avg === null) return;
      const sum = row.months.reduce((s, _, i) => s + v(r, i), 0);
      const [lo, hi] = averageRange(avg, row.months.length, row.months.filter((m) => m.value !== null).length);
      if (sum < lo || sum > hi)
        throw new InputRejectedError(
          "contradictory-figures",
          `«${this.table.file}»: «Gjennomsnitt hittil i år» i celle ${row.average.cell} stemmer ikke med månedene.`,
        );
    });
  }

  /** Each «*» month's exact range when the cells in `hidden` (and every «*») are not shown. */
  ranges(hidden: ReadonlySet<string>): Map<string, Range> {
    const variables: DisclosureVariable[] = [];
    const index = new Map<string, number>();
    const operand = (f: SeriesFact): number | { v: number } => {
      if (f.value === null) return 0;
      if (!f.primary && !hidden.has(f.key)) return f.value;
      let i = index.get(f.key);
      if (i === undefined) {
        i = variables.length;
        index.set(f.key, i);
        variables.push(f.primary ? { lo: 1, hi: SUPPRESS_MAX } : { lo: 0, hi: CAP, exclude: { lo: 1, hi: SUPPRESS_MAX }, auxiliary: true });
      }
      return { v: i };
    };
    const constraints: LinearConstraint[] = [];
    const add = (parts: { f: SeriesFact; sign: number }[], lo: number, hi: number): void => {
      const terms: LinearTerm[] = [];
      let known = 0;
      for (const { f, sign } of parts) {
        const o = operand(f);
        if (typeof o === "number") known += sign * o;
        else terms.push({ variable: o.v, coef: sign });
      }
      if (terms.length > 0) constraints.push(between(terms, lo - known, hi - known));
    };
    const at = (r: number, i: number) => this.facts.get(keyOf(r, i))!;
    this.primaries.forEach((f) => operand(f));
    const counted = countedRows(this.table, this.block);
    if (counted)
      this.table.periods.forEach((_, i) => add([{ f: at(0, i), sign: 1 }, ...counted.map((r) => ({ f: at(r, i), sign: -1 }))], 0, 0));
    this.block.rows.forEach((row, r) => {
      const avg = at(r, -1);
      // A «*» average still tells the reader the mean is 1–3; only a «:» average says nothing.
      if (avg.value === null || (!avg.primary && hidden.has(avg.key))) return;
      const [lo, hi] = averageRange(avg.value, row.months.length, row.months.filter((m) => m.value !== null).length);
      add(
        row.months.map((_, i) => ({ f: at(r, i), sign: 1 })),
        lo,
        hi,
      );
    });
    const result = solveBounds({ variables, constraints, only: this.primaries.map((f) => index.get(f.key)!) });
    if (!result.feasible)
      throw new InputRejectedError("contradictory-figures", `Tallene i «${this.table.file}» går ikke opp: ${result.message}.`);
    return new Map(
      this.primaries.map((f) => [f.key, { lo: result.bounds[index.get(f.key)!]!.min, hi: result.bounds[index.get(f.key)!]!.max }]),
    );
  }
}

/** The «*» months narrowed beyond their target. */
function exposedBy(attacker: BlockAttacker, hidden: ReadonlySet<string>, target: ReadonlyMap<string, Range>): string[] {
  return [...attacker.ranges(hidden)].filter(([k, r]) => r.lo > target.get(k)!.lo || r.hi < target.get(k)!.hi).map(([k]) => k);
}

/** The cells that can help the exposed «*» at `key`: its row's average, the other figures of its month and of its row. */
function helpers(facts: Map<string, SeriesFact>, key: string, hidden: ReadonlySet<string>): SeriesFact[] {
  const f = facts.get(key)!;
  return [...facts.values()]
    .filter((c) => c.candidate && !hidden.has(c.key) && (c.row === f.row || c.month === f.month))
    .sort((a, b) => a.value! - b.value!);
}

/** Of `cells`, the one whose hiding leaves the fewest exposures (the first, i.e. smallest, on a tie). */
function bestHelper(
  attacker: BlockAttacker,
  hidden: ReadonlySet<string>,
  target: ReadonlyMap<string, Range>,
  cells: readonly SeriesFact[],
): { key: string; left: string[] } | undefined {
  let best: { key: string; left: string[] } | undefined;
  for (const c of cells) {
    const left = exposedBy(attacker, new Set([...hidden, c.key]), target);
    if (!best || left.length < best.left.length) best = { key: c.key, left };
    if (left.length === 0) break;
  }
  return best;
}

/** The hidden set of one block (primaries included). */
function protectBlock(table: SeriesTable, block: SeriesBlock): Set<string> {
  const facts = blockFacts(block, table.file);
  const attacker = new BlockAttacker(table, block, facts);
  const hidden = new Set([...facts.values()].filter((f) => f.primary).map((f) => f.key));
  if (attacker.primaries.length === 0) return hidden;
  const all = new Set([...facts.values()].filter((f) => f.primary || f.candidate).map((f) => f.key));
  const target = new Map([...attacker.ranges(all)].map(([k, r]) => [k, { lo: r.lo, hi: Math.min(r.hi, SUPPRESS_MAX) }]));
  for (let exposed = exposedBy(attacker, hidden, target); exposed.length > 0;) {
    const near = helpers(facts, exposed[0]!, hidden);
    let best = bestHelper(attacker, hidden, target, near);
    // A relation away from its row and month (another row's average, which ties that row's months to
    // this month's «I alt») may be what narrows it: then every candidate of the block is tried.
    if (!best || best.left.length >= exposed.length)
      best =
        bestHelper(
          attacker,
          hidden,
          target,
          [...facts.values()].filter((c) => c.candidate && !hidden.has(c.key)).sort((a, b) => a.value! - b.value!),
        ) ?? best;
    // No helper left means the target (every figure hidden) would not narrow it: cannot happen.
    if (!best) throw new InternalError("protection-failed", `Skjermingen av «${table.file}» fant ingen celle å skjule.`);
    hidden.add(best.key);
    exposed = best.left;
  }
  const secondary = [...hidden].filter((k) => !facts.get(k)!.primary).sort((a, b) => facts.get(b)!.value! - facts.get(a)!.value!);
  for (const k of secondary) {
    hidden.delete(k);
    if (exposedBy(attacker, hidden, target).length > 0) hidden.add(k);
  }
  return hidden;
}

const symbolFor = (c: SeriesCell, primary: boolean, hidden: boolean): Count => (primary ? SUPPRESSED : hidden ? HIDDEN : c.value);

/** Protects one raw table: every block on its own, as the table's reader sees it. */
export function protectSeriesTable(table: SeriesTable): SeriesProtection {
  const secondary: HiddenSeriesCell[] = [];
  let primary = 0;
  const blocks = table.blocks.map((block) => {
    const hidden = protectBlock(table, block);
    const cell = (c: SeriesCell, r: number, i: number): SeriesCell => {
      const value = typeof c.value === "number" ? c.value : null;
      const isPrimary = value !== null && isSmall(value);
      const isHidden = hidden.has(keyOf(r, i));
      if (isPrimary) primary++;
      else if (isHidden && value !== null)
        secondary.push({
          file: table.file,
          cell: c.cell,
          row: block.rows[r]!.label,
          column: i < 0 ? "Gjennomsnitt hittil i år" : table.periods[i]!,
          value,
        });
      return { ...c, value: symbolFor(c, isPrimary, isHidden) };
    };
    return {
      ...block,
      rows: block.rows.map((row, r) => ({ ...row, average: cell(row.average, r, -1), months: row.months.map((c, i) => cell(c, r, i)) })),
    };
  });
  const result = { ...table, blocks };
  return { table: result, primary, secondary, inherent: verify(result) };
}

/** Every figure that is not «*» hidden («:»): the widest any protection can leave a «*». */
function everythingHidden(t: SeriesTable): SeriesTable {
  const hide = (c: SeriesCell): SeriesCell => (typeof c.value === "number" || c.value === HIDDEN ? { ...c, value: HIDDEN } : c);
  return {
    ...t,
    blocks: t.blocks.map((b) => ({ ...b, rows: b.rows.map((r) => ({ ...r, average: hide(r.average), months: r.months.map(hide) })) })),
  };
}

/**
 * The result checked by the series audit (series-audit.ts, which reads only the published table and
 * knows nothing of the facts or the search): every «*» must span what hiding every other figure
 * would leave it. Returns the «*» that stay narrower than 1–3 even so (they add up among themselves).
 */
function verify(result: SeriesTable): SeriesCellBounds[] {
  const ds = (t: SeriesTable): Dataset => ({
    title: "",
    notes: [],
    hovedgrupper: [],
    crossOrder: [],
    tiltaksgrupper: [],
    tiltak: [],
    periods: [],
    series: [t],
  });
  const [got] = auditSeries(ds(result));
  const [best] = auditSeries(ds(everythingHidden(result)));
  const widest = new Map(best!.cells.map((c) => [`${c.hovedgruppe}|${c.cell}`, c]));
  const short = got!.cells.filter((c) => {
    const b = widest.get(`${c.hovedgruppe}|${c.cell}`)!;
    return c.min > b.min || c.max < Math.min(b.max, SUPPRESS_MAX);
  });
  if (got!.infeasible || short.length > 0)
    throw new InternalError(
      "protection-failed",
      `Skjermingen av «${result.file}» består ikke prikkekontrollen (${short.map((c) => c.cell).join(", ")}).`,
    );
  return got!.cells.filter((c) => c.narrowed);
}
