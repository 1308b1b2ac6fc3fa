// Pivot-ready long-format tables (one fact per row, no subtotal rows), built from the Dataset
// through the same suppression rule as the sheets. Rows are ordered hovedgruppe first so each
// hovedgruppe is one contiguous block that a workbook name can point at.

import { tiltakGroup, type Count, type Dataset, type Hovedgruppe, type PeriodData } from "./types.js";
import { isSymbol, isWithheld, suppressCount, suppressFigures } from "./suppression.js";
import { FORMAT_COUNT, FORMAT_GENERAL, FORMAT_PERCENT, FORMAT_TEXT, type CellValue } from "./layout.js";

export const YES = "Ja";
export const NO = "Nei";

export interface HovedgruppeSpan {
  id: string;
  name: string;
  short: string;
  /** First data row (0-based, header excluded) and number of rows. */
  first: number;
  count: number;
}

export interface LongTable {
  /** Excel table name (valid identifier). */
  name: string;
  columns: string[];
  rows: CellValue[][];
  /** One number format per column. */
  numberFormats: string[];
  spans: HovedgruppeSpan[];
}

function countCell(c: Count): CellValue {
  // Suppressed ("*") or hidden (":") → empty Antall (and Prikket = Ja), so sums in a PivotTable
  // stay honest lower bounds.
  // «..» (not available) is no number either: empty, like a withheld cell.
  return isSymbol(c) || c === null ? null : c;
}

/** Rows for every hovedgruppe (outer) and period, with each hovedgruppe's contiguous span. */
function byHovedgruppe(
  ds: Dataset,
  rowsOf: (h: Hovedgruppe, p: PeriodData) => CellValue[][],
): { rows: CellValue[][]; spans: HovedgruppeSpan[] } {
  const rows: CellValue[][] = [];
  const spans: HovedgruppeSpan[] = [];
  for (const h of ds.hovedgrupper) {
    const first = rows.length;
    for (const p of ds.periods) rows.push(...rowsOf(h, p));
    spans.push({ id: h.id, name: h.name, short: h.short, first, count: rows.length - first });
  }
  return { rows, spans };
}

/**
 * Participants per period × hovedgruppe × tiltaksgruppe × tiltak. Cells with no published value
 * (and a published 0, which is none as well) are left out, so a PivotTable sum of 0 over this table
 * is made of suppressed cells only (the writer's pivot number format relies on it).
 */
export function tiltakLongTable(ds: Dataset): LongTable {
  const { rows, spans } = byHovedgruppe(ds, (h, p) =>
    ds.tiltaksgrupper.flatMap((g) =>
      ds.tiltak.flatMap((t) => {
        if (tiltakGroup(p, t) !== g.id) return [];
        const c = suppressCount(p.tiltak[t.id]?.[h.id] ?? null);
        return c === null || c === 0 ? [] : [[p.period, h.name, g.name, t.name, countCell(c), isWithheld(c) ? YES : NO]];
      }),
    ),
  );
  return {
    name: "NavTiltak",
    columns: ["Periode", "Hovedgruppe", "Tiltaksgruppe", "Tiltak", "Antall", "Prikket"],
    rows,
    numberFormats: [FORMAT_TEXT, FORMAT_GENERAL, FORMAT_GENERAL, FORMAT_GENERAL, FORMAT_COUNT, FORMAT_GENERAL],
    spans,
  };
}

/** Group-level counts and changes from last year per period × hovedgruppe × tiltaksgruppe. */
export function changeLongTable(ds: Dataset): LongTable {
  const { rows, spans } = byHovedgruppe(ds, (h, p) =>
    ds.tiltaksgrupper.flatMap((g) => {
      const raw = p.groups[g.id]?.[h.id];
      if (!raw || (raw.antall === null && raw.endring === null)) return [];
      const f = suppressFigures(raw);
      // Two flags: a group can have its change withheld while its count is published, or has
      // no count at all (Andre / Jobbskaping og egenetablering: no count, change «*»). Withheld is
      // «*» (1–3) or «:» (hidden to protect other cells).
      const changeWithheld = isWithheld(f.endring) || isWithheld(f.prosent);
      return [
        [
          p.period,
          h.name,
          g.name,
          countCell(f.antall),
          countCell(f.endring),
          countCell(f.prosent),
          isWithheld(f.antall) ? YES : NO,
          changeWithheld ? YES : NO,
        ],
      ];
    }),
  );
  return {
    name: "NavTiltaksgruppeEndring",
    columns: ["Periode", "Hovedgruppe", "Tiltaksgruppe", "Antall", "Endring", "Endring prosent", "Antall prikket", "Endring prikket"],
    rows,
    numberFormats: [
      FORMAT_TEXT,
      FORMAT_GENERAL,
      FORMAT_GENERAL,
      FORMAT_COUNT,
      FORMAT_COUNT,
      FORMAT_PERCENT,
      FORMAT_GENERAL,
      FORMAT_GENERAL,
    ],
    spans,
  };
}
