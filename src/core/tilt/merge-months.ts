// The files' months → one PeriodData per month. Where a month of a TILT code is in two files, the
// newer file (the later last month) wins, with a «Merk». TILT100's group rows are checked against
// the «I alt» of TILT110–TILT180 (Tilrettelegging's three tiltak against TILT100's Tilrettelegging)
// month by month, using the winning files. Figures NAV does not publish (I alt over målgrupper) are
// derived in derive.ts.

import type { Finding } from "../findings.js";
import { interval, overlaps, sumOf } from "../interval.js";
import { periodLabel, shorten, slug } from "../text.js";
import {
  NOT_AVAILABLE,
  type Count,
  type Figures,
  type HgKey,
  type Hovedgruppe,
  type PeriodData,
  type SeriesTable,
  type Tiltak,
  type Tiltaksgruppe,
} from "../types.js";
import { countInterval, isTilretteleggingRow, showCell, showInterval } from "./block-checks.js";
import { GROUPS_CODE, GROUP_OF_CODE, TILRETTELEGGING } from "./tilt-names.js";
import type { TiltBlock, TiltFile } from "./read-blocks.js";

const pad = (m: number) => String(m).padStart(2, "0");
const newer = (a: TiltFile, b: TiltFile) => b.year - a.year || b.months[b.months.length - 1]! - a.months[a.months.length - 1]!;

/** Per code and period, the file that wins (and the month's column in it). */
type Winners = Map<number, Map<string, { file: TiltFile; i: number }>>;

function chooseWinners(files: readonly TiltFile[], findings: Finding[]): Winners {
  const winners: Winners = new Map();
  const superseded = new Map<string, { older: TiltFile; newer: TiltFile; months: string[]; differ: number; same: boolean }>();
  for (const f of [...files].sort(newer)) {
    const byPeriod = winners.get(f.code) ?? new Map<string, { file: TiltFile; i: number }>();
    winners.set(f.code, byPeriod);
    f.months.forEach((m, i) => {
      const period = `${f.year}-${pad(m)}`;
      const won = byPeriod.get(period);
      if (!won) return void byPeriod.set(period, { file: f, i });
      // Two files with the same last month: the same file twice is harmless (a «Merk» below), two
      // different versions cannot be told apart.
      if (newer(won.file, f) === 0 && differences(f, i, won.file, won.i) > 0) {
        findings.push({
          severity: "error",
          code: "duplicate-period",
          file: f.file,
          message: `TILT${f.code} for ${periodLabel(period)} finnes både i «${won.file.file}» og i «${f.file}», med samme siste måned og ulike tall. Fjern den ene filen.`,
        });
        return;
      }
      const key = `${f.file}\u0000${won.file.file}`;
      const s = superseded.get(key) ?? { older: f, newer: won.file, months: [], differ: 0, same: newer(won.file, f) === 0 };
      s.months.push(periodLabel(period));
      s.differ += differences(f, i, won.file, won.i);
      superseded.set(key, s);
    });
  }
  for (const s of superseded.values()) {
    if (s.same) {
      findings.push({
        severity: "warning",
        code: "newer-file",
        file: s.older.file,
        message: `Filen har de samme månedene og tallene som «${s.newer.file}»; tallene brukes én gang.`,
      });
      continue;
    }
    const differ = s.differ === 0 ? "Tallene er like." : `${s.differ} tall er endret i den nyere filen.`;
    findings.push({
      severity: "warning",
      code: "newer-file",
      file: s.older.file,
      message: `${s.months.join(", ")} finnes også i den nyere filen «${s.newer.file}»; tallene derfra brukes. ${differ}`,
    });
  }
  return winners;
}

/** How many figures of one month differ between two files of the same code. */
function differences(a: TiltFile, ai: number, b: TiltFile, bi: number): number {
  let n = 0;
  for (const block of a.blocks) {
    const other = b.blocks.find((x) => x.hovedgruppe.id === block.hovedgruppe.id);
    if (!other) continue;
    if (block.total.months[ai]!.value !== other.total.months[bi]!.value) n++;
    for (const r of block.rows) if (r.months[ai]!.value !== (other.rows.find((x) => x.id === r.id)?.months[bi]!.value ?? null)) n++;
  }
  return n;
}

/** TILT100's group rows against the other files' «I alt» (and Tilrettelegging's tiltak in TILT180). */
function crossCheck(winners: Winners, findings: Finding[]): void {
  for (const [period, g] of winners.get(GROUPS_CODE) ?? []) {
    for (const block100 of g.file.blocks) {
      for (const [code, byPeriod] of winners) {
        const w = byPeriod.get(period);
        if (code === GROUPS_CODE || !w) continue;
        const block = w.file.blocks.find((b) => b.hovedgruppe.id === block100.hovedgruppe.id);
        const parts: { group: string; value: ReturnType<typeof interval>; where: string }[] = [];
        if (code === 180) {
          const rows = block?.rows ?? [];
          const own = rows.filter((r) => !isTilretteleggingRow(r));
          const til = rows.filter(isTilretteleggingRow);
          parts.push({
            group: GROUP_OF_CODE[180]!,
            value: sumOf(own.map((r) => countInterval(r.months[w.i]!.value))),
            where: `summen av radene ${own.map((r) => `«${r.label}»`).join(", ")}`,
          });
          parts.push({
            group: TILRETTELEGGING,
            value: sumOf(til.map((r) => countInterval(r.months[w.i]!.value))),
            where: `summen av ${til.map((r) => `«${r.label}»`).join(", ") || "Tilretteleggings tiltak"}`,
          });
        } else {
          const total = block?.total.months[w.i];
          parts.push({
            group: GROUP_OF_CODE[code]!,
            value: countInterval(total?.value ?? null),
            where: `«${block?.label ?? "I alt"}» (celle ${total?.cell ?? "–"})`,
          });
        }
        for (const part of parts) {
          const row = block100.rows.find((r) => r.id === slug(part.group));
          if (!row) {
            missingRow(findings, g.file, block100, part.group, w.file.file);
            continue;
          }
          const cell = row.months[g.i];
          if (overlaps(countInterval(cell?.value ?? null), part.value)) continue;
          findings.push({
            severity: "error",
            code: "cross-mismatch",
            file: g.file.file,
            sheet: g.file.sheet,
            ...(cell ? { cell: cell.cell } : { cell: block100.total.cell }),
            message: `«${part.group}» for ${block100.hovedgruppe.short} i ${periodLabel(period)} er ${showCell(cell?.value ?? null)}, men i «${shorten(w.file.file)}» er ${part.where} ${showInterval(part.value)}.`,
          });
        }
      }
    }
  }
}

/** TILT100 without a group row another file has «I alt» for: said once per file and group, not checked. */
function missingRow(findings: Finding[], file: TiltFile, block: TiltBlock, group: string, other: string): void {
  const message = `TILT100 har ingen rad «${group}» i blokken «${block.label}», så den kan ikke kontrolleres mot «${shorten(other)}».`;
  if (findings.some((f) => f.message === message)) return;
  findings.push({ severity: "warning", code: "missing-row", file: file.file, sheet: file.sheet, cell: block.total.cell, message });
}

const none = (antall: Count): Figures => ({ antall, endring: null, prosent: null });

function periodData(period: string, winners: Winners, dims: Dims): PeriodData {
  const total: Record<HgKey, Figures> = {};
  const groups: Record<string, Record<HgKey, Figures>> = {};
  const tiltak: Record<string, Record<HgKey, Count>> = {};
  const g100 = winners.get(GROUPS_CODE)?.get(period);
  for (const [code, byPeriod] of winners) {
    const w = byPeriod.get(period);
    if (!w) continue;
    for (const block of w.file.blocks) {
      const hg = dims.hg(block.hovedgruppe);
      total[hg] ??= none(NOT_AVAILABLE);
      if (code === GROUPS_CODE) {
        total[hg] = none(block.total.months[w.i]!.value);
        for (const r of block.rows) (groups[r.id] ??= {})[hg] = none(r.months[w.i]!.value);
        block.rows.forEach((r) => dims.group(r.id, r.label));
        continue;
      }
      // Without TILT100 for the month, a group's figure is its own file's «I alt» (not TILT180's, whose scope varies).
      if (!g100 && code !== 180) (groups[slug(GROUP_OF_CODE[code]!)] ??= {})[hg] = none(block.total.months[w.i]!.value);
      for (const r of block.rows) {
        (tiltak[r.id] ??= {})[hg] = r.months[w.i]!.value;
        dims.group(r.group, isTilretteleggingRow(r) ? TILRETTELEGGING : GROUP_OF_CODE[code]!);
        dims.tiltak(r.id, r.label, r.group);
      }
    }
    if (code !== GROUPS_CODE) dims.group(slug(GROUP_OF_CODE[code]!), GROUP_OF_CODE[code]!);
  }
  // A tiltak a målgruppe's block does not list has no participants there.
  for (const rec of Object.values(tiltak)) for (const hg of Object.keys(total)) rec[hg] ??= null;
  return { period, label: periodLabel(period), source: "tidsserie", total, groups, tiltak };
}

/** The names met, in the order met (TILT100's group order first). */
class Dims {
  readonly hovedgrupper: Hovedgruppe[] = [];
  readonly tiltaksgrupper: Tiltaksgruppe[] = [];
  readonly tiltakList: Tiltak[] = [];
  hg(h: Hovedgruppe): string {
    if (!this.hovedgrupper.some((x) => x.id === h.id)) this.hovedgrupper.push(h);
    return h.id;
  }
  group(id: string, name: string): void {
    if (!this.tiltaksgrupper.some((x) => x.id === id)) this.tiltaksgrupper.push({ id, name });
  }
  tiltak(id: string, name: string, group: string): void {
    if (!this.tiltakList.some((x) => x.id === id)) this.tiltakList.push({ id, name, group });
  }
}

function seriesOf(files: readonly TiltFile[]): SeriesTable[] {
  const newest = new Map<string, TiltFile>();
  for (const f of [...files].sort(newer)) if (!newest.has(`${f.code}-${f.year}`)) newest.set(`${f.code}-${f.year}`, f);
  return [...newest.values()]
    .sort((a, b) => a.year - b.year || a.code - b.code)
    .map((f) => ({
      file: f.file,
      sheet: f.sheet,
      code: f.code,
      year: f.year,
      periods: f.months.map((m) => `${f.year}-${pad(m)}`),
      ...(f.totalScope ? { totalScope: f.totalScope } : {}),
      blocks: f.blocks.map((b: TiltBlock) => ({
        hovedgruppe: b.hovedgruppe.id,
        label: b.label,
        rows: [
          { label: b.label, id: null, kind: "total" as const, average: b.total.average, months: b.total.months },
          ...b.rows.map((r) => ({
            label: r.label,
            id: r.id,
            kind: f.code === GROUPS_CODE ? ("group" as const) : ("tiltak" as const),
            average: r.average,
            months: r.months,
          })),
        ],
      })),
    }));
}

export interface MergedSeries {
  periods: PeriodData[];
  hovedgrupper: Hovedgruppe[];
  tiltaksgrupper: Tiltaksgruppe[];
  tiltak: Tiltak[];
  series: SeriesTable[];
}

/** Merges audited files; pushes the cross-file findings (errors and the «newer file» notes). */
export function mergeFiles(files: readonly TiltFile[], findings: Finding[]): MergedSeries {
  const winners = chooseWinners(files, findings);
  crossCheck(winners, findings);
  const dims = new Dims();
  // TILT100 first, so its group order is the dataset's.
  const ordered: Winners = new Map([...winners].sort(([a], [b]) => a - b));
  const periods = [...new Set([...winners.values()].flatMap((m) => [...m.keys()]))].sort();
  return {
    periods: periods.map((p) => periodData(p, ordered, dims)),
    hovedgrupper: dims.hovedgrupper,
    tiltaksgrupper: dims.tiltaksgrupper,
    tiltak: dims.tiltakList,
    series: seriesOf(files),
  };
}
