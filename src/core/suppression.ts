// The one suppression rule (Statistikkloven § 2-6), applied on every way out: sheets, pivot
// ranges, custom functions and the CLI all read figures through these functions, so a dataset of
// raw counts can never leak a 1, 2 or 3.

import { SUPPRESSED, type Count, type Figures } from "./types.js";

/** Counts from 1 to 3 are replaced by "*". */
export const SUPPRESS_MAX = 3;

export function isSmall(n: number): boolean {
  return n >= 1 && n <= SUPPRESS_MAX;
}

/** A count as it may be shown: 1–3 become "*"; an already suppressed cell stays so. */
export function suppressCount(c: Count): Count {
  return typeof c === "number" && isSmall(c) ? SUPPRESSED : c;
}

/**
 * Group-level figures as they may be shown. The change (and its percent) is suppressed when it
 * would reveal a small count: when this year's count is 1–3, or last year's (antall − endring)
 * is — the publication's secondary rule (see Andre / Jobbskaping og egenetablering).
 */
export function suppressFigures(f: Figures): Figures {
  const antall = suppressCount(f.antall);
  if (f.endring === SUPPRESSED || antall === SUPPRESSED) {
    return { antall, endring: f.endring === null ? null : SUPPRESSED, prosent: f.prosent === null ? null : SUPPRESSED };
  }
  if (typeof f.endring === "number") {
    const lastYear = (typeof f.antall === "number" ? f.antall : 0) - f.endring;
    if (isSmall(lastYear)) return { antall, endring: SUPPRESSED, prosent: SUPPRESSED };
  }
  return { antall, endring: f.endring, prosent: f.prosent };
}
