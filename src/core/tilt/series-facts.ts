// The raw time-series tables of one year as one fact system for protection (protect/facts.ts): every
// published cell once, and every relation a reader of all the tables together has.
//
// Facts: every month × row cell (the blocks' «I alt» rows too) and every row's «Gjennomsnitt hittil i
// år». A figure of 1–3 is primary («*»); any other figure may be hidden («:»), a 0 too; an empty cell
// is 0 and stays empty; a «:» is 0 or at least 4 to a reader. An average of 1–3 is «*» too, but it is
// not itself protected: what it gives away is its months, which the relation below covers.
//
// Relations, as the combined series audit reads the published tables (series-audit.ts; built here from
// the raw figures so that the audit stays an independent check of the result):
// - each block, each month: «I alt» = the sum of its rows (TILT180: with or without Tilrettelegging's
//   three tiltak, as the file's sums showed; none when they do not tell);
// - TILT100's group rows = the other tables' «I alt» row of the same målgruppe and month (TILT180:
//   Jobbskaping og egenetablering = its rows but Tilrettelegging's three tiltak, Tilrettelegging = those
//   three);
// - each row with an average: the sum of its k months lies within (average ± 0.5)·k (the lower end
//   over its non-empty months, as NAV may average over those), an inequality guarded by the average:
//   hidden («:»), the relation is gone; «*», it holds with 1–3 for the average.

import { InputRejectedError } from "../errors.js";
import type { Fact, FactSystem, RangeRelation } from "../protect/facts.js";
import { isSmall, SUPPRESS_MAX } from "../suppression.js";
import { periodLabel } from "../text.js";
import type { SeriesCell, SeriesTable } from "../types.js";
import { countedRows, groupLinks } from "./tilt-sums.js";
import { AVERAGE_HEADER } from "./tilt-names.js";

/** Where a fact lives: table (index into the year's tables), block, row, month (−1: the average). */
export interface SeriesPlace {
  table: number;
  block: number;
  row: number;
  month: number;
}

export interface SeriesFactModel extends FactSystem {
  tables: readonly SeriesTable[];
  place: Map<string, SeriesPlace>;
}

export const factId = (p: SeriesPlace): string => `${p.table}|${p.block}|${p.row}|${p.month}`;

function rawValue(c: SeriesCell, file: string): number | null {
  if (c.value === null) return null;
  if (typeof c.value !== "number")
    throw new InputRejectedError("not-raw", `Skjermingen trenger rå tall, men «${file}» har «${c.value}» i celle ${c.cell}.`);
  return c.value;
}

/** The relation's range on a row's months' sum (k months, n of them non-empty), as the audit reads an average. */
export function averageRange(avg: number, k: number, n: number): [number, number] {
  const [a, c] = isSmall(avg) ? [1, SUPPRESS_MAX] : [avg, avg];
  return [Math.ceil(Math.min(k, n || k) * (a - 0.5) - 1e-9), Math.floor(Math.max(k, n || k) * (c + 0.5) + 1e-9)];
}

class Builder {
  readonly facts: Fact[] = [];
  readonly byId = new Map<string, Fact>();
  readonly place = new Map<string, SeriesPlace>();
  readonly sums: string[][] = [];
  readonly ranges: RangeRelation[] = [];
  constructor(readonly tables: readonly SeriesTable[]) {}

  cell(p: SeriesPlace): SeriesCell {
    const row = this.tables[p.table]!.blocks[p.block]!.rows[p.row]!;
    return p.month < 0 ? row.average : row.months[p.month]!;
  }

  addFact(p: SeriesPlace): void {
    const table = this.tables[p.table]!;
    const row = table.blocks[p.block]!.rows[p.row]!;
    const c = this.cell(p);
    const value = rawValue(c, table.file) ?? 0;
    const column = p.month < 0 ? AVERAGE_HEADER : periodLabel(table.periods[p.month]!);
    const f: Fact = {
      id: factId(p),
      kind: p.month < 0 ? "average" : "count",
      // A decimal average weighs its rounded value in the cost (the master's weights are whole).
      value: p.month < 0 ? Math.round(value) : value,
      primary: isSmall(value),
      // Any figure shown but 1–3 may be hidden: a 0 too (a «:» is 0 or at least 4), and an average
      // below 1 (an average of 0 over months with a «*» says the «*» is small).
      candidate: c.value !== null && !isSmall(value),
      // A reader cannot tell a «:» from a cell that was empty in another publication: 0 or at least 4.
      hole: true,
      label: `«${table.file}» ${c.cell} «${row.label}», ${column}`,
    };
    this.facts.push(f);
    this.byId.set(f.id, f);
    this.place.set(f.id, p);
  }

  /** A sum [total, ...parts], refused when the raw figures break it (the file is not what it says). */
  addSum(total: SeriesPlace, parts: SeriesPlace[], what: string): void {
    const ids = [factId(total), ...parts.map(factId)];
    const [t, ...ps] = ids.map((id) => this.byId.get(id)!.value);
    if (t !== ps.reduce((s, v) => s + v, 0))
      throw new InputRejectedError(
        "contradictory-figures",
        `«${this.tables[total.table]!.file}»: celle ${this.cell(total).cell} er ikke ${what}.`,
      );
    this.sums.push(ids);
  }

  /** A row's average relation, refused when its raw months break it. */
  addAverage(t: number, b: number, r: number): void {
    const row = this.tables[t]!.blocks[b]!.rows[r]!;
    const avg = rawValue(row.average, this.tables[t]!.file);
    if (avg === null) return;
    const ids = row.months.map((_, i) => factId({ table: t, block: b, row: r, month: i }));
    const nonEmpty = row.months.filter((m) => m.value !== null).length;
    const [lo, hi] = averageRange(avg, row.months.length, nonEmpty);
    const sum = ids.reduce((s, id) => s + this.byId.get(id)!.value, 0);
    if (sum < lo || sum > hi)
      throw new InputRejectedError(
        "contradictory-figures",
        `«${this.tables[t]!.file}»: «${AVERAGE_HEADER}» i celle ${row.average.cell} stemmer ikke med månedene.`,
      );
    const guard = factId({ table: t, block: b, row: r, month: -1 });
    this.ranges.push({ ids, lo, hi, ...(this.byId.get(guard)!.candidate ? { guard } : {}) });
  }
}

function addBlock(m: Builder, t: number, b: number): void {
  const table = m.tables[t]!;
  const block = table.blocks[b]!;
  block.rows.forEach((row, r) => {
    m.addFact({ table: t, block: b, row: r, month: -1 });
    row.months.forEach((_, i) => m.addFact({ table: t, block: b, row: r, month: i }));
  });
  const counted = countedRows(table, block);
  if (counted)
    table.periods.forEach((_, i) =>
      m.addSum(
        { table: t, block: b, row: 0, month: i },
        counted.map((r) => ({ table: t, block: b, row: r, month: i })),
        "summen av radene",
      ),
    );
  block.rows.forEach((_, r) => m.addAverage(t, b, r));
}

/** TILT100's group rows = the other tables' «I alt» (TILT180: its rows, split as the group rows are). */
function addLinks(m: Builder): void {
  for (const link of groupLinks(m.tables)) {
    const table = m.tables[link.table]!;
    for (const { groupsMonth, month, period } of link.months) {
      m.addSum(
        { table: link.groupsTable, block: link.groupsBlock, row: link.groupsRow, month: groupsMonth },
        link.rows.map((row) => ({ table: link.table, block: link.block, row, month })),
        `det samme som «I alt» i «${table.file}» for ${periodLabel(period)}`,
      );
    }
  }
}

/** The fact system of one year's raw tables (one table per TILT code). */
export function seriesFactModel(tables: readonly SeriesTable[]): SeriesFactModel {
  const m = new Builder(tables);
  tables.forEach((table, t) => table.blocks.forEach((_, b) => addBlock(m, t, b)));
  addLinks(m);
  return { facts: m.facts, byId: m.byId, sums: m.sums, ranges: m.ranges, rowCount: new Map(), tables, place: m.place };
}
