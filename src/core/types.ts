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
 * One published cell: a number, suppressed ("*", 1–3), hidden (":", 0 or ≥ 4, to protect other
 * cells), or none (an empty cell, read as 0). A raw (unsuppressed) dataset holds only numbers and
 * nulls; it must go through protection (core/protect) before anything shows it.
 */
export type Count = number | Suppressed | Hidden | null;

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
  /** Grand total ("I alt") per hovedgruppe key (ALL included). */
  total: Record<HgKey, Figures>;
  /** Per tiltaksgruppe id, per hovedgruppe key (ALL included). */
  groups: Record<string, Record<HgKey, Figures>>;
  /** Per tiltak id, per hovedgruppe key (ALL included). Counts only: changes are published per group. */
  tiltak: Record<string, Record<HgKey, Count>>;
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
}
