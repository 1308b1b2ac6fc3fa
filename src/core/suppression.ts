// The one suppression rule (Statistikkloven § 2-6), applied on every way out: sheets, pivot
// ranges, custom functions and the CLI all read figures through these functions, and take the
// symbols and their explanations from here.
//
// Two symbols, as in Norwegian official statistics:
// - "*" (SUPPRESSED): a count from 1 to 3 (NAV's footnote), or a change whose last year's count was.
// - ":" (HIDDEN): a cell hidden only so that no "*" can be worked out from the totals (secondary
//   suppression, see core/protect). Its value is 0 or at least 4.

import { HIDDEN, NOT_AVAILABLE, SUPPRESSED, type Count, type Dataset, type Figures, type NotAvailable } from "./types.js";

export { HIDDEN, NOT_AVAILABLE, SUPPRESSED };

/** Counts from 1 to 3 are replaced by "*". */
export const SUPPRESS_MAX = 3;

/** The explanation of ":" for the «Om tabellene» note and every sheet's note. */
export const HIDDEN_NOTE =
  "«:» betyr at tallet vises ikke av konfidensialitetshensyn: cellen er skjult for at ingen «*» skal kunne regnes ut fra summene (sekundær prikking). Tallet er 0 eller minst 4.";

export function isSmall(n: number): boolean {
  return n >= 1 && n <= SUPPRESS_MAX;
}

/** "*" or ":": a cell whose value is not shown. */
export function isWithheld(c: Count | string | undefined): c is typeof SUPPRESSED | typeof HIDDEN {
  return c === SUPPRESSED || c === HIDDEN;
}

/** ".." (not published, not derivable): shown as the symbol, never as a number. */
export function isNotAvailable(c: Count | string | undefined): c is NotAvailable {
  return c === NOT_AVAILABLE;
}

/** "*", ":" or "..": a cell shown as a symbol, not as a number. */
export function isSymbol(c: Count | string | undefined): c is typeof SUPPRESSED | typeof HIDDEN | NotAvailable {
  return isWithheld(c) || isNotAvailable(c);
}

/** The explanation of «..» for the notes of a dataset that has such cells. */
export const NOT_AVAILABLE_NOTE =
  "«..» betyr at tallgrunnlag mangler: tallet er ikke publisert og kan ikke regnes ut av det som er publisert.";

/** A count as it may be shown: 1–3 become "*"; an already suppressed or hidden cell stays so. */
export function suppressCount(c: Count): Count {
  return typeof c === "number" && isSmall(c) ? SUPPRESSED : c;
}

/**
 * Group-level figures as they may be shown. The change (and its percent) is suppressed when it
 * would reveal a small count: when this year's count is 1–3, or last year's (antall − endring)
 * is — the publication's secondary rule (see Andre / Jobbskaping og egenetablering). A hidden
 * («:») count hides its change and percent too (with antall and percent a reader would get the
 * count back), and a hidden change hides its percent.
 */
export function suppressFigures(f: Figures): Figures {
  const antall = suppressCount(f.antall);
  const withheld = (symbol: typeof SUPPRESSED | typeof HIDDEN): Figures => ({
    antall,
    endring: f.endring === null ? null : symbol,
    prosent: f.prosent === null ? null : symbol,
  });
  if (f.endring === SUPPRESSED || antall === SUPPRESSED) return withheld(SUPPRESSED);
  if (f.endring === HIDDEN || antall === HIDDEN) return withheld(HIDDEN);
  // A change of a count that is not available cannot be available either.
  if (f.endring === NOT_AVAILABLE || antall === NOT_AVAILABLE) {
    return { antall, endring: f.endring === null ? null : NOT_AVAILABLE, prosent: f.prosent === null ? null : NOT_AVAILABLE };
  }
  if (typeof f.endring === "number") {
    const lastYear = (typeof f.antall === "number" ? f.antall : 0) - f.endring;
    if (isSmall(lastYear)) return { antall, endring: SUPPRESSED, prosent: SUPPRESSED };
  }
  return { antall, endring: f.endring, prosent: f.prosent };
}

/** Does any period of the dataset show this symbol in a count or a change? */
function hasSymbol(ds: Dataset, symbol: typeof HIDDEN | typeof NOT_AVAILABLE): boolean {
  return ds.periods.some(
    (p) =>
      Object.values(p.tiltak).some((r) => Object.values(r).includes(symbol)) ||
      [...Object.values(p.groups), p.total].some((r) => Object.values(r).some((f) => f.antall === symbol || f.endring === symbol)),
  );
}

/** Does any period of the dataset hide a cell with ":"? */
export const hasHidden = (ds: Dataset): boolean => hasSymbol(ds, HIDDEN);

/** The dataset's notes, with the explanations of ":" and ".." added where such cells exist and no note explains them. */
export function notesWithSymbols(ds: Dataset): string[] {
  const notes = [...ds.notes];
  if (hasHidden(ds) && !notes.some((n) => n.includes("«:»"))) notes.push(HIDDEN_NOTE);
  if (hasSymbol(ds, NOT_AVAILABLE) && !notes.some((n) => n.includes("«..»"))) notes.push(NOT_AVAILABLE_NOTE);
  return notes.length === ds.notes.length ? ds.notes : notes;
}
