// Core data model. Pure data, JSON-serialisable, no Office.js.

/** Marker for a suppressed value ("prikket"): the true value is 1, 2 or 3. */
export const SUPPRESSED = "*" as const;
export type Suppressed = typeof SUPPRESSED;

/**
 * Marker for a cell hidden only to protect suppressed ones (secondary suppression, as in Norwegian
 * official statistics: «Vises ikke av konfidensialitetshensyn»). Its true value is 0 or at least 4:
 * a value from 1 to 3 would have been "*".
 */
export const HIDDEN = ":" as const;
export type Hidden = typeof HIDDEN;

/**
 * Marker for a figure NAV did not publish and that cannot be derived from what it published (SSB's
 * «..», «tallgrunnlag mangler»): e.g. the «I alt» over målgrupper of a month where one målgruppe
 * is «*», or the change from a month a year earlier that no file holds. Never a number, and never a
 * value that lets a «*» be worked out. Its true value is unknown (any count ≥ 0).
 */
export const NOT_AVAILABLE = ".." as const;
export type NotAvailable = typeof NOT_AVAILABLE;

/**
 * One published cell: a number, suppressed ("*", 1–3), hidden (":", 0 or ≥ 4, to protect other
 * cells), not available ("..", not published and not derivable), or none (an empty cell, read as
 * 0). A raw (unsuppressed) dataset holds only numbers and nulls; it must go through protection
 * (core/protect) before anything shows it.
 */
export type Count = number | Suppressed | Hidden | NotAvailable | null;

/** Key for the "I alt" (all hovedgrupper) column. */
export const ALL = "ialt" as const;
export type HgKey = string; // a Hovedgruppe id or ALL

export interface Hovedgruppe {
  id: string; // stable slug, e.g. "arbeidssokere"
  name: string; // as published: "Arbeidssøkere på tiltak"
  short: string; // "Arbeidssøkere"
}

export interface Tiltaksgruppe {
  id: string;
  name: string; // "Avklaringstiltak"
}

export interface Tiltak {
  id: string;
  name: string; // "Arbeidstrening"
  group: string; // Tiltaksgruppe id
}

/** Group-level figures: antall and the change from the same month last year. */
export interface Figures {
  antall: Count;
  endring: Count;
  prosent: Count;
}

export interface PeriodData {
  period: string; // "2016-11"
  label: string; // "November 2016"
  /**
   * Where the month comes from: absent for a one-month text publication; "tidsserie" for NAV's
   * time-series workbooks, whose «I alt» over målgrupper and change from last year are derived
   * (core/tilt/derive.ts) where every part is a number, else «..».
   */
  source?: "tidsserie";
  /** Grand total ("I alt") per hovedgruppe key (ALL included). */
  total: Record<HgKey, Figures>;
  /** Per tiltaksgruppe id, per hovedgruppe key (ALL included). */
  groups: Record<string, Record<HgKey, Figures>>;
  /** Per tiltak id, per hovedgruppe key (ALL included). Counts only: changes are published per group. */
  tiltak: Record<string, Record<HgKey, Count>>;
  /**
   * Tiltak that belong to another tiltaksgruppe this month than Dataset.tiltak says (NAV moves
   * tiltak between groups over the years): tiltak id → tiltaksgruppe id. Read through tiltakGroup().
   */
  tiltakGroups?: Record<string, string>;
}

/** The tiltaksgruppe a tiltak belongs to in one month. */
export function tiltakGroup(p: PeriodData, t: Tiltak): string {
  return p.tiltakGroups?.[t.id] ?? t.group;
}

export interface Dataset {
  title: string; // "Deltakere i arbeidsrettede tiltak. Tiltak. En måned"
  /** The "Om tabellene" notes, paragraph by paragraph, as published (markdown escapes removed). */
  notes: string[];
  /** In the order of the "Hovedgrupper" table. */
  hovedgrupper: Hovedgruppe[];
  /** Hovedgruppe ids in the column order of the cross tables (published alphabetically). */
  crossOrder: string[];
  /** In published order. */
  tiltaksgrupper: Tiltaksgruppe[];
  /** In published order (grouped by tiltaksgruppe). */
  tiltak: Tiltak[];
  /** Sorted by period, oldest first. */
  periods: PeriodData[];
  /**
   * The time-series tables as NAV lays them out (one per TILT code and year, from the newest file
   * for that year), with the year-to-date averages, for the disclosure audit and NAV-shaped sheets.
   * Absent when the dataset has no time-series workbook.
   */
  series?: SeriesTable[];
}

/** A cell of a time-series table, with where it stands in its workbook (for findings). */
export interface SeriesCell {
  value: Count;
  /** A1 reference on the workbook's data sheet, e.g. "E7". */
  cell: string;
}

export interface SeriesRow {
  label: string;
  /** Tiltaksgruppe id (TILT100 rows) or tiltak id; null for the block's «I alt» row. */
  id: string | null;
  kind: "total" | "group" | "tiltak";
  /** «Gjennomsnitt hittil i år»: NAV's average of the months (rounding rule unknown). */
  average: SeriesCell;
  /** One per month of the table, in its order. */
  months: SeriesCell[];
}

export interface SeriesBlock {
  /** Hovedgruppe id. */
  hovedgruppe: string;
  /** The «I alt …» label as published. */
  label: string;
  /** The «I alt» row first, then the rows in published order. */
  rows: SeriesRow[];
}

export interface SeriesTable {
  file: string;
  sheet: string;
  /** TILT code, e.g. 130. */
  code: number;
  year: number;
  /** The periods of the month columns ("2026-01" …), in order. */
  periods: string[];
  blocks: SeriesBlock[];
  /**
   * TILT180 only: whether its «I alt» counts Tilrettelegging's three tiltak ("with"), not ("without"),
   * or the figures do not tell ("either").
   */
  totalScope?: "with" | "without" | "either";
}
