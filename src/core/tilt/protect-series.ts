// Secondary suppression for NAV's raw time-series tables (TILT workbooks, all figures shown): which
// further cells to hide («:») so that no «*» can be worked out from what the tables publish — all of
// one year's tables read together, as the combined series audit reads them.
//
// One fact system per year (series-facts.ts: every month × row, every «Gjennomsnitt hittil i år», the
// blocks' sums, TILT100 against the other tables, the averages as guarded inequalities), solved by the
// same exact search as the text publication (protect/search.ts: HiGHS master, capacity and system
// cuts, the exact integer attack): the fewest hidden cells, then the smallest hidden sum, proven
// optimal (gap 0) unless the time limit stops it; then the best found and the proven lower bound.
//
// What the attack assumes a reader knows (protect/attack.ts): a «*» is 1–3, a «:» is 0 or at least 4
// (a reader cannot tell a hidden 0 from a hidden 4). That is more than the series audit assumes («:»
// any count), so a set the attack accepts is safe for the audit too; the result is checked by that
// audit (which knows nothing of the facts or the search) before it is returned.

import { InputRejectedError, InternalError } from "../errors.js";
import { Checker } from "../protect/checker.js";
import { costOf, shownHidden, better, type Cost } from "../protect/master.js";
import { loadHighs, milpSolver, type Highs } from "../protect/milp.js";
import { DEFAULT_TIME_LIMIT_MS, search, type SearchStats } from "../protect/search.js";
import { SUPPRESS_MAX } from "../suppression.js";
import { HIDDEN, SUPPRESSED, type Dataset, type SeriesCell, type SeriesTable } from "../types.js";
import { auditSeries, type SeriesCellBounds } from "./series-audit.js";
import { factId, seriesFactModel, type SeriesFactModel } from "./series-facts.js";
import { AVERAGE_HEADER } from "./tilt-names.js";

export interface HiddenSeriesCell {
  file: string;
  cell: string;
  row: string;
  /** The month's period, or «Gjennomsnitt hittil i år». */
  column: string;
  value: number;
}

/** A «*» that cannot be shown wider than this, whatever is hidden, and why. */
export interface InherentSeriesCell extends SeriesCellBounds {
  reason: string;
}

export interface SeriesProtection {
  /** The table with «*» for every 1–3 and «:» for every cell hidden to protect them. */
  table: SeriesTable;
  primary: number;
  secondary: HiddenSeriesCell[];
  /** The «*» narrower than 1–3 whatever is hidden, with their ranges and the reason. */
  inherent: InherentSeriesCell[];
}

/** One year's tables, protected together. */
export interface SeriesYearProtection {
  year: number;
  tables: SeriesProtection[];
  /** Hidden cells («:») and their sum. */
  cost: Cost;
  /** Proven: no safe set hides fewer cells (or as few with a smaller sum, when `optimal`). */
  lowerBound: Cost;
  optimal: boolean;
  search: SearchStats;
}

export interface SeriesProtectOptions {
  highs?: Highs;
  /** Time for the exact search per year, in milliseconds (default 10 000). */
  timeLimitMs?: number;
}

/** The tables grouped by year; two tables for the same code and year cannot be published together. */
function byYear(tables: readonly SeriesTable[]): SeriesTable[][] {
  const years = new Map<number, SeriesTable[]>();
  for (const t of tables) {
    const same = years.get(t.year)?.find((x) => x.code === t.code);
    if (same)
      throw new InputRejectedError(
        "duplicate-table",
        `«${same.file}» og «${t.file}» er begge TILT${t.code} for ${t.year}: prikk én arbeidsbok per tabell og år sammen.`,
      );
    years.set(t.year, [...(years.get(t.year) ?? []), t]);
  }
  return [...years.values()];
}

const seriesDataset = (tables: SeriesTable[]): Dataset => ({
  title: "",
  notes: [],
  hovedgrupper: [],
  crossOrder: [],
  tiltaksgrupper: [],
  tiltak: [],
  periods: [],
  series: tables,
});

/** The tables with «*» and «:» written in for the hidden set (every primary figure is «*»). */
function publish(model: SeriesFactModel, hidden: ReadonlySet<string>): SeriesTable[] {
  return model.tables.map((table, t) => ({
    ...table,
    blocks: table.blocks.map((block, b) => ({
      ...block,
      rows: block.rows.map((row, r) => {
        const cell = (c: SeriesCell, month: number): SeriesCell => {
          const f = model.byId.get(factId({ table: t, block: b, row: r, month }))!;
          return { ...c, value: f.primary ? SUPPRESSED : hidden.has(f.id) ? HIDDEN : c.value };
        };
        return { ...row, average: cell(row.average, -1), months: row.months.map((c, i) => cell(c, i)) };
      }),
    })),
  }));
}

/** Every figure that is not «*» hidden: the widest the audit can see a «*» whatever is hidden. */
function everythingHidden(t: SeriesTable): SeriesTable {
  const hide = (c: SeriesCell): SeriesCell => (typeof c.value === "number" ? { ...c, value: HIDDEN } : c);
  return {
    ...t,
    blocks: t.blocks.map((b) => ({ ...b, rows: b.rows.map((r) => ({ ...r, average: hide(r.average), months: r.months.map(hide) })) })),
  };
}

/**
 * The result checked by the combined series audit, which knows nothing of the facts or the search: no
 * «*» may be narrower than the audit itself finds it with every other figure hidden (the widest any
 * protection can give). Returns per table the «*» narrower than 1–3 (the «*» narrow them themselves).
 */
function verify(highs: Highs, published: SeriesTable[]): InherentSeriesCell[][] {
  // The audit's own exact bounds, with the integer program where its search would take too long.
  const solve = milpSolver(highs);
  const got = auditSeries(seriesDataset(published), { mode: "combined", solve });
  // A «*» the audit leaves 1–3 is as wide as promised; only a narrowed one is held against the
  // audit's widest reading, which is then solved once.
  const narrowed = got.some((a) => a.cells.some((c) => c.narrowed));
  const best = narrowed ? auditSeries(seriesDataset(published.map(everythingHidden)), { mode: "combined", solve }) : [];
  const short: string[] = [];
  const inherent = got.map((audit, t) => {
    if (audit.infeasible) throw new InternalError("protection-failed", `Skjermingen: ${audit.infeasible.message}`);
    const widest = new Map((best[t]?.cells ?? []).map((c) => [c.cell, c]));
    for (const c of audit.cells.filter((x) => x.narrowed)) {
      const w = widest.get(c.cell);
      if (!w || c.min > w.min || c.max < Math.min(w.max, SUPPRESS_MAX)) short.push(`«${audit.file}» ${c.cell}`);
    }
    return audit.cells.filter((c) => c.narrowed).map((c) => ({ ...c, reason: "«*»-cellene summerer seg selv" }));
  });
  if (short.length > 0) throw new InternalError("protection-failed", `Skjermingen består ikke prikkekontrollen (${short.join(", ")}).`);
  return inherent;
}

/** The report's view of each table: its «*» count and its «:» cells. */
function perTable(model: SeriesFactModel, published: SeriesTable[], hidden: ReadonlySet<string>, inherent: InherentSeriesCell[][]) {
  return published.map((table, t): SeriesProtection => {
    const facts = [...model.place].filter(([, p]) => p.table === t).map(([id]) => model.byId.get(id)!);
    const secondary = facts
      .filter((f) => hidden.has(f.id) && !f.primary)
      .map((f): HiddenSeriesCell => {
        const p = model.place.get(f.id)!;
        const row = model.tables[t]!.blocks[p.block]!.rows[p.row]!;
        const c = p.month < 0 ? row.average : row.months[p.month]!;
        return {
          file: table.file,
          cell: c.cell,
          row: row.label,
          column: p.month < 0 ? AVERAGE_HEADER : table.periods[p.month]!,
          value: c.value as number,
        };
      });
    return { table, primary: facts.filter((f) => f.primary).length, secondary, inherent: inherent[t]! };
  });
}

/** Protects one year's tables together. */
function protectYear(highs: Highs, tables: SeriesTable[], timeLimitMs: number): SeriesYearProtection {
  const model = seriesFactModel(tables);
  const checker = new Checker(model, highs);
  const s = search(highs, model, checker, timeLimitMs);
  const hidden = shownHidden(model, s.chosen);
  const cost = costOf(model, hidden);
  if (better(cost, s.lowerBound))
    throw new InternalError("protection-failed", "Skjermingen: en trygg prikking kostet mindre enn den nedre grensen (feil i modellen).");
  if (checker.exposed(hidden).length > 0) throw new InternalError("protection-failed", "Skjermingen fant ingen trygg prikking.");
  const published = publish(model, hidden);
  const inherent = verify(highs, published);
  const lowerBound = s.proven ? cost : s.lowerBound;
  return {
    year: tables[0]!.year,
    tables: perTable(model, published, hidden, inherent),
    cost,
    lowerBound,
    optimal: s.proven || (cost.cells === lowerBound.cells && cost.sum === lowerBound.sum),
    search: s.search,
  };
}

/** Protects raw time-series tables: each year's tables together, in the order the years first occur. */
export async function protectSeries(tables: readonly SeriesTable[], options: SeriesProtectOptions = {}): Promise<SeriesYearProtection[]> {
  const highs = options.highs ?? (await loadHighs());
  return byYear(tables).map((year) => protectYear(highs, year, options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS));
}
