/**
 * The figures of one period of a raw dataset as protection sees them: every distinct published figure
 * once (a group's count appears in four tables but is one figure), with the sums that tie them.
 *
 * - count facts: a tiltak's, a tiltaksgruppe's and the overall count, per hovedgruppe and «I alt»;
 * - change facts: a tiltaksgruppe's and the overall change from last year, per hovedgruppe and
 *   «I alt». What a change can give away is last year's count L = antall − endring, so its value here
 *   is L; L adds up over tiltaksgrupper and hovedgrupper as the counts do.
 *
 * The sums are what a reader can use: «I alt» = the hovedgrupper, a group = its tiltak, the overall
 * count = the groups (in every hovedgruppe column), and the same for last year's counts.
 */

import { ALL, tiltakGroup, type Count, type Dataset, type Figures, type HgKey, type PeriodData } from "../types.js";
import { isSmall } from "../suppression.js";
import { periodData } from "../layout.js";
import { InputRejectedError } from "../errors.js";

/**
 * "average": a row's «Gjennomsnitt hittil i år» (the time series). It is in no sum; it is the guard of
 * a range relation (below): shown, it bounds its months' sum; hidden («:»), that relation is gone.
 */
export type FactKind = "count" | "change" | "average";

export interface Fact {
  id: string;
  kind: FactKind;
  /** Where it lives in PeriodData (the text publication's facts only). */
  ref?: { level: "tiltak" | "group" | "total"; id: string; hg: HgKey };
  /** The count, or for a change last year's count. 0 for an empty cell. */
  value: number;
  /** A change only: is a percent published (last year's count > 0)? */
  hasPercent?: boolean;
  /**
   * A hidden figure of this fact is 0 or at least 4 (the time series: a «:» could stand where another
   * publication had nothing); without it, a hidden count is at least 4.
   */
  hole?: boolean;
  /** Primary ("*"): a count of 1–3, or a change whose last year's count or this year's count is 1–3. */
  primary: boolean;
  /** Could be hidden with ":" to protect others: not primary, and its value is at least 4. */
  candidate: boolean;
  /** Human-readable name for reports. */
  label: string;
}

/**
 * lo ≤ Σ ids ≤ hi: what a shown average says of its months (the sum of k months lies within
 * (average ± 0.5)·k). With a guard (an average that may be hidden), the relation holds only while the
 * guard is shown; without one it always holds (a «*» average: 1–3 still bounds the sum).
 */
export interface RangeRelation {
  ids: string[];
  lo: number;
  hi: number;
  guard?: string;
}

/** What the search (master, cuts, attack) sees: facts and the relations that tie them. */
export interface FactSystem {
  facts: Fact[];
  byId: Map<string, Fact>;
  /** Each sum as fact ids: [total, ...parts]. */
  sums: string[][];
  /** Inequalities over sums of facts, some guarded by a fact that hiding removes. */
  ranges: RangeRelation[];
  /** Change fact id → the count fact on its row (hiding the count hides the change). */
  rowCount: Map<string, string>;
}

/** The range relations a reader has when the facts in `hidden` are not shown. */
export function activeRanges(model: FactSystem, hidden: ReadonlySet<string>): RangeRelation[] {
  return model.ranges.filter((r) => r.guard === undefined || !hidden.has(r.guard));
}

export interface FactModel extends FactSystem {
  period: PeriodData;
}

const num = (c: Count): number => {
  if (c === null) return 0;
  if (typeof c !== "number") throw new InputRejectedError("not-raw", "Skjermingen trenger rå tall, men filen har allerede «*» eller «:».");
  return c;
};

export function factModel(ds: Dataset, period?: string): FactModel {
  const p = periodData(ds, period);
  const hgs = ds.hovedgrupper.filter((h) => p.total[h.id] !== undefined).map((h) => h.id);
  const keys: HgKey[] = [ALL, ...hgs];
  const hgName = (k: HgKey): string => (k === ALL ? "I alt" : (ds.hovedgrupper.find((h) => h.id === k)?.name ?? k));
  const groups = ds.tiltaksgrupper.filter((g) => p.groups[g.id] !== undefined);
  const facts: Fact[] = [];
  const byId = new Map<string, Fact>();
  const rowCount = new Map<string, string>();
  const add = (f: Fact): void => {
    facts.push(f);
    byId.set(f.id, f);
  };
  const countFact = (id: string, ref: Fact["ref"], value: number, label: string): void =>
    add({ id, kind: "count", ref, value, primary: isSmall(value), candidate: value > 3, label });
  const figureFacts = (prefix: string, ref: Fact["ref"], f: Figures, label: string): void => {
    const antall = num(f.antall);
    countFact(`${prefix}|a`, ref, antall, label);
    if (f.endring === null) return;
    const lastYear = antall - num(f.endring);
    const primary = isSmall(lastYear) || isSmall(antall);
    // A change with no last year's count (no percent) tells a reader L = 0 whatever it shows.
    add({
      id: `${prefix}|e`,
      kind: "change",
      ref,
      value: lastYear,
      hasPercent: lastYear > 0,
      primary,
      candidate: !primary && lastYear > 3,
      label: `${label}, endring fra i fjor`,
    });
    rowCount.set(`${prefix}|e`, `${prefix}|a`);
  };

  for (const k of keys) {
    figureFacts(`tot|${k}`, { level: "total", id: "", hg: k }, p.total[k]!, `I alt (${hgName(k)})`);
    for (const g of groups) {
      const f = p.groups[g.id]![k];
      if (f) figureFacts(`g|${g.id}|${k}`, { level: "group", id: g.id, hg: k }, f, `${g.name} (${hgName(k)})`);
    }
    for (const t of ds.tiltak) {
      const cells = p.tiltak[t.id];
      if (cells) countFact(`t|${t.id}|${k}`, { level: "tiltak", id: t.id, hg: k }, num(cells[k] ?? null), `${t.name} (${hgName(k)})`);
    }
  }

  return { period: p, facts, byId, sums: factSums(ds, p, hgs, byId), ranges: [], rowCount };
}

/** The published sums over the facts, as ids: [total, ...parts]; a part not shown is left out. */
function factSums(ds: Dataset, p: PeriodData, hgs: HgKey[], byId: ReadonlyMap<string, Fact>): string[][] {
  const keys: HgKey[] = [ALL, ...hgs];
  const groups = ds.tiltaksgrupper.filter((g) => p.groups[g.id] !== undefined);
  const sums: string[][] = [];
  const has = (id: string): boolean => byId.has(id);
  const sum = (total: string, parts: string[]): void => {
    if (has(total)) sums.push([total, ...parts.filter(has)]);
  };
  for (const m of ["a", "e"]) {
    for (const k of keys)
      sum(
        `tot|${k}|${m}`,
        groups.map((g) => `g|${g.id}|${k}|${m}`),
      );
    sum(
      `tot|${ALL}|${m}`,
      hgs.map((h) => `tot|${h}|${m}`),
    );
    for (const g of groups)
      sum(
        `g|${g.id}|${ALL}|${m}`,
        hgs.map((h) => `g|${g.id}|${h}|${m}`),
      );
  }
  for (const g of groups) {
    const members = ds.tiltak.filter((t) => tiltakGroup(p, t) === g.id && p.tiltak[t.id]);
    for (const k of keys)
      sum(
        `g|${g.id}|${k}|a`,
        members.map((t) => `t|${t.id}|${k}`),
      );
  }
  for (const t of ds.tiltak)
    if (p.tiltak[t.id])
      sum(
        `t|${t.id}|${ALL}`,
        hgs.map((h) => `t|${t.id}|${h}`),
      );
  return sums;
}
