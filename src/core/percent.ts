// Percent change as NAV publishes it, in a module of its own so the layouts, the audit and the
// derived changes use it without loading the importers (dataset.ts pulls in the file readers).

/** Percent change as NAV publishes it: round(endring / last year × 100); null when last year was 0. */
export function percentChange(antall: number, endring: number): number | null {
  const lastYear = antall - endring;
  if (lastYear <= 0) return null;
  const exact = (endring / lastYear) * 100;
  // Round half away from zero, like Excel's ROUND.
  const r = Math.sign(exact) * Math.round(Math.abs(exact));
  return Object.is(r, -0) ? 0 : r;
}
