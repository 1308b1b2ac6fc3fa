// The consistency audit of the time-series workbooks, as strong as the text publication's: each
// block's «I alt» is the sum of its rows in every month (exact without «*», a range with), every
// «Gjennomsnitt hittil i år» lies within 0.5 of the mean of its months (NAV's rounding rule is not
// known), and TILT180's «I alt» either counts Tilrettelegging's three tiltak or not (which one held
// is said in a «Merk»). Across files (merge.ts): TILT100's group rows = the other files' «I alt».

import { interval, overlaps, point, sumOf, type Interval } from "../interval.js";
import { formatDecimal, formatInteger, periodLabel } from "../text.js";
import { NOT_AVAILABLE, SUPPRESSED, type Count } from "../types.js";
import { TILRETTELEGGING } from "./tilt-names.js";
import type { FileFindings, TiltBlock, TiltCell, TiltFile, TiltRow } from "./read-blocks.js";
import { slug } from "../text.js";

/** «*» is 1–3, empty is 0, «..» any count. */
export function countInterval(c: Count): Interval {
  if (c === null) return point(0);
  if (c === SUPPRESSED) return interval(1, 3);
  if (c === NOT_AVAILABLE || typeof c !== "number") return interval(0, Infinity);
  return point(c);
}

export function showInterval({ lo, hi }: Interval): string {
  if (hi === Infinity) return `minst ${formatInteger(lo)}`;
  return lo === hi ? formatInteger(lo) : `mellom ${formatInteger(lo)} og ${formatInteger(hi)}`;
}

export const showCell = (c: Count): string => (c === null ? "tom" : typeof c === "number" ? formatInteger(c) : `«${c}»`);

export const monthName = (file: TiltFile, i: number): string => periodLabel(periodOf(file, i));
export const periodOf = (file: TiltFile, i: number): string => `${file.year}-${String(file.months[i]).padStart(2, "0")}`;

export const isTilretteleggingRow = (r: TiltRow): boolean => r.group === slug(TILRETTELEGGING);

/** Which rows TILT180's «I alt» counts: "with" Tilrettelegging's tiltak, "without", or "either" (both add up). */
export type TotalScope = "with" | "without" | "either";

function blockSums(file: TiltFile, block: TiltBlock, out: FileFindings): { with: boolean; without: boolean } {
  const held = { with: true, without: true };
  file.months.forEach((_, i) => {
    const total = block.total.months[i]!;
    const t = countInterval(total.value);
    const all = sumOf(block.rows.map((r) => countInterval(r.months[i]!.value)));
    const own = sumOf(block.rows.filter((r) => !isTilretteleggingRow(r)).map((r) => countInterval(r.months[i]!.value)));
    const okAll = overlaps(t, all);
    const okOwn = file.code === 180 && overlaps(t, own);
    held.with &&= okAll;
    held.without &&= okOwn;
    if (okAll || okOwn) return;
    const alt = file.code === 180 ? ` (uten Tilretteleggings tiltak: ${showInterval(own)})` : "";
    out.error(
      "sum-mismatch",
      `«${block.label}» i ${monthName(file, i)} er ${showCell(total.value)}, men radene under summerer til ${showInterval(all)}${alt}.`,
      total.cell,
    );
  });
  return held;
}

/** Does a published average fit the months (within 0.5 of their mean, over all months or the non-empty ones)? */
function averageFits(avg: Count, months: readonly TiltCell[]): boolean {
  if (avg === NOT_AVAILABLE) return true;
  const a = countInterval(avg);
  const s = sumOf(months.map((m) => countInterval(m.value)));
  const eps = 1e-9;
  const fits = (k: number) => k > 0 && overlaps(interval(k * (a.lo - 0.5) - eps, k * (a.hi + 0.5) + eps), s);
  const nonEmpty = months.filter((m) => m.value !== null).length;
  if (avg === null) return s.lo === 0 && s.hi === 0;
  return fits(months.length) || fits(nonEmpty);
}

function averages(file: TiltFile, block: TiltBlock, out: FileFindings): void {
  for (const row of [block.total, ...block.rows]) {
    if (row.average.cell === "" || averageFits(row.average.value, row.months)) continue;
    const s = sumOf(row.months.map((m) => countInterval(m.value)));
    const k = row.months.length;
    // Decimals shown: a mean of 16 124,67 against a published 16 125,3 must not read «16 125 vs 16 125».
    const mean = s.lo === s.hi ? formatDecimal(s.lo / k) : `mellom ${formatDecimal(s.lo / k)} og ${formatDecimal(s.hi / k)}`;
    const published = typeof row.average.value === "number" ? formatDecimal(row.average.value) : showCell(row.average.value);
    out.error(
      "average-mismatch",
      `«Gjennomsnitt hittil i år» for «${row.label}» er ${published}, men gjennomsnittet av de ${k} månedene er ${mean} (avvik over 0,5).`,
      row.average.cell,
    );
  }
}

/** Audits one file on its own; returns TILT180's «I alt» scope (undefined for other codes). */
export function checkFile(file: TiltFile, out: FileFindings): TotalScope | undefined {
  const held = { with: true, without: true };
  for (const block of file.blocks) {
    const h = blockSums(file, block, out);
    held.with &&= h.with;
    held.without &&= h.without;
    averages(file, block, out);
  }
  if (file.code !== 180 || out.failed) return undefined;
  const scope: TotalScope = held.with && held.without ? "either" : held.with ? "with" : held.without ? "without" : "either";
  const text: Record<TotalScope, string> = {
    with: "«I alt» i TILT180 omfatter Tilretteleggings tiltak (Funksjonsassistanse, Inkluderingstilskudd, Tilskudd til ekspertbistand): summene går opp bare slik.",
    without:
      "«I alt» i TILT180 omfatter ikke Tilretteleggings tiltak (Funksjonsassistanse, Inkluderingstilskudd, Tilskudd til ekspertbistand): summene går opp bare slik. De tre regnes til tiltaksgruppen Tilrettelegging.",
    either:
      "Det kan ikke avgjøres om «I alt» i TILT180 omfatter Tilretteleggings tiltak: summene går opp begge veier (eller ulikt mellom målgruppene).",
  };
  out.add("warning", "total-scope", text[scope]);
  return scope;
}
